"""The register of every suggestion and its exports, the overdue board, the promise ledger
and the units' scores."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.core.http import AuthedRequest, acting_congress, acting_congress_id
from renda.core.pages import filtered, page_requires, paginate
from renda.core.replicas import replica_reads
from renda.core.spreadsheets import xlsx_response
from renda.suggestions import documents, scoring
from renda.suggestions.models import Suggestion
from renda.suggestions.queries import filter_list
from renda.suggestions.supervision.common import (
    PER_PAGE,
    latest_year,
    render_tab,
    units_of,
    year_param,
)
from renda.suggestions.supervision.forms import (
    REGISTER_SORTS,
    LedgerFilterForm,
    RegisterFilterForm,
    YearForm,
    suggestion_years,
)
from renda.suggestions.supervision.queries import overdue_board, promise_ledger
from renda.suggestions.supervision.rows import (
    ACTIVE_UNITS,
    ROW_COLUMNS,
    register_rows,
    score_rows,
)
from renda.suggestions.workflow import HANDLING

# --- 2. the register and its exports ---------------------------------------------------------


@page_requires("suggestions.view_supervision")
@replica_reads
def register(request: AuthedRequest) -> HttpResponse:
    """Every suggestion of the congress, filtered, sorted and paged; exports of a year."""
    congress_id = acting_congress_id(request)
    years = suggestion_years(congress_id)
    form = RegisterFilterForm(request.GET or None, years=years, units=units_of(congress_id))
    filters = form.filters()
    sort = form.chosen_sort()
    found = filter_list(
        Suggestion.objects.filter(congress_id=congress_id), reader=request.user, **filters
    )
    qs = (
        found.rows.select_related("lead_deputy__person", "lead_deputy__delegation")
        .prefetch_related(ACTIVE_UNITS)
        .order_by(*REGISTER_SORTS[sort])
        .only(*ROW_COLUMNS)  # what a row shows (rows.register_rows): a third of the cost
    )
    page = paginate(request, qs, PER_PAGE)
    today = timezone.localdate()
    for s in page.object_list:
        s.reply_overdue = bool(s.state in HANDLING and s.reply_due and s.reply_due < today)
    rows = register_rows(list(page.object_list))
    export_year = filters["year"] or latest_year(congress_id, years)
    return render_tab(
        request,
        "register.html",
        {
            "form": form,
            "page_obj": page,
            "rows": rows,
            "sort": sort,
            "filtered": filtered(request),
            "capped_note": found.note,
            "can_export": request.user.has_perm("suggestions.export"),
            "export_year": export_year,
            "export_unit": form.valid_part().get("unit"),
        },
        tab="suggestions:register",
    )


@page_requires("suggestions.export")
def export_summary(request: AuthedRequest) -> HttpResponse:
    """年度建议办理汇总表 of a year, as Excel."""
    congress = acting_congress(request)
    year = year_param(request, latest_year(congress.pk))
    name = _("%(congress)s suggestions of %(year)s summary") % {
        "congress": congress.short_name,
        "year": year,
    }
    data = documents.year_summary(congress=congress, year=year)
    return xlsx_response(data, name, f"suggestions-{year}-summary")


@page_requires("suggestions.export")
def export_assignments(request: AuthedRequest) -> HttpResponse:
    """交办清单 of a year, for all units (one sheet each) or one unit, as Excel."""
    congress = acting_congress(request)
    year = year_param(request, latest_year(congress.pk))
    unit = None
    raw = request.GET.get("unit", "")
    if raw:
        if not raw.isdigit():
            raise Http404(_("No such handling unit."))
        unit = get_object_or_404(units_of(congress.pk), pk=int(raw))
    name = _("%(owner)s assignment sheet %(year)s") % {
        "owner": unit.name if unit else congress.short_name,
        "year": year,
    }
    data = documents.assignment_sheet(congress=congress, year=year, unit=unit)
    fallback = f"assignments-{year}" + (f"-unit-{unit.pk}" if unit else "")
    return xlsx_response(data, name, fallback)


# --- 3, 4. the overdue board and the promise ledger -----------------------------------------


@page_requires("suggestions.view_supervision")
def overdue_board_page(request: AuthedRequest) -> HttpResponse:
    """超期预警: replies past due or soon due, per unit, in working days."""
    congress = acting_congress(request)
    today = timezone.localdate()
    boards = overdue_board(congress, today)
    return render_tab(
        request,
        "overdue_board.html",
        {
            "boards": boards,
            "today": today,
            "overdue_total": sum(len(b.overdue) for b in boards),
            "soon_total": sum(len(b.soon) for b in boards),
            "soon_days": congress.setting("soon_due_working_days"),
        },
        tab="suggestions:overdue_board",
    )


@page_requires("suggestions.view_supervision")
def promise_ledger_page(request: AuthedRequest) -> HttpResponse:
    """承诺事项台账: promises made in replies, open ones by default, earliest due first."""
    congress = acting_congress(request)
    form = LedgerFilterForm(
        request.GET or None, years=suggestion_years(congress.pk), units=units_of(congress.pk)
    )
    data = form.valid_part()
    today = timezone.localdate()
    qs = promise_ledger(
        congress,
        unit=data.get("unit"),
        open_only=(data.get("show") or "open") == "open",
        year=data.get("year"),
        today=today,
    )
    return render_tab(
        request,
        "promise_ledger.html",
        {"form": form, "page_obj": paginate(request, qs, PER_PAGE), "today": today},
        tab="suggestions:promise_ledger",
    )


# --- 6. unit scores --------------------------------------------------------------------------


SCORE_COMPONENTS = [
    (
        "promises",
        gettext_lazy("Promises delivered (落实率)"),
        gettext_lazy("promises due by today that were delivered / promises due"),
    ),
    (
        "on_time",
        gettext_lazy("Replies on time"),
        gettext_lazy(
            "replies given on or before their due date (approved extensions included) / replies"
            " due; each handling round counts once it is replied or past due"
        ),
    ),
    (
        "communication",
        gettext_lazy("Communication before replying"),
        gettext_lazy(
            "of the replies due, those with a contact with the deputy recorded before the reply"
        ),
    ),
    (
        "evaluation",
        gettext_lazy("Deputies' evaluations"),
        gettext_lazy(
            "final evaluations of closed cases: satisfied 1, basically satisfied ½,"
            " dissatisfied 0, averaged"
        ),
    ),
    (
        "rehandling",
        gettext_lazy("Not sent back for re-handling"),
        gettext_lazy("cases not sent back for re-handling / cases"),
    ),
]


@page_requires("suggestions.view_unit_scores")
@replica_reads
def unit_scores(request: AuthedRequest) -> HttpResponse:
    """评分通报: each unit's score for a year, ranked; small units listed apart, not ranked."""
    congress = acting_congress(request)
    years = suggestion_years(congress.pk)
    form = YearForm(request.GET or None, years=years)
    year = form.chosen_year(latest_year(congress.pk, years))
    scores = scoring.unit_scores(congress=congress, year=year)
    labels = {key: label for key, label, _rate in SCORE_COMPONENTS}
    for us in scores:
        us.breakdown = us.points()
    scaled = [
        (us, [labels[k] for k, r in us.rates.items() if r is None])
        for us in scores
        if us.scale is not None
    ]
    ranked = [us for us in scores if us.rank is not None]
    unranked = [us for us in scores if us.rank is None]
    return render_tab(
        request,
        "unit_scores.html",
        {
            "form": form,
            "year": year,
            "ranked": ranked,
            "ranked_rows": score_rows(ranked, show_rank=True),
            "unranked": unranked,
            "unranked_rows": score_rows(unranked, show_rank=False),
            "components": [
                (label, scoring.WEIGHTS[key], rate) for key, label, rate in SCORE_COMPONENTS
            ],
            "min_cases": congress.setting("score_min_cases"),
            "scaled": scaled,
        },
        tab="suggestions:unit_scores",
    )
