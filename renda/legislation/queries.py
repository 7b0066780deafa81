"""Reads shared by the legislation pages and the API: drafts, comparisons, reports, topics."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from renda.core.receipts import normalize_receipt_code
from renda.legislation.drafts.akn import to_akn
from renda.legislation.drafts.compare import ArticleChange, compare
from renda.legislation.drafts.parser import (
    DIVISIONS,
    Article,
    Division,
    Draft,
    Item,
    Paragraph,
    ParseProblem,
    to_text,
)
from renda.legislation.models import (
    STAGE_DATE_FIELDS,
    AgendaTopic,
    Consultation,
    DraftNode,
    DraftVersion,
    NodeKind,
    Opinion,
    OpinionSource,
    OpinionState,
    Regulation,
    RegulationState,
    TopicAnswer,
    TopicSolicitation,
)
from renda.legislation.rules import DRAFTS, OWN_OPINIONS
from renda.legislation.workflow import COUNTED_OPINIONS
from renda.org.models import LegislativeContactPoint

OS = OpinionState


# --- who sees which drafts -------------------------------------------------------------------


def drafts_visible_to(user: Any) -> QuerySet[DraftVersion]:
    """Anyone sees the drafts open for public comment; staff, leaders, deputies and station
    operators see every draft of their congress too (rules.DRAFTS)."""
    return DRAFTS.rows(user, DraftVersion.objects.all())


def with_list_data(qs: QuerySet[DraftVersion]) -> QuerySet[DraftVersion]:
    return qs.select_related("regulation").prefetch_related(
        Prefetch(
            "consultations",
            queryset=Consultation.objects.order_by("-opens_on", "-id"),
        )
    )


def with_structure(qs: QuerySet[DraftVersion]) -> QuerySet[DraftVersion]:
    """A version with every node, in reading order (build the tree with `tree`)."""
    return with_list_data(qs).prefetch_related(
        Prefetch("nodes", queryset=DraftNode.objects.order_by("order"), to_attr="ordered_nodes")
    )


def _nodes(version: DraftVersion) -> list[DraftNode]:
    nodes = getattr(version, "ordered_nodes", None)
    return nodes if nodes is not None else list(version.nodes.order_by("order"))


def tree(version: DraftVersion) -> list[DraftNode]:
    """The top nodes, each with `tree_children` set down to the items; no further queries."""
    nodes = _nodes(version)
    by_pk = {node.pk: node for node in nodes}
    roots: list[DraftNode] = []
    for node in nodes:
        node.tree_children = []  # type: ignore[attr-defined]
    for node in nodes:
        parent = by_pk.get(node.parent_id) if node.parent_id else None
        (parent.tree_children if parent else roots).append(node)  # type: ignore[attr-defined]
    return roots


def articles(version: DraftVersion) -> list[DraftNode]:
    return [node for node in _nodes(version) if node.kind == NodeKind.ARTICLE]


def problems(version: DraftVersion) -> list[ParseProblem]:
    """What the parser doubted on import; `.reason` is translated when read."""
    return [
        ParseProblem(p["line_no"], p["text"], p["code"], p.get("params", {}))
        for p in version.problems
    ]


# --- the text back out -----------------------------------------------------------------------


_Made = Division | Article | Paragraph
_P = TypeVar("_P", Division, Article, Paragraph)


def _parent(made: dict[int, _Made], node: DraftNode, kind: type[_P]) -> _P:
    """The node's parent, already built: of the kind the stored tree always gives it."""
    parent = made.get(node.parent_id) if node.parent_id else None
    if not isinstance(parent, kind):
        raise ValueError(f"draft node {node.pk} ({node.kind}) is not under a {kind.__name__}")
    return parent


def draft_of(version: DraftVersion) -> tuple[Draft, dict[int, DraftNode]]:
    """The stored version as the parser's Draft, and each Article's node (by id(article))."""
    draft = Draft(title=version.title, preamble=list(version.preamble))
    made: dict[int, _Made] = {}
    article_nodes: dict[int, DraftNode] = {}
    for node in _nodes(version):
        if node.kind == NodeKind.PARAGRAPH:
            paragraph = Paragraph(node.text)
            _parent(made, node, Article).paragraphs.append(paragraph)
            made[node.pk] = paragraph
            continue
        if node.kind == NodeKind.ITEM:
            item = Item(number=node.number, label=node.label, text=node.text)
            _parent(made, node, Paragraph).items.append(item)
            continue
        if node.kind == NodeKind.ARTICLE:
            obj: Division | Article = Article(
                number=node.number, label=node.label, heading=node.heading
            )
            article_nodes[id(obj)] = node
        else:
            cls = next(c for c in DIVISIONS.values() if c.kind == node.kind)
            obj = cls(number=node.number, label=node.label, heading=node.heading)
        made[node.pk] = obj
        (_parent(made, node, Division).children if node.parent_id else draft.children).append(obj)
    return draft, article_nodes


def version_text(version: DraftVersion) -> str:
    """The version as plain text in the usual layout (the wording as imported)."""
    return to_text(draft_of(version)[0])


def version_akn(version: DraftVersion) -> bytes:
    """The version as Akoma Ntoso 3.0 XML, valid against the OASIS schema."""
    return to_akn(
        draft_of(version)[0],
        frbr_locality=version.regulation.congress.code,
        number=f"{version.regulation_id}-{version.number}",
        date=timezone.localdate(version.imported_at),
    )


# --- comparing versions ----------------------------------------------------------------------


@dataclass
class ArticleDiff:
    """One article's change between two versions, with the nodes of both."""

    change: ArticleChange
    old: DraftNode | None
    new: DraftNode | None
    opinions: list[Opinion] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.change.kind


def compare_versions(old: DraftVersion, new: DraftVersion) -> list[ArticleDiff]:
    """Every article of both versions: added, removed, changed (words marked) or unchanged.
    Use `diff.change.html()` for the marked wording."""
    old_draft, old_nodes = draft_of(old)
    new_draft, new_nodes = draft_of(new)
    return [
        ArticleDiff(
            change=change,
            old=old_nodes.get(id(change.old)) if change.old else None,
            new=new_nodes.get(id(change.new)) if change.new else None,
        )
        for change in compare(old_draft, new_draft)
    ]


def next_version(version: DraftVersion) -> DraftVersion | None:
    return (
        DraftVersion.objects.filter(regulation_id=version.regulation_id, number__gt=version.number)
        .order_by("number")
        .first()
    )


# --- opinions --------------------------------------------------------------------------------


def opinions_with_data(qs: QuerySet[Opinion]) -> QuerySet[Opinion]:
    return qs.select_related(
        "article",
        "deputy__person",
        "contact_point",
        "collection_point",
        "led_to_node__version",
        "consultation__version",
    )


def opinions_for_handling(consultation: Consultation) -> QuerySet[Opinion]:
    """Every opinion of a consultation, in the order they came, for staff."""
    return opinions_with_data(consultation.opinions.all()).order_by("submitted_at", "id")


def awaiting_moderation(congress_id: int) -> QuerySet[Opinion]:
    """Public opinions staff have yet to publish or keep out, oldest first."""
    return (
        Opinion.objects.filter(congress_id=congress_id, state=OS.PENDING)
        .select_related("article", "consultation")
        .order_by("submitted_at", "id")
    )


def public_opinions(consultation: Consultation) -> QuerySet[Opinion]:
    """What the public reads of the comments: moderated text and outcome, never who wrote it."""
    return (
        consultation.opinions.filter(state__in=COUNTED_OPINIONS)
        .select_related("article")
        .order_by("submitted_at", "id")
    )


def opinion_by_receipt(code: str) -> Opinion | None:
    """The contributor's own opinion by its receipt code; a wrong code finds nothing."""
    code = normalize_receipt_code(code)
    if len(code) < 10:
        return None
    return (
        Opinion.objects.select_related("article", "consultation__version")
        .filter(receipt_code=code)
        .first()
    )


def opinions_of(user: Any) -> QuerySet[Opinion]:
    """A deputy's own opinions, or those a station operator's contact points submitted
    (rules.OWN_OPINIONS)."""
    qs = opinions_with_data(Opinion.objects.all()).order_by("-submitted_at", "-id")
    return OWN_OPINIONS.rows(user, qs)


# --- the consultation report -----------------------------------------------------------------


@dataclass
class Tally:
    total: int = 0
    adopted: int = 0
    partly_adopted: int = 0
    not_adopted: int = 0
    awaiting: int = 0

    def add(self, state: str) -> None:
        self.total += 1
        if state == OS.ADOPTED:
            self.adopted += 1
        elif state == OS.PARTLY_ADOPTED:
            self.partly_adopted += 1
        elif state == OS.NOT_ADOPTED:
            self.not_adopted += 1
        else:
            self.awaiting += 1

    @property
    def adopted_in_whole_or_part(self) -> int:
        return self.adopted + self.partly_adopted


@dataclass
class ArticleTally:
    article: DraftNode | None  # None: opinions on the whole draft
    tally: Tally


@dataclass
class ConsultationReport:
    """A consultation's opinions by article and by source, their adoption, and the changes
    they led to in the next version (counted: received and published opinions, not those
    awaiting moderation or kept out by it)."""

    consultation: Consultation
    overall: Tally
    by_source: dict[str, Tally]
    by_article: list[ArticleTally]
    pending_moderation: int
    rejected: int
    links: list[Opinion]  # adopted opinions with the change they led to
    next_version: DraftVersion | None
    changes: list[ArticleDiff]  # articles changed, added or removed in the next version

    @property
    def adoption_rate(self) -> float:
        """Adopted in whole or in part, out of the opinions counted."""
        total = self.overall.total
        return self.overall.adopted_in_whole_or_part / total if total else 0.0


def consultation_report(consultation: Consultation) -> ConsultationReport:
    version = consultation.version
    everything = list(opinions_with_data(consultation.opinions.all()).order_by("submitted_at"))
    states = Counter(o.state for o in everything)
    counted = [o for o in everything if o.state in COUNTED_OPINIONS]
    overall = Tally()
    by_source = {source: Tally() for source in OpinionSource.values}
    by_article_id: dict[int | None, Tally] = {}
    for opinion in counted:
        overall.add(opinion.state)
        by_source[opinion.source].add(opinion.state)
        by_article_id.setdefault(opinion.article_id, Tally()).add(opinion.state)
    by_article = [ArticleTally(None, by_article_id[None])] if None in by_article_id else []
    by_article += [
        ArticleTally(node, by_article_id[node.pk])
        for node in version.nodes.filter(
            kind=NodeKind.ARTICLE, pk__in=list(by_article_id)
        ).order_by("order")
    ]
    adopted = (OS.ADOPTED, OS.PARTLY_ADOPTED)
    links = [o for o in counted if o.state in adopted and (o.led_to_node_id or o.led_to_note)]
    later = next_version(version)
    changes: list[ArticleDiff] = []
    if later is not None:
        old = with_structure(DraftVersion.objects.filter(pk=version.pk)).get()
        new = with_structure(DraftVersion.objects.filter(pk=later.pk)).get()
        for diff in compare_versions(old, new):
            if diff.kind == "unchanged":
                continue
            diff.opinions = [
                o
                for o in counted
                if (diff.new is not None and o.led_to_node_id == diff.new.pk)
                or (diff.old is not None and o.article_id == diff.old.pk and o.state in adopted)
            ]
            changes.append(diff)
    return ConsultationReport(
        consultation=consultation,
        overall=overall,
        by_source={k: v for k, v in by_source.items() if v.total},
        by_article=by_article,
        pending_moderation=states[OS.PENDING],
        rejected=states[OS.REJECTED],
        links=links,
        next_version=later,
        changes=changes,
    )


# --- regulations -----------------------------------------------------------------------------


def regulations_of(congress_id: int) -> QuerySet[Regulation]:
    return (
        Regulation.objects.filter(congress_id=congress_id)
        .select_related("of_regulation", "drafting_body")
        .annotate(version_count=Count("versions"))
    )


@dataclass
class Stage:
    state: str
    label: str
    date: datetime.date | None
    current: bool
    documents: list[Any]


def stages(regulation: Regulation) -> list[Stage]:
    """The regulation's timeline: each stage with its date (if reached) and documents."""
    documents: dict[str, list[Any]] = {}
    for document in regulation.documents.all():
        documents.setdefault(document.stage, []).append(document)
    return [
        Stage(
            state=state,
            label=str(RegulationState(state).label),
            date=regulation.stage_date(state),
            current=regulation.state == state,
            documents=documents.get(state, []),
        )
        for state in STAGE_DATE_FIELDS
        if state != RegulationState.WITHDRAWN or regulation.withdrawn_on
    ]


# --- agenda topics ---------------------------------------------------------------------------


def topic_summary(solicitation: TopicSolicitation) -> list[AgendaTopic]:
    """The topics, each with `answer_list` (answers with their deputies) and `answer_count`."""
    return list(
        solicitation.topics.annotate(answer_count=Count("answers"))
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=TopicAnswer.objects.select_related("deputy__person").order_by(
                    "answered_at", "id"
                ),
                to_attr="answer_list",
            )
        )
        .order_by("order")
    )


def deputies_answered(solicitation: TopicSolicitation) -> int:
    return (
        TopicAnswer.objects.filter(topic__solicitation=solicitation)
        .values("deputy_id")
        .distinct()
        .count()
    )


def contact_points_with_figures(
    qs: QuerySet[LegislativeContactPoint],
) -> QuerySet[LegislativeContactPoint]:
    """Each point with its collection points, consultations taken part in, opinions submitted
    and adopted (in whole or in part)."""
    theirs = (
        Opinion.objects.filter(contact_point_id=OuterRef("pk"))
        .order_by()
        .values("contact_point_id")
    )

    def count(q: QuerySet[Opinion, Any], expression: Any) -> Coalesce:
        return Coalesce(
            Subquery(q.annotate(n=expression).values("n"), output_field=IntegerField()), 0
        )

    return qs.select_related("station", "area").annotate(
        collection_count=Count("collection_points", distinct=True),
        consultation_count=count(theirs, Count("consultation_id", distinct=True)),
        submitted_count=count(theirs, Count("id")),
        adopted_count=count(theirs.filter(state__in=(OS.ADOPTED, OS.PARTLY_ADOPTED)), Count("id")),
    )
