"""Motions (议案) of a year and each motion's page, where staff refer it to a special
committee, list it on the agenda or have it handled as a suggestion."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from renda.core.http import AuthedRequest, acting_congress_id
from renda.core.pages import CasePage, page_requires, paginate
from renda.suggestions import forms as _forms  # noqa: F401  (the motion's action forms)
from renda.suggestions.models import Motion
from renda.suggestions.supervision.common import PER_PAGE, render_tab, tabs
from renda.suggestions.supervision.forms import YearForm
from renda.suggestions.workflow import MOTION


def _motions(congress_id: int) -> QuerySet[Motion]:
    return Motion.objects.filter(congress_id=congress_id).select_related(
        "session__term", "delegation", "lead_deputy__person", "committee", "as_suggestion"
    )


@page_requires("suggestions.view_supervision")
def motion_board(request: AuthedRequest) -> HttpResponse:
    """议案 of a year and where each stands."""
    congress_id = acting_congress_id(request)
    years = sorted(
        {*Motion.objects.filter(congress_id=congress_id).values_list("year", flat=True)},
        reverse=True,
    )
    form = YearForm(request.GET or None, years=years)
    year = form.chosen_year(years[0] if years else timezone.localdate().year)
    motions = (
        _motions(congress_id)
        .filter(year=year)
        .annotate(proposers=Count("deputies"))
        .order_by("number", "id")
    )
    return render_tab(
        request,
        "motion_board.html",
        {"form": form, "year": year, "page_obj": paginate(request, motions, PER_PAGE)},
        tab="suggestions:motion_board",
    )


class MotionPage(CasePage):
    """A motion's page for staff and leaders, with the decisions staff may take."""

    workflow = MOTION
    template = "suggestions/supervision/motion.html"
    url_name = "suggestions:motion_decision"
    act_url_name = "suggestions:motion_decide"
    case_name = "motion"
    perm = "suggestions.view_supervision"
    not_found = gettext_lazy("No such motion in your congress.")

    def find(self, user: Any, pk: int) -> Motion | None:
        qs = _motions(user.congress_id).prefetch_related("deputies__person")
        return qs.filter(pk=pk).first()

    def context(self, request: AuthedRequest, case: Motion) -> dict[str, Any]:
        return {
            "tabs": tabs(request, "suggestions:motion_board"),
            "is_staff": request.user.has_perm("suggestions.manage"),
        }


page = MotionPage()
motion_page = page.detail
motion_decide = page.act
