"""The constituents' opinions API: recording, lists scoped by role, one route per action, and
the cost of a list capped whatever its length."""

from __future__ import annotations

import pytest

import renda.suggestions.tests.test_api as suggestions_api
from renda.opinions.models import ConstituentOpinion

from .conftest import D, on


def caller(cast, who):
    return suggestions_api.Caller(cast[who] if who else None)


def test_an_operator_records_an_opinion_at_their_station(cast, org):
    r = caller(cast, "station").post(
        "/constituent-opinions",
        {
            "category": "housing",
            "content": "小区电梯经常故障。",
            "place": "锦纶小区3号楼",
            "contact_name": "钱先生",
            "contact_phone": "13700001234",
        },
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["station"]["id"] == org["station"].pk and body["state"] == "recorded"
    assert body["contact_phone"] == "13700001234" and len(body["receipt_code"]) == 16
    assert body["available_actions"] == ["resolve", "refer", "dismiss"]
    assert [e["action"] for e in body["events"]] == ["record"]


def test_an_operator_cannot_record_at_another_station(cast, org):
    r = caller(cast, "station").post(
        "/constituent-opinions",
        {"station": org["other_station"].pk, "category": "housing", "content": "x"},
    )
    assert r.status_code == 403
    assert not ConstituentOpinion.objects.exists()


@pytest.mark.parametrize(
    "who, sees",
    [
        ("staff", True),
        ("leader", True),
        ("station", True),
        ("other_station", False),
        ("handler", False),
        ("deputy", False),
        ("stranger", False),
    ],
)
def test_who_sees_a_recorded_opinion(cast, opinion, who, sees):
    r = caller(cast, who).get("/constituent-opinions")
    assert r.status_code == 200
    assert [o["id"] for o in r.json()["items"]] == ([opinion.pk] if sees else [])
    assert caller(cast, who).get(f"/constituent-opinions/{opinion.pk}").status_code == (
        200 if sees else 404
    )


def test_the_unit_sees_what_is_referred_to_it_and_answers_through_the_api(cast, referred):
    handler = caller(cast, "handler")
    assert [o["id"] for o in handler.get("/constituent-opinions").json()["items"]] == [referred.pk]
    assert caller(cast, "other_handler").get("/constituent-opinions").json()["count"] == 0

    path = f"/constituent-opinions/{referred.pk}/actions/answer"
    assert handler.post(path, {"answer": "已调整配时。"}).status_code == 422  # no kind
    assert handler.post(path, {"answer": "已调整配时。", "kind": "maybe"}).status_code == 422
    r = handler.post(path, {"answer": "已调整配时。", "kind": "solved"})
    assert r.status_code == 200, r.content
    assert r.json()["state"] == "answered" and r.json()["available_actions"] == []
    assert r.json()["answer_kind"] == "solved"


def test_each_action_has_its_route_and_answers_refusals_with_their_status(cast, org, opinion):
    station = caller(cast, "station")
    path = f"/constituent-opinions/{opinion.pk}/actions"
    assert caller(cast, "leader").post(f"{path}/resolve", {"outcome": "x"}).status_code == 403
    assert station.post(f"{path}/answer", {"answer": "x", "kind": "solved"}).status_code == 403
    assert station.post(f"{path}/close", {"told_by": "phone"}).status_code == 409
    assert station.post(f"{path}/refer", {"unit": 999999}).status_code == 422
    assert station.post(f"{path}/refer", {}).status_code == 422
    assert station.post(f"{path}/fly", {}).status_code == 422
    assert station.post(f"{path}/rate", {"rating": "satisfied"}).status_code == 403

    with on(D(2024, 3, 4)):
        r = station.post(f"{path}/refer", {"unit": org["unit"].pk, "comment": "请核实"})
    assert r.status_code == 200 and r.json()["unit"]["id"] == org["unit"].pk
    assert r.json()["answer_due"] == "2024-03-25"


def test_resolve_dismiss_return_and_close_through_the_api(cast, org, record):
    station, handler = caller(cast, "station"), caller(cast, "handler")
    with on(D(2024, 3, 4)):
        a, b, c = record(), record(), record()
    assert (
        station.post(
            f"/constituent-opinions/{a.pk}/actions/resolve", {"outcome": "已当场解答"}
        ).json()["state"]
        == "resolved"
    )
    assert (
        caller(cast, "staff")
        .post(f"/constituent-opinions/{b.pk}/actions/dismiss", {"reason": "重复提交"})
        .json()["state"]
        == "dismissed"
    )
    station.post(f"/constituent-opinions/{c.pk}/actions/refer", {"unit": org["unit"].pk})
    # Returned: no longer the unit's, yet the unit is answered with what it did (issue 15).
    r = handler.post(f"/constituent-opinions/{c.pk}/actions/return", {"reason": "不属本单位"})
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["id"] == c.pk and body["state"] == "recorded" and body["unit"] is None
    assert body["events"][-1]["action"] == "return" and body["available_actions"] == []
    assert body["contact_phone"] is None and body["contact_masked"]  # not the unit's to see
    assert ConstituentOpinion.objects.get(pk=c.pk).state == "recorded"
    assert handler.get(f"/constituent-opinions/{c.pk}").status_code == 404


def test_an_answered_opinion_is_never_overdue(cast, referred, answered):
    staff = caller(cast, "staff")
    with on(D(2024, 4, 1)):
        assert staff.get("/constituent-opinions", overdue="true").json()["count"] == 0


def test_overdue_filter_finds_a_referral_past_its_day(cast, referred):
    staff = caller(cast, "staff")
    with on(D(2024, 3, 26)):
        body = staff.get("/constituent-opinions", overdue="true").json()
    assert [o["id"] for o in body["items"]] == [referred.pk] and body["items"][0]["overdue"]
    with on(D(2024, 3, 25)):
        assert staff.get("/constituent-opinions", overdue="true").json()["count"] == 0


def test_filters_by_state_category_and_year(cast, opinion, referred):
    staff = caller(cast, "staff")
    assert staff.get("/constituent-opinions", state="referred").json()["count"] == 1
    assert staff.get("/constituent-opinions", category="health").json()["count"] == 0
    assert staff.get("/constituent-opinions", year=2023).json()["count"] == 0
    assert staff.get("/constituent-opinions", state="nonsense").status_code == 422


@pytest.mark.parametrize("who", ["staff", "station", "handler"])
def test_the_list_costs_the_same_for_three_or_thirty(
    cast, org, record, who, django_assert_max_num_queries
):
    from renda.opinions import actions as A

    def add(n):
        for _ in range(n):
            o = record()
            A.opinion_refer(opinion=o, actor=cast["station"], unit=org["unit"])

    api = caller(cast, who)
    add(3)
    with django_assert_max_num_queries(8):
        assert api.get("/constituent-opinions").json()["count"] == 3
    add(27)
    with django_assert_max_num_queries(8):
        assert api.get("/constituent-opinions", page_size=50).json()["count"] == 30


def test_without_a_token_the_list_is_refused(cast, opinion):
    assert caller(cast, None).get("/constituent-opinions").status_code == 401


def test_a_nul_character_is_bad_input_not_a_server_error(cast):
    r = caller(cast, "station").post(
        "/constituent-opinions", {"category": "other", "content": "坏\x00字符"}
    )
    assert r.status_code == 422 and r.json()["field"] == "content"


def test_reading_a_constituents_contact_leaves_an_audit_record(cast, org):
    from renda.audit.models import Kind, Record

    r = caller(cast, "station").post(
        "/constituent-opinions",
        {"category": "housing", "content": "路灯不亮。", "contact_phone": "13700004321"},
    )
    pk = r.json()["id"]
    before = Record.objects.filter(kind=Kind.PERSONAL_DATA).count()
    assert caller(cast, "station").get(f"/constituent-opinions/{pk}").status_code == 200
    (record,) = Record.objects.filter(kind=Kind.PERSONAL_DATA).order_by("-id")[:1]
    assert Record.objects.filter(kind=Kind.PERSONAL_DATA).count() == before + 1
    assert record.actor == cast["station"] and record.data["fields"] == ["contact"]
    assert record.target.startswith(f"opinions.constituentopinion:{pk} ")
