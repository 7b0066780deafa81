"""What the staff and leaders' suggestion pages share: their tab bar, their layout and the
helpers their filters use."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.core.http import AuthedRequest, acting_congress
from renda.org.models import HandlingUnit
from renda.suggestions.supervision.forms import suggestion_years

PER_PAGE = 50
# The pages linked from each page's tab bar: (url name, label, the permission it needs).
TABS = [
    ("suggestions:supervision", gettext_lazy("Overview"), "suggestions.view_supervision"),
    ("suggestions:review_queue", gettext_lazy("Review"), "suggestions.manage"),
    ("suggestions:assign_queue", gettext_lazy("To assign"), "suggestions.manage"),
    (
        "suggestions:adjustment_queue",
        gettext_lazy("Adjustments and extensions"),
        "suggestions.manage",
    ),
    ("suggestions:register", gettext_lazy("All suggestions"), "suggestions.view_supervision"),
    ("suggestions:overdue_board", gettext_lazy("Overdue"), "suggestions.view_supervision"),
    ("suggestions:promise_ledger", gettext_lazy("Promises"), "suggestions.view_supervision"),
    (
        "suggestions:key_suggestions",
        gettext_lazy("Key suggestions"),
        "suggestions.view_supervision",
    ),
    ("suggestions:unit_scores", gettext_lazy("Unit scores"), "suggestions.view_unit_scores"),
    ("suggestions:motion_board", gettext_lazy("Motions"), "suggestions.view_supervision"),
]


def tabs(request: AuthedRequest, current: str) -> list[dict[str, Any]]:
    user = request.user
    return [
        {"url": reverse(name), "label": label, "active": name == current}
        for name, label, perm in TABS
        if user.has_perm(perm)
    ]


def render_tab(
    request: AuthedRequest, template: str, context: dict[str, Any], *, tab: str, status: int = 200
) -> HttpResponse:
    """A supervision page under its tab bar."""
    context = {
        "tabs": tabs(request, tab),
        "is_staff": request.user.has_perm("suggestions.manage"),
        "congress": acting_congress(request),
        **context,
    }
    return render(request, f"suggestions/supervision/{template}", context, status=status)


def year_param(request: HttpRequest, default: int) -> int:
    raw = request.GET.get("year", "")
    if not raw:
        return default
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        raise Http404(_("No such year."))
    return int(raw)


def latest_year(congress_id: int, years: list[int] | None = None) -> int:
    years = suggestion_years(congress_id) if years is None else years
    return years[0] if years else timezone.localdate().year


def units_of(congress_id: int) -> QuerySet[HandlingUnit]:
    return HandlingUnit.objects.filter(congress_id=congress_id).order_by("name")
