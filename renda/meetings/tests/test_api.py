"""The meetings API: lists by who may see them, one route per action from the declarations,
a vote cast from a member's own client, results only once closed, never a secret ballot."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.accounts.tests.test_api_token import bearer
from renda.meetings import actions as A

pytestmark = pytest.mark.django_db


def _get(client, user, path):
    return client.get(f"/api/v1{path}", headers=bearer(user))


def _post(client, user, path, payload=None):
    return client.post(
        f"/api/v1{path}",
        data=json.dumps(payload or {}),
        content_type="application/json",
        headers=bearer(user),
    )


def test_members_list_their_meetings_and_others_see_none(client, cast, members, meeting):
    assert _get(client, members[0], "/meetings").json()["count"] == 1
    assert _get(client, cast["staff"], "/meetings").json()["count"] == 1
    for who in ("deputy", "handler", "stranger"):
        assert _get(client, cast[who], "/meetings").json()["count"] == 0
        assert _get(client, cast[who], f"/meetings/{meeting.pk}").status_code == 404


def test_staff_run_the_meeting_and_members_vote_through_the_api(client, cast, members, meeting):
    staff = cast["staff"]
    detail = _post(
        client, staff, f"/meetings/{meeting.pk}/actions/fix_agenda", {"notice": "请审阅"}
    )
    assert detail.status_code == 200 and detail.json()["state"] == "fixed"
    presences = [{"member": u.deputy_id, "presence": "present"} for u in members[:3]]
    presences += [{"member": u.deputy_id, "presence": "absent"} for u in members[3:]]
    r = _post(
        client, staff, f"/meetings/{meeting.pk}/actions/record_attendance", {"members": presences}
    )
    assert r.status_code == 200
    assert (
        _post(client, staff, f"/meetings/{meeting.pk}/actions/open").json()["state"] == "in_session"
    )
    vote = A.vote_prepare(item=meeting.items.get(), actor=staff, subject="表决", method="secret")
    assert _post(client, staff, f"/votes/{vote.pk}/actions/open").json()["state"] == "open"
    seen = _get(client, members[0], f"/votes/{vote.pk}").json()
    assert seen["available_actions"] == ["cast"] and seen["votes_for"] is None  # not yet shown
    for user in members[:3]:
        assert (
            _post(client, user, f"/votes/{vote.pk}/actions/cast", {"choice": "for"}).status_code
            == 200
        )
    again = _post(client, members[0], f"/votes/{vote.pk}/actions/cast", {"choice": "for"})
    assert again.status_code == 409
    absent = _post(client, members[4], f"/votes/{vote.pk}/actions/cast", {"choice": "for"})
    assert absent.status_code == 403
    bad = _post(client, members[1], f"/votes/{vote.pk}/actions/cast", {"choice": "maybe"})
    assert bad.status_code == 422
    closed = _post(client, staff, f"/votes/{vote.pk}/actions/close").json()
    assert (closed["votes_for"], closed["passed"], closed["ballots"]) == (3, True, [])


def test_the_meeting_list_costs_the_same_queries_for_one_or_many(
    client, cast, org, members, on_day
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert _get(client, cast["staff"], "/meetings").status_code == 200
        return len(ctx.captured_queries)

    A.meeting_plan(
        actor=cast["staff"], term=org["term"], kind="standing_committee", start_date=on_day
    )
    one = queries()
    for _ in range(5):
        A.meeting_plan(
            actor=cast["staff"], term=org["term"], kind="standing_committee", start_date=on_day
        )
    assert queries() == one
