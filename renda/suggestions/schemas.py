"""What the suggestions API reads and writes: the payloads of submitting, motions and polls,
and the rows it shows (each workflow action's payload is in payloads.py).

Payload limits mirror the columns, so that a too-long value is a 422, never a database error.
"""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Field, Schema

from renda.core.api import EventOut  # noqa: F401  (re-exported for the case APIs)
from renda.core.schemas import MAX_ID, Id, Text, Title  # noqa: F401  (MAX_ID: for the API)
from renda.suggestions.models import (
    Category,
    MotionState,
    Period,
    SuggestionState,
)
from renda.suggestions.workflow import MOTION


def _label(obj: Any, field: str) -> str:
    return str(getattr(obj, f"get_{field}_display")())


# --- payloads (those of each workflow action are in payloads.py) ------------------------------


class SuggestionIn(Schema):
    title: Title
    body: Text
    category: Category
    cosigner_ids: list[Id] = Field(
        default_factory=list, max_length=100, description="Deputies asked to co-sign (联名)"
    )
    confidential: bool = Field(False, description="Never published, nor its submitter (保密)")


class MotionIn(Schema):
    session: Id
    title: Title
    body: Text
    category: Category
    deputy_ids: list[Id] = Field(
        default_factory=list, max_length=500, description="Co-proposing deputies"
    )
    delegation: Id | None = Field(None, description="Propose for your delegation (代表团)")


class Ref(Schema):
    id: int
    name: str


class DeputyRef(Schema):
    """A deputy by name and delegation: never their phone or ID number."""

    id: int
    name: str
    delegation: Ref | None


class UnitRole(Schema):
    id: int
    name: str
    role: str


class _Labels(Schema):
    """The category's and state's names in the caller's language, beside their codes."""

    category_label: str
    state_label: str

    @staticmethod
    def resolve_category_label(obj: Any) -> str:
        return _label(obj, "category")

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return _label(obj, "state")


class SuggestionOut(_Labels):
    id: int
    year: int
    number: int | None
    period: Period
    title: str
    category: Category
    state: SuggestionState
    lead_deputy: DeputyRef
    units: list[UnitRole] = Field(description="The units handling it now")
    is_key: bool
    confidential: bool
    submitted_at: datetime.datetime
    reply_due: datetime.date | None

    @staticmethod
    def resolve_units(obj: Any) -> list[dict[str, Any]]:
        # `active_assignments` comes from queries.with_list_data.
        return [
            {"id": a.unit.id, "name": a.unit.name, "role": a.role} for a in obj.active_assignments
        ]


class CoSignerOut(Schema):
    deputy: Ref
    confirmed_at: datetime.datetime | None
    declined_at: datetime.datetime | None

    @staticmethod
    def resolve_deputy(obj: Any) -> dict[str, Any]:
        return {"id": obj.deputy.id, "name": obj.deputy.person.name}


class AssignmentOut(Schema):
    id: int
    unit: Ref
    role: str
    part: str
    assigned_at: datetime.datetime
    contest_due: datetime.date
    contest_state: str
    contest_reason: str
    input_due: datetime.date | None
    input_text: str
    active: bool


class ContactOut(Schema):
    id: int
    unit: Ref
    method: str
    date: datetime.date
    people: str
    notes: str


class PromiseOut(Schema):
    id: int
    text: str
    due_date: datetime.date
    done_at: datetime.datetime | None
    evidence: str


class ReplyOut(Schema):
    id: int
    unit: Ref
    handling_round: int
    text: str
    category: str
    signer: str
    contact_person: str
    contact_phone: str  # the unit's contact for the deputy, not shown to the public
    replied_at: datetime.datetime
    promises: list[PromiseOut]


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    content_type: str
    purpose: str = Field(description="suggestion, or reply (a reply's file, e.g. its letter)")
    reply: int | None = Field(alias="reply_id")
    uploaded_at: datetime.datetime
    url: str = Field(description="GET it here (the same permissions as the suggestion)")

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return f"/api/v1/suggestions/{obj.suggestion_id}/attachments/{obj.pk}"


class EvaluationOut(Schema):
    id: int
    handling_round: int
    result: str
    comment: str
    evaluated_at: datetime.datetime


class ExtensionOut(Schema):
    id: int
    unit: Ref
    state: str
    reason: str
    old_due: datetime.date
    new_due: datetime.date
    requested_at: datetime.datetime
    decided_at: datetime.datetime | None


class SuggestionDetailOut(SuggestionOut):
    body: str
    session: Ref | None
    handling_mode: str
    handling_round: int
    accepted_at: datetime.datetime | None
    assigned_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    return_reason: str
    converted_to: str
    merged_into: int | None = Field(alias="merged_into_id")
    from_motion: int | None = Field(alias="from_motion_id")
    supervising_body: Ref | None
    supervising_leader: Ref | None
    cosigners: list[CoSignerOut]
    assignments: list[AssignmentOut]
    contacts: list[ContactOut]
    replies: list[ReplyOut]
    attachments: list[AttachmentOut]
    evaluations: list[EvaluationOut]
    extensions: list[ExtensionOut]
    available_actions: list[str] = Field(description="What the caller may do now")
    events: list[EventOut] = Field(description="The history, oldest first")

    @staticmethod
    def resolve_session(obj: Any) -> dict[str, Any] | None:
        return {"id": obj.session.id, "name": str(obj.session)} if obj.session else None

    @staticmethod
    def resolve_supervising_leader(obj: Any) -> dict[str, Any] | None:
        leader = obj.supervising_leader
        return {"id": leader.id, "name": leader.display_name} if leader else None

    @staticmethod
    def resolve_assignments(obj: Any) -> list[Any]:
        # Every assignment, also those reassigned away (active=False), for the record.
        return list(obj.assignments.select_related("unit").order_by("id"))


# --- the public's view: published suggestions, no personal data --------------------------


class PublicDeputy(Schema):
    """The lead deputy as a published reply names them: name and delegation only."""

    name: str
    delegation: str | None

    @staticmethod
    def resolve_delegation(obj: Any) -> str | None:
        return obj.delegation.name if obj.delegation else None


class PublicSuggestionOut(_Labels):
    id: int
    year: int
    number: int | None
    title: str
    category: Category
    state: SuggestionState
    lead_deputy: PublicDeputy
    units: list[str]
    submitted_at: datetime.datetime

    @staticmethod
    def resolve_units(obj: Any) -> list[str]:
        return [a.unit.name for a in obj.active_assignments]


class PublicPromiseOut(Schema):
    text: str
    due_date: datetime.date
    done: bool

    @staticmethod
    def resolve_done(obj: Any) -> bool:
        return obj.done_at is not None


class PublicReplyOut(Schema):
    unit: str
    handling_round: int
    category: str
    category_label: str
    text: str
    replied_at: datetime.datetime
    promises: list[PublicPromiseOut]

    @staticmethod
    def resolve_unit(obj: Any) -> str:
        return str(obj.unit.name)

    @staticmethod
    def resolve_category_label(obj: Any) -> str:
        return _label(obj, "category")


class PublicEvaluationOut(Schema):
    handling_round: int
    result: str
    result_label: str

    @staticmethod
    def resolve_result_label(obj: Any) -> str:
        return _label(obj, "result")


class PublicSuggestionDetailOut(PublicSuggestionOut):
    body: str
    replies: list[PublicReplyOut]
    evaluations: list[PublicEvaluationOut]


# --- motions and polls -------------------------------------------------------------------


class MotionOut(Schema):
    id: int
    year: int
    number: int | None
    session: Ref
    title: str
    body: str
    category: Category
    state: MotionState
    state_label: str
    delegation: Ref | None
    lead_deputy: DeputyRef
    deputies: list[Ref]
    committee: Ref | None
    decision_note: str
    submitted_at: datetime.datetime
    suggestion: int | None = Field(description="The suggestion it became, if not listed")
    available_actions: list[str]

    @staticmethod
    def resolve_session(obj: Any) -> dict[str, Any]:
        return {"id": obj.session.id, "name": str(obj.session)}

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return _label(obj, "state")

    @staticmethod
    def resolve_deputies(obj: Any) -> list[dict[str, Any]]:
        return [{"id": d.id, "name": d.person.name} for d in obj.deputies.all()]

    @staticmethod
    def resolve_suggestion(obj: Any) -> int | None:
        s = getattr(obj, "as_suggestion", None)  # reverse one-to-one: absent raises, so getattr
        return s.pk if s else None

    @staticmethod
    def resolve_available_actions(obj: Any, context: Any) -> list[str]:
        # MOTION's rules look only at the caller's role and congress: no query per row.
        return [t.action for t in MOTION.available(context["request"].user, obj)]
