"""GET /api/v1/congresses: the caller's congress and those below it, nothing beside or above."""

import pytest

from renda.accounts.tests.test_api_token import bearer
from renda.org.models import Congress, Level

pytestmark = pytest.mark.django_db


def get(client, user, url: str):
    return client.get(url, headers={**bearer(user), "Accept-Language": "en"})


def add_counties(parent: Congress, count: int) -> None:
    Congress.objects.bulk_create(
        Congress(
            name=f"县{n}人民代表大会",
            short_name=f"县{n}人大",
            code=f"{parent.code}-c{n}",
            level=Level.COUNTY,
            parent=parent,
            region=f"县{n}",
        )
        for n in range(count)
    )


@pytest.mark.parametrize("role", ["staff", "leader", "deputy", "handler", "station"])
def test_a_city_user_sees_the_city_and_its_counties(client, cast, org, congress, role):
    response = get(client, cast[role], "/api/v1/congresses")

    assert response.status_code == 200
    assert {c["code"] for c in response.json()["items"]} == {"jz", "jz-yc"}


def test_the_parent_and_sibling_congresses_are_not_listed_nor_shown(client, cast, congress):
    staff = cast["staff"]

    listed = {c["id"] for c in get(client, staff, "/api/v1/congresses").json()["items"]}

    assert congress.parent_id not in listed
    assert get(client, staff, f"/api/v1/congresses/{congress.parent_id}").status_code == 404
    other = cast["stranger"].congress_id
    assert get(client, staff, f"/api/v1/congresses/{other}").status_code == 404


def test_a_county_user_does_not_see_the_city(client, cast, org, django_user_model):
    county_staff = django_user_model.objects.create_user(
        "county", password="x" * 12, congress=org["county"], role="staff"
    )

    items = get(client, county_staff, "/api/v1/congresses").json()["items"]

    assert [c["code"] for c in items] == ["jz-yc"]


def test_detail_names_parent_and_children(client, cast, org, congress):
    body = get(client, cast["staff"], f"/api/v1/congresses/{congress.pk}").json()

    assert body["level"] == "city"
    assert body["level_label"] == "City"
    assert body["parent"]["id"] == congress.parent_id
    assert body["children"] == [{"id": org["county"].pk, "name": "榆次区人民代表大会"}]


def test_anonymous_gets_401(client, congress):
    assert client.get("/api/v1/congresses").status_code == 401
    assert client.get(f"/api/v1/congresses/{congress.pk}").status_code == 401


def test_unknown_congress_is_404_json(client, cast):
    response = get(client, cast["staff"], "/api/v1/congresses/123456789")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_list_query_count_does_not_grow_with_rows(
    client, cast, org, congress, django_assert_max_num_queries
):
    headers = bearer(cast["staff"])
    with django_assert_max_num_queries(6):
        few = client.get("/api/v1/congresses", headers=headers)
    add_counties(congress, 40)
    add_counties(org["county"], 40)  # townships, two levels down
    with django_assert_max_num_queries(6):
        many = client.get("/api/v1/congresses?page_size=200", headers=headers)

    assert few.json()["count"] == 2
    assert many.json()["count"] == 82
