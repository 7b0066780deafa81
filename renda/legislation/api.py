"""The legislation API: drafts with their structure, comments on them, handling, reports, and
the actions of regulations, consultations, opinions and agenda-topic solicitations.

Drafts open for public comment, commenting on them and the receipt lookup need no token; a
token (a deputy, a station operator, staff) reaches the rest. Thin on purpose: every write is
one function of actions, which checks the rule (403), the state (409) and the input (422);
the action routes are built by core from the declarations (one route and payload each).
"""

# No `from __future__ import annotations`: django-ninja reads the path and payload types from
# the evaluated annotations of the endpoints.

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import AuthenticationError
from ninja.pagination import paginate
from ninja.responses import Status

from renda.core.api import (
    BearerToken,
    CaseRoutes,
    Pages,
    PkPath,
    RowId,
    add_case_routes,
    caller,
    payload_row,
)
from renda.core.receipts import client_ip
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid
from renda.legislation.actions.opinions import (
    GatheredOpinion,
    opinion_batch_submit,
    opinion_submit_deputy,
    opinion_submit_public,
)
from renda.legislation.models import (
    Consultation,
    DraftNode,
    DraftVersion,
    NodeKind,
    Opinion,
    OpinionSource,
    OpinionState,
    Regulation,
    TopicSolicitation,
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
from renda.legislation.rules import (
    CONSULTATIONS,
    CONTACT_POINTS,
    DEPUTIES,
    OPINIONS,
    REGULATIONS,
    TOPIC_SOLICITATIONS,
    accepts,
    audience,
)
from renda.legislation.schemas import (
    BatchIn,
    ChangeOut,
    ConsultationOut,
    DraftDetailOut,
    DraftOut,
    OpinionIn,
    OpinionOut,
    ReceiptOut,
    RegulationOut,
    ReportOut,
    TopicSolicitationOut,
    change_text,
)
from renda.legislation.workflow import (
    CONSULTATION,
    OPINION,
    REGULATION,
    TOPIC_SOLICITATION,
)
from renda.org.models import CollectionPoint, LegislativeContactPoint

router = Router(tags=["legislation"])


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


def _consultation(version: DraftVersion, pk: int | None, whom: str) -> Consultation:
    """The consultation asked for, else the one open to this audience today, else the latest
    one meant for it (whose closed state the action then reports)."""
    qs = version.consultations.all().order_by("-opens_on", "-id")
    if pk is not None:
        return payload_row(qs, pk, "consultation", _("No such consultation of this draft."))
    meant = [c for c in qs if getattr(c, f"for_{whom}")]
    chosen = next((c for c in meant if accepts(c, whom)), meant[0] if meant else None)
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
    whom = audience(user)
    if whom is None:
        raise ActionForbidden(_("Comment without logging in, as a member of the public."))
    version = _version(user, draft_id)
    consultation = _consultation(version, payload.consultation, whom)
    article = _article(version, payload.article)
    if whom == DEPUTIES:
        opinion = opinion_submit_deputy(
            consultation=consultation, actor=user, text=payload.text, article=article
        )
    elif whom == CONTACT_POINTS:
        point = _contact_point(user, payload.contact_point)
        gathered = GatheredOpinion(
            text=payload.text,
            article=article,
            source=payload.source,
            collection_point=_collection_point(point, payload.collection_point, "collection_point"),
            author_name=payload.name,
            author_contact=payload.contact,
            gathered_on=payload.gathered_on,
        )
        (opinion,) = opinion_batch_submit(
            consultation=consultation, actor=user, contact_point=point, opinions=[gathered]
        )
    else:
        opinion = opinion_submit_public(
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
    consultation = _consultation(version, payload.consultation, CONTACT_POINTS)
    point = _contact_point(user, payload.contact_point)
    gathered = [
        GatheredOpinion(
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
    created = opinion_batch_submit(
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


# --- handling and the report (staff and leaders) -------------------------------------------------


def _reported_consultation(user: Any, pk: int) -> Consultation:
    """A consultation whose opinions and report the caller reads (staff and leaders)."""
    consultation = (
        Consultation.objects.filter(pk=pk, congress_id=user.congress_id)
        .select_related("version__regulation")
        .first()
    )
    if consultation is None or not user.has_perm("legislation.view_report", consultation):
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
    consultation = _reported_consultation(user, consultation_id)
    if not user.has_perm("legislation.see_contributor", consultation):
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
    report = consultation_report(_reported_consultation(caller(request), consultation_id))
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


# --- the actions: one route each, from the declarations -----------------------------------------


def _seen(qs: Any, scope: Any) -> Any:
    """A loader of the case the caller may see (by the scope's filter), else 404."""

    def load(user: Any, pk: int) -> Any:
        case = scope.rows(user, qs).filter(pk=pk).first()
        if case is None:
            raise Http404
        return case

    return load


# Each case type's path and path parameter, declaration, rows and who sees which, answer.
_CASES = (
    ("/opinions", "opinion_id", OPINION, opinions_with_data(Opinion.objects.all()), OPINIONS),
    ("/consultations", "consultation_id", CONSULTATION, Consultation.objects.all(), CONSULTATIONS),
    ("/regulations", "regulation_id", REGULATION, Regulation.objects.all(), REGULATIONS),
    (
        "/topic-solicitations",
        "solicitation_id",
        TOPIC_SOLICITATION,
        TopicSolicitation.objects.all(),
        TOPIC_SOLICITATIONS,
    ),
)
_ANSWERS = {
    "opinion": OpinionOut,
    "consultation": ConsultationOut,
    "regulation": RegulationOut,
    "topic_solicitation": TopicSolicitationOut,
}

for _path, _id_name, _workflow, _qs, _scope in _CASES:
    _load = _seen(_qs, _scope)
    add_case_routes(
        router,
        CaseRoutes(
            path=_path,
            name=_workflow.name,
            workflow=_workflow,
            load=_load,
            show=_load,
            response=_ANSWERS[_workflow.name],
            tag="legislation",
            id_name=_id_name,
        ),
    )
