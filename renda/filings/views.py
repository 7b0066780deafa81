"""Filing review's pages for staff, leaders and the issuing bodies: the overview, filings,
reviews, review proposals, the register and the annual reports, each case's own page with its
timeline and action forms, and filing a document.

Thin on purpose: what a user may see comes from queries (the rules' scopes), what they may do
from the declarations, and every write from one function of actions (through a form)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from renda.audit.records import shown
from renda.core.http import AuthedRequest, acting_congress, acting_congress_id
from renda.core.pages import CasePage, filtered, page_requires, paginate
from renda.core.spreadsheets import attachment_disposition, xlsx_response
from renda.core.timeline import timeline
from renda.core.workflow import ActionError, ActionForbidden
from renda.filings import actions as A
from renda.filings import documents
from renda.filings.forms import (
    DocumentFilterForm,
    DocumentForm,
    FilingFilterForm,
    FilingForm,
    OpenReviewForm,
    ProposalFilterForm,
    ReportForm,
    ReviewFilterForm,
)
from renda.filings.models import (
    AnnualReport,
    Aspect,
    Filing,
    FilingFile,
    FilingState,
    Issuer,
    NormativeDocument,
    ProposalState,
    Review,
    ReviewProposal,
    ReviewState,
)
from renda.filings.queries import (
    documents_visible_to,
    filings_visible_to,
    filter_filings,
    filter_proposals,
    filter_reviews,
    issuers_for,
    proposals_visible_to,
    reports_visible_to,
    reviews_visible_to,
    search_documents,
    with_document_data,
    with_filing_data,
    with_review_data,
)
from renda.filings.workflow import FILING, PROPOSAL, REPORT, REVIEW, REVIEW_OPEN
from renda.search.engine import Filtered

PER_PAGE = 30
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The tab bar of the staff's and leaders' pages: (url name, label, the permission it needs).
TABS = [
    ("filings:home", gettext_lazy("Overview"), "filings.supervise"),
    ("filings:filings", gettext_lazy("Filings"), "filings.view_filings"),
    ("filings:reviews", gettext_lazy("Reviews"), "filings.view_filings"),
    ("filings:proposals", gettext_lazy("Review proposals"), "filings.supervise"),
    ("filings:documents", pgettext_lazy("filings tab", "Register"), "filings.supervise"),
    ("filings:reports", gettext_lazy("Annual reports"), "filings.supervise"),
]


def _tabs(request: AuthedRequest, current: str) -> list[dict[str, Any]]:
    user = request.user
    shown = [(n, label) for n, label, perm in TABS if user.has_perm(perm)]
    if len(shown) < 2:
        return []
    return [{"url": reverse(n), "label": label, "active": n == current} for n, label in shown]


def _render(
    request: AuthedRequest,
    template: str,
    context: dict[str, Any],
    *,
    tab: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {"tabs": _tabs(request, tab), **context}
    return render(request, f"filings/{template}", context, status=status)


def _create(
    request: AuthedRequest,
    form: Any,
    create: Callable[[], Any],
    *,
    page: str,
    say: Callable[[Any], tuple[int, str]],
) -> HttpResponse | None:
    """Take a posted creation (a filing, an entry of the register, a review, a report): the
    new row's page with its message, or None with the action's refusal beside its field and
    nothing stored (403 when the user may not)."""
    if request.method != "POST" or form is None or not form.is_valid():
        return None
    try:
        row = create()
    except ActionForbidden:
        raise PermissionDenied from None
    except ActionError as error:
        form.add_action_error(error)
        return None
    level, text = say(row)
    messages.add_message(request, level, text)
    return redirect(page, pk=row.pk)


def _status(request: AuthedRequest) -> int:
    """A form page shown again after its post was refused answers 422."""
    return 422 if request.method == "POST" else 200


# --- the overview --------------------------------------------------------------------------


@page_requires("filings.supervise")
def home(request: AuthedRequest) -> HttpResponse:
    """备案审查: what waits, in numbers, and the latest filings and open reviews."""
    user = request.user
    filings = filings_visible_to(user)
    reviews = reviews_visible_to(user)
    today = timezone.localdate()
    counts = filings.aggregate(
        to_register=Count("pk", filter=Q(state=FilingState.FILED)),
        returned=Count("pk", filter=Q(state=FilingState.RETURNED)),
        late=Count("pk", filter=Q(late=True, filed_at__year=today.year)),
    )
    counts.update(
        reviews.aggregate(
            reviewing=Count("pk", filter=Q(state=ReviewState.REVIEWING)),
            correcting=Count("pk", filter=Q(state=ReviewState.CORRECTING)),
            overdue=Count("pk", filter=Q(state=ReviewState.CORRECTING, correction_due__lt=today)),
            council=Count(
                "pk",
                filter=Q(state__in=(ReviewState.REFERRED, ReviewState.REVOCATION_PROPOSED)),
            ),
        )
    )
    counts["proposals"] = proposals_visible_to(user).filter(state=ProposalState.SUBMITTED).count()
    filings_url, reviews_url = reverse("filings:filings"), reverse("filings:reviews")
    tiles = [
        (_("Filings to register"), counts["to_register"], f"{filings_url}?state=filed"),
        (_("Returned for completion"), counts["returned"], f"{filings_url}?state=returned"),
        (_("Under review"), counts["reviewing"], f"{reviews_url}?state=reviewing"),
        (_("Correction requested"), counts["correcting"], f"{reviews_url}?state=correcting"),
        (_("Before the chair's council"), counts["council"], f"{reviews_url}?state=referred"),
        (
            _("Review proposals to decide"),
            counts["proposals"],
            reverse("filings:proposals") + "?state=submitted",
        ),
    ]
    open_reviews = with_review_data(reviews.filter(state__in=REVIEW_OPEN)).order_by(
        "due_date", "id"
    )[:10]
    latest = with_filing_data(filings).order_by("-filed_at", "-id")[:8]
    return _render(
        request,
        "home.html",
        {
            "tiles": tiles,
            "counts": counts,
            "open_reviews": open_reviews,
            "latest": latest,
            "today": today,
        },
        tab="filings:home",
    )


# --- filings -------------------------------------------------------------------------------


@page_requires("filings.view_filings")
def filing_list(request: AuthedRequest) -> HttpResponse:
    """报备: staff and leaders see every filing; an issuing body's people their body's."""
    user = request.user
    form = FilingFilterForm(request.GET or None)
    found = filter_filings(filings_visible_to(user), reader=user, **form.values())
    page = paginate(request, with_filing_data(found.rows).order_by("-filed_at", "-id"), PER_PAGE)
    return _render(
        request,
        "filing_list.html",
        {
            "form": form,
            "page_obj": page,
            "filtered": filtered(request),
            "capped_note": found.note,
            "may_file": user.has_perm("filings.file"),
        },
        tab="filings:filings",
    )


@page_requires("filings.file")
def filing_new(request: AuthedRequest) -> HttpResponse:
    """报备: an issuing body's officer (or staff for a body) files a document."""
    user = request.user
    issuers = list(issuers_for(user))
    if not issuers:
        raise PermissionDenied
    congress_id = issuers[0].congress_id
    posted = request.method == "POST"
    form = FilingForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        issuers=issuers,
        congress_id=congress_id,
    )

    def say(filing: Filing) -> tuple[int, str]:
        if filing.late:
            due = filing.due_date.isoformat()
            return messages.WARNING, _("Filed, but late: it was due by %(date)s.") % {"date": due}
        return messages.SUCCESS, _("Filed: staff will check it and register it.")

    def create() -> Filing:
        return A.filing_file(actor=user, **form.document_data(), files=form.files_given())

    done = _create(request, form, create, page="filings:filing", say=say)
    return done or _render(
        request, "filing_new.html", {"form": form}, tab="filings:filings", status=_status(request)
    )


class FilingPage(CasePage):
    workflow = FILING
    template = "filings/filing.html"
    url_name = "filings:filing"
    act_url_name = "filings:filing_act"
    case_name = "filing"
    not_found = gettext_lazy("No such filing, or not one you may see.")

    def find(self, user: Any, pk: int) -> Filing | None:
        return (
            with_filing_data(filings_visible_to(user))
            .prefetch_related("files", "amends", "repeals")
            .filter(pk=pk)
            .first()
        )

    def context(self, request: AuthedRequest, filing: Filing) -> dict[str, Any]:
        have = {f.purpose: f for f in filing.files.all()}
        from renda.filings.models import FilePurpose

        return {
            "files": [(label, have.get(value)) for value, label in FilePurpose.choices],
            "reviews": list(
                with_review_data(reviews_visible_to(request.user)).filter(filing=filing)
            ),
            "tabs": _tabs(request, "filings:filings"),
        }


filing_page = FilingPage()


@page_requires("filings.view_filings")
def filing_file(request: AuthedRequest, pk: int, file: int) -> FileResponse:
    filing = filings_visible_to(request.user).filter(pk=pk).first()
    row = FilingFile.objects.filter(filing=filing, pk=file).first() if filing else None
    if row is None:
        raise Http404(_("No such file."))
    return FileResponse(row.file.open("rb"), as_attachment=True, filename=row.name)


# --- reviews -------------------------------------------------------------------------------


@page_requires("filings.view_filings")
def review_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = ReviewFilterForm(request.GET or None)
    qs = filter_reviews(reviews_visible_to(user), **form.values())
    page = paginate(request, with_review_data(qs).order_by("-opened_at", "-id"), PER_PAGE)
    return _render(
        request,
        "review_list.html",
        {
            "form": form,
            "page_obj": page,
            "filtered": filtered(request),
            "today": timezone.localdate(),
            "may_open": user.has_perm("filings.manage"),
        },
        tab="filings:reviews",
    )


class ReviewPage(CasePage):
    workflow = REVIEW
    template = "filings/review.html"
    url_name = "filings:review"
    act_url_name = "filings:review_act"
    case_name = "review"
    not_found = gettext_lazy("No such review, or not one you may see.")

    def find(self, user: Any, pk: int) -> Review | None:
        return with_review_data(reviews_visible_to(user)).filter(pk=pk).first()

    def context(self, request: AuthedRequest, review: Review) -> dict[str, Any]:
        user = request.user
        show_checks = user.has_perm("filings.view_checks", review)
        return {
            "checks": sorted(
                review.checks.select_related("checked_by"),
                key=lambda c: Aspect.values.index(c.aspect),
            )
            if show_checks
            else [],
            "show_checks": show_checks,
            "proposals": list(review.proposals.all()) if show_checks else [],
            "today": timezone.localdate(),
            "tabs": _tabs(request, "filings:reviews"),
        }


review_page = ReviewPage()


@page_requires("filings.manage")
def review_new(request: AuthedRequest) -> HttpResponse:
    """专项审查 or 移送审查 of a document of the register."""
    user = request.user
    congress_id = acting_congress_id(request)
    form = OpenReviewForm(request.POST or None, congress_id=congress_id)

    def create() -> Review:
        document = NormativeDocument.objects.filter(
            congress_id=congress_id, pk=form.cleaned_data["document"]
        ).first()
        if document is None:
            raise Http404
        kind, topic = form.cleaned_data["kind"], form.cleaned_data["topic"]
        return A.review_open(document=document, kind=kind, topic=topic, actor=user)

    done = _create(
        request,
        form,
        create,
        page="filings:review",
        say=lambda review: (messages.SUCCESS, _("The review is opened.")),
    )
    return done or _render(
        request, "review_new.html", {"form": form}, tab="filings:reviews", status=_status(request)
    )


# --- review proposals ----------------------------------------------------------------------


@page_requires("filings.supervise")
def proposal_list(request: AuthedRequest) -> HttpResponse:
    form = ProposalFilterForm(request.GET or None)
    qs = filter_proposals(proposals_visible_to(request.user), **form.values())
    qs = qs.select_related("document__issuer", "review").order_by("-submitted_at", "-id")
    return _render(
        request,
        "proposal_list.html",
        {"form": form, "page_obj": paginate(request, qs, PER_PAGE), "filtered": filtered(request)},
        tab="filings:proposals",
    )


class ProposalPage(CasePage):
    workflow = PROPOSAL
    template = "filings/proposal.html"
    url_name = "filings:proposal"
    act_url_name = "filings:proposal_act"
    case_name = "proposal"
    perm = "filings.supervise"
    not_found = gettext_lazy("No such review proposal, or not one you may see.")

    def find(self, user: Any, pk: int) -> ReviewProposal | None:
        return (
            proposals_visible_to(user)
            .select_related("document__issuer", "review__document")
            .filter(pk=pk)
            .first()
        )

    def context(self, request: AuthedRequest, proposal: ReviewProposal) -> dict[str, Any]:
        show_proposer = bool(request.user.has_perm("filings.view_proposer", proposal))
        if show_proposer:
            shown(proposal, "proposer")  # the audit trail notes who read who proposed it
        return {
            "show_proposer": show_proposer,
            "tabs": _tabs(request, "filings:proposals"),
        }


proposal_page = ProposalPage()


# --- the register --------------------------------------------------------------------------


def _issuer_choices(congress_id: int) -> list[tuple[int, str]]:
    return list(
        Issuer.objects.filter(congress_id=congress_id)
        .order_by("kind", "name")
        .values_list("pk", "name")
    )


def _documents(request: AuthedRequest) -> tuple[DocumentFilterForm, Filtered[NormativeDocument]]:
    congress_id = acting_congress_id(request)
    form = DocumentFilterForm(request.GET or None, issuers=_issuer_choices(congress_id))
    v = form.values()
    qs = documents_visible_to(request.user).filter(congress_id=congress_id)
    if v.get("status"):
        qs = qs.filter(status=v["status"])
    if v.get("issuer"):
        qs = qs.filter(issuer_id=v["issuer"])
    if v.get("year"):
        qs = qs.filter(published_on__year=v["year"])
    found = search_documents(qs, v.get("q") or "", reader=request.user, year=v.get("year"))
    return form, Filtered(
        with_document_data(found.rows).order_by("-published_on", "-id"), found.capped
    )


@page_requires("filings.supervise")
def document_list(request: AuthedRequest) -> HttpResponse:
    """规范性文件数据库: every document of the register, by status, body, year and words."""
    form, found = _documents(request)
    return _render(
        request,
        "document_list.html",
        {
            "form": form,
            "page_obj": paginate(request, found.rows, PER_PAGE),
            "filtered": filtered(request),
            "capped_note": found.note,
            "may_add": request.user.has_perm("filings.manage"),
        },
        tab="filings:documents",
    )


@page_requires("filings.supervise")
def document_export(request: AuthedRequest) -> HttpResponse:
    _form, found = _documents(request)
    congress = acting_congress(request)
    data = documents.register_sheet(found.rows, congress=congress, note=found.note)
    name = _("%(congress)s normative documents") % {"congress": congress.short_name}
    return xlsx_response(data, name, "normative-documents")


@page_requires("filings.supervise")
def document_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One document of the register: its text, what it amends or repeals and what amended or
    repealed it, its filing, its reviews, and its history."""
    document = (
        with_document_data(documents_visible_to(request.user))
        .prefetch_related("amends", "repeals", "amended_by", "repealed_by")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404(_("No such document."))
    filing = Filing.objects.filter(document=document).first()
    return _render(
        request,
        "document.html",
        {
            "document": document,
            "filing": filing,
            "reviews": list(
                with_review_data(reviews_visible_to(request.user)).filter(document=document)
            ),
            "timeline": timeline(document),
        },
        tab="filings:documents",
    )


@page_requires("filings.manage")
def document_new(request: AuthedRequest) -> HttpResponse:
    """入库: staff enter a document in force that was not filed on the platform."""
    user = request.user
    congress_id = acting_congress_id(request)
    issuers = list(
        Issuer.objects.filter(congress_id=congress_id, active=True).order_by("kind", "name")
    )
    posted = request.method == "POST"
    form = DocumentForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        issuers=issuers,
        congress_id=congress_id,
    )

    def create() -> NormativeDocument:
        d = form.cleaned_data
        return A.document_register(
            actor=user, **form.document_data(), text=d["text"], electronic=d["electronic"]
        )

    done = _create(
        request,
        form,
        create,
        page="filings:document",
        say=lambda document: (messages.SUCCESS, _("The document is in the register.")),
    )
    return done or _render(
        request,
        "document_new.html",
        {"form": form},
        tab="filings:documents",
        status=_status(request),
    )


# --- the annual reports --------------------------------------------------------------------


@page_requires("filings.supervise")
def report_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = ReportForm(request.POST or None) if user.has_perm("filings.manage") else None
    if request.method == "POST" and form is None:
        raise PermissionDenied
    done = _create(
        request,
        form,
        lambda: A.report_draft(
            actor=user,
            congress=acting_congress(request),
            **form.cleaned_data,  # type: ignore[union-attr]
        ),
        page="filings:report",
        say=lambda report: (messages.SUCCESS, _("The report is drafted from the year's rows.")),
    )
    if done is not None:
        return done
    reports = reports_visible_to(user).order_by("-year")
    return _render(
        request,
        "report_list.html",
        {"form": form, "reports": list(reports)},
        tab="filings:reports",
        status=_status(request),
    )


class ReportPage(CasePage):
    workflow = REPORT
    template = "filings/report.html"
    url_name = "filings:report"
    act_url_name = "filings:report_act"
    case_name = "report"
    perm = "filings.supervise"
    not_found = gettext_lazy("No such report.")

    def find(self, user: Any, pk: int) -> AnnualReport | None:
        return reports_visible_to(user).select_related("congress").filter(pk=pk).first()

    def context(self, request: AuthedRequest, report: AnnualReport) -> dict[str, Any]:
        return {
            "figures": documents.year_figures(report.congress, report.year),
            "tabs": _tabs(request, "filings:reports"),
        }


report_page = ReportPage()


@page_requires("filings.supervise")
def report_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    report = reports_visible_to(request.user).select_related("congress").filter(pk=pk).first()
    if report is None:
        raise Http404(_("No such report."))
    response = HttpResponse(documents.annual_report(report), content_type=DOCX)
    response["Content-Disposition"] = attachment_disposition(
        f"{report.title}.docx", f"filing-review-report-{report.year}.docx"
    )
    return response
