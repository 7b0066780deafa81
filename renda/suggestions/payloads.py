"""The input of each suggestion and motion action: one schema per action, which the API takes
as the route's body and the case page derives its form from (core.actionforms).

`arguments()` turns ids into rows of the case's congress (an id from elsewhere is as good as
unknown: a 422 naming the field, never a leak); labels are what the page's form shows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, ClassVar

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field

from renda.core.schemas import ActionIn, Comment, Id, Name, People, Phone, Text, Title
from renda.core.workflow import ActionConflict, ActionInvalid
from renda.suggestions.models import (
    Assignment,
    Category,
    Contact,
    ConvertedTo,
    HandlingMode,
    ReplyCategory,
    Satisfaction,
)


def _row(qs: Any, pk: int | None, field: str, message: Any) -> Any:
    row = qs.filter(pk=pk).first() if pk is not None else None
    if row is None:
        raise ActionInvalid(message, field=field)
    return row


def _units(case: Any) -> Any:
    from renda.org.models import HandlingUnit

    return HandlingUnit.objects.filter(congress_id=case.congress_id)


# --- 1. submit --------------------------------------------------------------------------------


class ResubmitIn(ActionIn):
    title: Title
    body: Text
    category: Category

    rows: ClassVar[dict[str, int]] = {"body": 10}

    @classmethod
    def initial(cls, case: Any) -> dict[str, Any]:
        return {"title": case.title, "body": case.body, "category": case.category}


class WithdrawIn(ActionIn):
    reason: Text

    labels: ClassVar[dict[str, Any]] = {"reason": _("Reason for withdrawing")}


# --- 2. review --------------------------------------------------------------------------------


class AcceptIn(ActionIn):
    comment: Comment = ""

    rows: ClassVar[dict[str, int]] = {"comment": 2}


class ReturnIn(ActionIn):
    reason: Text

    labels: ClassVar[dict[str, Any]] = {"reason": _("What the deputy should revise")}


class ConvertIn(ActionIn):
    to: ConvertedTo
    reason: Text

    labels: ClassVar[dict[str, Any]] = {"to": _("Convert to")}
    widgets: ClassVar[dict[str, str]] = {"to": "radio"}


class MergeIn(ActionIn):
    into: Id = Field(description="The suggestion this one is merged into (并案)")
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {"into": _("Merge into")}
    rows: ClassVar[dict[str, int]] = {"comment": 2}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        from renda.suggestions.models import Suggestion

        into = _row(
            Suggestion.objects.filter(congress_id=case.congress_id),
            self.into,
            "into",
            _("No such suggestion in your congress."),
        )
        return {"into": into, "comment": self.comment}


# --- 3. assign --------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitPart:
    """One unit of an assignment, as the action takes it."""

    unit: Any  # HandlingUnit
    role: str  # Assignment.Role
    part: str = ""


class UnitPartIn(ActionIn):
    unit: Id
    role: Assignment.Role
    part: Comment = Field("", description="The part this unit handles (separate handling)")


class AssignIn(ActionIn):
    mode: HandlingMode
    units: list[UnitPartIn] = Field(min_length=1, max_length=30)
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {"mode": _("Handling mode")}
    widgets: ClassVar[dict[str, str]] = {"mode": "radio"}
    rows: ClassVar[dict[str, int]] = {"comment": 2}

    @classmethod
    def initial(cls, case: Any) -> dict[str, Any]:
        return {"mode": HandlingMode.SOLE}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        units = {u.pk: u for u in _units(case).filter(pk__in=[p.unit for p in self.units])}
        if any(p.unit not in units for p in self.units):
            raise ActionInvalid(_("No such handling unit in your congress."), field="units")
        parts = [UnitPart(unit=units[p.unit], role=p.role, part=p.part) for p in self.units]
        return {"mode": self.mode, "parts": parts, "comment": self.comment}


class ContestIn(ActionIn):
    reason: Text

    labels: ClassVar[dict[str, Any]] = {"reason": _("Why this unit should not handle it")}


class ReassignIn(ActionIn):
    assignment: Id = Field(description="The contested assignment")
    unit: Id = Field(description="The unit that takes its part over")
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {
        "assignment": _("Adjustment request"),
        "unit": _("New unit"),
    }
    rows: ClassVar[dict[str, int]] = {"comment": 2}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        unit = _row(_units(case), self.unit, "unit", _("No such handling unit in your congress."))
        return {"assignment_id": self.assignment, "unit": unit, "comment": self.comment}


class RefuseContestIn(ActionIn):
    assignment: Id
    reason: Text

    labels: ClassVar[dict[str, Any]] = {"assignment": _("Adjustment request")}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        return {"assignment_id": self.assignment, "reason": self.reason}


class MarkKeyIn(ActionIn):
    body: Id | None = Field(None, description="The supervising committee (督办)")
    leader: Id | None = Field(None, description="The supervising leader (a user)")
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {
        "body": _("Supervising committee"),
        "leader": _("Supervising leader"),
    }
    rows: ClassVar[dict[str, int]] = {"comment": 2}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        from renda.accounts.models import User
        from renda.org.models import Body

        body = leader = None
        if self.body is not None:
            body = _row(
                Body.objects.filter(congress_id=case.congress_id),
                self.body,
                "body",
                _("No such body in your congress."),
            )
        if self.leader is not None:
            leader = _row(
                User.objects.filter(congress_id=case.congress_id, is_active=True),
                self.leader,
                "leader",
                _("No such leader in your congress."),
            )
        return {"body": body, "leader": leader, "comment": self.comment}


# --- 4. communicate ---------------------------------------------------------------------------


class CommunicateIn(ActionIn):
    method: Contact.Method
    date: datetime.date
    people: People
    notes: Text

    labels: ClassVar[dict[str, Any]] = {
        "method": _("How"),
        "people": _("Who took part"),
        "notes": _("What was discussed"),
    }

    @classmethod
    def initial(cls, case: Any) -> dict[str, Any]:
        return {"date": timezone.localdate()}


class CoInputIn(ActionIn):
    text: Text

    labels: ClassVar[dict[str, Any]] = {"text": _("Input for the lead unit")}
    rows: ClassVar[dict[str, int]] = {"text": 5}


class RequestExtensionIn(ActionIn):
    new_due: datetime.date
    reason: Text

    labels: ClassVar[dict[str, Any]] = {"new_due": _("New reply date")}


class ExtendIn(ActionIn):
    extension: Id
    approve: bool
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {"extension": _("Request")}
    rows: ClassVar[dict[str, int]] = {"comment": 2}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        # The action looks the request up among this suggestion's pending ones.
        return {"extension_id": self.extension, "approve": self.approve, "comment": self.comment}


# --- 5. reply ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PromiseIn:
    """One promise of a reply, as the action takes it."""

    text: str
    due_date: datetime.date


class PromiseRowIn(ActionIn):
    text: Comment
    due_date: datetime.date


class ReplyIn(ActionIn):
    text: Text
    category: ReplyCategory
    signer: Name
    contact_person: Name = ""
    contact_phone: Phone = ""
    promises: list[PromiseRowIn] = Field(default_factory=list, max_length=50)

    labels: ClassVar[dict[str, Any]] = {
        "text": _("Reply letter"),
        "category": _("Result"),
        "signer": _("Signed by"),
        "contact_person": _("Contact person"),
        "contact_phone": _("Contact phone"),
    }
    widgets: ClassVar[dict[str, str]] = {"category": "radio", "text": "textarea"}
    rows: ClassVar[dict[str, int]] = {"text": 10}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        args = super().arguments(actor, case)
        args["promises"] = [PromiseIn(text=p.text, due_date=p.due_date) for p in self.promises]
        return args


NO_PROMISES = _("This suggestion has no promises still to deliver.")


def refuse_without_promises(suggestion: Any) -> None:
    """Marking a promise delivered needs a promise still to deliver (the page does not offer
    it otherwise; the API and the action refuse it)."""
    from renda.suggestions.models import Promise

    if not Promise.objects.filter(suggestion=suggestion, done_at__isnull=True).exists():
        raise ActionConflict(NO_PROMISES)


class PromiseDoneIn(ActionIn):
    promise: Id
    evidence: Text

    labels: ClassVar[dict[str, Any]] = {
        "promise": _("Promise"),
        "evidence": _("How it was delivered"),
    }

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        from renda.suggestions.models import Promise

        refuse_without_promises(case)
        # Only this suggestion's promises: an id from elsewhere is as good as unknown.
        promise = _row(
            Promise.objects.filter(suggestion=case).select_related("suggestion"),
            self.promise,
            "promise",
            _("No such promise on this suggestion."),
        )
        return {"promise": promise, "evidence": self.evidence}


# --- 6. evaluate ------------------------------------------------------------------------------


class EvaluateIn(ActionIn):
    result: Satisfaction
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {"result": _("Are you satisfied with the handling?")}
    help: ClassVar[dict[str, Any]] = {
        "comment": _("Required if you are not satisfied: the unit handles it again.")
    }
    widgets: ClassVar[dict[str, str]] = {"result": "radio", "comment": "textarea"}


# --- motions ----------------------------------------------------------------------------------


class ReferIn(ActionIn):
    committee: Id = Field(description="The special committee that deliberates first")
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {"committee": _("Special committee")}
    rows: ClassVar[dict[str, int]] = {"comment": 2}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        from renda.org.models import Body

        committee = _row(
            Body.objects.filter(congress_id=case.congress_id, kind=Body.Kind.SPECIAL_COMMITTEE),
            self.committee,
            "committee",
            _("No such special committee in your congress."),
        )
        return {"committee": committee, "comment": self.comment}


class MotionCommentIn(ActionIn):
    comment: Comment = ""

    rows: ClassVar[dict[str, int]] = {"comment": 2}
