"""Open311 GeoReport v2 at /open311/v2/, exercised with two Open311 clients from PyPI against a
live server: `georeport` (reads, JSON and XML) and `civicbot` (its Open311Client also posts).
"""

from __future__ import annotations

import json

import pytest
import requests
from civicbot.http import HttpError, HttpTransport, RateLimiter
from civicbot.open311 import CONFIRM_TOKEN, Open311Client
from civicbot.registry import Endpoint
from georeport import GeoReport

from renda.opinions import actions as A
from renda.opinions.models import ConstituentOpinion, OpinionCategory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def root(live_server) -> str:
    return f"{live_server.url}/open311/v2"


@pytest.fixture
def reader(root) -> GeoReport:
    return GeoReport(root, jurisdiction="jz")


@pytest.fixture
def xml_reader(root) -> GeoReport:
    return GeoReport(root, jurisdiction="jz", output_format="xml")


@pytest.fixture
def client(root) -> Open311Client:
    endpoint = Endpoint(
        id="renda", name="renda", base_url=root, write=True, api_key_required_for_write=False
    )
    transport = HttpTransport(rate_limiter=RateLimiter(min_interval=0))
    return Open311Client(endpoint, transport=transport, jurisdiction_id="jz")


def post(client: Open311Client, code: str = "roads", **kw):
    kw.setdefault("description", "迎宾街路灯不亮已一周。")
    kw.setdefault("address_string", "榆次区迎宾街88号")
    return client.create_request(code, dry_run=False, confirm=CONFIRM_TOKEN, **kw).response


def test_the_services_are_the_opinion_categories_in_json_and_xml(cast, reader, xml_reader):
    services = reader.get_service_list()
    assert [s["service_code"] for s in services] == list(OpinionCategory.values)
    assert all(s["metadata"] is True and s["type"] == "realtime" for s in services)

    in_xml = xml_reader.get_service_list()
    assert [s["service_code"] for s in in_xml] == list(OpinionCategory.values)
    assert in_xml[0]["metadata"] == "true"


def test_a_service_definition_offers_the_open_stations(cast, org, reader, xml_reader):
    definition = reader.get_service_definition("roads")
    attribute, _sms = definition["attributes"]  # the SMS opt-in: test_station_sms.py
    assert attribute["code"] == "station" and attribute["datatype"] == "singlevaluelist"
    assert {v["name"] for v in attribute["values"]} == {
        org["station"].name,
        org["other_station"].name,
    }
    assert xml_reader.get_service_definition("roads")["service_code"] == "roads"


def test_anyone_posts_without_a_key_and_gets_an_id_and_a_receipt_token(cast, client, reader):
    (answer,) = post(
        client, email="wang@example.cn", first_name="先生", last_name="王", phone="13900001111"
    )

    opinion = ConstituentOpinion.objects.get(pk=answer["service_request_id"])
    assert opinion.source == "online" and opinion.station is None
    assert opinion.contact_name == "王先生" and opinion.contact_phone == "13900001111"
    assert (
        answer["token"] == opinion.receipt_code and opinion.receipt_code in answer["service_notice"]
    )

    (read,) = [reader.get_service_request(answer["service_request_id"])]
    assert read["status"] == "open" and read["description"] == "迎宾街路灯不亮已一周。"
    assert read["address"] == "榆次区迎宾街88号"
    for private in ("13900001111", "wang@example.cn", "王先生", opinion.receipt_code):
        assert private not in json.dumps(read, ensure_ascii=False)


def test_a_post_with_lat_long_and_a_station_attribute_goes_to_that_station(cast, org, client):
    (answer,) = post(
        client,
        address_string=None,
        lat=37.6872,
        lng=112.7525,
        attributes={"station": str(org["other_station"].pk)},
    )
    opinion = ConstituentOpinion.objects.get(pk=answer["service_request_id"])
    assert opinion.station == org["other_station"]
    assert float(opinion.lat) == 37.6872 and float(opinion.long) == 112.7525


def test_a_stations_key_sends_to_that_station_without_the_public_limit(cast, org, congress, client):
    _row, key = A.client_key_issue(
        actor=cast["staff"], congress=congress, name="锦纶站平板", station=org["station"]
    )
    ids = [post(client, api_key=key)[0]["service_request_id"] for _ in range(7)]

    opinions = ConstituentOpinion.objects.filter(pk__in=ids)
    assert {(o.source, o.station_id) for o in opinions} == {("app", org["station"].pk)}


def test_a_wrong_key_is_refused_with_the_standards_error(cast, client):
    with pytest.raises(HttpError) as info:
        post(client, api_key="not-a-key")
    assert info.value.status == 403
    (error,) = json.loads(info.value.body)
    assert error["code"] == 403 and error["description"]
    assert not ConstituentOpinion.objects.exists()


def test_a_post_without_a_description_is_a_400(cast, client):
    with pytest.raises(HttpError) as info:
        post(client, description="")
    assert info.value.status == 400 and json.loads(info.value.body)[0]["code"] == 400


def test_a_post_without_a_location_is_a_400(cast, root):
    # civicbot refuses to send this itself, so it is posted as a bare form.
    r = requests.post(
        f"{root}/requests.xml",
        data={"service_code": "roads", "description": "x", "jurisdiction_id": "jz"},
    )
    assert r.status_code == 400 and b"<errors><error><code>400</code>" in r.content
    assert not ConstituentOpinion.objects.exists()


def test_an_unknown_service_code_is_refused(cast, root):
    r = requests.post(
        f"{root}/requests.json",
        data={
            "service_code": "ufo",
            "description": "x",
            "address_string": "y",
            "jurisdiction_id": "jz",
        },
    )
    assert r.status_code == 400 and r.json()[0]["code"] == 400
    assert requests.get(f"{root}/services/ufo.json?jurisdiction_id=jz").status_code == 404


def test_keyless_posts_are_limited_per_address(cast, client):
    for _ in range(5):
        post(client)
    with pytest.raises(HttpError) as info:
        post(client)
    assert info.value.status == 429
    assert ConstituentOpinion.objects.count() == 5


def test_requests_are_listed_and_filtered_by_code_status_and_id(cast, org, client, reader):
    first = post(client, "roads")[0]["service_request_id"]
    second = post(client, "water")[0]["service_request_id"]
    A.opinion_resolve(
        opinion=ConstituentOpinion.objects.get(pk=second), actor=cast["staff"], outcome="已修复"
    )

    assert {r["service_request_id"] for r in reader.get_service_requests()} == {first, second}
    assert [r["service_request_id"] for r in reader.get_service_requests(service_code="water")] == [
        second
    ]
    closed = reader.get_service_requests(status="closed")
    assert [r["service_request_id"] for r in closed] == [second]
    assert closed[0]["status_notes"].endswith("已修复")
    assert [r["service_request_id"] for r in reader.get_service_requests(status="open")] == [first]
    by_ids = reader.get_service_requests(service_request_id=f"{first},{second}", status="closed")
    assert {r["service_request_id"] for r in by_ids} == {first, second}  # ids override filters


def test_requests_in_xml_and_a_date_range(cast, client, xml_reader, reader):
    post(client)
    post(client, "health")
    in_xml = xml_reader.get_service_requests()
    assert {r["service_code"] for r in in_xml} == {"roads", "health"}
    assert all(r["status"] == "open" for r in in_xml)
    assert (
        reader.get_service_requests(
            start_date="2000-01-01T00:00:00Z", end_date="2000-02-01T00:00:00Z"
        )
        == []
    )
    with pytest.raises(requests.HTTPError):
        reader.get_service_requests(
            start_date="2000-01-01T00:00:00Z", end_date="2001-01-01T00:00:00Z"
        )


def test_one_request_in_xml_and_an_unknown_id_is_a_404(cast, client, xml_reader, root):
    rid = post(client)[0]["service_request_id"]
    assert xml_reader.get_service_request(rid)["service_request_id"] == rid
    r = requests.get(f"{root}/requests/999999.xml?jurisdiction_id=jz")
    assert r.status_code == 404 and b"<errors><error><code>404</code>" in r.content


def test_an_opinion_recorded_at_a_station_is_listed_without_its_text(cast, record, reader):
    opinion = record()
    (read,) = reader.get_service_requests()
    assert read["service_request_id"] == str(opinion.pk) and read["description"] == ""
    assert "赵大妈" not in json.dumps(read, ensure_ascii=False)
    assert read["agency_responsible"] == opinion.station.name


def test_the_token_leads_to_the_request_id(cast, client, root):
    answer = post(client)[0]
    r = requests.get(f"{root}/tokens/{answer['token']}.json")
    assert r.json() == [
        {"service_request_id": answer["service_request_id"], "token": answer["token"]}
    ]
    assert requests.get(f"{root}/tokens/WRONGWRONGWRONG1.json").status_code == 404


def test_without_jurisdiction_the_only_city_congress_is_meant(org, root):
    assert requests.get(f"{root}/requests.json").status_code == 200
    assert requests.get(f"{root}/requests.json?jurisdiction_id=nowhere").status_code == 404


def test_with_two_city_congresses_the_jurisdiction_must_be_named(cast, root):
    r = requests.get(f"{root}/requests.json")
    assert r.status_code == 400 and "jurisdiction_id" in r.json()[0]["description"]


def test_an_unknown_format_is_refused(cast, root):
    r = requests.get(f"{root}/services.csv")
    assert r.status_code == 400 and r.json()[0]["code"] == 400


def test_service_names_follow_the_language(cast, root):
    en = requests.get(f"{root}/services.json", headers={"Accept-Language": "en"}).json()
    assert en[0]["service_name"] == "Roads and transport"


def test_the_request_list_costs_the_same_for_three_or_thirty(
    cast, record, django_assert_max_num_queries
):
    from django.test import Client

    def count() -> int:
        r = Client().get("/open311/v2/requests.json", {"jurisdiction_id": "jz"})
        return len(r.json())

    for _ in range(3):
        record()
    with django_assert_max_num_queries(3):
        assert count() == 3
    for _ in range(27):
        record()
    with django_assert_max_num_queries(3):
        assert count() == 30


def test_issuing_and_revoking_a_key_leave_events_and_a_revoked_key_is_refused(
    cast, congress, client
):
    from renda.core.workflow import history

    row, key = A.client_key_issue(actor=cast["staff"], congress=congress, name="市人大App")
    post(client, api_key=key)
    A.client_key_revoke(key=row, actor=cast["staff"])
    A.client_key_revoke(key=row, actor=cast["staff"])  # twice: one event

    assert [e.action for e in history(row)] == ["issue", "revoke"]
    with pytest.raises(HttpError) as info:
        post(client, api_key=key)
    assert info.value.status == 403
    assert ConstituentOpinion.objects.count() == 1
