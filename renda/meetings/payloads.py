"""The input of each meeting and vote action: what the API takes and the pages' forms derive
from (core.actionforms)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _
from ninja import Field

from renda.core.schemas import ActionIn, Comment, Id, Text
from renda.core.workflow import ActionInvalid
from renda.meetings.models import Choice, Presence


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
