"""What the legislation API reads and writes, and the payloads of legislation's actions (the
API takes them as route bodies; the pages derive their action forms from them).

Payload limits mirror the columns, so that a too-long value is a 422, never a database error.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, ClassVar

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from pydantic import AfterValidator

from renda.core.api import payload_row
from renda.core.schemas import ActionIn, Id, Name, Text, printable
from renda.core.workflow import ActionInvalid
from renda.legislation.models import (
    AgendaTopic,
    ConsultationState,
    DraftNode,
    NodeKind,
    OpinionSource,
    OpinionState,
    RegulationKind,
    RegulationState,
    TopicSolicitationState,
)
from renda.legislation.rules import PUBLIC, accepts

MAX_OPINION_CHARS = 5_000
MAX_BATCH = 500
# Where a contact point's opinions come from (the public and deputies give theirs directly).
BATCH_SOURCES = (
    OpinionSource.CONTACT_POINT,
    OpinionSource.SEMINAR,
    OpinionSource.COLLECTION_POINT,
    OpinionSource.LETTER,
)

OpinionText = Annotated[str, Field(max_length=MAX_OPINION_CHARS), AfterValidator(printable)]
Contact = Annotated[str, Field(max_length=100), AfterValidator(printable)]
Note = Annotated[str, Field(max_length=500), AfterValidator(printable)]


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


class RegulationOut(RegulationRef):
    """A regulation with the day of each stage it reached."""

    plan_year: int | None
    planned_on: datetime.date | None
    drafting_on: datetime.date | None
    first_reading_on: datetime.date | None
    second_reading_on: datetime.date | None
    third_reading_on: datetime.date | None
    adopted_on: datetime.date | None
    approved_on: datetime.date | None
    promulgated_on: datetime.date | None
    in_force_on: datetime.date | None
    withdrawn_on: datetime.date | None


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
        return accepts(obj, PUBLIC)


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


class TopicSolicitationOut(Schema):
    """An agenda-topic solicitation (议题征集): the meeting, when answers are due, its state."""

    id: int
    meeting_title: str
    meeting_date: datetime.date
    deadline: datetime.date
    state: TopicSolicitationState
    state_label: str
    summary: str
    closed_at: datetime.datetime | None

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return _label(obj, "state")


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


# --- the actions' payloads ---------------------------------------------------------------------


class StageIn(ActionIn):
    """A regulation's stage, on the meeting day it happened."""

    on: datetime.date | None = Field(None, description="The day it happened; none: today")
    comment: Note = ""

    labels: ClassVar[dict[str, Any]] = {"on": _("On"), "comment": _("Note")}
    rows: ClassVar[dict[str, int]] = {"comment": 2}

    @classmethod
    def initial(cls, case: Any) -> dict[str, Any]:
        return {"on": timezone.localdate()}


class NoteIn(ActionIn):
    comment: Note = ""

    labels: ClassVar[dict[str, Any]] = {"comment": _("Note")}
    rows: ClassVar[dict[str, int]] = {"comment": 2}


class ExtendIn(ActionIn):
    closes_on: datetime.date = Field(description="The new closing day, later than the current")
    comment: Note = ""

    labels: ClassVar[dict[str, Any]] = {"closes_on": _("New closing day"), "comment": _("Note")}
    rows: ClassVar[dict[str, int]] = {"comment": 2}

    @classmethod
    def initial(cls, case: Any) -> dict[str, Any]:
        return {"closes_on": case.closes_on}


class RejectIn(ActionIn):
    reason: OpinionText = Field("", description="Why it is not published (required)")

    labels: ClassVar[dict[str, Any]] = {"reason": _("Why it is not published")}


def later_article(opinion: Any, pk: int | None) -> DraftNode | None:
    """An article of the opinion's regulation, named by id (the action checks it is of a
    later version than the one commented on)."""
    if pk is None:
        return None
    regulation_id = opinion.consultation.version.regulation_id
    return payload_row(
        DraftNode.objects.filter(
            kind=NodeKind.ARTICLE, version__regulation_id=regulation_id
        ).select_related("version"),
        pk,
        "led_to",
        gettext("Choose an article of a later version of this draft."),
    )


class HandleIn(ActionIn):
    outcome: OpinionState = Field(description="adopted, partly_adopted or not_adopted")
    reason: OpinionText = Field("", description="Required unless adopted")
    led_to: Id | None = Field(None, description="An article (node id) of a later version")
    led_to_note: OpinionText = ""

    labels: ClassVar[dict[str, Any]] = {
        "outcome": _("Outcome"),
        "reason": _("Explanation"),
        "led_to": _("Led to this article of a later version"),
        "led_to_note": _("Change made"),
    }
    help: ClassVar[dict[str, Any]] = {
        "reason": _("Required unless adopted; the contributor reads it.")
    }
    rows: ClassVar[dict[str, int]] = {"reason": 2}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "reason": self.reason,
            "led_to": later_article(case, self.led_to),
            "led_to_note": self.led_to_note,
        }


class LinkChangeIn(ActionIn):
    led_to: Id | None = Field(None, description="An article (node id) of a later version")
    note: OpinionText = ""

    labels: ClassVar[dict[str, Any]] = {
        "led_to": _("Led to this article of a later version"),
        "note": _("Change made"),
    }

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        return {"led_to": later_article(case, self.led_to), "note": self.note}


class AnswerIn(ActionIn):
    topic: Id = Field(description="The agenda topic answered (its id)")
    text: OpinionText

    labels: ClassVar[dict[str, Any]] = {"text": _("Your opinion")}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        topic = AgendaTopic.objects.filter(solicitation=case, pk=self.topic).first()
        if topic is None:
            raise ActionInvalid(gettext("No such topic in this solicitation."), field="topic")
        return {"topic": topic, "text": self.text}


class SummaryIn(ActionIn):
    summary: Text = ""

    labels: ClassVar[dict[str, Any]] = {"summary": _("Summary of the answers")}
    widgets: ClassVar[dict[str, str]] = {"summary": "textarea"}
    rows: ClassVar[dict[str, int]] = {"summary": 5}
