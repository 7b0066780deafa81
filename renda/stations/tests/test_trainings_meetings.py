"""Trainings with attendance, standing committee meetings attended without a vote, and the
attendees' forums with the opinions raised there: staff record them, each leaves an event."""

from __future__ import annotations

import pytest

from renda.core.models import Event
from renda.core.workflow import ActionForbidden, ActionInvalid
from renda.stations import actions as A
from renda.stations.models import ForumOpinion, MeetingAttendance

from .conftest import D, on


@pytest.fixture
def training(cast, congress):
    with on(D(2024, 6, 1)):
        return A.training_create(
            actor=cast["staff"],
            congress=congress,
            title="新任代表履职培训",
            start_date=D(2024, 5, 20),
            end_date=D(2024, 5, 22),
            place="晋中市委党校",
        )


def test_staff_record_a_trainings_attendance_and_recording_again_replaces_it(cast, org, training):
    A.training_attendance_record(training=training, actor=cast["staff"], deputies=[org["deputy"]])
    A.training_attendance_record(
        training=training, actor=cast["staff"], deputies=[org["deputy"], org["deputy2"]]
    )
    assert set(training.deputies.all()) == {org["deputy"], org["deputy2"]}
    assert Event.objects.filter(object_id=training.pk, action="attendance").count() == 2


def test_a_training_ends_on_or_after_its_start(cast, congress):
    with pytest.raises(ActionInvalid):
        A.training_create(
            actor=cast["staff"],
            congress=congress,
            title="x",
            start_date=D(2024, 5, 2),
            end_date=D(2024, 5, 1),
        )


def test_attendance_waits_for_the_training_to_start(cast, org, congress):
    with on(D(2024, 5, 1)):
        t = A.training_create(
            actor=cast["staff"], congress=congress, title="x", start_date=D(2024, 5, 20)
        )
        with pytest.raises(ActionInvalid):
            A.training_attendance_record(training=t, actor=cast["staff"], deputies=[org["deputy"]])


@pytest.mark.parametrize("who", ["leader", "deputy", "station", "handler", "stranger"])
def test_only_staff_record_trainings_and_meetings(cast, org, congress, training, who):
    with pytest.raises(ActionForbidden):
        A.training_create(actor=cast[who], congress=congress, title="x", start_date=D(2024, 1, 5))
    with pytest.raises(ActionForbidden):
        A.training_attendance_record(training=training, actor=cast[who], deputies=[])
    with pytest.raises(ActionForbidden):
        A.meeting_attendance_record(
            actor=cast[who],
            congress=congress,
            title="x",
            date=D(2024, 1, 5),
            deputies=[org["deputy"]],
        )


@pytest.fixture
def meeting(cast, org, congress):
    return A.meeting_attendance_record(
        actor=cast["staff"],
        congress=congress,
        title="市五届人大常委会第十八次会议",
        date=D(2024, 4, 25),
        deputies=[org["deputy"]],
    )


def test_deputies_attend_a_meeting_without_a_vote_and_adding_more_keeps_the_first(
    cast, org, congress, meeting
):
    again = A.meeting_attendance_record(
        actor=cast["staff"],
        congress=congress,
        title=meeting.title,
        date=meeting.date,
        deputies=[org["deputy"], org["deputy2"]],
    )
    assert again == meeting
    assert MeetingAttendance.objects.filter(meeting=meeting).count() == 2


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
