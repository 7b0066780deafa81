"""The performance pages: a deputy's record and score for a year (their own, or any deputy's
for staff and leaders), the annual report download, the list of deputies' records and the
rankings with their export.

Thin on purpose: the record, the score and the rankings come from record.py and scoring.py,
who may see what from rules.py. Manual entries and the scoring rules: views_manage.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from renda.core.pages import paginate
from renda.core.replicas import replica_reads
from renda.core.spreadsheets import (
    Column,
    attachment_disposition,
    first_sheet,
    sheet_name,
    workbook_bytes,
    write_table,
    xlsx_response,
)
from renda.org.models import Deputy
from renda.performance.forms import DeputyFilterForm, RankingsForm, YearForm, this_year
from renda.performance.models import ActKind, ManualEntry, ScoringRule
from renda.performance.queries import deputy_for, rules_in_force
from renda.performance.record import record_for, years_with_acts
from renda.performance.report import annual_report_docx
from renda.performance.rows import DEPUTY_ROW_COLUMNS, deputy_rows
from renda.performance.scoring import (
    Group,
    Line,
    Ranked,
    cached_rankings,
    rules_for,
    score,
    serving_in,
)
from renda.performance.templatetags.performance_ui import points

PER_PAGE = 50
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- access ---------------------------------------------------------------------------------


def readers_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Staff and leaders of a congress (performance.view_rankings); others get 403."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user: Any = request.user
        if not user.congress_id or not user.has_perm("performance.view_rankings", user.congress):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def own_deputy(user: Any) -> Deputy:
    """The logged-in deputy's own deputyship (403 for anyone else)."""
    if getattr(user, "role", "") != "deputy" or not user.deputy_id:
        raise PermissionDenied
    return deputy_for(user, user.deputy_id)


# --- the year -------------------------------------------------------------------------------


def _year_choices(year: int, years: list[int]) -> list[int]:
    """The years to pick from: those with acts, this year and the one shown; latest first."""
    return sorted({*years, this_year(), year}, reverse=True)


def _query(**params: Any) -> str:
    return "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


# --- a deputy's record and score --------------------------------------------------------------


def _deputy_context(request: HttpRequest, deputy: Deputy, *, page: str) -> dict[str, Any]:
    """What the record and the score pages share: the year picker and the links between them."""
    user: Any = request.user
    form = YearForm(request.GET or None)
    year = form.chosen_year()
    own = user.deputy_id == deputy.pk
    record_url = (
        reverse("performance:mine") if own else reverse("performance:record", args=[deputy.pk])
    )
    score_url = (
        reverse("performance:my_score") if own else reverse("performance:score", args=[deputy.pk])
    )
    here = record_url if page == "record" else score_url
    return {
        "deputy": deputy,
        "person": deputy.person,
        "year": year,
        "form": form,
        "years": [(y, here + _query(year=y)) for y in _year_choices(year, years_with_acts(deputy))],
        "own": own,
        "page": page,
        "record_url": record_url + _query(year=year),
        "score_url": score_url + _query(year=year),
        "report_url": (
            reverse("performance:report", args=[deputy.pk]) + _query(year=year)
            if user.has_perm("performance.download_report", deputy)
            else ""
        ),
        "is_staff": user.has_perm("performance.manage_entries", deputy),
        "is_reader": user.has_perm("performance.view_rankings", user.congress),
    }


def _record_page(request: HttpRequest, deputy: Deputy) -> HttpResponse:
    context = _deputy_context(request, deputy, page="record")
    year = context["year"]
    record = record_for(deputy, year)
    groups = [
        {"kind": kind, "label": ActKind(kind).label, "items": items, "anchor": f"kind-{kind}"}
        for kind, items in record.by_kind().items()
    ]
    evidence: set[int] = set()
    if context["is_staff"] or context["own"]:
        evidence = set(
            ManualEntry.objects.filter(deputy=deputy, year=year)
            .exclude(evidence="")
            .values_list("pk", flat=True)
        )
    context.update(
        record=record,
        groups=groups,
        manual_source=ManualEntry._meta.label_lower,
        with_evidence=evidence,
        entry_url=(
            reverse("performance:entry_create") + _query(deputy=deputy.pk)
            if context["is_staff"]
            else ""
        ),
    )
    return render(request, "performance/record.html", context)


@login_required
def my_record(request: HttpRequest) -> HttpResponse:
    """我的履职档案: everything the deputy did in a year, by kind."""
    return _record_page(request, own_deputy(request.user))


@login_required
def deputy_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_page(request, deputy_for(request.user, pk))


@dataclass(frozen=True)
class ScoreRow:
    """One kind of act on the score page: its line of the breakdown and the rule behind it."""

    line: Line
    rule: ScoringRule


def _score_page(request: HttpRequest, deputy: Deputy) -> HttpResponse:
    context = _deputy_context(request, deputy, page="score")
    rules, changed = rules_in_force(deputy.congress_id)
    result = score(deputy, context["year"], rules=rules)
    by_kind = {r.kind: r for r in rules}
    rows = [ScoreRow(line, by_kind[line.kind]) for line in result.lines]
    context.update(
        score=result,
        rows=[r for r in rows if r.line.count],
        unscored=[r for r in rows if not r.line.count],
        not_scored=[ActKind(k).label for k in ActKind.values if k not in by_kind],
        defaults=changed is None,
        changed=changed,
        acts=sum(r.line.count for r in rows),
        sum_line=" + ".join(points(r.line.weighted) for r in rows if r.line.count),
        caps_bite=any(r.line.cap_bites for r in rows),
    )
    return render(request, "performance/score.html", context)


@login_required
def my_score(request: HttpRequest) -> HttpResponse:
    """我的履职评价: the year's score and how it was computed."""
    return _score_page(request, own_deputy(request.user))


@login_required
def deputy_score(request: HttpRequest, pk: int) -> HttpResponse:
    return _score_page(request, deputy_for(request.user, pk))


@login_required
def annual_report(request: HttpRequest, pk: int) -> HttpResponse:
    """向原选举单位报告履职情况: the draft as Word, for the deputy and for staff."""
    user: Any = request.user
    deputy = deputy_for(user, pk)
    if not user.has_perm("performance.download_report", deputy):
        raise PermissionDenied
    form = YearForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        raise Http404(_("No such year."))
    year = form.chosen_year()
    response = HttpResponse(annual_report_docx(deputy, year), content_type=DOCX)
    name = _("%(name)s annual report %(year)s.docx") % {"name": deputy.person.name, "year": year}
    response["Content-Disposition"] = attachment_disposition(
        name, f"annual-report-{deputy.card_number}-{year}.docx"
    )
    return response


# --- staff and leaders: every deputy's record ---------------------------------------------------


def _filtered(request: HttpRequest) -> bool:
    return any(v for k, v in request.GET.items() if k not in ("page", "year"))


def _search(qs: QuerySet[Deputy], q: str) -> QuerySet[Deputy]:
    return qs.filter(Q(person__name__icontains=q) | Q(card_number__icontains=q))


@readers_only
def deputy_list(request: HttpRequest) -> HttpResponse:
    """代表履职档案: find a deputy; each with the year's acts and score."""
    user: Any = request.user
    congress = user.congress
    form = DeputyFilterForm(request.GET or None, congress_id=congress.pk)
    values = form.values()
    year = form.chosen_year()
    qs = (
        serving_in(congress, year)
        .select_related("person", "delegation", "station")
        .only(*DEPUTY_ROW_COLUMNS)  # what a row shows (rows.deputy_rows), not every column
    )
    if values.get("q"):
        qs = _search(qs, values["q"])
    if values.get("delegation"):
        qs = qs.filter(delegation_id=values["delegation"])
    if values.get("station"):
        qs = qs.filter(station_id=values["station"])
    page = paginate(request, qs.order_by("card_number"), PER_PAGE)
    # Every deputy listed serves in the year, so each has their row in the year's rankings.
    found = cached_rankings(congress, year, by="delegation", rules=rules_for(congress.pk))
    ranked = {r.deputy.pk: r for g in found.groups for r in g.rows}
    for d in page.object_list:
        mine = ranked.get(d.pk)
        d.acts = mine.acts if mine else 0
        d.total = mine.total if mine else Decimal(0)
    year_query = _query(year=year)
    may_report = user.has_perm("performance.download_report", None)
    return render(
        request,
        "performance/deputy_list.html",
        {
            "form": form,
            "year": year,
            "page_obj": page,
            "rows": deputy_rows(page.object_list, year_query=year_query, may_report=may_report),
            "year_query": year_query,
            "filtered": _filtered(request),
        },
    )


# --- rankings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankingsPage:
    """What the rankings page and its export read: the filter bar, the year and grouping
    chosen, the groups shown, the congress's years with acts and the rules in force."""

    form: RankingsForm
    year: int
    by: str
    groups: list[Group]
    years: list[int]
    rules: list[ScoringRule]
    defaults: bool  # scored by the default rules (the congress configured none)


def _rankings(request: HttpRequest) -> RankingsPage:
    user: Any = request.user
    congress = user.congress
    probe = RankingsForm(request.GET or None, groups=[])
    year, by = probe.chosen_year(), probe.chosen_by()
    rules = rules_for(congress.pk)
    found = cached_rankings(congress, year, by=by, rules=rules)  # type: ignore[arg-type]
    groups = found.groups
    none = str(_("No delegation or station"))
    choices = [(g.pk or RankingsForm.NO_GROUP, g.name or none) for g in groups]
    form = RankingsForm(request.GET or None, groups=choices)
    chosen = form.values().get("group")
    if chosen is not None:
        groups = [g for g in groups if (g.pk or RankingsForm.NO_GROUP) == chosen]
    # The default rules are not saved: no primary key.
    defaults = all(r.pk is None for r in rules)
    return RankingsPage(form, year, by, groups, found.years, rules, defaults)


@dataclass(frozen=True)
class GroupSummary:
    """A delegation's or station's line on the rankings overview."""

    pk: int
    name: str
    deputies: int
    average: Decimal
    best: Ranked | None


def _overview(groups: list[Any]) -> list[GroupSummary]:
    return [
        GroupSummary(
            pk=g.pk or RankingsForm.NO_GROUP,
            name=g.name,
            deputies=len(g.rows),
            average=(sum((r.total for r in g.rows), Decimal(0)) / len(g.rows)).quantize(
                Decimal("0.1")
            )
            if g.rows
            else Decimal(0),
            best=g.rows[0] if g.rows else None,
        )
        for g in groups
    ]


@readers_only
@replica_reads
def ranking_list(request: HttpRequest) -> HttpResponse:
    """履职评价排名: every serving deputy's score, ranked within their delegation or station."""
    user: Any = request.user
    page = _rankings(request)
    form, year, by, groups = page.form, page.year, page.by, page.groups
    years = _year_choices(year, page.years)
    group = form.values().get("group")
    return render(
        request,
        "performance/rankings.html",
        {
            "form": form,
            "year": year,
            "by": by,
            # The overview first (one line a group), one group's ranking once chosen.
            "overview": _overview(groups) if group is None else None,
            "groups": groups if group is not None else [],
            "years": [(y, _query(year=y, by=by)) for y in years],
            "tabs": [
                (key, label, _query(year=year, by=key), key == by)
                for key, label in form.fields["by"].choices  # type: ignore[attr-defined]
            ],
            "export_query": _query(year=year, by=by, group=group),
            "defaults": page.defaults,
            "deputies": sum(len(g.rows) for g in groups),
            "group_query": _query(year=year, by=by),
            "may_configure": user.has_perm("performance.configure_rules", user.congress),
        },
    )


@readers_only
def ranking_export(request: HttpRequest) -> HttpResponse:
    """The rankings as .xlsx: one table, a row per deputy with their group, rank, score and
    each kind's count; a second sheet with the rules they were scored by."""
    user: Any = request.user
    page = _rankings(request)
    year, by, groups, rules = page.year, page.by, page.groups, page.rules
    kinds = [k for k in ActKind.values if any(r.kind == k for r in rules)]
    unit = _("Delegation") if by == "delegation" else _("Contact station")
    columns = [
        Column(unit, 24),
        Column(_("Rank"), 6),
        Column(_("Deputy"), 12),
        Column(_("Card no."), 10),
        Column(_("Score"), 8),
        *(Column(str(ActKind(k).label), 10) for k in kinds),
    ]

    def rows() -> Any:
        for g in groups:
            for r in g.rows:
                counts = {line.kind: line.count for line in r.lines}
                yield [
                    g.name or _("None"),
                    r.rank,
                    r.deputy.name,
                    r.deputy.card_number,
                    float(r.total),
                    *(counts.get(k, 0) for k in kinds),
                ]

    title = _("Deputies' performance rankings %(year)s") % {"year": year}
    within = (
        _("ranked within each delegation")
        if by == "delegation"
        else _("ranked within each contact station")
    )
    wb = Workbook()
    taken: set[str] = set()
    ws = first_sheet(wb)
    ws.title = sheet_name(_("Rankings"), taken)
    write_table(
        ws,
        title=title,
        subtitle=f"{user.congress.name} · {within} · {_('the columns after the score count acts')}",
        columns=columns,
        rows=rows(),
    )
    write_table(
        wb.create_sheet(sheet_name(_("Scoring rules"), taken)),
        title=_("Scoring rules"),
        subtitle=_("Points = count × points each; at most the cap counts; then × the weight."),
        columns=[
            Column(_("Kind of act"), 28),
            Column(_("Points each"), 12),
            Column(_("Cap per year"), 12),
            Column(_("Weight"), 10),
        ],
        rows=(
            [
                str(ActKind(r.kind).label),
                float(r.points),
                float(r.cap) if r.cap is not None else "",
                float(r.weight),
            ]
            for r in sorted(rules, key=lambda r: ActKind.values.index(r.kind))
        ),
    )
    return xlsx_response(workbook_bytes(wb), title, f"performance-rankings-{year}-{by}")
