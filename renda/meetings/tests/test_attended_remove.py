"""Removing a deputy recorded by mistake as attending a meeting (列席): staff only, with a
reason; the event keeps who and why; the performance record follows; a deputy who spoke at
the forum stays."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renda.core.models import Event
from renda.core.workflow import ActionForbidden, ActionInvalid
from renda.meetings import actions_attended as A
from renda.meetings.models import MeetingAttendance

from .attended import D, meeting

__all__ = ["meeting"]


def test_staff_remove_an_attendee_recorded_by_mistake(cast, org, meeting):
    from renda.performance.record import record_for

    def attended(deputy):
        return [i for i in record_for(deputy, 2024).items if i.kind == "meeting"]

    assert attended(org["deputy"])
    A.meeting_attendee_remove(
        meeting=meeting, actor=cast["staff"], deputy=org["deputy"], reason="名单录错"
    )
    assert not MeetingAttendance.objects.filter(meeting=meeting).exists()
    event = Event.objects.get(object_id=meeting.pk, action="attendee_removed")
    assert event.data["reason"] == "名单录错" and event.data["deputies"] == [org["deputy"].pk]
    assert not attended(org["deputy"])


@pytest.mark.parametrize("who", ["leader", "deputy", "station", "stranger"])
def test_only_staff_remove_attendees(cast, org, meeting, who):
    with pytest.raises(ActionForbidden):
        A.meeting_attendee_remove(
            meeting=meeting, actor=cast[who], deputy=org["deputy"], reason="x"
        )
    assert MeetingAttendance.objects.filter(meeting=meeting).count() == 1


def test_refused_without_a_reason_for_one_not_attending_or_who_spoke_at_the_forum(
    cast, org, meeting
):
    with pytest.raises(ActionInvalid) as refused:
        A.meeting_attendee_remove(
            meeting=meeting, actor=cast["staff"], deputy=org["deputy"], reason=""
        )
    assert refused.value.field == "reason"
    with pytest.raises(ActionInvalid) as refused:
        A.meeting_attendee_remove(
            meeting=meeting, actor=cast["staff"], deputy=org["deputy2"], reason="x"
        )
    assert refused.value.field == "deputy"
    A.forum_record(
        actor=cast["staff"],
        meeting=meeting,
        held_on=D(2024, 4, 25),
        summary="座谈",
        opinions=[(org["deputy"], "建议加快老旧小区加装电梯。")],
    )
    with pytest.raises(ActionInvalid):
        A.meeting_attendee_remove(
            meeting=meeting, actor=cast["staff"], deputy=org["deputy"], reason="x"
        )
    assert MeetingAttendance.objects.filter(meeting=meeting).count() == 1


def test_the_meeting_page_offers_the_removal_to_staff(client, cast, org, meeting):
    client.force_login(cast["staff"])
    url = reverse("meetings:attended_remove", args=[meeting.pk])
    page = client.get(reverse("meetings:attended_detail", args=[meeting.pk]))
    assert url in page.content.decode()
    bad = client.post(url, {"deputy": org["deputy"].pk, "reason": ""})
    assert bad.status_code == 200 and bad.context["remove_form"].errors["reason"]
    done = client.post(url, {"deputy": org["deputy"].pk, "reason": "名单录错"})
    assert done.status_code == 302
    assert not MeetingAttendance.objects.filter(meeting=meeting).exists()
    client.force_login(cast["leader"])
    assert client.post(url, {"deputy": org["deputy"].pk, "reason": "x"}).status_code == 403
