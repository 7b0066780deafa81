"""GET /api/v1/units: the congress's handling units, filtered by kind and name."""

import pytest

from renda.accounts.tests.test_api_token import bearer
from renda.org.models import HandlingUnit

pytestmark = pytest.mark.django_db


def get(client, user, url: str):
    return client.get(url, headers={**bearer(user), "Accept-Language": "en"})


def add_units(congress, count: int, kind: str = "department") -> None:
    HandlingUnit.objects.bulk_create(
        HandlingUnit(congress=congress, name=f"单位{kind}{n}", kind=kind) for n in range(count)
    )


@pytest.mark.parametrize("role", ["staff", "leader", "deputy", "handler", "station"])
def test_every_role_lists_the_units(client, cast, org, role):
    response = get(client, cast[role], "/api/v1/units")

    assert response.status_code == 200
    assert {u["name"] for u in response.json()["items"]} == {"晋中市交通运输局", "晋中市教育局"}


def test_anonymous_gets_401(client, org):
    assert client.get("/api/v1/units").status_code == 401
    assert client.get(f"/api/v1/units/{org['unit'].pk}").status_code == 401


def test_another_congress_neither_lists_nor_reads_them(client, cast, org):
    stranger = cast["stranger"]

    assert get(client, stranger, "/api/v1/units").json() == {"items": [], "count": 0}
    assert get(client, stranger, f"/api/v1/units/{org['unit'].pk}").status_code == 404


def test_detail_counts_active_officers(client, cast, org, django_user_model):
    django_user_model.objects.create_user(
        "retired",
        congress=cast["handler"].congress,
        role="handler",
        unit=org["unit"],
        is_active=False,
    )

    body = get(client, cast["handler"], f"/api/v1/units/{org['unit'].pk}").json()

    assert body["name"] == "晋中市交通运输局"
    assert body["kind"] == "department"
    assert body["kind_label"] == "Government department"
    assert body["officer_count"] == 1


def test_filter_by_kind_and_name(client, cast, org, congress):
    HandlingUnit.objects.create(congress=congress, name="晋中市中级人民法院", kind="court")
    staff = cast["staff"]

    courts = get(client, staff, "/api/v1/units?kind=court").json()
    named = get(client, staff, "/api/v1/units?q=教育").json()

    assert [u["name"] for u in courts["items"]] == ["晋中市中级人民法院"]
    assert [u["name"] for u in named["items"]] == ["晋中市教育局"]


@pytest.mark.parametrize("query", ["kind=bakery", "q=", f"q={'x' * 101}", "page=0", "page=abc"])
def test_bad_filters_are_422_json(client, cast, query):
    response = get(client, cast["staff"], f"/api/v1/units?{query}")

    assert response.status_code == 422
    assert response.json()["detail"] == "The request is not valid."


def test_unknown_unit_is_404_json(client, cast):
    response = get(client, cast["staff"], "/api/v1/units/424242")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_list_query_count_does_not_grow_with_rows(
    client, cast, congress, django_assert_max_num_queries
):
    headers = bearer(cast["staff"])
    with django_assert_max_num_queries(6):
        few = client.get("/api/v1/units", headers=headers)
    add_units(congress, 150)
    with django_assert_max_num_queries(6):
        many = client.get("/api/v1/units?page_size=200", headers=headers)

    assert few.json()["count"] == 2
    assert len(many.json()["items"]) == 152
