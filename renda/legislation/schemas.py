"""What the legislation API reads and writes: drafts with their structure, opinions, reports.

Payload limits mirror the columns, so that a too-long value is a 422, never a database error.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import AfterValidator

from renda.core.api import RowId
from renda.legislation.actions import BATCH_SOURCES, MAX_BATCH, MAX_OPINION_CHARS, accepts
from renda.legislation.models import (
    ConsultationState,
    NodeKind,
    OpinionSource,
    OpinionState,
    RegulationKind,
    RegulationState,
)


def _printable(value: str) -> str:
    # PostgreSQL refuses NUL in text; refuse it here as bad input.
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed")
    return value


Id = RowId
OpinionText = Annotated[str, Field(max_length=MAX_OPINION_CHARS), AfterValidator(_printable)]
Name = Annotated[str, Field(max_length=40), AfterValidator(_printable)]
Contact = Annotated[str, Field(max_length=100), AfterValidator(_printable)]


def _label(obj: Any, field: str) -> str:
    return str(getattr(obj, f"get_{field}_display")())


# --- drafts ----------------------------------------------------------------------------------


class RegulationRef(Schema):
    id: int
    title: str
    kind: RegulationKind
    kind_label: str
    state: RegulationState
    state_label: str

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return _label(obj, "kind")

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return _label(obj, "state")


class ConsultationOut(Schema):
    id: int
    title: str
    description: str
    opens_on: datetime.date
    closes_on: datetime.date
    state: ConsultationState
    state_label: str
    for_public: bool
    for_deputies: bool
    for_contact_points: bool
    open_to_public: bool = Field(description="The public may comment today")

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return _label(obj, "state")

    @staticmethod
    def resolve_open_to_public(obj: Any) -> bool:
        return accepts(obj, "public")


class DraftOut(Schema):
    id: int
    regulation: RegulationRef
    number: int = Field(description="The version's number within its regulation")
    title: str
    label: str
    parts: int
    chapters: int
    sections: int
    articles: int
    imported_at: datetime.datetime
    consultations: list[ConsultationOut]

    @staticmethod
    def resolve_consultations(obj: Any) -> list[Any]:
        return list(obj.consultations.all())  # prefetched, newest first


class NodeOut(Schema):
    id: int
    kind: NodeKind
    number: int
    label: str
    heading: str
    text: str
    children: list[NodeOut]

    @staticmethod
    def resolve_children(obj: Any) -> list[Any]:
        return list(getattr(obj, "tree_children", []))


NodeOut.model_rebuild()


class ProblemOut(Schema):
    line: int
    text: str
    code: str
    reason: str


class DraftDetailOut(DraftOut):
    preamble: list[str]
    structure: list[NodeOut] = Field(
        description="Parts, chapters, sections, articles, "
        "paragraphs and items, nested, in reading order"
    )
    problems: list[ProblemOut] = Field(description="Lines the import could not place surely")


class ChangeOut(Schema):
    kind: str = Field(description="added, removed, changed or unchanged")
    old_article: int | None = Field(description="The article's node id in the older version")
    new_article: int | None
    old_label: str | None
    new_label: str | None
    html: str = Field(description="The wording with <del> and <ins> around the changed words")


# --- opinions --------------------------------------------------------------------------------


class OpinionIn(Schema):
    text: OpinionText
    article: Id | None = Field(None, description="The article's node id; none: the whole draft")
    consultation: Id | None = Field(
        None, description="Which consultation, if the draft is open in more than one"
    )
    name: Name = Field("", description="The public: optional, never shown")
    contact: Contact = Field("", description="The public: optional, seen by staff only")
    # A station operator submitting one opinion for its contact point:
    contact_point: Id | None = None
    source: OpinionSource = OpinionSource.CONTACT_POINT
    collection_point: Id | None = None
    gathered_on: datetime.date | None = None


class GatheredIn(Schema):
    text: OpinionText
    article: Id | None = None
    source: OpinionSource = Field(
        OpinionSource.CONTACT_POINT, description=f"One of {', '.join(BATCH_SOURCES)}"
    )
    collection_point: Id | None = None
    author_name: Name = ""
    author_contact: Contact = ""
    gathered_on: datetime.date | None = None


class BatchIn(Schema):
    contact_point: Id
    consultation: Id | None = None
    opinions: list[GatheredIn] = Field(min_length=1, max_length=MAX_BATCH)


class ArticleRef(Schema):
    id: int
    label: str


class ReceiptOut(Schema):
    """What the contributor sees of their opinion, by its receipt code: never who wrote it."""

    receipt_code: str
    draft: str
    consultation: str
    article: ArticleRef | None
    state: OpinionState
    state_label: str
    submitted_at: datetime.datetime
    reason: str = Field(description="Why not (or partly) adopted, or why not published")
    handled_at: datetime.datetime | None
    change: str = Field(description="The change the opinion led to, if any")

    @staticmethod
    def resolve_draft(obj: Any) -> str:
        return obj.consultation.version.title

    @staticmethod
    def resolve_consultation(obj: Any) -> str:
        return obj.consultation.title

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return _label(obj, "state")

    @staticmethod
    def resolve_reason(obj: Any) -> str:
        return obj.moderation_reason if obj.state == OpinionState.REJECTED else obj.handling_reason

    @staticmethod
    def resolve_change(obj: Any) -> str:
        return change_text(obj)


def change_text(opinion: Any) -> str:
    node = opinion.led_to_node
    parts = [f"{node.version.title} {node.label}"] if node is not None else []
    if opinion.led_to_note:
        parts.append(opinion.led_to_note)
    return "；".join(parts)


class OpinionOut(Schema):
    """An opinion as staff handle it, with its contributor (personal data: staff only)."""

    id: int
    consultation: int = Field(alias="consultation_id")
    article: ArticleRef | None
    text: str
    source: OpinionSource
    source_label: str
    contributor: str
    deputy: int | None = Field(alias="deputy_id")
    contact_point: int | None = Field(alias="contact_point_id")
    collection_point: int | None = Field(alias="collection_point_id")
    author_name: str
    author_contact: str
    gathered_on: datetime.date | None
    state: OpinionState
    state_label: str
    submitted_at: datetime.datetime
    moderation_reason: str
    handling_reason: str
    handled_at: datetime.datetime | None
    led_to_node: ArticleRef | None
    led_to_note: str
    receipt_code: str

    @staticmethod
    def resolve_source_label(obj: Any) -> str:
        return _label(obj, "source")

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return _label(obj, "state")

    @staticmethod
    def resolve_contributor(obj: Any) -> str:
        return contributor(obj)


def contributor(opinion: Any) -> str:
    """Who gave an opinion, for staff: the deputy, or the contact point (and collection point,
    and the person if recorded), or the public's name if given."""
    if opinion.deputy_id:
        return str(opinion.deputy.person.name)
    where = [str(p) for p in (opinion.contact_point, opinion.collection_point) if p is not None]
    if opinion.author_name:
        where.append(opinion.author_name)
    return " / ".join(where)


class ReasonIn(Schema):
    reason: OpinionText = ""


class HandleIn(Schema):
    outcome: OpinionState = Field(description="adopted, partly_adopted or not_adopted")
    reason: OpinionText = Field("", description="Required unless adopted")
    led_to: Id | None = Field(None, description="An article (node id) of a later version")
    led_to_note: OpinionText = ""


class LinkChangeIn(Schema):
    led_to: Id | None = None
    note: OpinionText = ""


# --- the report ------------------------------------------------------------------------------


class TallyOut(Schema):
    total: int
    adopted: int
    partly_adopted: int
    not_adopted: int
    awaiting: int


class SourceTallyOut(TallyOut):
    source: str
    source_label: str


class ArticleTallyOut(TallyOut):
    article: ArticleRef | None = Field(description="None: opinions on the whole draft")


class LinkOut(Schema):
    opinion: int
    article: ArticleRef | None
    state: OpinionState
    change: str


class ReportChangeOut(ChangeOut):
    opinions: list[int] = Field(description="The opinions that led to this change")


class ReportOut(Schema):
    consultation: ConsultationOut
    overall: TallyOut
    adoption_rate: float = Field(description="Adopted in whole or in part, of those counted")
    pending_moderation: int
    rejected: int
    by_source: list[SourceTallyOut]
    by_article: list[ArticleTallyOut]
    links: list[LinkOut]
    next_version: int | None
    changes: list[ReportChangeOut]
