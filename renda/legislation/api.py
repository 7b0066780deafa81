"""The legislation API: drafts with their structure, comments on them, handling, reports.

Drafts open for public comment, commenting on them and the receipt lookup need no token; a
token (a deputy, a station operator, staff) reaches the rest. Thin on purpose: every write is
one function of actions.py, which checks role (403), state (409) and input (422).
"""

# No `from __future__ import annotations`: django-ninja reads the path and payload types from
# the evaluated annotations of the endpoints.

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, P, PathEx, Query, Router, Schema
from ninja.errors import AuthenticationError
from ninja.pagination import paginate
from ninja.responses import Status

from renda.core.api import BearerToken, Pages, RowId, caller, payload_row
from renda.core.receipts import client_ip
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid
from renda.legislation import actions as A
from renda.legislation.models import (
    Consultation,
    DraftNode,
    DraftVersion,
    NodeKind,
    Opinion,
    OpinionSource,
    OpinionState,
)
from renda.legislation.queries import (
    compare_versions,
    consultation_report,
    drafts_visible_to,
    opinion_by_receipt,
    opinions_with_data,
    problems,
    tree,
    version_akn,
    version_text,
    with_list_data,
    with_structure,
)
from renda.legislation.rules import staff_of_congress
from renda.legislation.schemas import (
    BatchIn,
    ChangeOut,
    DraftDetailOut,
    DraftOut,
    HandleIn,
    LinkChangeIn,
    OpinionIn,
    OpinionOut,
    ReasonIn,
    ReceiptOut,
    ReportOut,
    change_text,
)
from renda.org.models import CollectionPoint, LegislativeContactPoint

router = Router(tags=["legislation"])

PkPath = PathEx[int, P(ge=1, le=2**63 - 1)]


def _caller_or_public(request: HttpRequest) -> Any:
    """The token's user, or the public when no token is sent (a session does not count: the
    API has no CSRF protection, so only a token may act for someone)."""
    if not request.headers.get("Authorization"):
        request.user = AnonymousUser()
        return request.user
    user = BearerToken()(request)
    if user is None:
        raise AuthenticationError
    return user


# --- drafts ----------------------------------------------------------------------------------


class DraftFilters(Schema):
    regulation: RowId | None = Field(None, description="A regulation's id")
    open: bool | None = Field(None, description="Only drafts open for public comment today")


@router.get(
    "/drafts",
    auth=None,
    response=list[DraftOut],
    summary="Drafts: open for public comment, or every draft of the caller's congress",
)
@paginate(Pages)
def draft_list(request: HttpRequest, filters: Query[DraftFilters]) -> Any:
    user = _caller_or_public(request)
    qs = drafts_visible_to(user)
    if filters.regulation:
        qs = qs.filter(regulation_id=filters.regulation)
    if filters.open:
        qs = qs & drafts_visible_to(AnonymousUser())
    return with_list_data(qs).order_by("-imported_at", "-id")


def _version(user: Any, pk: int, *, structure: bool = False) -> DraftVersion:
    qs = drafts_visible_to(user).filter(pk=pk)
    version = (with_structure(qs) if structure else with_list_data(qs)).first()
    if version is None:
        raise Http404
    return version


@router.get(
    "/drafts/{draft_id}",
    auth=None,
    response=DraftDetailOut,
    summary="A draft version with its structure down to the items",
)
def draft_detail(request: HttpRequest, draft_id: PkPath) -> Any:
    version = _version(_caller_or_public(request), draft_id, structure=True)
    extra: Any = version
    extra.structure = tree(version)
    extra.problems = [
        {"line": p.line_no, "text": p.text, "code": p.code, "reason": p.reason}
        for p in problems(version)
    ]
    return version


class ExportFormat(Schema):
    format: str = Field("text", pattern="^(text|akn)$", description="text or akn")


@router.get(
    "/drafts/{draft_id}/export",
    auth=None,
    summary="A draft version as plain text or Akoma Ntoso 3.0 XML",
)
def draft_export(request: HttpRequest, draft_id: PkPath, query: Query[ExportFormat]) -> Any:
    version = _version(_caller_or_public(request), draft_id, structure=True)
    if query.format == "akn":
        return HttpResponse(version_akn(version), content_type="application/akn+xml")
    return HttpResponse(version_text(version), content_type="text/plain; charset=utf-8")


@router.get(
    "/drafts/{draft_id}/compare/{other_id}",
    auth=None,
    response=list[ChangeOut],
    summary="Article by article, from this version to another, with the changed words marked",
)
def draft_compare(request: HttpRequest, draft_id: PkPath, other_id: PkPath) -> Any:
    user = _caller_or_public(request)
    old, new = _version(user, draft_id, structure=True), _version(user, other_id, structure=True)
    if old.regulation_id != new.regulation_id:
        raise ActionInvalid(_("Both versions must be of the same regulation."), field="other_id")
    return [_change(diff) for diff in compare_versions(old, new)]


def _change(diff: Any) -> dict[str, Any]:
    return {
        "kind": diff.kind,
        "old_article": diff.old.pk if diff.old else None,
        "new_article": diff.new.pk if diff.new else None,
        "old_label": diff.old.label if diff.old else None,
        "new_label": diff.new.label if diff.new else None,
        "html": str(diff.change.html()),
    }


# --- commenting ------------------------------------------------------------------------------

_AUDIENCE = {"": "public", "deputy": "deputies", "station": "contact_points"}


def _consultation(version: DraftVersion, pk: int | None, audience: str) -> Consultation:
    """The consultation asked for, else the one open to this audience today, else the latest
    one meant for it (whose closed state the action then reports)."""
    qs = version.consultations.all().order_by("-opens_on", "-id")
    if pk is not None:
        return payload_row(qs, pk, "consultation", _("No such consultation of this draft."))
    meant = [c for c in qs if getattr(c, f"for_{audience}")]
    chosen = next((c for c in meant if A.accepts(c, audience)), meant[0] if meant else None)
    if chosen is None:
        raise ActionConflict(_("This draft is not open for comment."))
    return chosen


def _article(version: DraftVersion, pk: int | None, field: str = "article") -> DraftNode | None:
    if pk is None:
        return None
    return payload_row(
        DraftNode.objects.filter(version=version, kind=NodeKind.ARTICLE),
        pk,
        field,
        _("No such article in this draft."),
    )


def _contact_point(user: Any, pk: int | None) -> LegislativeContactPoint:
    return payload_row(
        LegislativeContactPoint.objects.filter(congress_id=user.congress_id),
        pk,
        "contact_point",
        _("No such legislative contact point in your congress."),
    )


def _collection_point(point: LegislativeContactPoint, pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    return payload_row(
        CollectionPoint.objects.filter(contact_point=point),
        pk,
        field,
        _("No such collection point under this contact point."),
    )


def _receipt(opinion: Opinion) -> Opinion:
    return opinions_with_data(Opinion.objects.filter(pk=opinion.pk)).get()


@router.post(
    "/drafts/{draft_id}/opinions",
    auth=None,
    response={201: ReceiptOut},
    summary="Comment on a draft or one article: the public without a token (moderated, with a "
    "receipt code), a deputy or a contact point's operator with one",
)
def opinion_submit(request: HttpRequest, draft_id: PkPath, payload: OpinionIn) -> Any:
    user = _caller_or_public(request)
    role = getattr(user, "role", "") if user.is_authenticated else ""
    if role not in _AUDIENCE:
        raise ActionForbidden(_("Comment without logging in, as a member of the public."))
    version = _version(user, draft_id)
    consultation = _consultation(version, payload.consultation, _AUDIENCE[role])
    article = _article(version, payload.article)
    if role == "deputy":
        opinion = A.opinion_submit_deputy(
            consultation=consultation, actor=user, text=payload.text, article=article
        )
    elif role == "station":
        point = _contact_point(user, payload.contact_point)
        gathered = A.GatheredOpinion(
            text=payload.text,
            article=article,
            source=payload.source,
            collection_point=_collection_point(point, payload.collection_point, "collection_point"),
            author_name=payload.name,
            author_contact=payload.contact,
            gathered_on=payload.gathered_on,
        )
        (opinion,) = A.opinion_batch_submit(
            consultation=consultation, actor=user, contact_point=point, opinions=[gathered]
        )
    else:
        opinion = A.opinion_submit_public(
            consultation=consultation,
            text=payload.text,
            article=article,
            name=payload.name,
            contact=payload.contact,
            client_ip=client_ip(request),
        )
    return Status(201, _receipt(opinion))


@router.post(
    "/drafts/{draft_id}/opinion-batches",
    response={201: list[ReceiptOut]},
    summary="A legislative contact point submits the opinions it gathered, each with its source",
)
def opinion_batch(request: HttpRequest, draft_id: PkPath, payload: BatchIn) -> Any:
    user = caller(request)
    version = _version(user, draft_id)
    consultation = _consultation(version, payload.consultation, "contact_points")
    point = _contact_point(user, payload.contact_point)
    gathered = [
        A.GatheredOpinion(
            text=item.text,
            article=_article(version, item.article, f"opinions.{i}.article"),
            source=item.source,
            collection_point=_collection_point(
                point, item.collection_point, f"opinions.{i}.collection_point"
            ),
            author_name=item.author_name,
            author_contact=item.author_contact,
            gathered_on=item.gathered_on,
        )
        for i, item in enumerate(payload.opinions)
    ]
    created = A.opinion_batch_submit(
        consultation=consultation, actor=user, contact_point=point, opinions=gathered
    )
    return Status(
        201, list(opinions_with_data(Opinion.objects.filter(pk__in=[o.pk for o in created])))
    )


@router.get(
    "/opinions/receipt/{code}",
    auth=None,
    response=ReceiptOut,
    summary="Follow an opinion by its receipt code: its state and outcome, never its author",
)
def opinion_receipt(request: HttpRequest, code: str) -> Any:
    opinion = opinion_by_receipt(code[:40])
    if opinion is None:
        raise Http404
    return _receipt(opinion)


# --- handling (staff) ------------------------------------------------------------------------


def _staff_consultation(user: Any, pk: int) -> Consultation:
    consultation = (
        Consultation.objects.filter(pk=pk, congress_id=user.congress_id)
        .select_related("version__regulation")
        .first()
    )
    if consultation is None or user.role not in ("staff", "leader"):
        raise Http404
    return consultation


class OpinionFilters(Schema):
    state: OpinionState | None = None
    source: OpinionSource | None = None
    article: RowId | None = Field(None, description="An article's node id")
    whole_draft: bool | None = Field(None, description="Only opinions on the whole draft")


@router.get(
    "/consultations/{consultation_id}/opinions",
    response=list[OpinionOut],
    summary="A consultation's opinions with their contributors, for staff to handle",
)
@paginate(Pages)
def consultation_opinions(
    request: HttpRequest, consultation_id: PkPath, filters: Query[OpinionFilters]
) -> Any:
    user = caller(request)
    consultation = _staff_consultation(user, consultation_id)
    if not staff_of_congress(user, consultation):
        raise ActionForbidden(_("Only the standing committee's staff see who gave opinions."))
    qs = opinions_with_data(consultation.opinions.all())
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.source:
        qs = qs.filter(source=filters.source)
    if filters.article:
        qs = qs.filter(article_id=filters.article)
    if filters.whole_draft:
        qs = qs.filter(article__isnull=True)
    return qs.order_by("submitted_at", "id")


@router.get(
    "/consultations/{consultation_id}/report",
    response=ReportOut,
    summary="Opinions by article and by source, adoption, and the changes they led to",
)
def consultation_report_view(request: HttpRequest, consultation_id: PkPath) -> Any:
    report = consultation_report(_staff_consultation(caller(request), consultation_id))
    tally = ("total", "adopted", "partly_adopted", "not_adopted", "awaiting")

    def counts(t: Any) -> dict[str, int]:
        return {k: getattr(t, k) for k in tally}

    return {
        "consultation": report.consultation,
        "overall": counts(report.overall),
        "adoption_rate": round(report.adoption_rate, 4),
        "pending_moderation": report.pending_moderation,
        "rejected": report.rejected,
        "by_source": [
            {"source": s, "source_label": str(OpinionSource(s).label), **counts(t)}
            for s, t in report.by_source.items()
        ],
        "by_article": [{"article": a.article, **counts(a.tally)} for a in report.by_article],
        "links": [
            {"opinion": o.pk, "article": o.article, "state": o.state, "change": change_text(o)}
            for o in report.links
        ],
        "next_version": report.next_version.pk if report.next_version else None,
        "changes": [
            {**_change(diff), "opinions": [o.pk for o in diff.opinions]} for diff in report.changes
        ],
    }


def _opinion(user: Any, pk: int) -> Opinion:
    """An opinion of the caller's congress, for staff and leaders (others: 404)."""
    opinion = (
        opinions_with_data(Opinion.objects.filter(pk=pk, congress_id=user.congress_id)).first()
        if user.role in ("staff", "leader")
        else None
    )
    if opinion is None:
        raise Http404
    return opinion


def _later_article(opinion: Opinion, pk: int | None) -> DraftNode | None:
    if pk is None:
        return None
    return payload_row(
        DraftNode.objects.filter(
            kind=NodeKind.ARTICLE, version__regulation_id=opinion.consultation.version.regulation_id
        ).select_related("version"),
        pk,
        "led_to",
        _("Choose an article of a later version of this draft."),
    )


@router.post(
    "/opinions/{opinion_id}/actions/publish",
    response=OpinionOut,
    summary="Publish a public opinion for handling (moderation)",
)
def opinion_publish(request: HttpRequest, opinion_id: PkPath) -> Any:
    user = caller(request)
    A.opinion_moderate(opinion=_opinion(user, opinion_id), actor=user, publish=True)
    return _opinion(user, opinion_id)


@router.post(
    "/opinions/{opinion_id}/actions/reject",
    response=OpinionOut,
    summary="Keep a public opinion out (spam, abuse), with the reason",
)
def opinion_reject(request: HttpRequest, opinion_id: PkPath, payload: ReasonIn) -> Any:
    user = caller(request)
    A.opinion_moderate(
        opinion=_opinion(user, opinion_id), actor=user, publish=False, reason=payload.reason
    )
    return _opinion(user, opinion_id)


@router.post(
    "/opinions/{opinion_id}/actions/handle",
    response=OpinionOut,
    summary="Record the outcome: adopted, partly adopted or not adopted (with the reason)",
)
def opinion_handle(request: HttpRequest, opinion_id: PkPath, payload: HandleIn) -> Any:
    user = caller(request)
    opinion = _opinion(user, opinion_id)
    A.opinion_handle(
        opinion=opinion,
        actor=user,
        outcome=payload.outcome,
        reason=payload.reason,
        led_to=_later_article(opinion, payload.led_to),
        led_to_note=payload.led_to_note,
    )
    return _opinion(user, opinion_id)


@router.post(
    "/opinions/{opinion_id}/actions/link_change",
    response=OpinionOut,
    summary="Link an adopted opinion to the article of a later version it changed",
)
def opinion_link_change(request: HttpRequest, opinion_id: PkPath, payload: LinkChangeIn) -> Any:
    user = caller(request)
    opinion = _opinion(user, opinion_id)
    A.opinion_link_change(
        opinion=opinion,
        actor=user,
        led_to=_later_article(opinion, payload.led_to),
        note=payload.note,
    )
    return _opinion(user, opinion_id)
