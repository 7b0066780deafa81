"""The cockpit, the year's figures page with its .xlsx and .docx, the public figures and the
open-data download. Every number comes from core.stats (the figures `renda stats` prints)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from renda.core import stats
from renda.core.http import AuthedRequest, acting_congress
from renda.core.pages import page_requires
from renda.core.spreadsheets import Column, attachment_disposition, single_table, xlsx_response
from renda.figures import charts, opendata, report
from renda.org.models import Congress, Level
from renda.reading.themes_panel import cockpit_panel

YEARS_BACK = 6  # years offered in the year choice
COMPARED_YEARS = 3  # the chosen year and the two before it


def _years() -> list[int]:
    this = timezone.localdate().year
    return list(range(this, this - YEARS_BACK, -1))


def _latest_year_with_data(congress: Any) -> int:
    """The latest offered year with suggestions or constituents' opinions (else this year),
    cached until the data changes."""
    return stats.cached("figures-latest-year", (congress.pk,), lambda: _find_latest(congress))


def _find_latest(congress: Any) -> int:
    for year in _years():
        for key in ("suggestions", "constituent_opinions", "station_activities"):
            if stats.value(key, congress, year):
                return year
    return _years()[0]


def _year(request: HttpRequest, congress: Any) -> int:
    raw = request.GET.get("year", "")
    if not raw:
        return _latest_year_with_data(congress)
    if not raw.isdigit() or int(raw) not in _years():
        raise Http404(_("No figures for that year."))
    return int(raw)


def _congresses(user: Any) -> list[Congress]:
    """The user's congress and the county congresses under it (上下联动)."""
    own = user.congress
    return [own, *Congress.objects.filter(parent=own).order_by("code")]


def _congress(request: AuthedRequest) -> tuple[Congress, list[Congress]]:
    own = acting_congress(request)
    choices = _congresses(request.user)
    raw = request.GET.get("congress", "")
    if not raw:
        return own, choices
    chosen = next((c for c in choices if c.code == raw), None)
    if chosen is None:
        raise Http404(_("No such congress."))
    return chosen, choices


def _scope(request: AuthedRequest) -> dict[str, Any]:
    congress, congresses = _congress(request)
    year = _year(request, congress)
    return {
        "congress": congress,
        "congresses": congresses,
        "year": year,
        "years": _years(),
        # The lists a chart links to show the user's own congress only.
        "links": congress.pk == request.user.congress_id,
    }


@page_requires("figures.view_cockpit")
def cockpit(request: AuthedRequest) -> HttpResponse:
    """驾驶舱: the year at a glance, as charts that open the lists they summarise."""
    scope = _scope(request)
    return render(
        request,
        "figures/cockpit.html",
        {
            **scope,
            **_cockpit_data(scope["congress"], scope["year"], links=scope["links"]),
            # The month's hot topics (民意热点): a county's are its stations' texts.
            "panel": cockpit_panel(
                user=request.user,
                congress=request.user.congress,
                year=scope["year"],
                county=None if scope["links"] else scope["congress"],
            ),
        },
    )


def _cockpit_data(congress: Any, year: int, *, links: bool) -> dict[str, Any]:
    """The cockpit's figures and charts, cached per congress, year, links and language until
    the data changes (stats.cached: the next event, admin change or day), so never stale.
    Computing them reads every registered key and breakdown of three years."""
    return stats.cached(
        "cockpit",
        (congress.pk, year, int(links), get_language() or ""),
        lambda: _compute_cockpit(congress, year, links=links),
    )


def _compute_cockpit(congress: Any, year: int, *, links: bool) -> dict[str, Any]:
    figures = stats.figures(congress, year)  # shared with the figures page's cache
    with stats.one_reading():  # the breakdowns split the rows the keys counted
        before = charts.previous(congress, year - 1)
        drawn = charts.draw(congress, year, figures, links=links)
        years = list(range(year - COMPARED_YEARS + 1, year + 1))
        compared = charts.comparison(congress, years, {year: figures, year - 1: before})
    used = charts.used_keys()
    others = [
        # Labels as text: what is cached is the page's language, not lazy translations.
        stats.Module(
            m.label, str(m.name), [stats.Row(r.key, str(r.label), r.value) for r in m.rows]
        )
        for m in stats.grouped({k: v for k, v in figures.items() if k not in used})
        if m.label not in ("org",)
    ]
    tiles = [{**t, "label": str(t["label"])} for t in charts.headlines(figures, before)]
    return {
        "tiles": tiles,
        "charts": drawn,
        "compared": compared,
        "chart_data": [c.as_json() for c in [*drawn, compared]],
        "others": others,
    }


@page_requires("figures.view_figures")
def figures_page(request: AuthedRequest) -> HttpResponse:
    """Every key of `renda stats` for a year, grouped by module, with the downloads."""
    scope = _scope(request)
    figures = stats.figures(scope["congress"], scope["year"])
    return render(
        request,
        "figures/stats.html",
        {**scope, "modules": stats.grouped(figures), "query": _query(scope)},
    )


def _query(scope: dict[str, Any]) -> str:
    return f"year={scope['year']}&congress={scope['congress'].code}"


@page_requires("figures.view_figures")
def figures_xlsx(request: AuthedRequest) -> HttpResponse:
    scope = _scope(request)
    congress, year = scope["congress"], scope["year"]
    figures = stats.figures(congress, year)
    rows = [
        (str(m.name), str(r.label), r.key, r.value) for m in stats.grouped(figures) for r in m.rows
    ]
    data = single_table(
        sheet=str(year),
        title=_("%(congress)s: the year %(year)s in figures")
        % {"congress": congress.name, "year": year},
        subtitle=_("Computed from the platform's records on %(date)s")
        % {"date": timezone.localdate().isoformat()},
        columns=[
            Column(_("Module"), 28),
            Column(_("Figure"), 36),
            Column(pgettext("statistic", "Key"), 32),
            Column(str(year), 12),
        ],
        rows=rows,
    )
    name = _("%(congress)s figures %(year)s") % {"congress": congress.short_name, "year": year}
    return xlsx_response(data, name, f"figures-{year}")


@page_requires("figures.view_figures")
def report_docx(request: AuthedRequest) -> HttpResponse:
    """The work report's paragraphs that state figures, as a .docx draft."""
    scope = _scope(request)
    congress, year = scope["congress"], scope["year"]
    data = report.draft(congress, year, stats.figures(congress, year))
    response = HttpResponse(data, content_type=report.DOCX)
    name = _("%(congress)s work report figures %(year)s.docx") % {
        "congress": congress.short_name,
        "year": year,
    }
    response["Content-Disposition"] = attachment_disposition(name, f"report-figures-{year}.docx")
    return response


# --- public ---------------------------------------------------------------------------------


def _public_congress(request: HttpRequest) -> tuple[Congress, list[Congress]]:
    congresses = list(Congress.objects.filter(level=Level.CITY).order_by("code"))
    raw = request.GET.get("congress", "")
    if raw:
        chosen = next((c for c in congresses if c.code == raw), None)
        if chosen is None:
            raise Http404(_("No such congress."))
        return chosen, congresses
    if not congresses:
        raise Http404(_("No congress yet."))
    return congresses[0], congresses


def public_figures(request: HttpRequest) -> HttpResponse:
    """The year's published figures, for everyone, with the open-data download."""
    congress, congresses = _public_congress(request)
    year = _year(request, congress)
    figures = stats.figures(congress, year)
    return render(
        request,
        "figures/public.html",
        {
            "congress": congress,
            "congresses": congresses,
            "year": year,
            "years": _years(),
            "published": opendata.published(figures),
            "query": f"year={year}&congress={congress.code}",
        },
    )


def open_data(request: HttpRequest) -> HttpResponse:
    """A ZIP of CSVs of what is already public."""
    congress, _congresses_ = _public_congress(request)
    year = _year(request, congress)
    data = opendata.archive(congress, year)
    response = HttpResponse(data, content_type="application/zip")
    fallback = f"open-data-{congress.code}-{year}.zip"
    response["Content-Disposition"] = attachment_disposition(fallback, fallback)
    return response
