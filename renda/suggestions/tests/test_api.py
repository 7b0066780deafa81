"""The suggestions API: submitting, reading scoped by role, lists with capped query counts.

The helpers here (`Caller`, `as_user`) are shared by the other test_api_*.py files.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from renda.accounts.models import ApiToken
from renda.suggestions import actions as A
from renda.suggestions.models import Suggestion

API = "/api/v1"


class Caller:
    """A client that sends one user's bearer token (or none, for the public)."""

    def __init__(self, user: Any = None) -> None:
        self.client = Client()
        self.headers: dict[str, str] = {}
        if user is not None:
            key = ApiToken.new_key()
            ApiToken.objects.create(
                user=user,
                digest=ApiToken.digest_of(key),
                # Far ahead, so that tests travelling in time keep a valid token.
                expires_at=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC),
            )
            self.headers["Authorization"] = f"Bearer {key}"

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(API + path, params, headers=self.headers)

    def post(self, path: str, payload: Any = None, *, raw: str | None = None) -> Any:
        body = raw if raw is not None else json.dumps(payload if payload is not None else {})
        return self.client.post(
            API + path, body, content_type="application/json", headers=self.headers
        )

    def act(self, suggestion: Any, action: str, payload: Any = None) -> Any:
        pk = suggestion if isinstance(suggestion, int) else suggestion.pk
        return self.post(f"/suggestions/{pk}/actions/{action}", payload)


def as_user(cast: dict[str, Any], who: str | None) -> Caller:
    return Caller(cast[who] if who else None)


def assigned_suggestion(cast: dict[str, Any], org: dict[str, Any], submit: Any) -> Suggestion:
    """A suggestion accepted and assigned to org["unit"] alone."""
    s = submit()
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    A.suggestion_assign(
        suggestion=s, actor=cast["staff"], mode="sole", parts=[A.UnitPart(org["unit"], "sole")]
    )
    return s


# --- submitting ----------------------------------------------------------------------------


def test_deputy_submits_a_suggestion_and_gets_its_id_and_state(cast, org):
    r = as_user(cast, "deputy").post(
        "/suggestions",
        {
            "title": "关于改善榆次区公交线路的建议",
            "body": "建议增开连接大学城与老城区的公交线路。",
            "category": "transport",
            "cosigner_ids": [org["deputy2"].pk],
        },
    )
    assert r.status_code == 201, r.content
    data = r.json()
    s = Suggestion.objects.get(pk=data["id"])
    assert data["state"] == "cosigning" == s.state
    assert data["lead_deputy"]["name"] == "李秀兰"
    assert [c["deputy"]["name"] for c in data["cosigners"]] == ["王建国"]
    assert data["events"][0]["action"] == "submit"
    assert data["available_actions"] == ["withdraw"]
    assert "13835412345" not in r.content.decode()


@pytest.mark.parametrize("who", ["staff", "handler", "leader", "station"])
def test_only_a_deputy_submits(cast, who):
    r = as_user(cast, who).post(
        "/suggestions", {"title": "标题", "body": "正文", "category": "transport"}
    )
    assert r.status_code == 403
    assert r.json()["detail"]
    assert not Suggestion.objects.exists()


def test_submitting_without_a_token_is_refused(cast):
    r = Caller().post("/suggestions", {"title": "标题", "body": "正文", "category": "transport"})
    assert r.status_code == 401


def test_cosigner_of_another_congress_is_refused_with_the_field(cast, other_congress, org):
    from renda.org.models import Deputy, ElectoralUnit, Person, Term

    term = Term.objects.create(
        congress=other_congress, number=1, start_date=datetime.date(2021, 1, 1)
    )
    foreign = Deputy.objects.create(
        congress=other_congress,
        term=term,
        person=Person.objects.create(congress=other_congress, name="外人", gender="M"),
        card_number="9",
        electoral_unit=ElectoralUnit.objects.create(congress=other_congress, name="x"),
        elected_on=datetime.date(2021, 1, 1),
    )
    r = as_user(cast, "deputy").post(
        "/suggestions",
        {"title": "标题", "body": "正文", "category": "transport", "cosigner_ids": [foreign.pk]},
    )
    assert r.status_code == 422
    assert r.json()["field"] == "cosigner_ids"
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"title": "标题", "body": "正文", "category": "cooking"},
        {"title": "标题", "category": "transport"},
        {"title": ["x"], "body": "正文", "category": "transport"},
        {"title": "x" * 201, "body": "正文", "category": "transport"},
        {"title": "标题", "body": "正\x00文", "category": "transport"},
        {"title": "标题", "body": "正文", "category": "transport", "cosigner_ids": [2**70]},
        {"title": "标题", "body": "正文", "category": "transport", "cosigner_ids": "1,2"},
        [],
    ],
)
def test_bad_payloads_answer_422_in_json(cast, payload):
    r = as_user(cast, "deputy").post("/suggestions", payload)
    assert r.status_code == 422
    assert r["Content-Type"].startswith("application/json")
    assert r.json()["detail"]


def test_blank_title_is_refused_by_the_action_with_its_field(cast):
    r = as_user(cast, "deputy").post(
        "/suggestions", {"title": "   ", "body": "正文", "category": "transport"}
    )
    assert r.status_code == 422
    assert r.json()["field"] == "title"


def test_garbage_json_answers_400_in_json(cast):
    r = as_user(cast, "deputy").post("/suggestions", raw="{not json")
    assert r.status_code == 400
    assert r.json()["detail"]


# --- reading, scoped by role ---------------------------------------------------------------


def test_lead_deputy_reads_their_suggestion_without_any_phone(cast, submit):
    s = submit()
    r = as_user(cast, "deputy").get(f"/suggestions/{s.pk}")
    assert r.status_code == 200
    data = r.json()
    for key in ("state", "number", "year", "period", "category", "lead_deputy", "cosigners"):
        assert key in data
    for key in ("assignments", "contacts", "replies", "evaluations", "extensions", "events"):
        assert data[key] == [] or key == "events"
    assert data["events"] == [
        {
            "action": "submit",
            "actor": "deputy",
            "at": data["events"][0]["at"],
            "from_state": "",
            "to_state": "submitted",
            "comment": "",
        }
    ]
    assert "13835412345" not in r.content.decode()
    assert "phone" not in data["lead_deputy"]


def test_an_event_without_an_actor_is_the_systems(cast, submit):
    from renda.core.workflow import record_event

    s = submit()
    record_event(case=s, action="remind", actor=None, comment="即将超期")
    events = as_user(cast, "staff").get(f"/suggestions/{s.pk}").json()["events"]
    assert events[-1]["action"] == "remind" and events[-1]["actor"] is None


def test_detail_shows_what_each_role_may_do_now(cast, submit):
    s = submit()
    # In the declaration's order: the usual next step first, as the page lists them.
    assert as_user(cast, "staff").get(f"/suggestions/{s.pk}").json()["available_actions"] == [
        "accept",
        "return",
        "merge",
        "convert",
    ]
    assert as_user(cast, "leader").get(f"/suggestions/{s.pk}").json()["available_actions"] == []


@pytest.mark.parametrize("who", ["deputy2", "handler", "other_handler", "station", "stranger"])
def test_those_who_may_not_see_a_suggestion_get_404(cast, submit, who):
    s = submit()
    r = as_user(cast, who).get(f"/suggestions/{s.pk}")
    assert r.status_code == 404
    assert r.json()["detail"]


@pytest.mark.parametrize("who", ["staff", "leader"])
def test_staff_and_leaders_see_every_suggestion_of_their_congress(cast, submit, who):
    s = submit()
    assert as_user(cast, who).get(f"/suggestions/{s.pk}").status_code == 200
    assert as_user(cast, who).get("/suggestions").json()["count"] == 1


def test_handler_sees_only_what_was_assigned_to_their_unit(cast, org, submit):
    mine = assigned_suggestion(cast, org, submit)
    submit(title="另一件建议")  # not assigned
    caller = as_user(cast, "handler")
    data = caller.get("/suggestions").json()
    assert [row["id"] for row in data["items"]] == [mine.pk]
    assert data["items"][0]["units"] == [
        {"id": org["unit"].pk, "name": "晋中市交通运输局", "role": "sole"}
    ]
    assert as_user(cast, "other_handler").get("/suggestions").json()["count"] == 0
    detail = caller.get(f"/suggestions/{mine.pk}").json()
    assert set(detail["available_actions"]) == {
        "contest",
        "communicate",
        "request_extension",
        "reply",
    }


def test_stranger_of_another_congress_sees_nothing(cast, submit):
    submit()
    r = as_user(cast, "stranger").get("/suggestions")
    assert r.status_code == 200 and r.json() == {"items": [], "count": 0, "capped": False}


def test_list_filters(cast, org, submit):
    a = assigned_suggestion(cast, org, submit)
    b = submit(title="关于学校周边交通安全的建议", category="education")
    staff = as_user(cast, "staff")

    def ids(**params: Any) -> list[int]:
        r = staff.get("/suggestions", **params)
        assert r.status_code == 200, r.content
        return sorted(row["id"] for row in r.json()["items"])

    assert ids() == sorted([a.pk, b.pk])
    assert ids(state="assigned") == [a.pk]
    assert ids(category="education") == [b.pk]
    assert ids(unit=org["unit"].pk) == [a.pk]
    assert ids(q="学校") == [b.pk]
    assert ids(year=a.year) == sorted([a.pk, b.pk])
    assert ids(year=1999) == []
    assert ids(period=a.period) == sorted([a.pk, b.pk])
    assert ids(is_key="true") == []
    assert ids(is_key="false") == sorted([a.pk, b.pk])


@pytest.mark.parametrize(
    "params",
    [{"state": "nonsense"}, {"year": "abc"}, {"unit": str(2**70)}, {"page": 0}, {"q": "x" * 101}],
)
def test_bad_list_filters_answer_422(cast, params):
    r = as_user(cast, "staff").get("/suggestions", **params)
    assert r.status_code == 422
    assert r.json()["detail"]


@pytest.mark.parametrize("path", ["/suggestions/abc", f"/suggestions/{2**70}", "/suggestions/0"])
def test_bad_ids_answer_4xx_in_json(cast, path):
    r = as_user(cast, "staff").get(path)
    assert r.status_code in (404, 422)
    assert r.json()["detail"]


def test_an_unknown_suggestion_answers_404(cast):
    r = as_user(cast, "staff").get(f"/suggestions/{2**62}")
    assert r.status_code == 404


# --- the cost of a list does not grow with its rows -------------------------------------


def _handled(cast, org, submit, n: int) -> None:
    """n suggestions, each assigned, contacted and replied with a promise."""
    from renda.suggestions.tests.test_api_actions import contact_and_reply

    for i in range(n):
        s = submit(title=f"建议{i}", cosigner_ids=[])
        A.suggestion_accept(suggestion=s, actor=cast["staff"])
        A.suggestion_assign(
            suggestion=s,
            actor=cast["staff"],
            mode="joint",
            parts=[A.UnitPart(org["unit"], "lead"), A.UnitPart(org["other_unit"], "co")],
        )
        contact_and_reply(s, cast["handler"])


@pytest.mark.parametrize(
    ("who", "path"),
    [("staff", "/suggestions"), ("handler", "/suggestions"), (None, "/public/suggestions")],
)
def test_list_query_count_does_not_grow_with_rows(cast, org, submit, who, path):
    caller = as_user(cast, who)
    caller.get(path)  # warm up: content types, translations

    def queries(n_rows: int) -> int:
        with CaptureQueriesContext(connection) as ctx:
            r = caller.get(path, page_size=100)
        assert r.status_code == 200 and r.json()["count"] == n_rows
        return len(ctx.captured_queries)

    _handled(cast, org, submit, 5)
    few = queries(5)
    _handled(cast, org, submit, 35)
    many = queries(40)
    assert many == few
    assert few <= 8


def test_detail_query_count_does_not_grow_with_its_history(cast, org, submit):
    s = assigned_suggestion(cast, org, submit)
    caller = as_user(cast, "handler")
    caller.get(f"/suggestions/{s.pk}")  # warm up

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert caller.get(f"/suggestions/{s.pk}").status_code == 200
        return len(ctx.captured_queries)

    def contact() -> None:
        A.suggestion_communicate(
            suggestion=s,
            actor=cast["handler"],
            method="phone",
            date=datetime.date.today(),
            people="李秀兰代表",
            notes="电话沟通。",
        )

    contact()
    one = queries()
    for _ in range(6):
        contact()
    assert queries() == one <= 20
