"""The inspection pages: the list of items (staff, leaders, the county congresses that joined),
each item's page with its figures, team, parts, phases and recommendations, its sites and
problems (each congress adds its part), the problem's own page with its timeline and action
forms, the rectification board, the handler's problems to rectify and the deputy's items.

Thin on purpose: who sees what comes from queries (the rules' scopes), what they may do from
the rules and the declaration, and every write from one function of actions (through a form)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from renda.core.http import AuthedRequest
from renda.core.pages import CasePage, filtered, page_requires, paginate, run_action_form
from renda.core.spreadsheets import attachment_disposition, xlsx_response
from renda.core.workflow import ActionError, ActionForbidden
from renda.inspections import actions as A
from renda.inspections import documents
from renda.inspections import forms as F
from renda.inspections.models import Inspection, Problem, ProblemState
from renda.inspections.queries import (
    filter_list,
    overdue_filter,
    problem_detail_data,
    problem_list_data,
    problem_row_data,
    problems_visible_to,
    sites_visible_to,
    visible_to,
    with_list_data,
    with_row_data,
)
from renda.inspections.rows import item_rows, problem_rows
from renda.inspections.workflow import OPEN, PROBLEM

PER_PAGE = 30
S = ProblemState
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _item(request: AuthedRequest, pk: int) -> Inspection:
    found = (
        with_list_data(visible_to(request.user), request.user)
        .select_related("plan_item", "heard_as")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404(_("No such inspection, or not one you may see."))
    return found


def _years(user: Any) -> list[int]:
    return sorted(set(visible_to(user).values_list("year", flat=True)), reverse=True)


# --- lists ---------------------------------------------------------------------------------


def _items_page(request: AuthedRequest, template: str) -> HttpResponse:
    user = request.user
    form = F.ListFilterForm(request.GET or None, years=_years(user))
    qs = filter_list(visible_to(user), **form.values())
    page = paginate(request, with_row_data(qs, user).order_by("-starts_on", "-id"), PER_PAGE)
    context = {
        "form": form,
        "page_obj": page,
        "rows": item_rows(page.object_list),
        "filtered": filtered(request),
    }
    return render(request, f"inspections/{template}", context)


@page_requires("inspections.view_list")
def inspection_list(request: AuthedRequest) -> HttpResponse:
    """The year's inspections, research items and deputies' visits, with their figures."""
    return _items_page(request, "list.html")


@page_requires("inspections.view_mine")
def my_inspections(request: AuthedRequest) -> HttpResponse:
    """The items the deputy joined (each an act of their performance record)."""
    return _items_page(request, "mine.html")


def _problems_page(request: AuthedRequest, qs: Any, template: str, **extra: Any) -> HttpResponse:
    form = F.ProblemFilterForm(request.GET or None)
    values = form.values()
    show = values.get("show", "")
    if values.get("q"):
        words = values["q"].strip()
        qs = qs.filter(Q(description__icontains=words) | Q(site__name__icontains=words))
    today = timezone.localdate()
    if show == "overdue":
        qs = qs.filter(overdue_filter(today))
    elif show == "reported":
        qs = qs.filter(state=S.REPORTED)
    elif show != "all":
        qs = qs.filter(state__in=OPEN)
    page = paginate(request, problem_row_data(qs), PER_PAGE)
    context = {
        "form": form,
        "page_obj": page,
        "rows": problem_rows(page.object_list, today=today),
        "filtered": filtered(request),
        "today": today,
    }
    return render(request, f"inspections/{template}", {**context, **extra})


@page_requires("inspections.view_unit")
def unit_problems(request: AuthedRequest) -> HttpResponse:
    """Our unit's problems to rectify: the earliest date first."""
    qs = problems_visible_to(request.user).order_by("due_on", "id")
    return _problems_page(request, qs, "unit.html", unit=request.user.unit)


@page_requires("inspections.view_board")
def board(request: AuthedRequest) -> HttpResponse:
    """整改台账: problems overdue, and reports waiting for verification, across the items of
    the congress (a county's: its part)."""
    user = request.user
    today = timezone.localdate()
    qs = problems_visible_to(user)
    totals = qs.aggregate(
        open=Count("pk", filter=Q(state__in=OPEN)),
        overdue=Count("pk", filter=overdue_filter(today)),
        reported=Count("pk", filter=Q(state=S.REPORTED)),
        rectified=Count("pk", filter=Q(state=S.RECTIFIED)),
    )
    qs = qs.order_by("due_on", "inspection_id", "number")
    return _problems_page(request, qs, "board.html", totals=totals)


@page_requires("inspections.view_list")
def problems(request: AuthedRequest, pk: int) -> HttpResponse:
    """One item's problems (a county: its part's)."""
    inspection = _item(request, pk)
    qs = problems_visible_to(request.user).filter(inspection=inspection).order_by("number")
    return _problems_page(request, qs, "problems.html", i=inspection)


@page_requires("inspections.view_list")
def sites(request: AuthedRequest, pk: int) -> HttpResponse:
    inspection = _item(request, pk)
    qs = (
        sites_visible_to(request.user)
        .filter(inspection=inspection)
        .select_related("area")
        .annotate(
            n_problems=Count("problems"),
            n_rectified=Count("problems", filter=Q(problems__state=S.RECTIFIED)),
        )
        .order_by("visited_on", "id")
    )
    page = paginate(request, qs, PER_PAGE)
    may_record = request.user.has_perm("inspections.record", inspection)
    context = {"i": inspection, "page_obj": page, "may_record": may_record}
    return render(request, "inspections/sites.html", context)


# --- one item ------------------------------------------------------------------------------


def inspection_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = request.user
    inspection = _item(request, pk)
    aspects = list(
        inspection.aspects.filter(
            Q(congress_id=user.congress_id) | Q(inspection__congress_id=user.congress_id)
        ).prefetch_related("recommendations")
        if user.has_perm("inspections.view_list")
        else inspection.aspects.prefetch_related("recommendations")
    )
    parts = []
    if inspection.joint:
        parts = list(inspection.parts.select_related("congress"))
        by_congress = {
            row["congress_id"]: row
            for row in problems_visible_to(user)
            .filter(inspection=inspection)
            .values("congress_id")
            .annotate(n=Count("pk"), done=Count("pk", filter=Q(state=S.RECTIFIED)))
        }
        sites_by = dict(
            sites_visible_to(user)
            .filter(inspection=inspection)
            .values_list("congress_id")
            .annotate(n=Count("pk"))
        )
        for part in parts:
            row = by_congress.get(part.congress_id, {})
            part.n_sites = sites_by.get(part.congress_id, 0)  # type: ignore[attr-defined]
            part.n_problems = row.get("n", 0)  # type: ignore[attr-defined]
            part.n_rectified = row.get("done", 0)  # type: ignore[attr-defined]
    context = {
        "i": inspection,
        "members": list(inspection.members.select_related("deputy")),
        "parts": parts,
        "phases": list(inspection.phases.all()),
        "aspects": aspects,
        "may_manage": user.has_perm("inspections.change_inspection", inspection),
        "may_record": user.has_perm("inspections.record", inspection),
        "may_export": user.has_perm("inspections.export", inspection),
        "today": timezone.localdate(),
    }
    return render(request, "inspections/inspection.html", context)


def _form_page(
    request: AuthedRequest,
    form_class: type[F.WorkForm],
    *,
    heading: str,
    inspection: Inspection | None = None,
    perm: str,
    done: Any,
) -> HttpResponse:
    if not request.user.has_perm(perm, inspection):
        raise PermissionDenied
    data = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = form_class(*data, user=request.user, inspection=inspection)
    status = 200
    if request.method == "POST":
        status = 422
        response = run_action_form(
            request, form, done=done, conflict=lambda e: form.add_error(None, str(e.message))
        )
        if response is not None:
            return response
    context = {"form": form, "heading": heading, "i": inspection}
    return render(request, "inspections/form_page.html", context, status=status)


def _back_to(inspection: Inspection) -> str:
    return reverse("inspections:inspection", args=[inspection.pk])


@page_requires("inspections.add_inspection")
def inspection_new(request: AuthedRequest) -> HttpResponse:
    return _form_page(
        request,
        F.InspectionForm,
        heading=_("Open an inspection or research item"),
        perm="inspections.add_inspection",
        done=lambda i: _back_to(i),
    )


def _item_form(form_class: type[F.WorkForm], heading: Any, perm: str, *, to: str = "") -> Any:
    @page_requires("inspections.view_list")
    def view(request: AuthedRequest, pk: int) -> HttpResponse:
        inspection = _item(request, pk)
        done = reverse(to, args=[pk]) if to else _back_to(inspection)
        return _form_page(
            request, form_class, heading=str(heading), inspection=inspection, perm=perm, done=done
        )

    return view


team_add = _item_form(
    F.MembersForm, gettext_lazy("Add deputies to the team"), "inspections.change_inspection"
)
join = _item_form(
    F.JoinForm, gettext_lazy("A county congress joins"), "inspections.change_inspection"
)
phase_add = _item_form(F.PhaseForm, gettext_lazy("Add a phase"), "inspections.change_inspection")
report_edit = _item_form(
    F.ReportForm, gettext_lazy("The inspection report"), "inspections.change_inspection"
)
site_add = _item_form(
    F.SiteForm, gettext_lazy("Add a site"), "inspections.record", to="inspections:sites"
)
aspect_add = _item_form(F.AspectForm, gettext_lazy("Add recommendations"), "inspections.record")


@page_requires("inspections.view_list")
def problem_add(request: AuthedRequest, pk: int) -> HttpResponse:
    inspection = _item(request, pk)
    return _form_page(
        request,
        F.ProblemForm,
        heading=_("Record a problem found"),
        inspection=inspection,
        perm="inspections.record",
        done=lambda p: reverse("inspections:problem", args=[p.pk]),
    )


@require_POST
@page_requires("inspections.view_list")
def to_hearing(request: AuthedRequest, pk: int) -> HttpResponse:
    """The report goes to the standing committee's hearing (a supervision report)."""
    inspection = _item(request, pk)
    try:
        A.inspection_to_hearing(inspection=inspection, actor=request.user)
    except ActionForbidden:
        raise PermissionDenied from None
    except ActionError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The report is on the list of reports to hear."))
    return redirect(_back_to(inspection))


# --- documents -----------------------------------------------------------------------------


@page_requires("inspections.view_list")
def problems_export(request: AuthedRequest, pk: int) -> HttpResponse:
    inspection = _item(request, pk)
    if not request.user.has_perm("inspections.export", inspection):
        raise PermissionDenied
    qs = problem_list_data(
        problems_visible_to(request.user).filter(inspection=inspection)
    ).order_by("number")
    data = documents.problems_sheet(inspection, qs)
    return xlsx_response(data, _("%(title)s problems") % {"title": inspection.title}, "problems")


@page_requires("inspections.view_list")
def report_export(request: AuthedRequest, pk: int) -> HttpResponse:
    inspection = _item(request, pk)
    if not request.user.has_perm("inspections.export", inspection):
        raise PermissionDenied
    figures = {
        "sites": inspection.n_sites,  # type: ignore[attr-defined]
        "problems": inspection.n_problems,  # type: ignore[attr-defined]
        "rectified": inspection.n_rectified,  # type: ignore[attr-defined]
        "aspects": inspection.n_aspects,  # type: ignore[attr-defined]
        "recommendations": inspection.n_recommendations,  # type: ignore[attr-defined]
    }
    aspects = list(inspection.aspects.prefetch_related("recommendations"))
    data = documents.report_docx(
        inspection, figures=figures, aspects=aspects, congress_name=inspection.congress.name
    )
    response = HttpResponse(data, content_type=DOCX)
    name = f"{inspection.report_title or inspection.title}.docx"
    response["Content-Disposition"] = attachment_disposition(name, "inspection-report.docx")
    return response


# --- one problem ---------------------------------------------------------------------------


class ProblemPage(CasePage):
    workflow = PROBLEM
    template = "inspections/problem.html"
    url_name = "inspections:problem"
    act_url_name = "inspections:act"
    case_name = "p"
    not_found = gettext_lazy("No such problem, or not one you may see.")

    def find(self, user: Any, pk: int) -> Problem | None:
        return problem_detail_data(problems_visible_to(user)).filter(pk=pk).first()

    def context(self, request: AuthedRequest, p: Problem) -> dict[str, Any]:
        today = timezone.localdate()
        return {
            "overdue": p.state == S.RECTIFYING and p.due_on is not None and p.due_on < today,
            "found_photos": [x for x in p.photos.all() if x.rectification_id is None],
            "sees_item": request.user.has_perm("inspections.view_inspection", p.inspection),
        }


page = ProblemPage()


def photo(request: AuthedRequest, pk: int, photo_id: int) -> HttpResponse:
    """A problem's photo, for whoever may see the problem."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    problem = problems_visible_to(request.user).filter(pk=pk).first()
    found = problem.photos.filter(pk=photo_id).first() if problem is not None else None
    if found is None:
        raise Http404
    content_type = "image/png" if found.name.lower().endswith(".png") else "image/jpeg"
    return HttpResponse(found.file.open("rb").read(), content_type=content_type)
