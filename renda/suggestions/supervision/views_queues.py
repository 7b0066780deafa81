"""The staff's work queues (review, assign, adjustment and extension requests) and the
overview of the year's figures."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from renda.core import stats
from renda.core.calendar import WorkingCalendar
from renda.core.http import AuthedRequest, acting_congress, acting_congress_id
from renda.core.models import Event
from renda.core.pages import filtered, page_requires, paginate
from renda.org.models import HandlingUnit
from renda.suggestions.models import Assignment, Extension, Period, Suggestion, SuggestionState
from renda.suggestions.queries import filter_list, with_list_data
from renda.suggestions.supervision.common import PER_PAGE, latest_year, render_tab
from renda.suggestions.supervision.forms import QueueFilterForm, YearForm, suggestion_years
from renda.suggestions.supervision.queries import owed_counts

S = SuggestionState
# The figures of renda.core.stats shown on the overview, in this order.
OVERVIEW_FIGURES = [
    ("suggestions", gettext_lazy("Suggestions accepted")),
    ("suggestions_session", gettext_lazy("During the session")),
    ("suggestions_recess", gettext_lazy("During the recess")),
    ("suggestions_answered", gettext_lazy("Answered")),
    ("key_suggestions", gettext_lazy("Key suggestions")),
    ("motions", gettext_lazy("Motions")),
    ("suggestions_satisfied", gettext_lazy("Satisfied")),
    ("suggestions_basically_satisfied", gettext_lazy("Basically satisfied")),
    ("suggestions_dissatisfied", gettext_lazy("Dissatisfied")),
    ("promises", gettext_lazy("Promises made")),
    ("promises_delivered", gettext_lazy("Promises delivered")),
]
# --- 1. staff work queues --------------------------------------------------------------------


def _queue_context(request: AuthedRequest, qs: QuerySet[Suggestion]) -> dict[str, Any]:
    """Filter and page one queue; mark recess suggestions with their assignment deadline."""
    congress = acting_congress(request)
    form = QueueFilterForm(request.GET or None, years=suggestion_years(congress.pk))
    found = filter_list(qs, reader=request.user, **form.filters())
    qs = with_list_data(found.rows)
    page = paginate(request, qs, PER_PAGE)
    today = timezone.localdate()
    cal = WorkingCalendar()
    days = congress.setting("recess_assign_working_days")
    for s in page.object_list:
        received = timezone.localdate(s.submitted_at)
        s.days_waiting = (today - received).days
        # Recess (direct) suggestions are assigned within N working days of their receipt.
        s.assign_due = cal.add_working_days(received, days) if s.period == Period.RECESS else None
        s.assign_overdue = bool(s.assign_due and today > s.assign_due)
    return {
        "form": form,
        "page_obj": page,
        "filtered": filtered(request),
        "capped_note": found.note,
        "today": today,
    }


def _queue_counts(congress_id: int) -> dict[str, int]:
    by_state = dict(
        Suggestion.objects.filter(congress_id=congress_id, state__in=[S.SUBMITTED, S.ACCEPTED])
        .values_list("state")
        .annotate(n=Count("id"))
        .order_by()
    )
    contests = Assignment.objects.filter(
        suggestion__congress_id=congress_id,
        active=True,
        contest_state=Assignment.ContestState.PENDING,
    ).count()
    extensions = Extension.objects.filter(
        suggestion__congress_id=congress_id, state=Extension.State.REQUESTED
    ).count()
    return {
        "review": by_state.get(S.SUBMITTED, 0),
        "assign": by_state.get(S.ACCEPTED, 0),
        "requests": contests + extensions,
    }


@page_requires("suggestions.manage")
def review_queue(request: AuthedRequest) -> HttpResponse:
    """Submitted suggestions waiting for staff to accept, return, convert or merge them."""
    qs = Suggestion.objects.filter(
        congress_id=acting_congress_id(request), state=S.SUBMITTED
    ).order_by("submitted_at", "id")
    context = _queue_context(request, qs)
    context["counts"] = _queue_counts(acting_congress_id(request))
    return render_tab(request, "review_queue.html", context, tab="suggestions:review_queue")


@page_requires("suggestions.manage")
def assign_queue(request: AuthedRequest) -> HttpResponse:
    """Accepted suggestions not yet assigned to handling units."""
    qs = Suggestion.objects.filter(
        congress_id=acting_congress_id(request), state=S.ACCEPTED
    ).order_by("submitted_at", "id")
    context = _queue_context(request, qs)
    context["counts"] = _queue_counts(acting_congress_id(request))
    return render_tab(request, "assign_queue.html", context, tab="suggestions:assign_queue")


@dataclass
class PendingRequest:
    """A unit's request waiting for staff: an adjustment (申请调整) or an extension (延期)."""

    kind: str  # "adjustment" or "extension"
    suggestion: Suggestion
    unit: HandlingUnit
    reason: str
    requested_at: datetime.datetime | None
    old_due: datetime.date | None = None
    new_due: datetime.date | None = None


def _pending_requests(congress_id: int, suggestions: QuerySet[Suggestion]) -> list[PendingRequest]:
    contests = list(
        Assignment.objects.filter(
            suggestion__in=suggestions, active=True, contest_state=Assignment.ContestState.PENDING
        ).select_related("unit", "suggestion__lead_deputy__person")
    )
    extensions = Extension.objects.filter(
        suggestion__in=suggestions, state=Extension.State.REQUESTED
    ).select_related("unit", "suggestion__lead_deputy__person")
    # An adjustment request keeps no date of its own: its event says when it was made.
    asked: dict[tuple[int, int | None], datetime.datetime] = {}
    if contests:
        events = Event.objects.filter(
            congress_id=congress_id,
            content_type=ContentType.objects.get_for_model(Suggestion),
            object_id__in={a.suggestion_id for a in contests},
            action="contest",
        ).values_list("object_id", "data", "at")
        for object_id, data, at in events:
            asked[(object_id, (data or {}).get("unit"))] = at
    rows = [
        PendingRequest(
            "adjustment",
            a.suggestion,
            a.unit,
            a.contest_reason,
            asked.get((a.suggestion_id, a.unit_id)),
        )
        for a in contests
    ]
    rows += [
        PendingRequest(
            "extension", e.suggestion, e.unit, e.reason, e.requested_at, e.old_due, e.new_due
        )
        for e in extensions
    ]
    oldest = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    return sorted(rows, key=lambda r: (r.requested_at or oldest, r.suggestion.pk))


@page_requires("suggestions.manage")
def adjustment_queue(request: AuthedRequest) -> HttpResponse:
    """Units' pending adjustment and extension requests, oldest first."""
    congress_id = acting_congress_id(request)
    form = QueueFilterForm(request.GET or None, years=suggestion_years(congress_id))
    found = filter_list(
        Suggestion.objects.filter(congress_id=congress_id), reader=request.user, **form.filters()
    )
    page = paginate(request, _pending_requests(congress_id, found.rows), PER_PAGE)
    return render_tab(
        request,
        "adjustment_queue.html",
        {
            "form": form,
            "page_obj": page,
            "filtered": filtered(request),
            "capped_note": found.note,
            "counts": _queue_counts(congress_id),
        },
        tab="suggestions:adjustment_queue",
    )


# --- 8. overview -----------------------------------------------------------------------------


@page_requires("suggestions.view_supervision")
def overview(request: AuthedRequest) -> HttpResponse:
    """The year's figures on suggestions, and what waits for staff."""
    congress = acting_congress(request)
    years = suggestion_years(congress.pk)
    form = YearForm(request.GET or None, years=years)
    year = form.chosen_year(latest_year(congress.pk, years))
    # The year's figures as the figures page reads them: cached until the data changes
    # (stats.figures), not every app's sixty counts on each view of this tab (issue 18).
    figures = stats.figures(congress, year)
    overdue_total, soon_total = owed_counts(congress)  # the board's two numbers
    return render_tab(
        request,
        "overview.html",
        {
            "form": form,
            "year": year,
            "figures": [(label, figures.get(key, 0)) for key, label in OVERVIEW_FIGURES],
            "counts": (
                _queue_counts(congress.pk) if request.user.has_perm("suggestions.manage") else None
            ),
            "overdue_total": overdue_total,
            "soon_total": soon_total,
        },
        tab="suggestions:supervision",
    )
