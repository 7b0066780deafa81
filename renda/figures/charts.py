"""The cockpit's charts: each declared from registered breakdowns or keys (core.stats), so a
chart whose module is not installed is left out and a module's new keys show up on their own."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from renda.core import stats

BAR, HBAR, PIE, LINE = "bar", "hbar", "pie", "line"
TOP = 15  # bars drawn at most in a chart (the table lists every bucket)


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str | Promise
    kind: str
    # Series from breakdowns of keys, sharing their buckets (the first one's order)…
    breakdowns: tuple[tuple[str, str], ...] = ()
    # …or one bar per key, each linked to its list.
    keys: tuple[tuple[str, str], ...] = ()  # (key, url name of its list)
    note: str | Promise = ""


CHARTS: tuple[Chart, ...] = (
    Chart("suggestions-state", _("Suggestions by state"), PIE, (("suggestions", "state"),)),
    Chart(
        "suggestions-result",
        _("Replies by result"),
        PIE,
        (("suggestions_answered", "result"),),
        note=_("A suggestion handled separately by two units may count under two results."),
    ),
    Chart(
        "satisfaction",
        _("Deputies' evaluation of the replies"),
        PIE,
        (("suggestions_answered", "evaluation"),),
    ),
    Chart(
        "on-time",
        _("Replies due and on time, by unit"),
        HBAR,
        (("replies_due", "unit"), ("replies_on_time", "unit")),
    ),
    Chart("promises", _("Promises delivered"), PIE, (("promises", "delivery"),)),
    Chart(
        "overdue",
        _("Overdue replies by unit"),
        HBAR,
        (("replies_overdue", "unit"),),
        note=_("Replies on the year's suggestions past their due date and still owed today."),
    ),
    Chart(
        "opinions-category",
        _("Constituents' opinions by category"),
        BAR,
        (("constituent_opinions", "category"),),
    ),
    Chart(
        "opinions-month",
        _("Constituents' opinions collected and resolved, by month"),
        LINE,
        (("constituent_opinions", "month"), ("constituent_opinions_resolved", "month")),
    ),
    Chart(
        "opinions-station",
        _("Constituents' opinions by station"),
        HBAR,
        (("constituent_opinions", "station"),),
    ),
    Chart(
        "activities-area",
        _("Station activities by county"),
        BAR,
        (("station_activities", "area"),),
    ),
    Chart(
        "received-area",
        _("Constituents received by county"),
        BAR,
        (("constituents_received", "area"),),
    ),
    Chart(
        "drafts",
        _("Opinions on drafts and adoption"),
        HBAR,
        (("draft_opinions", "consultation"), ("draft_opinions_adopted", "consultation")),
    ),
    Chart(
        "performance",
        _("Deputies' performance scores"),
        BAR,
        (("deputies", "score"),),
    ),
    Chart(
        "meetings-filings-petitions",
        _("Meetings, filings and petitions"),
        BAR,
        keys=(
            ("standing_committee_meetings", "meetings:list"),
            ("decisions", "meetings:decisions"),
            ("appointments", "meetings:proposals"),
            ("filings_received", "filings:home"),
            ("filings_reviewed", "filings:home"),
            ("petitions", "petitions:register"),
            ("petitions_key", "petitions:register"),
        ),
    ),
)

# The headline figures: (label, key, of key) — a rate when `of key` is given.
HEADLINES: tuple[tuple[str | Promise, str, tuple[str, ...]], ...] = (
    (_("Suggestions"), "suggestions", ()),
    (_("Answered"), "suggestions_answered", ("suggestions",)),
    (
        _("Satisfied or basically satisfied"),
        "suggestions_satisfied+suggestions_basically_satisfied",
        ("suggestions_satisfied", "suggestions_basically_satisfied", "suggestions_dissatisfied"),
    ),
    (_("Replies on time"), "replies_on_time", ("replies_due",)),
    (_("Promises delivered"), "promises_delivered", ("promises",)),
    (_("Constituents' opinions"), "constituent_opinions", ()),
    (_("Opinions resolved"), "constituent_opinions_resolved", ("constituent_opinions",)),
    (_("Opinions on drafts adopted"), "draft_opinions_adopted", ("draft_opinions",)),
    (_("Station activities"), "station_activities", ()),
)
# The figures compared with previous years.
COMPARED = (
    "suggestions",
    "constituent_opinions",
    "constituent_opinions_resolved",
    "station_activities",
    "draft_opinions",
    "petitions",
)


@dataclass
class Drawn:
    slug: str
    title: str
    kind: str
    note: str
    categories: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    series: list[dict[str, Any]] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str, list[int]]]:
        """The table of the chart's numbers: one row per bucket."""
        values = [s["values"] for s in self.series]
        return [
            (c, u, [v[i] for v in values])
            for i, (c, u) in enumerate(zip(self.categories, self.urls, strict=True))
        ]

    def as_json(self) -> dict[str, Any]:
        limit = TOP if self.kind == HBAR else len(self.categories)
        return {
            "slug": self.slug,
            "kind": self.kind,
            "categories": self.categories[:limit],
            "urls": self.urls[:limit],
            "series": [{**s, "values": s["values"][:limit]} for s in self.series],
        }


def _from_breakdowns(chart: Chart, congress: Any, year: int, links: bool) -> Drawn | None:
    computed = []
    for key, by in chart.breakdowns:
        buckets = stats.compute_breakdown(key, by, congress, year)
        if buckets is None:
            return None
        computed.append((key, buckets))
    first = computed[0][1]
    drawn = Drawn(chart.slug, str(chart.title), chart.kind, str(chart.note))
    drawn.categories = [str(b.label) for b in first]
    drawn.urls = [b.url if links else "" for b in first]
    for key, buckets in computed:
        by_key = {b.key: b.value for b in buckets}
        drawn.series.append(
            {"name": str(stats.label_of(key)), "values": [by_key.get(b.key, 0) for b in first]}
        )
    return drawn


def _from_keys(chart: Chart, figures: dict[str, int], links: bool) -> Drawn | None:
    present = [(k, u) for k, u in chart.keys if k in figures]
    if not present:
        return None
    drawn = Drawn(chart.slug, str(chart.title), chart.kind, str(chart.note))
    drawn.categories = [str(stats.label_of(k)) for k, _u in present]
    drawn.urls = [stats.list_url(u) if links else "" for _k, u in present]
    drawn.series = [{"name": str(chart.title), "values": [figures[k] for k, _u in present]}]
    return drawn


def draw(congress: Any, year: int, figures: dict[str, int], *, links: bool) -> list[Drawn]:
    """The charts whose breakdowns or keys are registered, with their numbers; `links`: each
    bucket links to its list (the lists show the user's own congress only)."""
    drawn = []
    for chart in CHARTS:
        d = (
            _from_breakdowns(chart, congress, year, links)
            if chart.breakdowns
            else _from_keys(chart, figures, links)
        )
        if d is not None and d.categories:
            drawn.append(d)
    return drawn


def used_keys() -> set[str]:
    keys = {k for c in CHARTS for k, _by in c.breakdowns} | {k for c in CHARTS for k, _ in c.keys}
    return keys | used_headline_keys()


def figure(figures: dict[str, int], key: str) -> int | None:
    parts = key.split("+")
    if not all(p in figures for p in parts):
        return None
    return sum(figures[p] for p in parts)


def rate(figures: dict[str, int], key: str, of: tuple[str, ...]) -> Fraction | None:
    """`key` as a share of the sum of `of` (None if a key is missing or the whole is 0)."""
    part = figure(figures, key)
    whole = [figures.get(k) for k in of]
    if part is None or None in whole or not sum(w or 0 for w in whole):
        return None
    return Fraction(part, sum(w or 0 for w in whole))


def percent(value: Fraction | None) -> str:
    return "" if value is None else f"{float(value) * 100:.1f}%"


def headlines(figures: dict[str, int], before: dict[str, int]) -> list[dict[str, Any]]:
    """The headline tiles, each with last year's value to compare."""
    tiles = []
    for label, key, of in HEADLINES:
        value = figure(figures, key)
        if value is None:
            continue
        tile: dict[str, Any] = {"label": label, "value": value, "rate": ""}
        if of:
            tile["rate"] = percent(rate(figures, key, of))
            tile["before"] = percent(rate(before, key, of))
        else:
            previous = figure(before, key)
            tile["before"] = "" if previous is None else str(previous)
        tiles.append(tile)
    return tiles


def previous(congress: Any, year: int) -> dict[str, int]:
    """The keys the headlines and the comparison need, for an earlier year."""
    registered = set(stats.registered())
    needed = (used_headline_keys() | set(COMPARED)) & registered
    return {k: stats.value(k, congress, year) or 0 for k in sorted(needed)}


def used_headline_keys() -> set[str]:
    keys: set[str] = set()
    for _label, key, of in HEADLINES:
        keys.update(key.split("+"))
        keys.update(of)
    return keys


def comparison(congress: Any, years: list[int], known: dict[int, dict[str, int]]) -> Drawn:
    """The compared figures over `years` (oldest first), a line per figure; `known`: the
    figures of years already computed."""
    registered = set(stats.registered())
    keys = [k for k in COMPARED if k in registered]
    drawn = Drawn("years", str(_("The year compared with the previous years")), LINE, "")
    drawn.categories = [str(y) for y in years]
    drawn.urls = ["" for _y in years]
    for key in keys:
        values = [
            known[y][key] if key in known.get(y, {}) else stats.value(key, congress, y) or 0
            for y in years
        ]
        drawn.series.append({"name": str(stats.label_of(key)), "values": values})
    return drawn
