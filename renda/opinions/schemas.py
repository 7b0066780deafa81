"""What the opinions API reads and writes. A constituent's contact details and receipt code
are given only to those who keep the case (staff, the station's operators); others get null."""

from __future__ import annotations

import datetime
import functools
from typing import Annotated, Any, ClassVar

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema

from renda.audit.records import shown
from renda.core.api import EventOut, RowId, payload_row
from renda.core.schemas import ActionIn
from renda.opinions.models import (
    AnswerKind,
    ConstituentOpinion,
    OpinionCategory,
    OpinionState,
    Rating,
    ToldBy,
)
from renda.opinions.workflow import OPINION, rateable
from renda.org.models import HandlingUnit
from renda.org.schemas import Ref

# Limits mirror the columns (a longer value is a 422, not a database error); the actions
# refuse NUL characters and blank required text.
Text = Annotated[str, Field(max_length=5_000)]
Title = Annotated[str, Field(max_length=200)]


def _label(obj: Any, field: str) -> str:
    """A choice's label, from the choices read once (get_FOO_display() rebuilds them on every
    call: most of the API list's time, issue 18)."""
    value = getattr(obj, field)
    if not value:
        return ""
    return str(_choices(field).get(value, value))


@functools.cache
def _choices(field: str) -> dict[str, Any]:
    return dict(ConstituentOpinion._meta.get_field(field).flatchoices)  # type: ignore[union-attr]


def _user(context: Any) -> Any:
    return context["request"].user


# --- recording an opinion ---------------------------------------------------------------------


class OpinionIn(Schema):
    station: RowId | None = Field(None, description="Where it was raised (an operator: theirs)")
    category: OpinionCategory
    content: Text
    place: Title = ""
    lat: float | None = Field(None, ge=-90, le=90)
    long: float | None = Field(None, ge=-180, le=180)
    contact_name: Annotated[str, Field(max_length=40)] = ""
    contact_phone: Annotated[str, Field(max_length=30)] = ""
    contact_email: Annotated[str, Field(max_length=254)] = ""
    received_at: datetime.datetime | None = Field(None, description="Default: now")
    sms_opt_in: bool = Field(
        False,
        description="The constituent asked for the receipt code and the outcome by SMS "
        "(needs a mobile number in contact_phone)",
    )


# --- the payloads of the actions: the API's bodies, and what the page's forms derive from ----


class OutcomeIn(ActionIn):
    outcome: Text

    labels: ClassVar[dict[str, Any]] = {"outcome": _("How it was resolved")}
    help: ClassVar[dict[str, Any]] = {
        "outcome": _("What was done or explained; the constituent reads it by the receipt code.")
    }


class DismissIn(ActionIn):
    reason: Text

    labels: ClassVar[dict[str, Any]] = {"reason": _("Reason")}
    help: ClassVar[dict[str, Any]] = {
        "reason": _("The constituent reads it: say politely why it is not taken up.")
    }


class ReturnIn(ActionIn):
    reason: Text

    labels: ClassVar[dict[str, Any]] = {"reason": _("Why it is not for this unit")}
    help: ClassVar[dict[str, Any]] = {"reason": _("If you know, say which unit it is for.")}


class ReferIn(ActionIn):
    unit: RowId = Field(description="The handling unit that answers")
    comment: Text = ""

    labels: ClassVar[dict[str, Any]] = {
        "unit": _("Handling unit"),
        "comment": _("Note to the unit"),
    }
    rows: ClassVar[dict[str, int]] = {"comment": 2}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        unit = payload_row(
            HandlingUnit.objects.filter(congress_id=case.congress_id),
            self.unit,
            "unit",
            gettext("No such handling unit in your congress."),
        )
        return {"unit": unit, "comment": self.comment}


class AnswerIn(ActionIn):
    kind: AnswerKind = Field(
        description="solved, planned (to be solved later) or explained; only solved counts as "
        "resolved"
    )
    answer: Text

    labels: ClassVar[dict[str, Any]] = {"kind": _("The problem is"), "answer": _("Answer")}
    help: ClassVar[dict[str, Any]] = {
        "kind": _("Only a solved problem counts as resolved in the year's figures."),
        "answer": _("What the unit did or will do, and when."),
    }
    widgets: ClassVar[dict[str, str]] = {"kind": "radio"}
    rows: ClassVar[dict[str, int]] = {"answer": 6}


class CloseIn(ActionIn):
    told_by: ToldBy
    outcome: Text = Field("", description="What the constituent was told (default: the answer)")

    labels: ClassVar[dict[str, Any]] = {
        "told_by": _("How the constituent was told"),
        "outcome": _("What they were told"),
    }
    help: ClassVar[dict[str, Any]] = {
        "outcome": _("Leave empty to pass on the unit's answer as it is.")
    }
    widgets: ClassVar[dict[str, str]] = {"told_by": "radio"}
    rows: ClassVar[dict[str, int]] = {"outcome": 4}


class RateIn(ActionIn):
    rating: Rating
    comment: Text = ""

    labels: ClassVar[dict[str, Any]] = {
        "rating": _("Are you satisfied with the outcome?"),
        "comment": _("Comment"),
    }
    widgets: ClassVar[dict[str, str]] = {"rating": "radio"}


# --- what the API answers ---------------------------------------------------------------------


class _OpinionLabels(Schema):
    category: str
    category_label: str
    state: str
    state_label: str
    place: str
    content: str
    received_at: datetime.datetime
    answer_due: datetime.date | None
    outcome: str
    closed_at: datetime.datetime | None
    rating: str
    rated_at: datetime.datetime | None

    @staticmethod
    def resolve_category_label(obj: Any) -> str:
        return _label(obj, "category")

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return _label(obj, "state")


class OpinionOut(_OpinionLabels):
    id: int
    station: Ref | None
    source: str
    source_label: str
    lat: float | None
    long: float | None
    unit: Ref | None
    referred_at: datetime.datetime | None
    overdue: bool
    answer: str
    answer_kind: str
    answered_at: datetime.datetime | None
    told_by: str
    rating_comment: str
    # Personal data and the constituent's key: null for those who do not keep the case.
    contact_name: str | None
    contact_phone: str | None
    contact_email: str | None
    receipt_code: str | None
    contact_masked: bool
    available_actions: list[str]

    @staticmethod
    def resolve_source_label(obj: Any) -> str:
        return _label(obj, "source")

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        return bool(
            obj.state == OpinionState.REFERRED
            and obj.answer_due
            and obj.answer_due < timezone.localdate()
        )

    @staticmethod
    def resolve_contact_masked(obj: Any, context: Any) -> bool:
        return not _keeps(obj, context)

    @staticmethod
    def resolve_contact_name(obj: Any, context: Any) -> str | None:
        return _private(obj, context, "contact_name")

    @staticmethod
    def resolve_contact_phone(obj: Any, context: Any) -> str | None:
        return _private(obj, context, "contact_phone")

    @staticmethod
    def resolve_contact_email(obj: Any, context: Any) -> str | None:
        return _private(obj, context, "contact_email")

    @staticmethod
    def resolve_receipt_code(obj: Any, context: Any) -> str | None:
        return _private(obj, context, "receipt_code")

    @staticmethod
    def resolve_available_actions(obj: Any, context: Any) -> list[str]:
        # In the declaration's order (a page lists them in its own: OPINION.order).
        available = {t.action for t in OPINION.available(_user(context), obj)}
        return [action for action in OPINION.actions if action in available]


def _keeps(obj: Any, context: Any) -> bool:
    """The user may read the constituent's contact (opinions.view_opinion_contact): asked once
    an opinion, not once for each of its five fields."""
    keeps = obj.__dict__.get("_keeps_contact")
    if keeps is None:
        keeps = obj.__dict__["_keeps_contact"] = bool(
            _user(context).has_perm("opinions.view_opinion_contact", obj)
        )
    return keeps


def _private(obj: Any, context: Any, field: str) -> str | None:
    if _keeps(obj, context):
        value = str(getattr(obj, field))
        if value and field != "receipt_code":
            shown(obj, "contact")  # the audit trail notes who read the constituent's contact
        return value
    return None


class OpinionDetailOut(OpinionOut):
    events: list[EventOut]


class ReceiptOut(_OpinionLabels):
    """What the constituent sees by the receipt code: their case, never who handled it."""

    receipt_code: str
    unit: str | None
    told_by_label: str
    rating_label: str
    can_rate: bool

    @staticmethod
    def resolve_unit(obj: Any) -> str | None:
        return obj.unit.name if obj.unit_id else None

    @staticmethod
    def resolve_told_by_label(obj: Any) -> str:
        return _label(obj, "told_by")

    @staticmethod
    def resolve_rating_label(obj: Any) -> str:
        return _label(obj, "rating")

    @staticmethod
    def resolve_can_rate(obj: Any) -> bool:
        return rateable(obj)
