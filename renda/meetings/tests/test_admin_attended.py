"""The admin of the meetings deputies attended without a vote: every model shown read-only,
only the admin user's congress."""

from __future__ import annotations

import pytest

from renda.meetings import actions_attended as A
from renda.meetings.models import AttendeeForum, ForumOpinion, Meeting, MeetingAttendance
from renda.org.models import Term
from renda.stations.tests.test_admin import admin_user, assert_opens_without, assert_read_only

from .attended import MONDAY, on

MODELS = [Meeting, MeetingAttendance, AttendeeForum, ForumOpinion]


@pytest.fixture
def ours(cast, org, congress):
    """A meeting attended, with a forum and an opinion, in the cast's congress."""
    with on(MONDAY):
        meeting = A.meeting_attendance_record(
            actor=cast["staff"], congress=congress, title="本市会议", date=MONDAY,
            deputies=[org["deputy"]],
        )  # fmt: skip
        A.forum_record(
            actor=cast["staff"], meeting=meeting, held_on=MONDAY,
            opinions=[(org["deputy"], "本市意见")],
        )  # fmt: skip
    return meeting


@pytest.fixture
def theirs(other_congress):
    """A meeting of another congress."""
    term = Term.objects.create(congress=other_congress, number=1, start_date=MONDAY)
    return Meeting.objects.create(
        congress=other_congress, term=term, kind="standing_committee", number=1,
        title="外市会议", start_date=MONDAY, end_date=MONDAY, state="closed",
    )  # fmt: skip


def test_every_model_is_registered_read_only():
    assert_read_only(MODELS)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_each_list_and_page_opens_with_only_the_congress_rows(client, cast, ours, theirs, model):
    client.force_login(admin_user(cast["staff"], "meetings"))
    assert_opens_without(client, model, theirs)
