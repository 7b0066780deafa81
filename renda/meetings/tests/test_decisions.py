"""Decisions and resolutions: drafted, tabled at a meeting with their vote, adopted (numbered,
dated, with the counts) or not by that vote, published, and amended or repealed by later
ones; what is refused."""

from __future__ import annotations

import pytest

from renda.core.workflow import ActionForbidden, ActionInvalid
from renda.meetings import actions as A
from renda.meetings import actions_decisions as D
from renda.meetings.models import AgendaItem, Decision, Vote
from renda.meetings.tests.conftest import mark

pytestmark = pytest.mark.django_db


def _vote_through(meeting, staff, members, voters, choice="for"):
    """Run the meeting: fix, attendance (all present), open, and vote on its last vote."""
    A.meeting_fix_agenda(meeting=meeting, actor=staff)
    mark(meeting, staff, members, present=set(range(len(members))))
    A.meeting_open(meeting=meeting, actor=staff)
    vote = Vote.objects.filter(item__meeting=meeting).latest("id")
    A.vote_open(vote=vote, actor=staff)
    for user in voters:
        A.vote_cast(vote=vote, actor=user, choice=choice)
    A.vote_close(vote=vote, actor=staff)
    return vote


@pytest.fixture
def draft(cast):
    return D.decision_draft(
        actor=cast["staff"],
        kind="decision",
        title="关于推进节水型城市建设的决定",
        text="为推进节水型城市建设，作如下决定：……",
    )


def test_a_decision_tabled_and_voted_is_adopted_with_its_number(cast, members, meeting, draft):
    D.decision_table(decision=draft, actor=cast["staff"], meeting=meeting, method="named")
    assert draft.state == "tabled"
    item = AgendaItem.objects.get(pk=draft.item_id)
    assert item.kind == "decision" and item.case_id == draft.pk
    vote = _vote_through(meeting, cast["staff"], members, members[:4])
    draft.refresh_from_db()
    assert vote.passed and draft.state == "adopted"
    assert (draft.year, draft.number, draft.adopted_on) == (2024, 1, vote.closed_at.date())
    assert (draft.votes_for, draft.votes_against) == (4, 0)
    D.decision_publish(decision=draft, actor=cast["staff"])
    assert draft.state == "in_force" and draft.published_on is not None


def test_a_decision_without_a_majority_of_all_members_is_not_adopted(cast, members, meeting, draft):
    D.decision_table(decision=draft, actor=cast["staff"], meeting=meeting, method="secret")
    _vote_through(meeting, cast["staff"], members, members[:2])  # 2 of 5
    draft.refresh_from_db()
    assert draft.state == "rejected" and draft.number is None


def test_a_later_decision_amends_or_repeals_an_earlier_one_when_published(
    cast, members, meeting, draft, org, on_day
):
    import datetime

    D.decision_table(decision=draft, actor=cast["staff"], meeting=meeting, method="named")
    _vote_through(meeting, cast["staff"], members, members[:4])
    draft.refresh_from_db()
    D.decision_publish(decision=draft, actor=cast["staff"])
    later = D.decision_draft(
        actor=cast["staff"], kind="decision", title="关于修改节水决定的决定", text="……",
        amends=[draft],
    )  # fmt: skip
    second = A.meeting_plan(
        actor=cast["staff"],
        term=org["term"],
        kind="standing_committee",
        start_date=on_day + datetime.timedelta(days=14),
    )
    D.decision_table(decision=later, actor=cast["staff"], meeting=second, method="named")
    _vote_through(second, cast["staff"], members, members[:3])
    later.refresh_from_db()
    assert later.number == 2
    D.decision_publish(decision=later, actor=cast["staff"])
    draft.refresh_from_db()
    assert draft.state == "amended"
    repealing = D.decision_draft(
        actor=cast["staff"], kind="resolution", title="废止决定", text="……", repeals=[draft]
    )
    assert list(repealing.repeals.all()) == [draft]


def test_only_decisions_in_force_are_amended(cast, draft):
    with pytest.raises(ActionInvalid) as refused:
        D.decision_draft(actor=cast["staff"], kind="decision", title="t", text="x", amends=[draft])
    assert refused.value.field == "amends"


def test_a_decision_is_tabled_only_at_a_meeting_being_prepared(client, cast, members, in_session):
    draft = D.decision_draft(actor=cast["staff"], kind="decision", title="决定", text="……")
    client.force_login(cast["staff"])
    from django.urls import reverse

    url = reverse("meetings:decision_act", args=[draft.pk, "table"])
    items = AgendaItem.objects.count()
    response = client.post(url, {"table-meeting": in_session.pk, "table-method": "named"})
    assert response.status_code == 422
    assert "meeting" in response.context["action_forms"][0].errors
    draft.refresh_from_db()
    assert draft.state == "draft" and AgendaItem.objects.count() == items


@pytest.mark.parametrize("who", ["leader", "deputy", "handler", "station"])
def test_only_staff_draft_decisions(cast, who):
    with pytest.raises(ActionForbidden):
        D.decision_draft(actor=cast[who], kind="decision", title="决定", text="……")
    assert not Decision.objects.exists()


def test_the_public_reads_published_decisions_only(client, cast, members, meeting, draft):
    from django.urls import reverse

    D.decision_table(decision=draft, actor=cast["staff"], meeting=meeting, method="named")
    _vote_through(meeting, cast["staff"], members, members[:4])
    assert client.get(reverse("meetings:public_decision", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    D.decision_publish(decision=draft, actor=cast["staff"])
    page = client.get(reverse("meetings:public_decisions"))
    assert [d.pk for d in page.context["page_obj"]] == [draft.pk]
    assert client.get("/api/v1/public/decisions").json()["count"] == 1
