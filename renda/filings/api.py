"""The filing-review API: the register for anyone (documents in force), filings, reviews,
review proposals and annual reports for the caller, one endpoint per action (built by core from
the declarations), and the proposer's receipt (no token).

Thin on purpose: each endpoint looks the case up among what the caller may see (404 otherwise)
and calls one function of actions, which checks role (403), state (409) and input (422)."""

from typing import Any

from django.db.models import Value
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from renda.core.api import (
    CappedPages,
    CaseRoutes,
    Pages,
    PkPath,
    RowId,
    add_case_routes,
    caller,
    caller_congress,
    payload_row,
)
from renda.core.receipts import client_ip
from renda.core.workflow import history
from renda.filings import actions as A
from renda.filings import payloads  # noqa: F401  (the actions' payloads, for the routes)
from renda.filings.models import (
    FilingState,
    NormativeDocument,
    ProposalState,
    ReviewKind,
    ReviewState,
)
from renda.filings.queries import (
    filings_visible_to,
    filter_filings,
    filter_proposals,
    filter_reviews,
    in_force,
    issuers_for,
    proposal_by_receipt,
    proposals_visible_to,
    reports_visible_to,
    reviews_visible_to,
    search_documents,
    with_filing_data,
    with_review_data,
)
from renda.filings.schemas import (
    DocumentDetailOut,
    DocumentOut,
    FilingDetailOut,
    FilingIn,
    FilingOut,
    OpenReviewIn,
    ProposalDetailOut,
    ProposalIn,
    ProposalOut,
    ReceiptCreatedOut,
    ReceiptOut,
    ReportDetailOut,
    ReportIn,
    ReportOut,
    ReviewDetailOut,
    ReviewOut,
)
from renda.filings.views_public import _receiving_congress
from renda.filings.workflow import FILING, PROPOSAL, REPORT, REVIEW
from renda.search.engine import Filtered

router = Router(tags=["filing review"])


def _with_history(workflow: Any, user: Any, case: Any) -> Any:
    """What a case's detail adds: the actions the caller may take now, and its history."""
    case.available_actions = [t.action for t in workflow.available(user, case)]
    case.events = list(history(case))
    return case


# --- the register, for anyone ------------------------------------------------------------------


class DocumentFilters(Schema):
    issuer: RowId | None = None
    year: int | None = Field(None, ge=1900, le=9999)
    q: str | None = Field(None, min_length=1, max_length=100, description="Words of the text")


@router.get(
    "/normative-documents",
    auth=None,
    response=list[DocumentOut],
    summary="Normative documents in force (规范性文件), for anyone",
    tags=["public"],
)
@paginate(CappedPages)
def document_list(request: HttpRequest, filters: Query[DocumentFilters]) -> Any:
    qs = in_force().select_related("issuer").defer("text")
    if filters.issuer:
        qs = qs.filter(issuer_id=filters.issuer)
    if filters.year:
        qs = qs.filter(published_on__year=filters.year)
    found = search_documents(qs, filters.q or "", reader=None, year=filters.year)
    return Filtered(found.rows.order_by("-published_on", "-id"), found.capped)


@router.get(
    "/normative-documents/{document_id}",
    auth=None,
    response=DocumentDetailOut,
    summary="A document in force, with its full text",
    tags=["public"],
)
def document_detail(request: HttpRequest, document_id: PkPath) -> Any:
    document = (
        in_force()
        .select_related("issuer")
        .prefetch_related("amends", "repeals")
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        raise Http404
    return document


# --- filings -------------------------------------------------------------------------------


class FilingFilters(Schema):
    state: FilingState | None = None
    year: int | None = Field(None, ge=1900, le=9999)
    late: bool | None = None


def _filing(user: Any, pk: int) -> Any:
    filing = filings_visible_to(user).select_related("issuer").filter(pk=pk).first()
    if filing is None:
        raise Http404
    return filing


def _filing_detail(user: Any, pk: int) -> Any:
    filing = with_filing_data(filings_visible_to(user)).prefetch_related("files").filter(pk=pk)
    found: Any = filing.first()
    if found is None:
        raise Http404
    return _with_history(FILING, user, found)


@router.get("/filings", response=list[FilingOut], summary="Filings (报备) the caller may see")
@paginate(CappedPages)
def filing_list(request: HttpRequest, filters: Query[FilingFilters]) -> Any:
    user = caller(request)
    found = filter_filings(filings_visible_to(user), reader=user, **filters.dict())
    return Filtered(found.rows.select_related("issuer").order_by("-filed_at", "-id"), found.capped)


@router.get("/filings/{filing_id}", response=FilingDetailOut)
def filing_detail(request: HttpRequest, filing_id: PkPath) -> Any:
    return _filing_detail(caller(request), filing_id)


def _files(**parts: UploadedFile | None) -> dict[str, Any]:
    return {purpose: f for purpose, f in parts.items() if f is not None}


@router.post(
    "/filings",
    response={201: FilingDetailOut},
    summary="An issuing body files a document (multipart form: the fields, and the files "
    "report, official, explanation, electronic)",
)
def filing_create(
    request: HttpRequest,
    payload: Form[FilingIn],
    report: File[UploadedFile] = None,  # type: ignore[assignment]
    official: File[UploadedFile] = None,  # type: ignore[assignment]
    explanation: File[UploadedFile] = None,  # type: ignore[assignment]
    electronic: File[UploadedFile] = None,  # type: ignore[assignment]
) -> Any:
    user = caller(request)
    issuer = payload_row(
        issuers_for(user), payload.issuer, "issuer", _("You do not file for this body.")
    )
    filing = A.filing_file(
        actor=user,
        issuer=issuer,
        number=payload.number,
        title=payload.title,
        issued_on=payload.issued_on,
        published_on=payload.published_on,
        effective_on=payload.effective_on,
        amends=payload.amends,
        repeals=payload.repeals,
        files=_files(
            report=report, official=official, explanation=explanation, electronic=electronic
        ),
    )
    return Status(201, _filing_detail(user, filing.pk))


@router.post(
    "/filings/{filing_id}/files",
    response=FilingDetailOut,
    summary="Add or replace files of a filing not yet registered (multipart form)",
)
def filing_files(
    request: HttpRequest,
    filing_id: PkPath,
    report: File[UploadedFile] = None,  # type: ignore[assignment]
    official: File[UploadedFile] = None,  # type: ignore[assignment]
    explanation: File[UploadedFile] = None,  # type: ignore[assignment]
    electronic: File[UploadedFile] = None,  # type: ignore[assignment]
) -> Any:
    user = caller(request)
    A.filing_add_files(
        filing=_filing(user, filing_id),
        actor=user,
        files=_files(
            report=report, official=official, explanation=explanation, electronic=electronic
        ),
    )
    return _filing_detail(user, filing_id)


add_case_routes(
    router,
    CaseRoutes(
        path="/filings",
        name="filing",
        workflow=FILING,
        load=_filing,
        show=_filing_detail,
        response=FilingDetailOut,
        tag="filing actions",
        id_name="filing_id",
    ),
)


# --- reviews -------------------------------------------------------------------------------


class ReviewFilters(Schema):
    state: ReviewState | None = None
    kind: ReviewKind | None = None
    year: int | None = Field(None, ge=1900, le=9999)


def _review(user: Any, pk: int) -> Any:
    review = with_review_data(reviews_visible_to(user)).filter(pk=pk).first()
    if review is None:
        raise Http404
    return review


def _review_detail(user: Any, pk: int) -> Any:
    review = _review(user, pk)
    readable = user.has_perm("filings.view_checks", review)
    review.checks_shown = list(review.checks.all()) if readable else None
    return _with_history(REVIEW, user, review)


class _ReviewDetail(ReviewDetailOut):
    @staticmethod
    def resolve_checks(obj: Any) -> Any:
        return obj.checks_shown


@router.get("/reviews", response=list[ReviewOut], summary="Reviews (审查) the caller may see")
@paginate(Pages)
def review_list(request: HttpRequest, filters: Query[ReviewFilters]) -> Any:
    qs = filter_reviews(reviews_visible_to(caller(request)), **filters.dict())
    return with_review_data(qs).order_by("-opened_at", "-id")


@router.get("/reviews/{review_id}", response=_ReviewDetail)
def review_detail(request: HttpRequest, review_id: PkPath) -> Any:
    return _review_detail(caller(request), review_id)


@router.post(
    "/reviews",
    response={201: _ReviewDetail},
    summary="Staff open a special (专项) or transferred (移送) review of a document",
)
def review_create(request: HttpRequest, payload: OpenReviewIn) -> Any:
    user = caller(request)
    document = payload_row(
        NormativeDocument.objects.filter(congress=caller_congress(user)),
        payload.document,
        "document",
        _("No such document in the register."),
    )
    review = A.review_open(document=document, kind=payload.kind, topic=payload.topic, actor=user)
    return Status(201, _review_detail(user, review.pk))


add_case_routes(
    router,
    CaseRoutes(
        path="/reviews",
        name="review",
        workflow=REVIEW,
        load=_review,
        show=_review_detail,
        response=_ReviewDetail,
        tag="review actions",
        id_name="review_id",
    ),
)


# --- review proposals ----------------------------------------------------------------------


class ProposalFilters(Schema):
    state: ProposalState | None = None
    year: int | None = Field(None, ge=1900, le=9999)


def _readable(user: Any, proposal: Any) -> Any:
    proposal.contact_masked = not user.has_perm("filings.view_proposer", proposal)
    return proposal


def _proposal(user: Any, pk: int) -> Any:
    proposal = proposals_visible_to(user).select_related("review").filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def _proposal_detail(user: Any, pk: int) -> Any:
    proposal = _readable(user, _proposal(user, pk))
    return _with_history(PROPOSAL, user, proposal)


@router.get(
    "/review-proposals",
    response=list[ProposalOut],
    summary="Review proposals (审查建议), for staff and leaders",
)
@paginate(Pages)
def proposal_list(request: HttpRequest, filters: Query[ProposalFilters]) -> Any:
    user = caller(request)
    qs = filter_proposals(proposals_visible_to(user), **filters.dict())
    masked = not user.has_perm("filings.view_proposer")
    return qs.annotate(contact_masked=Value(masked)).order_by("-submitted_at", "-id")


@router.get("/review-proposals/{proposal_id}", response=ProposalDetailOut)
def proposal_detail(request: HttpRequest, proposal_id: PkPath) -> Any:
    return _proposal_detail(caller(request), proposal_id)


add_case_routes(
    router,
    CaseRoutes(
        path="/review-proposals",
        name="review_proposal",
        workflow=PROPOSAL,
        load=_proposal,
        show=_proposal_detail,
        response=ProposalDetailOut,
        tag="review proposal actions",
        id_name="proposal_id",
    ),
)


@router.post(
    "/public/review-proposals",
    auth=None,
    response={201: ReceiptCreatedOut},
    summary="Anyone proposes a review (审查建议); answers the receipt code to follow it",
    tags=["public"],
)
def proposal_submit(request: HttpRequest, payload: ProposalIn) -> Any:
    congress = _receiving_congress()
    if congress is None:
        raise Http404
    document = None
    if payload.document is not None:
        document = payload_row(
            NormativeDocument.objects.filter(congress=congress),
            payload.document,
            "document",
            _("No such document in the register."),
        )
    proposal = A.proposal_submit_online(
        congress=congress,
        proposer_name=payload.proposer_name,
        reasons=payload.reasons,
        client_ip=client_ip(request),
        document=document,
        document_named=payload.document_named,
        organisation=payload.organisation,
        phone=payload.phone,
        email=payload.email,
    )
    return Status(201, proposal)


@router.get(
    "/public/review-proposals/receipt/{code}",
    auth=None,
    response=ReceiptOut,
    summary="Follow one's proposal by its receipt code: state and answer",
    tags=["public"],
)
def proposal_receipt(request: HttpRequest, code: str) -> Any:
    proposal = proposal_by_receipt(code[:40])
    if proposal is None:
        raise Http404  # a wrong code: the same answer as a code that never existed
    return proposal


# --- annual reports ------------------------------------------------------------------------


def _report(user: Any, pk: int) -> Any:
    report = reports_visible_to(user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def _report_detail(user: Any, pk: int) -> Any:
    report = _report(user, pk)
    return _with_history(REPORT, user, report)


@router.get("/filing-reports", response=list[ReportOut], summary="Annual filing-review reports")
@paginate(Pages)
def report_list(request: HttpRequest) -> Any:
    return reports_visible_to(caller(request)).order_by("-year")


@router.get("/filing-reports/{report_id}", response=ReportDetailOut)
def report_detail(request: HttpRequest, report_id: PkPath) -> Any:
    return _report_detail(caller(request), report_id)


@router.post(
    "/filing-reports",
    response={201: ReportDetailOut},
    summary="Staff draft the year's report (its text is drafted from the year's rows)",
)
def report_create(request: HttpRequest, payload: ReportIn) -> Any:
    user = caller(request)
    report = A.report_draft(
        actor=user,
        congress=caller_congress(user),
        year=payload.year,
        title=payload.title,
        foreword=payload.foreword,
    )
    return Status(201, _report_detail(user, report.pk))


add_case_routes(
    router,
    CaseRoutes(
        path="/filing-reports",
        name="filing_report",
        workflow=REPORT,
        load=_report,
        show=_report_detail,
        response=ReportDetailOut,
        tag="filing report actions",
        id_name="report_id",
    ),
)
