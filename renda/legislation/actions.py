"""Every write on regulations, drafts, consultations, opinions and agenda-topic solicitations.

Each runs in a transaction and leaves an event on its case.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.inputs import not_future, require_text
from renda.core.models import Deadline
from renda.core.notifications import notify_after_commit
from renda.core.receipts import (  # noqa: F401  (RateLimited is part of this API)
    RateLimited,
    new_receipt_code,
    normalize_receipt_code,
    rate_limit,
)
from renda.core.uploads import check_upload
from renda.core.workflow import (
    ActionConflict,
    ActionForbidden,
    ActionInvalid,
    Goto,
    perform,
    record_event,
)
from renda.legislation.drafts.docx_import import parse_upload
from renda.legislation.drafts.parser import (
    Article,
    Division,
    Draft,
    DraftError,
    decode,
    parse_text,
    to_text,
)
from renda.legislation.models import (
    STAGE_DATE_FIELDS,
    AgendaTopic,
    Consultation,
    ConsultationState,
    DraftNode,
    DraftVersion,
    NodeKind,
    Opinion,
    OpinionSource,
    OpinionState,
    Regulation,
    RegulationKind,
    RegulationState,
    StageDocument,
    TopicAnswer,
    TopicSolicitation,
)
from renda.legislation.rules import (
    consults_contact_points,
    consults_deputies,
    deputy_of_congress,
    operates_contact_point,
    staff_of_congress,
)
from renda.legislation.workflow import CONSULTATION, OPINION, REGULATION, TOPIC_SOLICITATION
from renda.org.models import (
    CollectionPoint,
    Congress,
    ContactStation,
    LegislativeContactPoint,
    Level,
)

R = RegulationState

# The public may post this many opinions per address per hour (a fixed window).
PUBLIC_OPINIONS_PER_HOUR = 5
RATE_WINDOW_SECONDS = 3600
MAX_OPINION_CHARS = 5_000
MAX_BATCH = 500
# Each contact point's station has until the window closes: one deadline per station.
STATION_DEADLINE = "contact_point_opinions"


# --- helpers -----------------------------------------------------------------------------


def _today() -> datetime.date:
    return timezone.localdate()


def case_url(name: str, pk: int) -> str:
    """A link for notifications and deadlines, once the pages define the URL; else none."""
    try:
        return reverse(f"legislation:{name}", args=[pk])
    except NoReverseMatch:
        return ""


def _users(congress_id: int, role: str, **filters: Any) -> list[Any]:
    from renda.accounts.models import User

    return list(User.objects.filter(congress_id=congress_id, role=role, is_active=True, **filters))


def _require_staff(actor: Any, congress_id: int) -> None:
    if not staff_of_congress(actor, _Owned(congress_id)):
        raise ActionForbidden(_("Only the standing committee's staff may do this."))


@dataclass(frozen=True)
class _Owned:
    """Something of a congress, for the rules' same_congress before the row exists."""

    congress_id: int


# --- regulations and their stages ----------------------------------------------------------


def regulation_create(
    *,
    congress: Congress,
    actor: Any,
    title: str,
    kind: str = RegulationKind.NEW,
    of_regulation: Regulation | None = None,
    plan_year: int | None = None,
    drafting_body: Any = None,
    summary: str = "",
    planned_on: datetime.date | None = None,
    drafting: bool = False,
) -> Regulation:
    """Staff list a regulation (or a revision of one) in the legislative plan (立法计划);
    `drafting`: it is being drafted already (a draft imported for a regulation not listed).
    `actor` None is the operator at the command line (`renda import-draft`)."""
    if actor is not None:
        _require_staff(actor, congress.pk)
    state = R.DRAFTING if drafting else R.PLAN
    title = require_text(title, "title", _("Title"), max_length=200)
    if kind not in RegulationKind.values:
        raise ActionInvalid(_("Choose a kind of regulation."), field="kind")
    if of_regulation is not None:
        if kind == RegulationKind.NEW:
            raise ActionInvalid(_("A new regulation revises no other."), field="of_regulation")
        if of_regulation.congress_id != congress.pk:
            raise ActionInvalid(_("No such regulation in your congress."), field="of_regulation")
    if drafting_body is not None and drafting_body.congress_id != congress.pk:
        raise ActionInvalid(_("No such body in your congress."), field="drafting_body")
    planned_on = not_future(planned_on or _today(), "planned_on")
    with transaction.atomic():
        regulation = Regulation.objects.create(
            congress=congress,
            title=title,
            kind=kind,
            of_regulation=of_regulation,
            plan_year=plan_year or planned_on.year,
            drafting_body=drafting_body,
            summary=(summary or "").strip(),
            state=state,
            planned_on=planned_on,
            drafting_on=planned_on if state == R.DRAFTING else None,
        )
        record_event(
            case=regulation,
            action="create",
            actor=actor,
            to_state=state,
            data={"date": planned_on.isoformat(), "kind": kind},
        )
    return regulation


def regulation_advance(
    *,
    regulation: Regulation,
    action: str,
    actor: Any,
    on: datetime.date | None = None,
    comment: str = "",
) -> Regulation:
    """Record a stage (一审, 表决通过, 批准, 公布, 施行…) on the day it happened.

    Stages happen on meeting days, so staff give the date; it may not be in the future nor
    before the regulation's previous stage.
    """
    REGULATION.check(actor, regulation, action)
    day = not_future(on or _today(), "on")
    previous = [d for d in (regulation.stage_date(s) for s in STAGE_DATE_FIELDS) if d is not None]
    if previous and day < max(previous):
        raise ActionInvalid(
            _("The date cannot be before the previous stage (%(date)s).") % {"date": max(previous)},
            field="on",
        )
    state = regulation.state
    if action == "adopt" and state == R.FIRST_READING and regulation.kind != "amendment":
        raise ActionConflict(
            _("Only an amendment (修正) may be adopted after a single reading."), field="action"
        )
    needs_approval = regulation.congress.level not in (Level.PROVINCE, Level.NATIONAL)
    if action == "promulgate" and state == R.ADOPTED and needs_approval:
        raise ActionConflict(
            _("A regulation of this congress is promulgated after the province approves it."),
            field="action",
        )
    target = REGULATION.transition(action).target
    assert isinstance(target, str)

    def apply(locked: Regulation) -> None:
        setattr(locked, STAGE_DATE_FIELDS[target], day)

    perform(
        REGULATION,
        case=regulation,
        action=action,
        actor=actor,
        comment=(comment or "").strip(),
        data={"date": day.isoformat()},
        apply=apply,
    )
    return regulation


def stage_document_add(
    *, regulation: Regulation, actor: Any, stage: str, title: str, file: Any
) -> StageDocument:
    """A document of one stage: the drafting note (说明), a committee report, the notice (公告)."""
    _require_staff(actor, regulation.congress_id)
    if stage not in STAGE_DATE_FIELDS:
        raise ActionInvalid(_("Choose a stage."), field="stage")
    title = require_text(title, "title", _("Title"), max_length=200)
    checked = check_upload(file, field="file")
    with transaction.atomic():
        document = StageDocument.objects.create(
            regulation=regulation,
            stage=stage,
            title=title,
            file=checked.file,
            name=checked.name,
            size=checked.size,
            content_type=checked.content_type,
            uploaded_by=actor,
        )
        record_event(
            case=regulation,
            action="add_document",
            actor=actor,
            comment=title,
            data={"document": document.pk, "stage": stage},
        )
    return document


# --- drafts --------------------------------------------------------------------------------


def parse_input(*, text: str | None = None, data: bytes | None = None) -> tuple[Draft, str]:
    """Parse pasted text or an uploaded file (.docx or plain text) into a Draft and its format.

    Raises ActionInvalid, on field "file", for input that is no draft at all.
    """
    try:
        if data is not None:
            fmt = DraftVersion.SourceFormat.DOCX if data[:4] == b"PK\x03\x04" else "text"
            return parse_upload(data), fmt
        return parse_text(text or ""), DraftVersion.SourceFormat.TEXT
    except DraftError as error:
        raise ActionInvalid(error.message, field="file") from error


def import_draft(
    *,
    actor: Any,
    regulation: Regulation | None = None,
    congress: Congress | None = None,
    title: str = "",
    text: str | None = None,
    data: bytes | None = None,
    filename: str = "",
    label: str = "",
) -> DraftVersion:
    """Store a new version of a regulation's draft, parsed into parts … items.

    Without a regulation, one is created (a new regulation, being drafted) in `congress`,
    titled `title` or the draft's own title. Input that is no draft (empty, binary, no
    article) is refused and nothing is stored; a draft the parser could read only with
    doubts is stored with its problems listed, for staff to check.
    `actor` None is the command line (`renda import-draft`), run by the operator.
    """
    congress_id = regulation.congress_id if regulation is not None else getattr(congress, "pk", 0)
    if not congress_id:
        raise ActionInvalid(_("Say which congress the draft belongs to."), field="congress")
    if actor is not None:
        _require_staff(actor, congress_id)
    if regulation is not None and regulation.state in (
        R.ADOPTED,
        R.APPROVED,
        R.PROMULGATED,
        R.IN_FORCE,
        R.WITHDRAWN,
    ):
        raise ActionConflict(_("This regulation is no longer being drafted."), field="regulation")
    draft, fmt = parse_input(text=text, data=data)
    title = (title or "").strip() or draft.title or filename.rsplit(".", 1)[0]
    title = require_text(title, "title", _("Title"), max_length=200)
    source = text if text is not None and fmt == DraftVersion.SourceFormat.TEXT else None
    if source is None and data is not None and fmt == DraftVersion.SourceFormat.TEXT:
        source = decode(data)
    if source is None:  # a .docx: its paragraphs as the parser read them
        source = to_text(draft)
    with transaction.atomic():
        if regulation is None:
            assert congress is not None
            regulation = regulation_create(
                congress=congress, actor=actor, title=title, drafting=True
            )
        else:
            regulation = Regulation.objects.select_for_update().get(pk=regulation.pk)
        number = (regulation.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        counts = draft.counts()
        version = DraftVersion.objects.create(
            congress_id=regulation.congress_id,
            regulation=regulation,
            number=number,
            title=title,
            label=(label or "").strip()[:60],
            stage=regulation.state,
            preamble=list(draft.preamble),
            source_text=source,
            source_name=(filename or "")[:200],
            source_format=fmt,
            problems=[
                {"line_no": p.line_no, "text": p.text, "code": p.code, "params": p.params}
                for p in draft.problems
            ],
            imported_by=actor if getattr(actor, "pk", None) else None,
            imported_at=timezone.now(),
            **counts,
        )
        store_nodes(version, draft)
        record_event(
            case=regulation,
            action="import_draft",
            actor=actor,
            comment=title,
            data={"version": version.pk, "number": number, **counts},
        )
    return version


def store_nodes(version: DraftVersion, draft: Draft) -> None:
    """The tree as rows, level by level so that each parent has its id before its children."""
    by_depth: dict[int, list[DraftNode]] = {}
    order = 0

    def add(kind: str, number: int, parent: DraftNode | None, depth: int, **fields: str) -> Any:
        nonlocal order
        order += 1
        node = DraftNode(
            version=version, parent=parent, kind=kind, number=number, order=order, **fields
        )
        by_depth.setdefault(depth, []).append(node)
        return node

    def walk(children: list[Division | Article], parent: DraftNode | None, depth: int) -> None:
        for child in children:
            node = add(
                child.kind, child.number, parent, depth, label=child.label, heading=child.heading
            )
            if isinstance(child, Division):
                walk(child.children, node, depth + 1)
                continue
            for index, paragraph in enumerate(child.paragraphs, start=1):
                para = add(NodeKind.PARAGRAPH, index, node, depth + 1, text=paragraph.text)
                for item in paragraph.items:
                    add(
                        NodeKind.ITEM,
                        item.number,
                        para,
                        depth + 2,
                        label=item.label,
                        text=item.text,
                    )

    walk(draft.children, None, 0)
    for depth in sorted(by_depth):
        DraftNode.objects.bulk_create(by_depth[depth])


# --- consultations -------------------------------------------------------------------------


def consultation_create(
    *,
    version: DraftVersion,
    actor: Any,
    opens_on: datetime.date | None = None,
    closes_on: datetime.date | None = None,
    title: str = "",
    description: str = "",
    for_public: bool = True,
    for_deputies: bool = True,
    for_contact_points: bool = True,
) -> Consultation:
    """Prepare a consultation on a version; its window lasts the congress's number of days
    (30 by default: from opens_on to the 30th day, both included)."""
    _require_staff(actor, version.congress_id)
    opens_on = opens_on or _today()
    if closes_on is None:
        days = version.regulation.congress.setting("consultation_days")
        closes_on = opens_on + datetime.timedelta(days=days - 1)
    if closes_on < opens_on:
        raise ActionInvalid(_("The window must close after it opens."), field="closes_on")
    if not (for_public or for_deputies or for_contact_points):
        raise ActionInvalid(_("Choose at least one audience."), field="audiences")
    title = (title or "").strip() or _("Opinions sought on %(title)s") % {"title": version.title}
    with transaction.atomic():
        consultation = Consultation.objects.create(
            congress_id=version.congress_id,
            version=version,
            title=require_text(title, "title", _("Title"), max_length=200),
            description=(description or "").strip(),
            opens_on=opens_on,
            closes_on=closes_on,
            for_public=for_public,
            for_deputies=for_deputies,
            for_contact_points=for_contact_points,
            created_by=actor,
        )
        record_event(case=consultation, action="create", actor=actor, to_state="draft")
    return consultation


def consultation_open(*, consultation: Consultation, actor: Any, comment: str = "") -> Consultation:
    """Open for comment: deputies and the contact points' stations are told, and each station
    has until the window closes to submit what it gathered."""
    CONSULTATION.check(actor, consultation, "open")
    if consultation.closes_on < _today():
        raise ActionInvalid(
            _("The window has already ended; set a later closing day."), field="closes_on"
        )

    def apply(locked: Consultation) -> None:
        title = _("Opinions sought: %(title)s (until %(date)s)") % {
            "title": locked.title,
            "date": locked.closes_on.isoformat(),
        }
        url = case_url("consultation", locked.pk)
        if locked.for_deputies:
            notify_after_commit(_users(locked.congress_id, "deputy"), title=title, url=url)
        if locked.for_contact_points:
            for station in _contact_point_stations(locked.congress_id):
                _station_deadline(locked, station)
                notify_after_commit(
                    _users(locked.congress_id, "station", station=station), title=title, url=url
                )

    perform(
        CONSULTATION, case=consultation, action="open", actor=actor, comment=comment, apply=apply
    )
    return consultation


def _contact_point_stations(congress_id: int) -> list[ContactStation]:
    """The stations merged with the congress's working legislative contact points."""
    return list(
        ContactStation.objects.filter(
            contact_points__congress_id=congress_id, contact_points__closed_on__isnull=True
        )
        .distinct()
        .order_by("pk")
    )


def _station_deadline(consultation: Consultation, station: ContactStation) -> None:
    set_deadline(
        case=consultation,
        kind=f"{STATION_DEADLINE}:{station.pk}",
        label=_("Submit the opinions gathered on %(title)s") % {"title": consultation.title},
        due_date=consultation.closes_on,
        url=case_url("consultation", consultation.pk),
        station=station,
    )


def consultation_extend(
    *, consultation: Consultation, actor: Any, closes_on: datetime.date, comment: str = ""
) -> Consultation:
    """Move the closing day later; the stations that have not submitted yet get the new day."""
    CONSULTATION.check(actor, consultation, "extend")
    if closes_on <= consultation.closes_on:
        raise ActionInvalid(_("Choose a later closing day."), field="closes_on")
    previous = consultation.closes_on

    def apply(locked: Consultation) -> None:
        locked.closes_on = closes_on
        waiting = Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(Consultation),
            object_id=locked.pk,
            closed_at__isnull=True,
            kind__startswith=f"{STATION_DEADLINE}:",
        ).select_related("responsible_station")
        for deadline in list(waiting):
            if deadline.responsible_station is not None:
                _station_deadline(locked, deadline.responsible_station)

    perform(
        CONSULTATION,
        case=consultation,
        action="extend",
        actor=actor,
        comment=comment,
        data={"from": previous.isoformat(), "to": closes_on.isoformat()},
        apply=apply,
    )
    return consultation


def consultation_close(
    *, consultation: Consultation, actor: Any, comment: str = ""
) -> Consultation:
    def apply(locked: Consultation) -> None:
        close_deadlines(case=locked)

    perform(
        CONSULTATION, case=consultation, action="close", actor=actor, comment=comment, apply=apply
    )
    return consultation


def consultations_close_expired(*, today: datetime.date | None = None) -> int:
    """Close every open consultation whose window has ended (for a daily run); idempotent."""
    today = today or _today()
    closed = 0
    for consultation in Consultation.objects.filter(state="open", closes_on__lt=today):
        with transaction.atomic():
            won = Consultation.objects.filter(pk=consultation.pk, state="open").update(
                state=ConsultationState.CLOSED
            )
            if not won:
                continue
            close_deadlines(case=consultation)
            record_event(
                case=consultation,
                action="close",
                actor=None,
                from_state="open",
                to_state="closed",
                comment=_("The window ended on %(date)s.") % {"date": consultation.closes_on},
            )
            closed += 1
    return closed


def accepts(
    consultation: Consultation, audience: str, *, today: datetime.date | None = None
) -> bool:
    """Open to this audience now: opened by staff, inside its window (today, in the congress's
    time zone), and meant for the audience ("public", "deputies" or "contact_points")."""
    today = today or _today()
    return (
        consultation.state == ConsultationState.OPEN
        and consultation.opens_on <= today <= consultation.closes_on
        and bool(getattr(consultation, f"for_{audience}"))
    )


def _check_accepts(consultation: Consultation, audience: str) -> None:
    if not getattr(consultation, f"for_{audience}"):
        raise ActionForbidden(_("This consultation does not ask you for opinions."))
    if not accepts(consultation, audience):
        raise ActionConflict(_("This consultation is not open for comment."))


def _article(consultation: Consultation, article: DraftNode | None, field: str) -> None:
    if article is not None and (
        article.version_id != consultation.version_id or article.kind != NodeKind.ARTICLE
    ):
        raise ActionInvalid(_("No such article in this draft."), field=field)


def _rate_limit(client_ip: str) -> None:
    rate_limit(
        scope="legislation:public-opinions",
        client_ip=client_ip,
        limit=PUBLIC_OPINIONS_PER_HOUR,
        window_seconds=RATE_WINDOW_SECONDS,
        message=_("Too many opinions from your address; try again in an hour."),
        field="text",
    )


def _create_opinion(
    *, consultation: Consultation, actor: Any, state: str, **fields: Any
) -> Opinion:
    opinion = Opinion.objects.create(
        congress_id=consultation.congress_id,
        consultation=consultation,
        receipt_code=new_receipt_code(),
        state=state,
        submitted_at=timezone.now(),
        **fields,
    )
    record_event(
        case=opinion,
        action="submit",
        actor=actor,
        to_state=state,
        data={"source": opinion.source, "consultation": consultation.pk},
    )
    return opinion


def opinion_submit_public(
    *,
    consultation: Consultation,
    text: str,
    client_ip: str,
    article: DraftNode | None = None,
    name: str = "",
    contact: str = "",
) -> Opinion:
    """Anyone comments without an account; held for moderation. Keep the receipt code to
    follow it. The name is optional and the contact is seen by staff only.

    Staff are not notified of each post (hundreds would flood them): the moderation queue
    (queries.awaiting_moderation) is their worklist."""
    _check_accepts(consultation, "public")
    _article(consultation, article, "article")
    text = require_text(text, "text", _("Opinion"), max_length=MAX_OPINION_CHARS)
    name = require_text(name, "name", _("Name"), max_length=40, required=False)
    contact = require_text(contact, "contact", _("Contact"), max_length=100, required=False)
    _rate_limit(client_ip)
    with transaction.atomic():
        opinion = _create_opinion(
            consultation=consultation,
            actor=None,
            state=OpinionState.PENDING,
            article=article,
            text=text,
            source=OpinionSource.PUBLIC,
            author_name=name,
            author_contact=contact,
        )
    return opinion


def opinion_submit_deputy(
    *, consultation: Consultation, actor: Any, text: str, article: DraftNode | None = None
) -> Opinion:
    """A deputy comments, logged in; no moderation."""
    if not deputy_of_congress(actor, consultation) or not actor.deputy_id:
        raise ActionForbidden(_("Only a deputy of this congress can comment as a deputy."))
    if not consults_deputies(actor, consultation):
        raise ActionForbidden(_("This consultation does not ask deputies for opinions."))
    _check_accepts(consultation, "deputies")
    _article(consultation, article, "article")
    text = require_text(text, "text", _("Opinion"), max_length=MAX_OPINION_CHARS)
    with transaction.atomic():
        return _create_opinion(
            consultation=consultation,
            actor=actor,
            state=OpinionState.RECEIVED,
            article=article,
            text=text,
            source=OpinionSource.DEPUTY,
            deputy_id=actor.deputy_id,
            submitted_by=actor,
        )


BATCH_SOURCES = (
    OpinionSource.CONTACT_POINT,
    OpinionSource.SEMINAR,
    OpinionSource.COLLECTION_POINT,
    OpinionSource.LETTER,
)


@dataclass(frozen=True)
class GatheredOpinion:
    """One opinion a contact point gathered, with where it came from."""

    text: str
    article: DraftNode | None = None
    source: str = OpinionSource.CONTACT_POINT
    collection_point: CollectionPoint | None = None
    author_name: str = ""
    author_contact: str = ""
    gathered_on: datetime.date | None = None


def opinion_batch_submit(
    *,
    consultation: Consultation,
    actor: Any,
    contact_point: LegislativeContactPoint,
    opinions: Sequence[GatheredOpinion],
) -> list[Opinion]:
    """A contact point submits the opinions it gathered (seminars, collection points), all or
    none; each keeps its source. Its operator is the station merged with it (站点融合)."""
    if not operates_contact_point(actor, contact_point) or not consults_contact_points(
        actor, consultation
    ):
        raise ActionForbidden(
            _("Only the operator of this legislative contact point can submit its opinions.")
        )
    if contact_point.congress_id != consultation.congress_id:
        raise ActionForbidden(_("This consultation does not ask you for opinions."))
    _check_accepts(consultation, "contact_points")
    if not opinions:
        raise ActionInvalid(_("Enter at least one opinion."), field="opinions")
    if len(opinions) > MAX_BATCH:
        raise ActionInvalid(
            _("At most %(n)d opinions at once.") % {"n": MAX_BATCH}, field="opinions"
        )
    rows: list[dict[str, Any]] = []
    for index, gathered in enumerate(opinions):
        prefix = f"opinions.{index}."
        if gathered.source not in BATCH_SOURCES:
            raise ActionInvalid(
                _("Choose one of: %(choices)s.") % {"choices": ", ".join(BATCH_SOURCES)},
                field=prefix + "source",
            )
        point = gathered.collection_point
        if point is not None and point.contact_point_id != contact_point.pk:
            raise ActionInvalid(
                _("No such collection point under this contact point."),
                field=prefix + "collection_point",
            )
        if gathered.source == OpinionSource.COLLECTION_POINT and point is None:
            raise ActionInvalid(
                _("Say which collection point gathered it."), field=prefix + "collection_point"
            )
        _article(consultation, gathered.article, prefix + "article")
        gathered_on = gathered.gathered_on
        if gathered_on is not None:
            not_future(gathered_on, prefix + "gathered_on")
        rows.append(
            {
                "text": require_text(
                    gathered.text, prefix + "text", _("Opinion"), max_length=MAX_OPINION_CHARS
                ),
                "article": gathered.article,
                "source": gathered.source,
                "collection_point": point,
                "author_name": require_text(
                    gathered.author_name,
                    prefix + "author_name",
                    _("Name"),
                    max_length=40,
                    required=False,
                ),
                "author_contact": require_text(
                    gathered.author_contact,
                    prefix + "author_contact",
                    _("Contact"),
                    max_length=100,
                    required=False,
                ),
                "gathered_on": gathered_on,
            }
        )
    with transaction.atomic():
        created = [
            _create_opinion(
                consultation=consultation,
                actor=actor,
                state=OpinionState.RECEIVED,
                contact_point=contact_point,
                submitted_by=actor,
                **row,
            )
            for row in rows
        ]
        if contact_point.station_id:
            close_deadlines(
                case=consultation, kind=f"{STATION_DEADLINE}:{contact_point.station_id}"
            )
    return created


def opinion_moderate(*, opinion: Opinion, actor: Any, publish: bool, reason: str = "") -> Opinion:
    """Staff publish a public opinion for handling, or keep it out (spam, abuse), with a reason."""
    action = "publish" if publish else "reject"
    OPINION.check(actor, opinion, action)
    reason = (reason or "").strip()
    if not publish:
        reason = require_text(reason, "reason", _("Reason"), max_length=MAX_OPINION_CHARS)

    def apply(locked: Opinion) -> None:
        locked.moderated_by = actor
        locked.moderated_at = timezone.now()
        locked.moderation_reason = reason

    perform(OPINION, case=opinion, action=action, actor=actor, comment=reason, apply=apply)
    return opinion


OUTCOMES = (OpinionState.ADOPTED, OpinionState.PARTLY_ADOPTED, OpinionState.NOT_ADOPTED)


def _later_article(opinion: Opinion, node: DraftNode | None) -> None:
    """A change is an article of a later version of the same regulation."""
    if node is None:
        return
    version = opinion.consultation.version
    if (
        node.kind != NodeKind.ARTICLE
        or node.version.regulation_id != version.regulation_id
        or node.version.number <= version.number
    ):
        raise ActionInvalid(
            _("Choose an article of a later version of this draft."), field="led_to"
        )


def opinion_handle(
    *,
    opinion: Opinion,
    actor: Any,
    outcome: str,
    reason: str = "",
    led_to: DraftNode | None = None,
    led_to_note: str = "",
) -> Opinion:
    """Staff record the outcome: adopted, partly adopted, or not adopted; the reason is
    required unless adopted. The contributor is told (a deputy or the station; the public
    through the receipt code)."""
    OPINION.check(actor, opinion, "handle")
    if outcome not in OUTCOMES:
        raise ActionInvalid(
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(OUTCOMES)}, field="outcome"
        )
    reason = (reason or "").strip()
    if outcome != OpinionState.ADOPTED:
        reason = require_text(reason, "reason", _("Reason"), max_length=MAX_OPINION_CHARS)
    if outcome == OpinionState.NOT_ADOPTED and (led_to is not None or led_to_note.strip()):
        raise ActionInvalid(_("An opinion not adopted led to no change."), field="led_to")
    _later_article(opinion, led_to)

    def apply(locked: Opinion) -> Goto:
        locked.handling_reason = reason
        locked.handled_by = actor
        locked.handled_at = timezone.now()
        locked.led_to_node = led_to
        locked.led_to_note = (led_to_note or "").strip()
        return Goto(outcome)

    perform(
        OPINION,
        case=opinion,
        action="handle",
        actor=actor,
        comment=reason,
        data={"outcome": outcome, "led_to": led_to.pk if led_to else None},
        apply=apply,
        notify=lambda event: _tell_contributor(opinion),
    )
    return opinion


def _tell_contributor(opinion: Opinion) -> None:
    from renda.core.notifications import notify

    if opinion.source == OpinionSource.DEPUTY and opinion.deputy_id:
        users = _users(opinion.congress_id, "deputy", deputy_id=opinion.deputy_id)
    elif opinion.submitted_by_id:
        users = _users(opinion.congress_id, "station", pk=opinion.submitted_by_id)
    else:
        return  # the public looks it up by its receipt code
    notify(
        users,
        title=_("Your opinion on %(title)s: %(outcome)s")
        % {"title": opinion.consultation.version.title, "outcome": opinion.get_state_display()},
        body=opinion.handling_reason,
        url=case_url("opinion", opinion.pk),
    )


def opinion_link_change(
    *, opinion: Opinion, actor: Any, led_to: DraftNode | None = None, note: str = ""
) -> Opinion:
    """Say which article of a later version an adopted opinion changed (once it is drafted)."""
    OPINION.check(actor, opinion, "link_change")
    note = (note or "").strip()
    if led_to is None and not note:
        raise ActionInvalid(_("Choose the article changed or describe the change."), field="led_to")
    _later_article(opinion, led_to)

    def apply(locked: Opinion) -> None:
        locked.led_to_node = led_to
        locked.led_to_note = note

    perform(
        OPINION,
        case=opinion,
        action="link_change",
        actor=actor,
        comment=note,
        data={"led_to": led_to.pk if led_to else None},
        apply=apply,
    )
    return opinion


# --- agenda topic solicitation (议题征集) ----------------------------------------------------


def topic_solicitation_open(
    *,
    congress: Congress,
    actor: Any,
    meeting_title: str,
    meeting_date: datetime.date,
    deadline: datetime.date,
    topics: Sequence[str | tuple[str, str]],
    description: str = "",
) -> TopicSolicitation:
    """Staff ask the deputies for opinions on the topics of an upcoming meeting."""
    _require_staff(actor, congress.pk)
    meeting_title = require_text(meeting_title, "meeting_title", _("Meeting"), max_length=200)
    if deadline < _today():
        raise ActionInvalid(_("The answers cannot be due in the past."), field="deadline")
    if meeting_date < deadline:
        raise ActionInvalid(_("Answers must be due before the meeting."), field="deadline")
    pairs = [(t, "") if isinstance(t, str) else t for t in topics]
    cleaned = [
        (require_text(title, f"topics.{i}", _("Topic"), max_length=200), (desc or "").strip())
        for i, (title, desc) in enumerate(pairs)
    ]
    if not cleaned:
        raise ActionInvalid(_("Enter at least one topic."), field="topics")
    with transaction.atomic():
        solicitation = TopicSolicitation.objects.create(
            congress=congress,
            meeting_title=meeting_title,
            meeting_date=meeting_date,
            deadline=deadline,
            description=(description or "").strip(),
            created_by=actor,
        )
        AgendaTopic.objects.bulk_create(
            AgendaTopic(solicitation=solicitation, order=i, title=title, description=desc)
            for i, (title, desc) in enumerate(cleaned, start=1)
        )
        record_event(case=solicitation, action="create", actor=actor, to_state="open")
        url = case_url("topics", solicitation.pk)
        label = _("Opinions on the topics of %(meeting)s") % {"meeting": meeting_title}
        set_deadline(
            case=solicitation,
            kind="answers",
            label=label,
            due_date=deadline,
            url=url,
            role="deputy",
        )
        notify_after_commit(_users(congress.pk, "deputy"), title=label, url=url)
    return solicitation


def topic_answer(
    *, solicitation: TopicSolicitation, topic: AgendaTopic, actor: Any, text: str
) -> TopicAnswer:
    """A deputy gives an opinion on one topic; answering again replaces it until it closes."""
    TOPIC_SOLICITATION.check(actor, solicitation, "answer")
    if not actor.deputy_id:
        raise ActionForbidden(_("Only a deputy can answer."))
    if _today() > solicitation.deadline:
        raise ActionConflict(_("Answers were due on %(date)s.") % {"date": solicitation.deadline})
    if topic.solicitation_id != solicitation.pk:
        raise ActionInvalid(_("No such topic in this solicitation."), field="topic")
    text = require_text(text, "text", _("Opinion"), max_length=MAX_OPINION_CHARS)
    answer: list[TopicAnswer] = []

    def apply(locked: TopicSolicitation) -> None:
        row, _created = TopicAnswer.objects.update_or_create(
            topic=topic,
            deputy_id=actor.deputy_id,
            defaults={"text": text, "answered_at": timezone.now()},
        )
        answer.append(row)

    perform(
        TOPIC_SOLICITATION,
        case=solicitation,
        action="answer",
        actor=actor,
        data={"topic": topic.pk},
        apply=apply,
    )
    return answer[0]


def topic_solicitation_close(
    *, solicitation: TopicSolicitation, actor: Any, summary: str = ""
) -> TopicSolicitation:
    """Staff close the solicitation and write the summary of the answers for the meeting."""

    def apply(locked: TopicSolicitation) -> None:
        locked.summary = (summary or "").strip()
        locked.closed_at = timezone.now()
        close_deadlines(case=locked)

    perform(
        TOPIC_SOLICITATION,
        case=solicitation,
        action="close",
        actor=actor,
        comment=(summary or "").strip()[:200],
        apply=apply,
    )
    return solicitation
