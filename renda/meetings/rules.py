"""Who may do what at meetings: staff prepare them, run the votes and record the deputies who
attend without a vote (列席) with their forums; members (组成人员) read the materials of their
meetings and vote; deputies read the agenda of the meetings they attend without a vote;
visibility of meetings and votes as scopes (predicate and filter side by side)."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Exists, OuterRef, Q

from renda.core.predicates import (
    Clause,
    Scope,
    has_deputyship,
    is_leader,
    is_staff,
    same_congress,
    staff_of_congress,
)


@rules.predicate
def is_member(user: Any) -> bool:
    """A standing committee member's account (组成人员), linked to their deputyship."""
    return bool(is_leader(user) and has_deputyship(user))


def _member_of(user: Any, meeting: Any) -> bool:
    from renda.meetings.models import MemberAttendance

    return MemberAttendance.objects.filter(meeting=meeting, member_id=user.deputy_id).exists()


@rules.predicate
def expected_at(user: Any, meeting: Any) -> bool:
    """A member the meeting expects (whether they came or not)."""
    return bool(meeting is not None and has_deputyship(user) and _member_of(user, meeting))


@rules.predicate
def present_at_vote(user: Any, vote: Any) -> bool:
    """A member marked present at the meeting of the vote (only they vote)."""
    from renda.meetings.models import MemberAttendance, Presence

    if vote is None or not has_deputyship(user):
        return False
    return MemberAttendance.objects.filter(
        meeting_id=vote.item.meeting_id, member_id=user.deputy_id, presence=Presence.PRESENT
    ).exists()


@rules.predicate
def attended_without_vote(user: Any, meeting: Any) -> bool:
    """A deputy recorded as attending the meeting without a vote (列席)."""
    from renda.meetings.models import MeetingAttendance

    return bool(
        meeting is not None
        and has_deputyship(user)
        and MeetingAttendance.objects.filter(meeting=meeting, deputy_id=user.deputy_id).exists()
    )


def _congress(user: Any) -> Q:
    return Q(congress_id=user.congress_id)


def _expected(user: Any) -> Any:
    from renda.meetings.models import MemberAttendance

    mine = MemberAttendance.objects.filter(meeting=OuterRef("pk"), member_id=user.deputy_id)
    return _congress(user) & Q(Exists(mine))


def _attended(user: Any) -> Any:
    from renda.meetings.models import MeetingAttendance

    mine = MeetingAttendance.objects.filter(meeting=OuterRef("pk"), deputy_id=user.deputy_id)
    return _congress(user) & Q(Exists(mine))


# Who sees a meeting: staff and leaders of the congress (leaders read every meeting's
# materials); a member expected at it; a deputy who attended it without a vote (列席), who
# reads its agenda and materials but not the members' attendance.
SEE_MEETING = Scope(
    Clause(is_staff | is_leader, _congress),
    Clause(has_deputyship, _expected, same_congress & expected_at),
    Clause(has_deputyship, _attended, same_congress & attended_without_vote),
).register("meetings.view_meeting", "meetings.Meeting")

rules.add_perm("meetings.manage", staff_of_congress)
rules.add_perm("meetings.view_meetings", is_staff | is_leader | has_deputyship)
rules.add_perm("meetings.attend", is_member)
rules.add_perm("meetings.cast_ballot", present_at_vote)
# Who was present, on leave or absent: staff and leaders, and the members of the meeting.
rules.add_perm("meetings.view_members", is_staff | is_leader | expected_at)
# The meetings deputies attended without a vote, their attendees and forums, in the stations'
# work tabs: staff and leaders (staff record them: meetings.manage).
rules.add_perm("meetings.view_attended", is_staff | is_leader)


# Decisions and appointment proposals: staff and leaders of the congress (the public reads
# the published decisions and the appointments announced on their own pages).
SEE_DECISION = Scope(Clause(is_staff | is_leader, _congress))
SEE_DECISION.register("meetings.view_decision", "meetings.Decision")
SEE_PROPOSAL = Scope(Clause(is_staff | is_leader, _congress))
SEE_PROPOSAL.register("meetings.view_proposal", "meetings.AppointmentProposal")
rules.add_perm("meetings.view_decisions", (is_staff | is_leader))
