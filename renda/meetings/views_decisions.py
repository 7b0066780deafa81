"""The pages of decisions and resolutions and of appointments and removals: the register of
decisions and each one's page; proposals with their persons and each one's vote, statement,
exam and oath; the register of offices and who holds them; the public's pages of published
decisions and of appointments announced; the letters and the announcement as Word."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from renda.core.http import AuthedRequest, acting_congress, acting_congress_id
from renda.core.pages import CasePage, filtered, page_requires, paginate, run_action_form
from renda.core.spreadsheets import attachment_disposition, xlsx_response
from renda.meetings import documents_decisions as docs
from renda.meetings.forms_decisions import (
    DecisionFilterForm,
    DraftForm,
    NominationForm,
    OfficeFilterForm,
    ProposalForm,
)
from renda.meetings.models import (
    AppointmentProposal,
    Decision,
    DecisionState,
    Nomination,
    Office,
    Outcome,
    Tenure,
)
from renda.meetings.queries import decision_row_data, proposal_row_data
from renda.meetings.rows import decision_rows, proposal_rows
from renda.meetings.rules import SEE_DECISION, SEE_PROPOSAL
from renda.meetings.workflow import DECISION, PROPOSAL
from renda.search.engine import Filtered, listed

PER_PAGE = 30
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PUBLISHED = (DecisionState.IN_FORCE, DecisionState.AMENDED, DecisionState.REPEALED)


def _form_page(request: AuthedRequest, template: str, form: Any, done: Any) -> HttpResponse:
    """A page of one form that creates a row, then goes to that row's page."""
    if request.method == "POST":

        def again(error: Any) -> HttpResponse:
            form.add_error(None, str(error.message))
            return render(request, template, {"form": form}, status=409)

        response = run_action_form(request, form, done=done, conflict=again)
        if response is not None:
            return response
    return render(request, template, {"form": form}, status=422 if form.errors else 200)


# --- decisions --------------------------------------------------------------------------------


@page_requires("meetings.view_decisions")
def decision_list(request: AuthedRequest) -> HttpResponse:
    """决定、决议: the register, newest first, with what each amends or repeals."""
    form, found = _decisions(request)
    page = paginate(request, decision_row_data(found.rows), PER_PAGE)
    return render(
        request,
        "meetings/decisions/list.html",
        {
            "form": form,
            "page_obj": page,
            "rows": decision_rows(page.object_list),
            "filtered": filtered(request),
            "capped_note": found.note,
            "can_draft": request.user.has_perm("meetings.manage"),
        },
    )


def _decisions(request: AuthedRequest) -> tuple[DecisionFilterForm, Filtered[Decision]]:
    visible = SEE_DECISION.rows(request.user, Decision.objects.all())
    years = sorted(
        {y for y in visible.order_by().values_list("year", flat=True).distinct() if y},
        reverse=True,
    )
    form = DecisionFilterForm(request.GET or None, years=years)
    found = form.chosen(visible, reader=request.user)
    return form, Filtered(found.rows.order_by("-year", "-number", "-id"), found.capped)


@page_requires("meetings.view_decisions")
def decision_list_xlsx(request: AuthedRequest) -> HttpResponse:
    """The register as filtered, as .xlsx."""
    _form, found = _decisions(request)
    congress = acting_congress(request)
    rows = found.rows.select_related("item__meeting").prefetch_related("amends", "repeals")
    data = docs.decisions_workbook(congress, rows, note=found.note)
    name = _("%(congress)s decisions and resolutions") % {"congress": congress.short_name}
    return xlsx_response(data, name, "decisions-register")


@page_requires("meetings.manage")
def decision_new(request: AuthedRequest) -> HttpResponse:
    form = DraftForm(request.POST or None, user=request.user)
    return _form_page(
        request,
        "meetings/decisions/new.html",
        form,
        lambda d: reverse("meetings:decision", args=[d.pk]),
    )


class DecisionPage(CasePage):
    workflow = DECISION
    template = "meetings/decisions/detail.html"
    url_name = "meetings:decision"
    act_url_name = "meetings:decision_act"
    case_name = "decision"
    perm = "meetings.view_decisions"
    not_found = gettext_lazy("No such decision, or not one you may see.")

    def find(self, user: Any, pk: int) -> Decision | None:
        qs = SEE_DECISION.rows(user, Decision.objects.all())
        return qs.select_related("item__meeting", "drafted_by").filter(pk=pk).first()

    def context(self, request: AuthedRequest, case: Decision) -> dict[str, Any]:
        return {
            "amends": list(case.amends.all()),
            "repeals": list(case.repeals.all()),
            "amended_by": list(case.amended_by.all()),
            "repealed_by": list(case.repealed_by.all()),
        }


decision_page = DecisionPage()


def public_decisions(request: HttpRequest) -> HttpResponse:
    """The standing committee's published decisions and resolutions, for anyone."""
    qs = Decision.objects.filter(state__in=PUBLISHED).select_related("congress")
    q = request.GET.get("q", "").strip()[:100]
    note = ""
    if q:
        found = listed("decision", q)  # every word, any order, of the published (renda.search)
        qs, note = qs.filter(found.q()), found.note
    page = paginate(request, qs.order_by("-year", "-number", "-id"), PER_PAGE)
    context = {"page_obj": page, "q": q, "capped_note": note}
    return render(request, "meetings/decisions/public_list.html", context)


def public_decision(request: HttpRequest, pk: int) -> HttpResponse:
    decision = (
        Decision.objects.filter(state__in=PUBLISHED, pk=pk).select_related("congress").first()
    )
    if decision is None:
        raise Http404(_("No such published decision."))
    return render(request, "meetings/decisions/public_detail.html", {"decision": decision})


# --- appointments and removals ----------------------------------------------------------------


def _with_nominations(qs: Any) -> Any:
    return qs.prefetch_related(
        Prefetch(
            "nominations",
            queryset=Nomination.objects.select_related("appointee", "office", "vote").order_by(
                "id"
            ),
        )
    )


@page_requires("meetings.view_decisions")
def proposal_list(request: AuthedRequest) -> HttpResponse:
    """提请任免: the proposals received, each with its persons and where they stand."""
    qs = proposal_row_data(SEE_PROPOSAL.rows(request.user, AppointmentProposal.objects.all()))
    page = paginate(request, qs.order_by("-received_on", "-id"), PER_PAGE)
    return render(
        request,
        "meetings/appointments/list.html",
        {
            "page_obj": page,
            "rows": proposal_rows(page.object_list),
            "can_receive": request.user.has_perm("meetings.manage"),
        },
    )


@page_requires("meetings.manage")
def proposal_new(request: AuthedRequest) -> HttpResponse:
    form = ProposalForm(request.POST or None, user=request.user)
    return _form_page(
        request,
        "meetings/appointments/new.html",
        form,
        lambda p: reverse("meetings:proposal", args=[p.pk]),
    )


class ProposalPage(CasePage):
    workflow = PROPOSAL
    template = "meetings/appointments/detail.html"
    url_name = "meetings:proposal"
    act_url_name = "meetings:proposal_act"
    case_name = "proposal"
    perm = "meetings.view_decisions"
    not_found = gettext_lazy("No such proposal, or not one you may see.")

    def find(self, user: Any, pk: int) -> AppointmentProposal | None:
        qs = SEE_PROPOSAL.rows(user, AppointmentProposal.objects.all())
        return _with_nominations(qs.select_related("item__meeting")).filter(pk=pk).first()

    def context(self, request: AuthedRequest, case: AppointmentProposal) -> dict[str, Any]:
        user = request.user
        adding = case.state in ("received", "reviewed") and user.has_perm("meetings.manage", case)
        return {
            "nominations": list(case.nominations.all()),
            "nomination_form": (
                getattr(request, "nomination_form", None)
                or (NominationForm(proposal=case, user=user) if adding else None)
            ),
        }


proposal_page = ProposalPage()


@require_POST
@page_requires("meetings.manage")
def nomination_add(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = proposal_page.load(request.user, pk)
    form = NominationForm(request.POST, proposal=proposal, user=request.user)
    done = reverse("meetings:proposal", args=[pk])

    def again(error: Any) -> HttpResponse:
        form.add_error(None, str(error.message))
        return show(409)

    def show(status: int) -> HttpResponse:
        request.nomination_form = form  # type: ignore[attr-defined]
        return proposal_page.render(request, proposal_page.load(request.user, pk), status=status)

    response = run_action_form(request, form, done=done, conflict=again)
    return response or show(422)


@page_requires("meetings.view_decisions")
def office_register(request: AuthedRequest) -> HttpResponse:
    """任免名册: every office and who has held it since when, the holders first."""
    congress_id = acting_congress_id(request)
    form = OfficeFilterForm(request.GET or None)
    chosen = form.values()
    offices = Office.objects.filter(congress_id=congress_id)
    if chosen.get("organization"):
        offices = offices.filter(organization=chosen["organization"])
    for word in chosen.get("q", "").split():
        holders = Tenure.objects.filter(office=OuterRef("pk"), appointee__name__icontains=word)
        offices = offices.filter(Q(title__icontains=word) | Q(Exists(holders)))
    offices = offices.prefetch_related(
        Prefetch(
            "tenures",
            queryset=Tenure.objects.select_related("appointee").order_by("-start_date"),
        )
    )
    return render(
        request,
        "meetings/appointments/register.html",
        {
            "form": form,
            "filtered": filtered(request),
            "page_obj": paginate(request, offices.order_by("organization", "title"), 50),
        },
    )


@page_requires("meetings.view_decisions")
def office_register_xlsx(request: AuthedRequest) -> HttpResponse:
    congress = acting_congress(request)
    data = docs.register_workbook(congress)
    name = _("%(congress)s register of appointments") % {"congress": congress.short_name}
    return xlsx_response(data, name, "appointments-register")


def public_appointments(request: HttpRequest) -> HttpResponse:
    """任免公告: the persons appointed or removed by the standing committee's votes."""
    qs = (
        Nomination.objects.exclude(outcome=Outcome.PENDING)
        .filter(outcome=Outcome.PASSED)
        .select_related("appointee", "office", "proposal__congress")
        .order_by("-decided_on", "proposal_id", "id")
    )
    return render(
        request,
        "meetings/appointments/public_list.html",
        {"page_obj": paginate(request, qs, 50)},
    )


@page_requires("meetings.view_decisions")
def appointment_letter(request: AuthedRequest, pk: int) -> HttpResponse:
    """任命书 of a person appointed."""
    nomination = (
        Nomination.objects.filter(
            pk=pk,
            proposal__in=SEE_PROPOSAL.rows(request.user, AppointmentProposal.objects.all()),
            outcome=Outcome.PASSED,
            action="appoint",
        )
        .select_related("appointee", "office", "proposal__congress")
        .first()
    )
    if nomination is None:
        raise Http404(_("No such appointment."))
    response = HttpResponse(docs.appointment_letter(nomination), content_type=DOCX)
    response["Content-Disposition"] = attachment_disposition(
        _("Letter of appointment %(name)s.docx") % {"name": nomination.appointee.name},
        f"appointment-{pk}.docx",
    )
    return response


@page_requires("meetings.view_decisions")
def announcement(request: AuthedRequest, pk: int) -> HttpResponse:
    """公告 of a decided proposal."""
    proposal = proposal_page.load(request.user, pk)
    if proposal.state != "decided":
        raise Http404(_("The proposal has not been decided yet."))
    response = HttpResponse(docs.announcement(proposal), content_type=DOCX)
    response["Content-Disposition"] = attachment_disposition(
        _("Announcement %(title)s.docx") % {"title": proposal.title},
        f"announcement-{pk}.docx",
    )
    return response
