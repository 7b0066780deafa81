"""Action endpoints: a lifecycle by API, refusals (403, 409, 422), foreign ids, OpenAPI."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
import time_machine

from renda.core.models import Event
from renda.org.models import Body, HandlingUnit
from renda.suggestions import actions as A
from renda.suggestions.models import Assignment, Extension, Promise, Suggestion
from renda.suggestions.tests.conftest import at
from renda.suggestions.tests.test_api import Caller, as_user, assigned_suggestion
from renda.suggestions.workflow import SUGGESTION

D = datetime.date


def contact_and_reply(s: Suggestion, handler: Any) -> None:
    A.suggestion_communicate(
        suggestion=s,
        actor=handler,
        method="phone",
        date=datetime.date.today(),
        people="李秀兰代表",
        notes="电话沟通。",
    )
    A.suggestion_reply(
        suggestion=s,
        actor=handler,
        text="计划年内开通新线路。",
        category="B",
        signer="赵局长",
        contact_phone="0354-3000000",
        promises=[A.PromiseIn("开通新线路", datetime.date.today() + datetime.timedelta(days=90))],
    )


def _events(s: Suggestion) -> int:
    return Event.objects.filter(object_id=s.pk).count()


def test_a_whole_lifecycle_through_the_action_endpoints(cast, org, session):
    deputy, staff, handler = (as_user(cast, w) for w in ("deputy", "staff", "handler"))
    with time_machine.travel(at(2024, 3, 1), tick=False):
        r = deputy.post(
            "/suggestions",
            {"title": "关于改善公交线路的建议", "body": "建议增开线路。", "category": "transport"},
        )
        assert r.status_code == 201
        pk = r.json()["id"]
        r = staff.act(pk, "accept", {"comment": "符合立案条件"})
        assert r.status_code == 200, r.content
        assert r.json()["state"] == "accepted" and r.json()["number"] == 1
        r = staff.act(
            pk, "assign", {"mode": "sole", "units": [{"unit": org["unit"].pk, "role": "sole"}]}
        )
        assert r.status_code == 200, r.content
        data = r.json()
        assert data["state"] == "assigned" and data["reply_due"] == "2024-06-03"
        assert [(a["unit"]["name"], a["role"], a["active"]) for a in data["assignments"]] == [
            ("晋中市交通运输局", "sole", True)
        ]
    with time_machine.travel(at(2024, 3, 12), tick=False):
        r = handler.act(
            pk,
            "communicate",
            {"method": "meeting", "date": "2024-03-12", "people": "李秀兰代表", "notes": "面商"},
        )
        assert r.status_code == 200, r.content
        assert r.json()["contacts"][0]["method"] == "meeting"
        r = handler.act(
            pk,
            "reply",
            {
                "text": "经研究，计划于年内开通新线路。",
                "category": "B",
                "signer": "赵局长",
                "contact_person": "王科长",
                "contact_phone": "0354-3000000",
                "promises": [{"text": "开通新线路", "due_date": "2024-09-30"}],
            },
        )
        assert r.status_code == 200, r.content
        data = r.json()
        assert data["state"] == "replied"
        assert data["replies"][0]["promises"][0]["text"] == "开通新线路"
    with time_machine.travel(at(2024, 3, 20), tick=False):
        assert deputy.get(f"/suggestions/{pk}").json()["available_actions"] == ["evaluate"]
        r = deputy.act(pk, "evaluate", {"result": "satisfied", "comment": "满意"})
        assert r.status_code == 200, r.content
        data = r.json()
        assert data["state"] == "evaluated"
        assert data["evaluations"][0]["result"] == "satisfied"
    events = [(e["action"], e["actor"], e["from_state"], e["to_state"]) for e in data["events"]]
    assert events == [
        ("submit", "deputy", "", "submitted"),
        ("accept", "张伟", "submitted", "accepted"),
        ("assign", "张伟", "accepted", "assigned"),
        ("communicate", "handler", "assigned", "assigned"),
        ("reply", "handler", "assigned", "replied"),
        ("evaluate", "deputy", "replied", "evaluated"),
    ]
    assert data["events"][1]["comment"] == "符合立案条件"
    promise_id = data["replies"][0]["promises"][0]["id"]
    r = handler.act(pk, "promise_done", {"promise": promise_id, "evidence": "9月1日开通。"})
    assert r.status_code == 200, r.content
    assert r.json()["replies"][0]["promises"][0]["done_at"]


def test_cosigner_confirms_with_an_empty_body(cast, org, submit):
    s = submit(cosigner_ids=[org["deputy2"].pk])
    caller = as_user(cast, "deputy2")
    assert caller.get(f"/suggestions/{s.pk}").json()["available_actions"] == ["confirm", "decline"]
    r = caller.client.post(
        f"/api/v1/suggestions/{s.pk}/actions/confirm",
        "",
        content_type="application/json",
        headers=caller.headers,
    )
    assert r.status_code == 200, r.content
    assert r.json()["state"] == "submitted"


def test_returned_suggestion_is_resubmitted(cast, submit):
    s = submit()
    r = as_user(cast, "staff").act(s, "return", {"reason": "一事一议"})
    assert r.status_code == 200 and r.json()["return_reason"] == "一事一议"
    r = as_user(cast, "deputy").act(
        s, "resubmit", {"title": "新标题", "body": "新正文", "category": "urban"}
    )
    assert r.status_code == 200, r.content
    assert r.json()["state"] == "submitted" and r.json()["title"] == "新标题"


def test_withdraw_and_convert(cast, submit):
    s = submit()
    r = as_user(cast, "deputy").act(s, "withdraw", {"reason": "已解决"})
    assert r.status_code == 200 and r.json()["state"] == "withdrawn"
    t = submit()
    r = as_user(cast, "staff").act(t, "convert", {"to": "letter", "reason": "个人事项"})
    assert r.status_code == 200 and r.json()["converted_to"] == "letter"


# --- refusals: 403 role, 409 state, 422 input; nothing changes ---------------------------


@pytest.mark.parametrize("who", ["leader", "deputy"])
def test_only_staff_accept(cast, submit, who):
    s = submit()
    before = _events(s)
    r = as_user(cast, who).act(s, "accept")
    assert r.status_code == 403
    assert r.json()["detail"]
    s.refresh_from_db()
    assert s.state == "submitted" and _events(s) == before


def test_accepting_twice_is_a_conflict(cast, submit):
    s = submit()
    staff = as_user(cast, "staff")
    assert staff.act(s, "accept").status_code == 200
    r = staff.act(s, "accept")
    assert r.status_code == 409
    assert r.json()["detail"]


def test_evaluating_before_a_reply_is_a_conflict(cast, org, submit):
    s = assigned_suggestion(cast, org, submit)
    r = as_user(cast, "deputy").act(s, "evaluate", {"result": "satisfied"})
    assert r.status_code == 409


def test_replying_before_talking_to_the_deputy_is_a_conflict(cast, org, submit):
    s = assigned_suggestion(cast, org, submit)
    r = as_user(cast, "handler").act(
        s, "reply", {"text": "答复", "category": "A", "signer": "赵局长"}
    )
    assert r.status_code == 409
    assert not s.replies.exists()


def test_other_unit_cannot_communicate_on_what_it_cannot_see(cast, org, submit):
    s = assigned_suggestion(cast, org, submit)
    r = as_user(cast, "other_handler").act(
        s, "communicate", {"method": "phone", "date": "2024-01-01", "people": "x", "notes": "y"}
    )
    assert r.status_code == 404


def test_deputy2_cannot_withdraw_anothers_suggestion(cast, submit):
    s = submit()
    assert as_user(cast, "deputy2").act(s, "withdraw", {"reason": "x"}).status_code == 404


def test_stranger_of_another_congress_gets_404_on_actions(cast, submit):
    s = submit()
    assert as_user(cast, "stranger").act(s, "accept").status_code == 404


def test_empty_reason_is_refused_with_its_field(cast, submit):
    s = submit()
    r = as_user(cast, "staff").act(s, "return", {"reason": "  "})
    assert r.status_code == 422
    assert r.json()["field"] == "reason"
    s.refresh_from_db()
    assert s.state == "submitted"


def test_dissatisfied_without_a_reason_is_refused(cast, org, submit):
    s = assigned_suggestion(cast, org, submit)
    contact_and_reply(s, cast["handler"])
    r = as_user(cast, "deputy").act(s, "evaluate", {"result": "dissatisfied"})
    assert r.status_code == 422 and r.json()["field"] == "comment"
    r = as_user(cast, "deputy").act(s, "evaluate", {"result": "dissatisfied", "comment": "没解决"})
    assert r.status_code == 200 and r.json()["state"] == "rehandling"


@pytest.mark.parametrize(
    ("action", "payload"),
    [
        ("assign", {"mode": "everyone", "units": [{"unit": 1, "role": "sole"}]}),
        ("assign", {"mode": "sole", "units": []}),
        ("assign", {"mode": "sole", "units": [{"unit": "abc", "role": "sole"}]}),
        ("assign", {"mode": "sole", "units": [{"unit": 2**64, "role": "sole"}]}),
        ("convert", {"to": "bin", "reason": "x"}),
        ("return", {}),
        ("return", {"reason": 5}),
        ("merge", {"into": -1}),
        ("communicate", {"method": "phone", "date": "yesterday", "people": "x", "notes": "y"}),
        ("extend", {"extension": 1, "approve": "perhaps"}),
        ("reply", {"text": "x", "category": "D", "signer": "x"}),
        ("reply", {"text": "x", "category": "A", "signer": "x" * 41}),
    ],
)
def test_payload_schema_errors_answer_422_in_json(cast, submit, action, payload):
    s = submit()
    r = as_user(cast, "staff").act(s, action, payload)
    assert r.status_code == 422, r.content
    assert r["Content-Type"].startswith("application/json")
    assert r.json()["detail"]


def test_garbage_json_on_an_action_answers_400(cast, submit):
    s = submit()
    r = as_user(cast, "staff").post(f"/suggestions/{s.pk}/actions/accept", raw="{{{")
    assert r.status_code == 400 and r.json()["detail"]


def test_unknown_action_answers_422_with_a_message(cast, submit):
    s = submit()
    r = as_user(cast, "staff").act(s, "approve_everything")
    assert r.status_code == 422
    assert "approve_everything" in r.json()["detail"]


@pytest.mark.parametrize("pk", ["abc", str(2**64), "0"])
def test_bad_suggestion_ids_on_actions_answer_4xx(cast, pk):
    r = as_user(cast, "staff").post(f"/suggestions/{pk}/actions/accept", {})
    assert r.status_code in (404, 422)
    assert r.json()["detail"]


# --- ids in payloads are looked up within the caller's congress ---------------------------


def test_assigning_to_a_unit_of_another_congress_is_refused(cast, other_congress, submit):
    foreign = HandlingUnit.objects.create(
        congress=other_congress, name="太原市交通局", kind="department"
    )
    s = submit()
    staff = as_user(cast, "staff")
    staff.act(s, "accept")
    r = staff.act(s, "assign", {"mode": "sole", "units": [{"unit": foreign.pk, "role": "sole"}]})
    assert r.status_code == 422
    assert r.json()["field"] == "units"
    assert not Assignment.objects.exists()


def test_joint_handling_needs_a_lead_and_a_co_handler(cast, org, submit):
    s = submit()
    staff = as_user(cast, "staff")
    staff.act(s, "accept")
    r = staff.act(
        s, "assign", {"mode": "joint", "units": [{"unit": org["unit"].pk, "role": "lead"}]}
    )
    assert r.status_code == 422 and r.json()["field"] == "units"
    r = staff.act(
        s,
        "assign",
        {
            "mode": "joint",
            "units": [
                {"unit": org["unit"].pk, "role": "lead"},
                {"unit": org["other_unit"].pk, "role": "co"},
            ],
        },
    )
    assert r.status_code == 200
    r = as_user(cast, "other_handler").act(s, "co_input", {"text": "教育局支持。"})
    assert r.status_code == 200, r.content
    assert [a["input_text"] for a in r.json()["assignments"]] == ["", "教育局支持。"]


def test_merging_into_a_suggestion_of_another_congress_is_refused(cast, other_congress, submit):
    s = submit()
    foreign = Suggestion.objects.create(
        congress=other_congress,
        year=2024,
        period="recess",
        title="外地建议",
        body="x",
        category="transport",
        lead_deputy=s.lead_deputy,
        submitted_at=s.submitted_at,
    )
    r = as_user(cast, "staff").act(s, "merge", {"into": foreign.pk})
    assert r.status_code == 422 and r.json()["field"] == "into"
    other = submit(title="类似建议")
    r = as_user(cast, "staff").act(s, "merge", {"into": other.pk, "comment": "并案办理"})
    assert r.status_code == 200 and r.json()["merged_into"] == other.pk


def test_mark_key_looks_up_body_and_leader_in_the_congress(cast, org, other_congress, submit):
    s = assigned_suggestion(cast, org, submit)
    foreign_body = Body.objects.create(
        congress=other_congress, name="财经委", kind="special_committee"
    )
    body = Body.objects.create(
        congress=org["term"].congress, name="财经委", kind="special_committee"
    )
    leader = as_user(cast, "leader")
    r = leader.act(s, "mark_key", {"body": foreign_body.pk})
    assert r.status_code == 422 and r.json()["field"] == "body"
    r = leader.act(s, "mark_key", {"leader": cast["stranger"].pk})
    assert r.status_code == 422 and r.json()["field"] == "leader"
    r = leader.act(s, "mark_key", {})
    assert r.status_code == 422 and r.json()["field"] == "body"
    r = leader.act(s, "mark_key", {"body": body.pk, "leader": cast["leader"].pk})
    assert r.status_code == 200, r.content
    data = r.json()
    assert data["is_key"] and data["supervising_body"]["name"] == "财经委"
    assert data["supervising_leader"]["id"] == cast["leader"].pk


def test_contest_then_reassign_to_another_unit(cast, org, submit, third_unit, other_congress):
    s = assigned_suggestion(cast, org, submit)
    r = as_user(cast, "handler").act(s, "contest", {"reason": "不属于本单位职责"})
    assert r.status_code == 200, r.content
    assignment = r.json()["assignments"][0]
    assert assignment["contest_state"] == "pending"
    staff = as_user(cast, "staff")
    foreign = HandlingUnit.objects.create(
        congress=other_congress, name="太原市住建局", kind="department"
    )
    r = staff.act(s, "reassign", {"assignment": assignment["id"], "unit": foreign.pk})
    assert r.status_code == 422 and r.json()["field"] == "unit"
    r = staff.act(s, "reassign", {"assignment": 2**40, "unit": third_unit.pk})
    assert r.status_code == 422 and r.json()["field"] == "assignment"
    r = staff.act(s, "reassign", {"assignment": assignment["id"], "unit": third_unit.pk})
    assert r.status_code == 200, r.content
    assert [(a["unit"]["id"], a["active"]) for a in r.json()["assignments"]] == [
        (org["unit"].pk, False),
        (third_unit.pk, True),
    ]


def test_refusing_a_contest(cast, org, submit):
    s = assigned_suggestion(cast, org, submit)
    as_user(cast, "handler").act(s, "contest", {"reason": "不属于本单位职责"})
    a = s.assignments.get()
    r = as_user(cast, "staff").act(s, "refuse_contest", {"assignment": a.pk, "reason": "属于职责"})
    assert r.status_code == 200
    assert r.json()["assignments"][0]["contest_state"] == "refused"


def test_extension_requested_and_approved(cast, org, submit):
    s = assigned_suggestion(cast, org, submit)
    new_due = (s.reply_due + datetime.timedelta(days=30)).isoformat()
    r = as_user(cast, "handler").act(
        s, "request_extension", {"new_due": new_due, "reason": "需调研"}
    )
    assert r.status_code == 200, r.content
    ext = r.json()["extensions"][0]
    staff = as_user(cast, "staff")
    assert (
        as_user(cast, "deputy")
        .act(s, "extend", {"extension": ext["id"], "approve": True})
        .status_code
        == 403
    )
    r = staff.act(s, "extend", {"extension": 2**40, "approve": True})
    assert r.status_code == 422 and r.json()["field"] == "extension"
    r = staff.act(s, "extend", {"extension": ext["id"], "approve": True})
    assert r.status_code == 200, r.content
    assert r.json()["reply_due"] == new_due
    assert Extension.objects.get().state == "approved"


def test_extension_of_another_suggestion_is_not_decided_here(cast, org, submit):
    s = assigned_suggestion(cast, org, submit)
    t = assigned_suggestion(cast, org, submit)
    ext = A.suggestion_request_extension(
        suggestion=t,
        actor=cast["handler"],
        new_due=t.reply_due + datetime.timedelta(days=9),
        reason="x",
    )
    r = as_user(cast, "staff").act(s, "extend", {"extension": ext.pk, "approve": True})
    assert r.status_code == 422 and r.json()["field"] == "extension"
    assert Extension.objects.get().state == "requested"


def test_promise_of_another_suggestion_is_refused(cast, org, submit):
    s = assigned_suggestion(cast, org, submit)
    t = assigned_suggestion(cast, org, submit)
    contact_and_reply(s, cast["handler"])
    contact_and_reply(t, cast["handler"])
    theirs = Promise.objects.get(suggestion=t)
    r = as_user(cast, "handler").act(s, "promise_done", {"promise": theirs.pk, "evidence": "x"})
    assert r.status_code == 422 and r.json()["field"] == "promise"
    assert Promise.objects.get(pk=theirs.pk).done_at is None


# --- the OpenAPI document ------------------------------------------------------------------


def test_openapi_lists_every_action_with_its_request_body(cast):
    r = Caller().get("/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    for action in SUGGESTION.actions:
        path = doc["paths"][f"/api/v1/suggestions/{{case_id}}/actions/{action}"]["post"]
        assert path["operationId"] == f"suggestion_action_{action}"
        schema = path["requestBody"]["content"]["application/json"]["schema"]
        assert "#/components/schemas/" in json.dumps(schema)
    assign = doc["components"]["schemas"]["suggestions.AssignIn"]
    assert set(assign["properties"]) == {"mode", "units", "comment"}
    for action in ("refer", "list", "not_list"):
        assert doc["paths"][f"/api/v1/motions/{{case_id}}/actions/{action}"]["post"]["requestBody"]
    assert not any("{action}" in p for p in doc["paths"])
