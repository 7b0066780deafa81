"""A draft regulation on a meeting's agenda (审议法规草案): the item is chosen among the drafts
legislation offers, the meeting's reading is recorded on the regulation when the meeting closes,
and a vote that passes adopts it on the vote's day; a reading is never recorded twice."""

from __future__ import annotations

import datetime

import pytest

from renda.core import agenda
from renda.core.models import Event
from renda.legislation.actions.regulations import regulation_create
from renda.meetings import actions as A
from renda.meetings.forms import ItemForm
from renda.meetings.models import Vote
from renda.meetings.tests.conftest import mark

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(cast, congress, on_day):
    return regulation_create(
        congress=congress,
        actor=cast["staff"],
        title="某市养犬管理条例",
        planned_on=on_day - datetime.timedelta(days=90),
        drafting=True,
    )


def _key(regulation):
    return f"legislation.regulation:{regulation.pk}"


def _item(meeting, staff, regulation, kind="reading"):
    form = ItemForm(
        data={"item-kind": kind, "item-title": f"审议{regulation.title}（草案）",
              "item-case": _key(regulation)},
        meeting=meeting,
        user=staff,
    )  # fmt: skip
    assert form.is_valid(), form.errors
    return form.run()


def _run(meeting, staff, members):
    A.meeting_fix_agenda(meeting=meeting, actor=staff)
    mark(meeting, staff, members, present=set(range(len(members))))
    A.meeting_open(meeting=meeting, actor=staff)


def test_the_item_form_offers_the_drafts_in_reading_and_refuses_them_for_another_kind(
    cast, meeting, draft, congress
):
    offered = dict(agenda.candidates(congress.pk, "reading"))
    assert offered == {_key(draft): draft.title}
    assert agenda.candidates(congress.pk, "report") == []
    form = ItemForm(
        data={"item-kind": "report", "item-title": "报告", "item-case": _key(draft)},
        meeting=meeting,
        user=cast["staff"],
    )
    assert not form.is_valid() and "case" in form.errors
    form = ItemForm(
        data={"item-kind": "reading", "item-title": "审", "item-case": "legislation.regulation:x"},
        meeting=meeting,
        user=cast["staff"],
    )
    assert not form.is_valid() and "case" in form.errors


def test_closing_the_meeting_records_its_reading_on_the_regulation(
    cast, members, meeting, draft, on_day
):
    item = _item(meeting, cast["staff"], draft)
    assert item.case_id == draft.pk
    _run(meeting, cast["staff"], members)
    A.meeting_close(meeting=meeting, actor=cast["staff"])
    draft.refresh_from_db()
    # The meeting met before its planned first day (the clock is frozen): today is its day.
    assert draft.state == "first_reading" and draft.first_reading_on == on_day
    event = Event.objects.filter(action="first_reading", object_id=draft.pk).get()
    assert event.comment == meeting.title


def test_a_vote_at_the_second_reading_adopts_it_and_the_close_adds_nothing(
    cast, members, meeting, draft, on_day
):
    from renda.legislation.actions.regulations import regulation_advance

    regulation_advance(
        regulation=draft,
        action="first_reading",
        actor=cast["staff"],
        on=on_day - datetime.timedelta(days=60),
    )
    item = _item(meeting, cast["staff"], draft)
    vote = A.vote_prepare(item=item, actor=cast["staff"], subject="表决", method="named")
    assert vote.case_id == draft.pk  # the vote is about the item's case
    _run(meeting, cast["staff"], members)
    A.vote_open(vote=vote, actor=cast["staff"])
    for user in members[:4]:
        A.vote_cast(vote=vote, actor=user, choice="for")
    A.vote_close(vote=vote, actor=cast["staff"])
    draft.refresh_from_db()
    assert draft.state == "adopted"
    assert draft.second_reading_on == draft.adopted_on == on_day
    A.meeting_close(meeting=meeting, actor=cast["staff"])
    draft.refresh_from_db()
    assert draft.state == "adopted" and draft.third_reading_on is None


def test_a_new_regulation_voted_at_its_first_reading_keeps_the_reading_only(
    cast, members, meeting, draft
):
    item = _item(meeting, cast["staff"], draft)
    vote = A.vote_prepare(item=item, actor=cast["staff"], subject="表决", method="named")
    _run(meeting, cast["staff"], members)
    A.vote_open(vote=vote, actor=cast["staff"])
    for user in members:
        A.vote_cast(vote=vote, actor=user, choice="for")
    A.vote_close(vote=vote, actor=cast["staff"])
    A.meeting_close(meeting=meeting, actor=cast["staff"])
    draft.refresh_from_db()
    assert Vote.objects.get(pk=vote.pk).passed
    assert draft.state == "first_reading" and draft.second_reading_on is None


def test_a_failed_vote_leaves_the_reading_to_the_close(cast, members, meeting, draft, on_day):
    item = _item(meeting, cast["staff"], draft)
    vote = A.vote_prepare(item=item, actor=cast["staff"], subject="表决", method="named")
    _run(meeting, cast["staff"], members)
    A.vote_open(vote=vote, actor=cast["staff"])
    A.vote_cast(vote=vote, actor=members[0], choice="for")
    A.vote_close(vote=vote, actor=cast["staff"])
    A.meeting_close(meeting=meeting, actor=cast["staff"])
    draft.refresh_from_db()
    assert draft.state == "first_reading" and draft.adopted_on is None
