"""The input of each petition action: one schema per action, which the API takes as the
route's body and the case page derives its form from (core.actionforms). Ids become rows of the
petition's congress in `arguments()`: an id from elsewhere is bad input naming its field."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field

from renda.core.api import payload_row
from renda.core.schemas import ActionIn, Comment, Id, Text, Title
from renda.petitions.models import AnswerResult, HandlingMode, Rating, ReviewResult


class AcceptIn(ActionIn):
    mode: HandlingMode
    unit: Id | None = Field(None, description="The body it is forwarded or assigned to")
    note: Text

    labels: ClassVar[dict[str, Any]] = {
        "mode": _("How it is handled"),
        "unit": _("Body competent"),
        "note": _("What the petitioner is told"),
    }
    help: ClassVar[dict[str, Any]] = {"unit": _("Not for a petition the office handles itself.")}
    widgets: ClassVar[dict[str, str]] = {"mode": "radio"}
    rows: ClassVar[dict[str, int]] = {"note": 3}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        from renda.org.models import HandlingUnit

        unit = None
        if self.unit is not None:
            unit = payload_row(
                HandlingUnit.objects.filter(congress_id=case.congress_id, active=True),
                self.unit,
                "unit",
                str(_("No such handling unit in your congress.")),
            )
        return {"mode": self.mode, "unit": unit, "note": self.note}


class DeclineIn(ActionIn):
    reason: Text

    labels: ClassVar[dict[str, Any]] = {
        "reason": _("Why it is not accepted, and where to turn (the petitioner reads it)")
    }


class ExtendIn(ActionIn):
    days: int = Field(ge=1, le=366)
    reason: Text

    labels: ClassVar[dict[str, Any]] = {
        "days": _("Days added"),
        "reason": _("Why more time is needed (the petitioner reads it)"),
    }


class AnswerIn(ActionIn):
    result: AnswerResult
    text: Text

    labels: ClassVar[dict[str, Any]] = {
        "result": _("Handling opinion"),
        "text": _("Written answer (the petitioner reads it)"),
    }
    widgets: ClassVar[dict[str, str]] = {"result": "radio"}
    rows: ClassVar[dict[str, int]] = {"text": 8}


class RequestReviewIn(ActionIn):
    reason: Text

    labels: ClassVar[dict[str, Any]] = {"reason": _("Why the petitioner asks for a review")}


class ReviewAnswerIn(ActionIn):
    body: Title
    result: ReviewResult
    text: Text

    labels: ClassVar[dict[str, Any]] = {
        "body": _("Reviewing body"),
        "result": _("Result"),
        "text": _("Review opinion (the petitioner reads it)"),
    }
    widgets: ClassVar[dict[str, str]] = {"result": "radio", "body": "text"}


class MarkKeyIn(ActionIn):
    leader: Id = Field(description="The standing committee leader who supervises it")
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {"leader": _("Supervising leader")}
    rows: ClassVar[dict[str, int]] = {"comment": 2}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        from renda.accounts.models import User

        leader = payload_row(
            User.objects.filter(congress_id=case.congress_id, role="leader", is_active=True),
            self.leader,
            "leader",
            str(_("No such leader in your congress.")),
        )
        return {"leader": leader, "comment": self.comment}


class InstructIn(ActionIn):
    text: Text

    labels: ClassVar[dict[str, Any]] = {"text": _("Instruction")}


class FollowUpIn(ActionIn):
    text: Text

    labels: ClassVar[dict[str, Any]] = {"text": _("What was done on the instruction")}


class PassToDeputiesIn(ActionIn):
    station: Id = Field(description="The contact station whose deputies follow it up")
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {"station": _("Contact station")}
    rows: ClassVar[dict[str, int]] = {"comment": 2}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        from renda.org.models import ContactStation

        station = payload_row(
            ContactStation.objects.filter(congress_id=case.congress_id, closed_on__isnull=True),
            self.station,
            "station",
            str(_("No such contact station.")),
        )
        return {"station": station, "comment": self.comment}


class DeputyFollowUpIn(ActionIn):
    date: datetime.date
    notes: Text

    labels: ClassVar[dict[str, Any]] = {"notes": _("What you did")}
    help: ClassVar[dict[str, Any]] = {
        "notes": _("Whom you met, what you learned, what you asked of the bodies concerned."),
    }

    @classmethod
    def initial(cls, case: Any) -> dict[str, Any]:
        return {"date": timezone.localdate()}


class LinkIn(ActionIn):
    earlier: Id = Field(description="The earlier petition on the same matter")
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {"earlier": _("Earlier petition")}
    rows: ClassVar[dict[str, int]] = {"comment": 2}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        from renda.petitions.models import Petition

        earlier = payload_row(
            Petition.objects.filter(congress_id=case.congress_id).exclude(pk=case.pk),
            self.earlier,
            "earlier",
            str(_("No such earlier petition.")),
        )
        return {"earlier": earlier, "comment": self.comment}


class RateIn(ActionIn):
    rating: Rating
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {"rating": _("Are you satisfied with the answer?")}
    widgets: ClassVar[dict[str, str]] = {"rating": "radio"}
    rows: ClassVar[dict[str, int]] = {"comment": 2}
