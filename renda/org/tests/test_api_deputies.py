"""GET /api/v1/deputies: scoped to the congress, filtered, paginated, personal data masked."""

import datetime

import pytest

from renda.accounts.tests.test_api_token import bearer
from renda.core.privacy import mask_id_number, mask_phone
from renda.org.models import Deputy, Person

pytestmark = pytest.mark.django_db

ROLES = ["staff", "leader", "deputy", "deputy2", "handler", "station"]
PHONE = "13835412345"  # org["deputy"]'s phone
ID_NUMBER = "140702198001010001"


def get(client, user, url: str):
    return client.get(url, headers={**bearer(user), "Accept-Language": "en"})


def add_deputies(org, count: int, *, party: str = "", **fields) -> None:
    """`count` more deputies at the other station; only the first one has `party`."""
    people = Person.objects.bulk_create(
        Person(
            congress=org["term"].congress,
            name=f"代表{n}",
            gender="M",
            phone=f"1390000{n:04d}",
            party=party if n == 0 else "",
        )
        for n in range(count)
    )
    Deputy.objects.bulk_create(
        Deputy(
            congress=org["term"].congress,
            term=org["term"],
            person=person,
            card_number=f"06{n:04d}",
            electoral_unit=org["electoral_unit"],
            delegation=org["delegation"],
            station=org["other_station"],
            elected_on=datetime.date(2021, 9, 1),
            **fields,
        )
        for n, person in enumerate(people)
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_role_of_the_congress_lists_its_deputies(client, cast, org, role):
    response = get(client, cast[role], "/api/v1/deputies")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert {d["card_number"] for d in body["items"]} == {"050001", "050002"}


def test_anonymous_gets_401(client, cast):
    assert client.get("/api/v1/deputies").status_code == 401
    assert client.get(f"/api/v1/deputies/{cast['deputy'].deputy_id}").status_code == 401


def test_another_congress_sees_none_of_them(client, cast, org):
    response = get(client, cast["stranger"], "/api/v1/deputies")

    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 0}
    detail = get(client, cast["stranger"], f"/api/v1/deputies/{org['deputy'].pk}")
    assert detail.status_code == 404
    assert detail.json() == {"detail": "Not found."}


def test_user_without_a_role_is_refused(client, cast, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x" * 12)

    response = get(client, nobody, "/api/v1/deputies")

    assert response.status_code == 403
    assert response.json()["detail"]


def test_unknown_deputy_is_404_json(client, cast):
    response = get(client, cast["staff"], "/api/v1/deputies/999999")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_detail_shows_the_deputy(client, cast, org):
    response = get(client, cast["staff"], f"/api/v1/deputies/{org['deputy'].pk}")

    body = response.json()
    assert body["name"] == "李秀兰"
    assert body["delegation"] == {"id": org["delegation"].pk, "name": "榆次区代表团"}
    assert body["station"]["id"] == org["station"].pk
    assert body["term"] == 5


# Who sees org["deputy"]'s phone and ID number in full (True) or masked (False).
MASKING = {
    "staff": (True, True),
    "leader": (True, False),
    "deputy": (True, True),  # their own
    "deputy2": (False, False),
    "handler": (False, False),
    "station": (False, False),
}


@pytest.mark.parametrize("role", MASKING)
def test_personal_data_is_masked_by_role(client, cast, org, role):
    full_phone, full_id = MASKING[role]

    detail = get(client, cast[role], f"/api/v1/deputies/{org['deputy'].pk}").json()
    listed = next(
        d
        for d in get(client, cast[role], "/api/v1/deputies").json()["items"]
        if d["id"] == org["deputy"].pk
    )

    for body in (detail, listed):
        assert body["phone"] == (PHONE if full_phone else mask_phone(PHONE))
        assert body["id_number"] == (ID_NUMBER if full_id else mask_id_number(ID_NUMBER))
        assert body["personal_data_masked"] is not full_id
    assert (detail["birth_date"] is None) or full_id


def test_masked_values_do_not_contain_the_middle_digits(client, cast, org):
    body = get(client, cast["handler"], f"/api/v1/deputies/{org['deputy'].pk}").json()

    assert "3541" not in body["phone"]
    assert "19800101" not in body["id_number"]


def test_a_deputy_sees_only_their_own_data_in_full(client, cast, org):
    items = get(client, cast["deputy"], "/api/v1/deputies").json()["items"]
    by_id = {d["id"]: d for d in items}

    assert by_id[org["deputy"].pk]["phone"] == PHONE
    assert by_id[org["deputy2"].pk]["phone"] == mask_phone("13935467890")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=李秀", {"050001"}),
        ("q=050002", {"050002"}),
        ("gender=F", {"050001", "050002"}),
        ("gender=M", set()),
        ("status=ended", set()),
        ("status=active", {"050001", "050002"}),
        ("is_standing_committee_member=true", set()),
        ("is_standing_committee_member=false", {"050001", "050002"}),
        ("term=5", {"050001", "050002"}),
        ("term=4", set()),
        ("station=999999", set()),
    ],
)
def test_filters(client, cast, org, query, expected):
    response = get(client, cast["staff"], f"/api/v1/deputies?{query}")

    assert response.status_code == 200
    assert {d["card_number"] for d in response.json()["items"]} == expected


def test_filter_by_delegation_station_electoral_unit_and_party(client, cast, org):
    add_deputies(org, 3, party="中国共产党")
    staff = cast["staff"]

    by_station = get(client, staff, f"/api/v1/deputies?station={org['station'].pk}").json()
    by_delegation = get(client, staff, f"/api/v1/deputies?delegation={org['delegation'].pk}")
    by_unit = get(client, staff, f"/api/v1/deputies?electoral_unit={org['electoral_unit'].pk}")
    by_party = get(client, staff, "/api/v1/deputies?party=中国共产党").json()

    assert by_station["count"] == 2
    assert by_delegation.json()["count"] == 5
    assert by_unit.json()["count"] == 5
    assert [d["card_number"] for d in by_party["items"]] == ["060000"]


def test_standing_committee_members_filter(client, cast, org):
    add_deputies(org, 2, is_standing_committee_member=True)

    body = get(client, cast["staff"], "/api/v1/deputies?is_standing_committee_member=1").json()

    assert body["count"] == 2
    assert all(d["is_standing_committee_member"] for d in body["items"])


def test_pages(client, cast, org):
    add_deputies(org, 60)
    staff = cast["staff"]

    first = get(client, staff, "/api/v1/deputies").json()
    second = get(client, staff, "/api/v1/deputies?page=2").json()
    small = get(client, staff, "/api/v1/deputies?page=3&page_size=5").json()
    capped = get(client, staff, "/api/v1/deputies?page_size=100000").json()
    beyond = get(client, staff, "/api/v1/deputies?page=50").json()

    assert first["count"] == 62
    assert len(first["items"]) == 50
    assert len(second["items"]) == 12
    assert {d["id"] for d in first["items"]}.isdisjoint({d["id"] for d in second["items"]})
    assert [d["card_number"] for d in small["items"]] == [f"06{n:04d}" for n in range(8, 13)]
    assert len(capped["items"]) == 62
    assert beyond == {"items": [], "count": 62}


@pytest.mark.parametrize("role", ["staff", "handler", "deputy"])
def test_list_query_count_does_not_grow_with_rows(
    client, cast, org, role, django_assert_max_num_queries
):
    headers = bearer(cast[role])
    with django_assert_max_num_queries(6):
        few = client.get("/api/v1/deputies", headers=headers)
    add_deputies(org, 120)
    with django_assert_max_num_queries(6):
        many = client.get("/api/v1/deputies?page_size=200", headers=headers)

    assert len(few.json()["items"]) == 2
    assert len(many.json()["items"]) == 122


def test_detail_query_count_is_small(client, cast, org, django_assert_max_num_queries):
    headers = bearer(cast["deputy"])

    with django_assert_max_num_queries(5):
        response = client.get(f"/api/v1/deputies/{org['deputy'].pk}", headers=headers)

    assert response.status_code == 200
