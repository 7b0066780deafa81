"""The API never answers bad input with a 500: every error is JSON {"detail": ...} in the
caller's language."""

import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renda.accounts.tests.test_api_token import bearer
from renda.api import api

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/congresses",
    "/api/v1/units",
    "/api/v1/stations",
    "/api/v1/contact-points",
    "/api/v1/collection-points",
    "/api/v1/deputies",
    "/api/v1/notifications",
]
DETAILS = [
    "/api/v1/congresses/{}",
    "/api/v1/units/{}",
    "/api/v1/stations/{}",
    "/api/v1/deputies/{}",
]
# Every filter any list takes, for the random test.
PARAMS = [
    "page",
    "page_size",
    "q",
    "kind",
    "area",
    "station",
    "contact_point",
    "delegation",
    "electoral_unit",
    "term",
    "party",
    "gender",
    "status",
    "is_standing_committee_member",
    "unread",
]
GARBAGE = [
    "",
    "-1",
    "0",
    "abc",
    "1.5",
    "9" * 30,
    str(2**63),
    str(-(2**63) - 1),
    "NaN",
    "%00",
    "' OR 1=1 --",
    "x" * 500,
    "中文",
    "true",
    "null",
]


def assert_json_4xx_or_ok(response) -> None:
    assert response.status_code < 500, response.content
    assert response["Content-Type"].startswith("application/json")
    if response.status_code >= 400:
        assert response.json()["detail"]


@functools.cache
def openapi_paths() -> dict:
    return api.get_openapi_schema()["paths"]


def query_parameters(url: str) -> list[str]:
    """The query parameters the OpenAPI document gives for GET `url`."""
    operation = openapi_paths()[url]["get"]
    return [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]


def test_every_filter_is_known_to_these_tests():
    documented = {name for url in LISTS for name in query_parameters(url)}

    assert documented <= set(PARAMS)


@pytest.mark.parametrize("url", LISTS)
def test_garbage_in_any_documented_parameter_never_breaks_a_list(client, cast, url):
    headers = bearer(cast["staff"])
    for param in query_parameters(url):
        for value in GARBAGE:
            response = client.get(url, {param: value}, headers=headers)
            assert_json_4xx_or_ok(response)


@pytest.mark.parametrize("url", DETAILS)
@pytest.mark.parametrize(
    "pk", ["0", "-1", str(2**63), str(2**64), "9" * 40, "abc", "1.5", "1e3", "%20"]
)
def test_odd_ids_are_4xx_json(client, cast, url, pk):
    response = client.get(url.format(pk), headers=bearer(cast["staff"]))

    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


@pytest.mark.parametrize("url", LISTS)
def test_huge_page_number_is_refused_not_crashed(client, cast, url):
    response = client.get(url, {"page": 10**12}, headers=bearer(cast["staff"]))

    assert response.status_code == 422
    assert response.json()["detail"]


def test_page_past_the_end_is_empty(client, cast):
    # Within MAX_ROWS_PAGED: deeper pages are refused (suggestions/tests/test_history_costs.py).
    response = client.get("/api/v1/units", {"page": 100}, headers=bearer(cast["staff"]))

    assert response.json()["items"] == []


def test_validation_errors_say_which_parameter(client, cast):
    response = client.get(
        "/api/v1/deputies",
        {"gender": "X"},
        headers={**bearer(cast["staff"]), "Accept-Language": "en"},
    )

    body = response.json()
    assert body["detail"] == "The request is not valid."
    assert body["errors"][0]["loc"] == ["query", "gender"]


def test_errors_speak_the_callers_language(client, cast):
    english = client.get(
        "/api/v1/units/0", headers={**bearer(cast["staff"]), "Accept-Language": "en"}
    )
    chinese = client.get(
        "/api/v1/units/0", headers={**bearer(cast["staff"]), "Accept-Language": "zh-hans"}
    )

    assert english.json() == {"detail": "Not found."}
    assert english["Content-Language"] == "en"
    assert chinese["Content-Language"] == "zh-hans"
    assert chinese.json()["detail"]


@pytest.mark.parametrize(
    "path", ["/api/v1/no-such-thing", "/api/v1/deputies/1/nothing", "/api/v1/x/"]
)
def test_unknown_paths_are_json_404_in_the_callers_language(client, cast, path):
    response = client.get(path, headers={**bearer(cast["staff"]), "Accept-Language": "zh-hans"})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"] == "未找到。"


def test_wrong_method_is_refused(client, cast):
    response = client.post("/api/v1/deputies", {}, headers=bearer(cast["staff"]))

    assert response.status_code == 405


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    url=st.sampled_from(LISTS),
    query=st.dictionaries(st.sampled_from(PARAMS), st.text(max_size=30), max_size=4),
)
def test_random_query_strings_never_break_a_list(client, cast, url, query):
    response = client.get(url, query, headers=bearer(cast["handler"]))

    assert_json_4xx_or_ok(response)
