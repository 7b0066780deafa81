"""Standing committee meetings attended without a vote (列席) and the attendees' forums with
the opinions raised there: staff record them on the one meeting model, each in the meeting's
history; a meeting named by its title and day is the meeting of that day with that title or
number, else one recorded as held then, numbered from its title."""

from __future__ import annotations

import pytest
from django.utils import translation

from renda.core.models import Event
from renda.core.timeline import timeline
from renda.core.workflow import ActionForbidden, ActionInvalid
from renda.meetings import actions_attended as A
from renda.meetings.models import ForumOpinion, Meeting, MeetingAttendance
from renda.org.models import Term

from .attended import D, meeting, on, planned

__all__ = ["meeting"]


def _record(cast, congress, title, day, deputies):
    return A.meeting_attendance_record(
        actor=cast["staff"], congress=congress, title=title, date=day, deputies=deputies
    )


@pytest.mark.parametrize("who", ["leader", "deputy", "station", "handler", "stranger"])
def test_only_staff_record_meetings_attended(cast, org, congress, who):
    with pytest.raises(ActionForbidden):
        A.meeting_attendance_record(
            actor=cast[who],
            congress=congress,
            title="x",
            date=D(2024, 1, 5),
            deputies=[org["deputy"]],
        )
    assert not Meeting.objects.exists()


def test_deputies_attend_a_meeting_without_a_vote_and_adding_more_keeps_the_first(
    cast, org, congress, meeting
):
    again = A.meeting_attendance_record(
        actor=cast["staff"],
        congress=congress,
        title=meeting.title,
        date=meeting.start_date,
        deputies=[org["deputy"], org["deputy2"]],
    )
    assert again == meeting
    assert MeetingAttendance.objects.filter(meeting=meeting).count() == 2


def test_a_meeting_named_by_its_title_is_recorded_as_held_numbered_from_it(cast, org, meeting):
    assert (meeting.kind, meeting.state, meeting.term) == (
        "standing_committee",
        "closed",
        org["term"],
    )
    assert (meeting.number, meeting.start_date, meeting.end_date) == (
        18,
        D(2024, 4, 25),
        D(2024, 4, 25),
    )
    assert meeting.title == "市五届人大常委会第十八次会议"
    event = Event.objects.get(object_id=meeting.pk, action="held")
    assert (event.to_state, event.actor, event.data) == ("closed", cast["staff"], {"number": 18})


def test_the_same_number_on_the_same_day_is_the_same_meeting(cast, org, congress, meeting):
    again = _record(
        cast, congress, "晋中市第五届人大常委会第十八次会议", meeting.start_date, [org["deputy2"]]
    )
    assert again == meeting and meeting.attendances.count() == 2


def test_another_title_on_the_same_day_is_another_meeting_with_the_next_free_number(
    cast, org, congress, meeting
):
    unnumbered = _record(cast, congress, "列席常委会会议", meeting.start_date, [org["deputy"]])
    taken = _record(cast, congress, "另一个第十八次会议", D(2024, 5, 6), [org["deputy"]])
    assert (unnumbered.number, taken.number) == (19, 20)
    assert Meeting.objects.count() == 3


def test_attendance_joins_a_meeting_planned_for_that_day(cast, org, congress, members):
    meeting = planned(cast, org, D(2024, 6, 3), D(2024, 6, 4))
    with on(D(2024, 6, 5)):
        found = _record(
            cast, congress, "市五届人大常委会第一次会议", D(2024, 6, 4), [org["deputy"]]
        )
    assert found == meeting and found.state == "planned"
    assert [e.action for e in Event.objects.filter(object_id=meeting.pk).order_by("id")] == [
        "create",
        "attendance",
    ]


def test_a_meeting_in_the_future_or_before_any_term_is_refused_beside_the_date(cast, org, congress):
    with on(D(2024, 6, 1)), pytest.raises(ActionInvalid) as future:
        _record(cast, congress, "第二十次会议", D(2024, 6, 2), [org["deputy"]])
    Term.objects.update(start_date=D(2025, 1, 1))
    with pytest.raises(ActionInvalid) as early:
        _record(cast, congress, "第二十次会议", D(2024, 6, 2), [org["deputy"]])
    assert future.value.field == early.value.field == "date"
    assert not Meeting.objects.exists()


def test_more_attendees_wait_for_the_meeting_to_begin(cast, org, members):
    meeting = planned(cast, org, D(2024, 6, 3))
    with on(D(2024, 6, 1)), pytest.raises(ActionInvalid) as info:
        A.meeting_attendees_add(meeting=meeting, actor=cast["staff"], deputies=[org["deputy"]])
    assert info.value.field == "deputies" and not MeetingAttendance.objects.exists()


def test_a_forum_records_the_opinions_its_attendees_raised(cast, org, meeting):
    forum = A.forum_record(
        actor=cast["staff"],
        meeting=meeting,
        held_on=D(2024, 4, 25),
        summary="列席代表座谈",
        opinions=[(org["deputy"], "建议加快老旧小区加装电梯。")],
    )
    assert [(o.deputy, o.text) for o in forum.opinions.all()] == [
        (org["deputy"], "建议加快老旧小区加装电梯。")
    ]
    event = Event.objects.get(object_id=meeting.pk, action="forum")
    assert event.data["deputies"] == [org["deputy"].pk]


def test_only_an_attendee_raises_an_opinion_at_the_forum(cast, org, meeting):
    with pytest.raises(ActionInvalid) as info:
        A.forum_record(
            actor=cast["staff"],
            meeting=meeting,
            held_on=D(2024, 4, 25),
            opinions=[(org["deputy2"], "意见")],
        )
    assert info.value.field == "opinions.0.deputy"
    assert not ForumOpinion.objects.exists()


def test_the_meetings_timeline_says_it_was_held_its_attendance_and_forum(cast, org, meeting):
    A.forum_record(
        actor=cast["staff"],
        meeting=meeting,
        held_on=meeting.start_date,
        opinions=[(org["deputy"], "建议加强督办")],
    )
    with translation.override("en"):
        said = [(e.label, e.detail) for e in timeline(meeting)]
    assert said == [
        ("Meeting recorded as held", ""),
        ("Attendance recorded", "1 deputies"),
        ("Attendee forum recorded", "1 deputies"),
    ]
