"""GET /api/v1/stations, /contact-points and /collection-points: the congress's grassroots
network (代表联络站, 基层立法联系点, 信息采集点)."""

import datetime

import pytest

from renda.accounts.tests.test_api_token import bearer
from renda.org.models import CollectionPoint, ContactStation, LegislativeContactPoint

pytestmark = pytest.mark.django_db

DAY = datetime.date(2020, 1, 1)


def get(client, user, url: str):
    return client.get(url, headers={**bearer(user), "Accept-Language": "en"})


@pytest.fixture
def points(org, congress):
    """A contact point merged with org["station"], with two collection points."""
    point = LegislativeContactPoint.objects.create(
        congress=congress,
        name="锦纶街道基层立法联系点",
        station=org["station"],
        area=org["county"],
        established_on=DAY,
    )
    CollectionPoint.objects.bulk_create(
        CollectionPoint(congress=congress, contact_point=point, name=name, established_on=DAY)
        for name in ("锦纶社区采集点", "顺城社区采集点")
    )
    return point


def add_network(congress, org, count: int) -> None:
    """`count` stations, each with one contact point and two collection points."""
    stations = ContactStation.objects.bulk_create(
        ContactStation(congress=congress, name=f"站{n}", area=org["county"], established_on=DAY)
        for n in range(count)
    )
    contact_points = LegislativeContactPoint.objects.bulk_create(
        LegislativeContactPoint(
            congress=congress, name=f"点{n}", station=s, area=org["county"], established_on=DAY
        )
        for n, s in enumerate(stations)
    )
    CollectionPoint.objects.bulk_create(
        CollectionPoint(
            congress=congress, contact_point=p, name=f"采{p.name}{k}", established_on=DAY
        )
        for p in contact_points
        for k in range(2)
    )


@pytest.mark.parametrize("role", ["staff", "leader", "deputy", "handler", "station"])
def test_every_role_lists_the_stations(client, cast, org, role):
    response = get(client, cast[role], "/api/v1/stations")

    assert response.status_code == 200
    assert response.json()["count"] == 2


def test_station_shows_its_area_and_serving_deputies(client, cast, org):
    items = get(client, cast["staff"], "/api/v1/stations").json()["items"]
    by_id = {s["id"]: s for s in items}

    assert by_id[org["station"].pk]["area"] == {
        "id": org["county"].pk,
        "name": "榆次区人民代表大会",
    }
    assert by_id[org["station"].pk]["deputy_count"] == 2
    assert by_id[org["other_station"].pk]["deputy_count"] == 0


def test_station_detail_lists_its_contact_points_and_their_collection_points(
    client, cast, org, points
):
    body = get(client, cast["station"], f"/api/v1/stations/{org['station'].pk}").json()

    assert [p["name"] for p in body["contact_points"]] == ["锦纶街道基层立法联系点"]
    collection = body["contact_points"][0]["collection_points"]
    assert [c["name"] for c in collection] == ["锦纶社区采集点", "顺城社区采集点"]


def test_filter_stations_by_area_and_name(client, cast, org, other_congress):
    staff = cast["staff"]

    in_county = get(client, staff, f"/api/v1/stations?area={org['county'].pk}").json()
    elsewhere = get(client, staff, f"/api/v1/stations?area={other_congress.pk}").json()
    named = get(client, staff, "/api/v1/stations?q=郭家堡").json()

    assert in_county["count"] == 2
    assert elsewhere["count"] == 0
    assert [s["id"] for s in named["items"]] == [org["other_station"].pk]


def test_contact_points_list_with_collection_point_counts(client, cast, org, points):
    body = get(client, cast["deputy"], "/api/v1/contact-points").json()

    assert body["count"] == 1
    point = body["items"][0]
    assert point["station"] == {"id": org["station"].pk, "name": "锦纶街道人大代表联络站"}
    assert point["collection_point_count"] == 2


def test_contact_points_filters(client, cast, org, points):
    def count(query: str) -> int:
        return get(client, cast["staff"], f"/api/v1/contact-points?{query}").json()["count"]

    assert count(f"station={org['station'].pk}") == 1
    assert count(f"station={org['other_station'].pk}") == 0
    assert count(f"area={org['county'].pk}") == 1
    assert count("q=立法") == 1
    assert count("q=没有") == 0


def test_collection_points_list_and_filters(client, cast, points):
    staff = cast["staff"]

    everything = get(client, staff, "/api/v1/collection-points").json()
    of_point = get(client, staff, f"/api/v1/collection-points?contact_point={points.pk}").json()
    named = get(client, staff, "/api/v1/collection-points?q=顺城").json()

    assert everything["count"] == 2
    assert everything["items"][0]["contact_point"]["id"] == points.pk
    assert of_point["count"] == 2
    assert [c["name"] for c in named["items"]] == ["顺城社区采集点"]


@pytest.mark.parametrize(
    "url", ["/api/v1/stations", "/api/v1/contact-points", "/api/v1/collection-points"]
)
def test_anonymous_gets_401(client, points, url):
    assert client.get(url).status_code == 401


@pytest.mark.parametrize(
    "url", ["/api/v1/stations", "/api/v1/contact-points", "/api/v1/collection-points"]
)
def test_another_congress_lists_nothing(client, cast, points, url):
    assert get(client, cast["stranger"], url).json() == {"items": [], "count": 0}


def test_another_congress_cannot_read_a_station(client, cast, org):
    response = get(client, cast["stranger"], f"/api/v1/stations/{org['station'].pk}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    "url", ["/api/v1/stations", "/api/v1/contact-points", "/api/v1/collection-points"]
)
def test_list_query_count_does_not_grow_with_rows(
    client, cast, congress, org, points, url, django_assert_max_num_queries
):
    headers = bearer(cast["staff"])
    with django_assert_max_num_queries(6):
        few = client.get(url, headers=headers)
    add_network(congress, org, 60)
    with django_assert_max_num_queries(6):
        many = client.get(f"{url}?page_size=200", headers=headers)

    assert few.json()["count"] < many.json()["count"]
    assert len(many.json()["items"]) == many.json()["count"]


def test_station_detail_query_count_does_not_grow_with_points(
    client, cast, congress, org, points, django_assert_max_num_queries
):
    more = LegislativeContactPoint.objects.bulk_create(
        LegislativeContactPoint(
            congress=congress, name=f"点{n}", station=org["station"], established_on=DAY
        )
        for n in range(20)
    )
    CollectionPoint.objects.bulk_create(
        CollectionPoint(congress=congress, contact_point=p, name="采", established_on=DAY)
        for p in more
    )
    headers = bearer(cast["staff"])

    with django_assert_max_num_queries(6):
        body = client.get(f"/api/v1/stations/{org['station'].pk}", headers=headers).json()

    assert len(body["contact_points"]) == 21
