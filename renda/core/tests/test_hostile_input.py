"""No input gives a 500: what an anonymous caller could send to make the server fail is
refused with a 4xx in the caller's language (issue 15). Run on PostgreSQL too, which refuses
NUL characters and over-long values where SQLite takes them."""

from __future__ import annotations

import json

import pytest
from django.utils import translation
from django.utils.translation import gettext

from renda.accounts.tests.test_api_token import bearer

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
TOKEN = "/api/v1/auth/token"
HOSTILE_USERNAMES = ["x" * 300, "staff\x00", "\x00", "a" * 151]


def in_english(message: str) -> str:
    with translation.override("en"):
        return gettext(message)


@pytest.mark.parametrize("username", HOSTILE_USERNAMES)
def test_hostile_user_names_on_the_login_page_are_a_failed_login(client, cast, username):
    r = client.post(LOGIN, {"username": username, "password": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code in (200, 400)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("username", HOSTILE_USERNAMES)
def test_hostile_user_names_on_the_token_endpoint_are_a_4xx_in_json(client, cast, username):
    r = client.post(
        TOKEN,
        {"username": username, "password": "x"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert 400 <= r.status_code < 500, r.content
    assert r.json()["detail"]


def test_a_long_user_agent_on_a_failed_login_is_no_500(client, cast):
    r = client.post(LOGIN, {"username": "staff", "password": "x"}, HTTP_USER_AGENT="u" * 3000)
    assert r.status_code == 200


LISTS_WITH_Q = [
    "/api/v1/suggestions",
    "/api/v1/deputies",
    "/api/v1/units",
    "/api/v1/stations",
]


def test_a_nul_in_a_public_query_is_a_400_in_the_callers_language(client, cast):
    for lang in ("en", "zh-hans"):
        r = client.get("/api/v1/public/suggestions?q=%00", HTTP_ACCEPT_LANGUAGE=lang)
        assert r.status_code == 400
        with translation.override(lang):
            assert r.json()["detail"] == gettext("The request contains a NUL character.")


@pytest.mark.parametrize("url", LISTS_WITH_Q)
def test_a_nul_in_a_query_with_a_token_is_a_400(client, cast, url):
    r = client.get(f"{url}?q=a%00b", headers=bearer(cast["staff"]), HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400
    assert r.json()["detail"] == in_english("The request contains a NUL character.")


def test_a_nul_in_the_credentials_is_a_422(client, cast):
    body = json.dumps({"username": "staff\x00", "password": "x\x00"})
    r = client.post(TOKEN, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 422 and r.json()["detail"]


def test_a_nul_on_a_page_is_a_400_page(client, cast):
    client.force_login(cast["staff"])
    r = client.get("/suggestions/?q=%00", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400
    assert in_english("The request contains a NUL character.") in r.content.decode()


@pytest.mark.parametrize(
    "date", ["2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z", "2024-01-01T25:00:00Z"]
)
def test_an_impossible_open311_date_is_a_400(client, cast, date):
    r = client.get(
        "/open311/v2/requests.json",
        {"jurisdiction_id": "jz", "start_date": date},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert r.status_code == 400
    assert r.json()[0]["description"] == in_english("%(name)s is not a w3c date and time.") % {
        "name": "start_date"
    }


def test_an_api_body_over_the_limit_is_a_413_in_json(client, cast, settings):
    body = json.dumps({"username": "staff", "password": "x" * (3 * 1024 * 1024)})
    r = client.post(TOKEN, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 413
    assert r.json()["detail"] == in_english("The request is too large.")


def test_paging_errors_are_in_the_callers_language(client, cast):
    r = client.get("/api/v1/units?page=0", headers=bearer(cast["staff"]), HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 422
    assert r.json()["errors"][0]["msg"] == in_english("Must be at least {ge}.").format(ge=1)
    with translation.override("zh-hans"):
        expected = gettext("Must be a whole number.")
    r = client.get(
        "/api/v1/units?page=abc", headers=bearer(cast["staff"]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert r.json()["errors"][0]["msg"] == expected
    assert r.json()["errors"][0]["type"] == "int_parsing"


def test_head_on_the_api_answers_like_get_without_a_body(client, cast):
    headers = bearer(cast["staff"])
    get = client.get("/api/v1/units", headers=headers)
    head = client.head("/api/v1/units", headers=headers)
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Type"] == get["Content-Type"]
    assert client.head("/api/v1/units").status_code == 401
