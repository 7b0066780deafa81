"""What the filing-review API answers and takes beyond the actions' payloads."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Field, Schema

from renda.core.api import EventOut, Link
from renda.core.schemas import Id, Text, Title
from renda.filings.payloads import Number


class DocumentOut(Schema):
    id: int
    number: str
    title: str
    issuer: Link
    issued_on: datetime.date
    published_on: datetime.date
    effective_on: datetime.date | None
    status: str
    status_label: str

    @staticmethod
    def resolve_issuer(obj: Any) -> dict[str, Any]:
        return {"id": obj.issuer_id, "name": obj.issuer.name}

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return str(obj.get_status_display())


class DocumentDetailOut(DocumentOut):
    text: str
    amends: list[int]
    repeals: list[int]

    @staticmethod
    def resolve_amends(obj: Any) -> list[int]:
        return [d.pk for d in obj.amends.all()]

    @staticmethod
    def resolve_repeals(obj: Any) -> list[int]:
        return [d.pk for d in obj.repeals.all()]


class FilingOut(Schema):
    id: int
    number: str
    title: str
    issuer: Link
    issued_on: datetime.date
    published_on: datetime.date
    effective_on: datetime.date | None
    state: str
    state_label: str
    filed_at: datetime.datetime
    due_date: datetime.date = Field(description="The last day to file (publication + filing days)")
    late: bool
    return_reason: str
    document_id: int | None = Field(description="The register's entry, once registered")

    @staticmethod
    def resolve_issuer(obj: Any) -> dict[str, Any]:
        return {"id": obj.issuer_id, "name": obj.issuer.name}

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return str(obj.get_state_display())


class FiledFileOut(Schema):
    id: int
    purpose: str
    name: str
    size: int


class FilingDetailOut(FilingOut):
    files: list[FiledFileOut]
    available_actions: list[str] = Field(description="What the caller may do now")
    events: list[EventOut] = Field(description="The history, oldest first")

    @staticmethod
    def resolve_files(obj: Any) -> list[Any]:
        return list(obj.files.all())


class FilingIn(Schema):
    """A filing's data; the files come as multipart parts named report, official,
    explanation and electronic."""

    issuer: Id
    number: Number
    title: Title
    issued_on: datetime.date
    published_on: datetime.date
    effective_on: datetime.date | None = None
    amends: list[Id] = Field(default_factory=list, max_length=50)
    repeals: list[Id] = Field(default_factory=list, max_length=50)


class CheckOut(Schema):
    aspect: str
    result: str
    note: str
    checked_at: datetime.datetime


class ReviewOut(Schema):
    id: int
    document: DocumentOut
    kind: str
    kind_label: str
    topic: str
    state: str
    state_label: str
    opened_at: datetime.datetime
    due_date: datetime.date | None
    summary: str
    concluded_at: datetime.datetime | None
    opinion: str
    correction_due: datetime.date | None
    correction_kind: str
    correction_text: str
    correction_number: str
    council_note: str
    revocation_note: str
    decision_note: str
    closed_at: datetime.datetime | None
    filing_id: int | None

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return str(obj.get_state_display())


class ReviewDetailOut(ReviewOut):
    checks: list[CheckOut] | None = Field(description="null for whoever may not read them")
    available_actions: list[str]
    events: list[EventOut]


class OpenReviewIn(Schema):
    document: Id
    kind: str = Field(description="special or transferred")
    topic: Title


class ProposalOut(Schema):
    id: int
    state: str
    state_label: str
    document_id: int | None
    document_named: str
    reasons: str
    submitted_at: datetime.datetime
    review_id: int | None
    answer: str
    answered_at: datetime.datetime | None
    proposer_name: str | None = Field(description="null for whoever may not see it")
    organisation: str | None
    phone: str | None
    email: str | None
    contact_masked: bool

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return str(obj.get_state_display())

    # Masked unless the API marked the row as readable for the caller (contact_masked False).
    @staticmethod
    def resolve_contact_masked(obj: Any) -> bool:
        return bool(getattr(obj, "contact_masked", True))

    @staticmethod
    def resolve_proposer_name(obj: Any) -> str | None:
        return None if getattr(obj, "contact_masked", True) else obj.proposer_name

    @staticmethod
    def resolve_organisation(obj: Any) -> str | None:
        return None if getattr(obj, "contact_masked", True) else obj.organisation

    @staticmethod
    def resolve_phone(obj: Any) -> str | None:
        return None if getattr(obj, "contact_masked", True) else obj.phone

    @staticmethod
    def resolve_email(obj: Any) -> str | None:
        return None if getattr(obj, "contact_masked", True) else obj.email


class ProposalDetailOut(ProposalOut):
    available_actions: list[str]
    events: list[EventOut]


class ProposalIn(Schema):
    document: Id | None = Field(None, description="A document of the register")
    document_named: Title = Field("", description="Or its title and number")
    reasons: Text
    proposer_name: str = Field(max_length=40)
    organisation: str = Field("", max_length=100)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)


class ReceiptOut(Schema):
    """What the proposer reads by the receipt code: no names, no contact, no staff."""

    state: str
    state_label: str
    document: str
    submitted_at: datetime.datetime
    answer: str
    answered_at: datetime.datetime | None

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_document(obj: Any) -> str:
        return str(obj.document) if obj.document_id else obj.document_named


class ReceiptCreatedOut(ReceiptOut):
    receipt_code: str


class ReportOut(Schema):
    id: int
    year: int
    title: str
    state: str
    state_label: str
    heard_on: datetime.date | None
    meeting_note: str

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return str(obj.get_state_display())


class ReportDetailOut(ReportOut):
    available_actions: list[str]
    events: list[EventOut]


class ReportIn(Schema):
    year: int = Field(ge=2000, le=2100)
    title: Title = ""
    foreword: Text = ""
