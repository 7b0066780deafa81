"""The input of each meeting and vote action: what the API takes and the pages' forms derive
from (core.actionforms)."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _
from ninja import Field

from renda.core.schemas import ActionIn, Comment, Id, Text
from renda.core.workflow import ActionInvalid
from renda.meetings.models import Choice, Presence, VoteMethod


class FixAgendaIn(ActionIn):
    notice: Text = ""

    labels: ClassVar[dict[str, Any]] = {"notice": _("Notice to members")}
    help: ClassVar[dict[str, Any]] = {
        "notice": _("Sent with the agenda; the materials can be read from now on.")
    }
    rows: ClassVar[dict[str, int]] = {"notice": 4}


class OpenMeetingIn(ActionIn):
    """Nothing to send: attendance is recorded before."""


class TakeUpIn(ActionIn):
    item: Id = Field(description="The agenda item the meeting takes up now")

    labels: ClassVar[dict[str, Any]] = {"item": _("Agenda item")}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        item = case.items.filter(pk=self.item).first()
        if item is None:
            raise ActionInvalid(_("No such item on this meeting's agenda."), field="item")
        return {"item": item}


class PresenceIn(ActionIn):
    member: Id
    presence: Presence
    reason: Comment = ""


class AttendanceIn(ActionIn):
    members: list[PresenceIn] = Field(min_length=1, max_length=200)

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        return {
            "presences": {p.member: (p.presence, p.reason) for p in self.members},
        }


class CloseMeetingIn(ActionIn):
    minutes: Text = ""

    labels: ClassVar[dict[str, Any]] = {"minutes": _("Minutes")}
    help: ClassVar[dict[str, Any]] = {"minutes": _("Can be written or completed later.")}
    rows: ClassVar[dict[str, int]] = {"minutes": 6}


class OpenVoteIn(ActionIn):
    """Nothing to send: the members present are counted when it opens."""


class CastIn(ActionIn):
    choice: Choice

    labels: ClassVar[dict[str, Any]] = {"choice": _("Your vote")}
    widgets: ClassVar[dict[str, str]] = {"choice": "radio"}


class CloseVoteIn(ActionIn):
    """Nothing to send: the result is counted from the ballots."""


class HandsIn(ActionIn):
    votes_for: int = Field(ge=0, le=1000)
    votes_against: int = Field(ge=0, le=1000)
    votes_abstain: int = Field(ge=0, le=1000)

    labels: ClassVar[dict[str, Any]] = {
        "votes_for": _("For"),
        "votes_against": _("Against"),
        "votes_abstain": _("Abstain"),
    }


# --- decisions and appointments ---------------------------------------------------------------


class TableIn(ActionIn):
    """Put a case on a meeting's agenda, with the vote it needs prepared."""

    meeting: Id = Field(description="A standing committee meeting being prepared")
    method: VoteMethod = VoteMethod.NAMED

    labels: ClassVar[dict[str, Any]] = {"meeting": _("Meeting"), "method": _("Vote")}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        from renda.meetings.models import Meeting, MeetingKind, MeetingState

        meeting = Meeting.objects.filter(
            pk=self.meeting,
            congress_id=case.congress_id,
            kind=MeetingKind.STANDING_COMMITTEE,
            state__in=(MeetingState.PLANNED, MeetingState.FIXED),
        ).first()
        if meeting is None:
            raise ActionInvalid(
                _("Choose a standing committee meeting of this congress being prepared."),
                field="meeting",
            )
        return {"meeting": meeting, "method": self.method}


class PublishIn(ActionIn):
    """Nothing to send: it is published today, with its number."""


class ReviewIn(ActionIn):
    note: Text

    labels: ClassVar[dict[str, Any]] = {"note": _("What the chair's council decided")}


class _NominationIn(ActionIn):
    nomination: Id

    labels: ClassVar[dict[str, Any]] = {"nomination": _("Person")}

    def nomination_of(self, case: Any) -> Any:
        found = case.nominations.filter(pk=self.nomination).select_related("appointee").first()
        if found is None:
            raise ActionInvalid(_("No such person in this proposal."), field="nomination")
        return found


class StatementIn(_NominationIn):
    on: datetime.date

    labels: ClassVar[dict[str, Any]] = {"nomination": _("Person"), "on": _("Date")}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        return {"nomination": self.nomination_of(case), "on": self.on}


class ExamIn(_NominationIn):
    on: datetime.date
    passed: bool

    labels: ClassVar[dict[str, Any]] = {
        "nomination": _("Person"),
        "on": _("Date"),
        "passed": _("Passed the exam"),
    }

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        return {"nomination": self.nomination_of(case), "on": self.on, "passed": self.passed}


class OathIn(_NominationIn):
    on: datetime.date

    labels: ClassVar[dict[str, Any]] = {"nomination": _("Person"), "on": _("Date")}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        return {"nomination": self.nomination_of(case), "on": self.on}
