"""A meeting from planning to closing: numbering, members expected, the agenda fixed and the
members notified, attendance with leave, the quorum, and every refusal."""

from __future__ import annotations

import datetime

import pytest

from renda.core.models import Deadline, Event, Notification
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid
from renda.meetings import actions as A
from renda.meetings.models import Meeting, MemberAttendance
from renda.meetings.tests.conftest import mark

pytestmark = pytest.mark.django_db


def test_a_standing_committee_meeting_is_numbered_and_expects_every_member(meeting, members):
    assert meeting.number == 1 and meeting.state == "planned"
    assert meeting.title == "晋中市第五届人大常委会第一次会议"
    assert meeting.members.count() == len(members)
    assert Event.objects.filter(action="create", object_id=meeting.pk).exists()


def test_the_next_meeting_of_the_term_takes_the_next_number(meeting, cast, org, on_day):
    second = A.meeting_plan(
        actor=cast["staff"], term=org["term"], kind="standing_committee", start_date=on_day
    )
    council = A.meeting_plan(
        actor=cast["staff"],
        term=org["term"],
        kind="chair_council",
        start_date=on_day,
        members=[meeting.members.first().member],
    )
    assert (second.number, council.number) == (2, 1)
    assert council.title == "晋中市第五届人大常委会第一次主任会议"
    assert council.members.count() == 1


def test_a_chair_council_meeting_needs_its_members(cast, org, members, on_day):
    with pytest.raises(ActionInvalid) as refused:
        A.meeting_plan(
            actor=cast["staff"], term=org["term"], kind="chair_council", start_date=on_day
        )
    assert refused.value.field == "members"


@pytest.mark.parametrize("who", ["leader", "deputy", "handler", "station", "stranger"])
def test_only_staff_of_the_congress_plan_meetings(cast, org, members, on_day, who):
    with pytest.raises(ActionForbidden):
        A.meeting_plan(
            actor=cast[who], term=org["term"], kind="standing_committee", start_date=on_day
        )
    assert not Meeting.objects.exists()


def test_fixing_the_agenda_notifies_members_and_sets_their_reading(
    meeting, cast, members, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        A.meeting_fix_agenda(meeting=meeting, actor=cast["staff"], notice="请审阅材料。")
    assert meeting.state == "fixed"
    assert Notification.objects.filter(recipient__in=members).count() == len(members)
    reading = Deadline.objects.filter(object_id=meeting.pk, kind__startswith="read:")
    assert reading.count() == len(members) and {d.due_date for d in reading} == {meeting.start_date}


def test_a_meeting_in_the_past_is_not_fixed_and_nothing_changes(meeting, cast):
    Meeting.objects.filter(pk=meeting.pk).update(start_date=datetime.date(2024, 6, 1))
    meeting.refresh_from_db()
    with pytest.raises(ActionInvalid) as refused:
        A.meeting_fix_agenda(meeting=meeting, actor=cast["staff"])
    assert refused.value.field == "start_date"
    meeting.refresh_from_db()
    assert meeting.state == "planned" and not Deadline.objects.exists()


def test_an_empty_agenda_is_not_fixed(cast, org, members, on_day):
    empty = A.meeting_plan(
        actor=cast["staff"], term=org["term"], kind="standing_committee", start_date=on_day
    )
    with pytest.raises(ActionConflict):
        A.meeting_fix_agenda(meeting=empty, actor=cast["staff"])


def test_a_leave_needs_its_reason(meeting, cast, members):
    A.meeting_fix_agenda(meeting=meeting, actor=cast["staff"])
    with pytest.raises(ActionInvalid):
        A.meeting_record_attendance(
            meeting=meeting, actor=cast["staff"], presences={members[0].deputy_id: ("leave", " ")}
        )
    assert set(MemberAttendance.objects.values_list("presence", flat=True)) == {"expected"}


def test_only_the_meetings_members_attend_it(meeting, cast, org):
    A.meeting_fix_agenda(meeting=meeting, actor=cast["staff"])
    with pytest.raises(ActionInvalid):
        A.meeting_record_attendance(
            meeting=meeting, actor=cast["staff"], presences={org["deputy"].pk: ("present", "")}
        )


@pytest.mark.parametrize(
    "present, opens",
    [({0, 1, 2}, True), ({0, 1}, False), ({0, 1, 2, 3, 4}, True), (set(), False)],
)
def test_a_meeting_opens_only_with_more_than_half_of_all_members(
    meeting, cast, members, present, opens
):
    A.meeting_fix_agenda(meeting=meeting, actor=cast["staff"])
    mark(meeting, cast["staff"], members, present=present, leave={4} - present)
    if opens:
        A.meeting_open(meeting=meeting, actor=cast["staff"])
        assert meeting.state == "in_session" and meeting.current_item is not None
        assert not Deadline.objects.filter(kind__startswith="read:", closed_at__isnull=True)
    else:
        with pytest.raises(ActionConflict, match="3"):  # 3 of 5 needed
            A.meeting_open(meeting=meeting, actor=cast["staff"])
        meeting.refresh_from_db()
        assert meeting.state == "fixed"


def test_the_quorum_is_a_setting(meeting, cast, members, congress):
    congress.settings = {"meeting_quorum_share": 0.6}  # more than 3 of 5
    congress.save()
    A.meeting_fix_agenda(meeting=meeting, actor=cast["staff"])
    mark(meeting, cast["staff"], members, present={0, 1, 2})
    meeting.congress.refresh_from_db()
    with pytest.raises(ActionConflict):
        A.meeting_open(meeting=meeting, actor=cast["staff"])


def test_a_meeting_with_an_open_vote_does_not_close(in_session, cast):
    item = in_session.items.get()
    vote = A.vote_prepare(item=item, actor=cast["staff"], subject="表决", method="named")
    A.vote_open(vote=vote, actor=cast["staff"])
    with pytest.raises(ActionConflict):
        A.meeting_close(meeting=in_session, actor=cast["staff"])
    A.vote_close(vote=vote, actor=cast["staff"])
    A.meeting_close(meeting=in_session, actor=cast["staff"], minutes="会议审议通过了决定。")
    assert in_session.state == "closed" and in_session.minutes == "会议审议通过了决定。"


def test_items_are_added_only_while_the_meeting_is_prepared(in_session, cast):
    with pytest.raises(ActionConflict):
        A.item_add(meeting=in_session, actor=cast["staff"], kind="other", title="临时动议")
