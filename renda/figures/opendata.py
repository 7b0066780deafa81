"""The public figures and the open-data archive: the year's published keys, their public
breakdowns, and every table an app registered as already public (core.opendata)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from renda.core import opendata, stats
from renda.figures.charts import percent, rate

# The published figures: (key, label); a rate is (key, of keys).
PUBLISHED: tuple[str, ...] = (
    "suggestions",
    "suggestions_answered",
    "constituent_opinions",
    "constituent_opinions_resolved",
    "draft_opinions",
    "draft_opinions_adopted",
    "regulations_made",
    "regulations_revised",
)
RATES: tuple[tuple[str | Promise, str, tuple[str, ...]], ...] = (
    (_("Suggestions answered"), "suggestions_answered", ("suggestions",)),
    (
        _("Deputies satisfied or basically satisfied"),
        "suggestions_satisfied+suggestions_basically_satisfied",
        ("suggestions_satisfied", "suggestions_basically_satisfied", "suggestions_dissatisfied"),
    ),
    (
        _("Constituents' opinions resolved"),
        "constituent_opinions_resolved",
        ("constituent_opinions",),
    ),
    (_("Opinions on drafts adopted"), "draft_opinions_adopted", ("draft_opinions",)),
)
# Breakdowns of published keys that are public too.
PUBLIC_BREAKDOWNS = (
    ("suggestions_answered", "result"),
    ("constituent_opinions", "category"),
    ("constituent_opinions", "month"),
    ("draft_opinions", "consultation"),
)


def published(figures: dict[str, int]) -> dict[str, Any]:
    rows = [(stats.label_of(k), figures[k]) for k in PUBLISHED if k in figures]
    rates = [
        (label, percent(rate(figures, key, of)))
        for label, key, of in RATES
        if rate(figures, key, of) is not None
    ]
    return {"rows": rows, "rates": rates}


def archive(congress: Any, year: int) -> bytes:
    figures = stats.figures(congress, year)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        shown = published(figures)
        z.writestr(
            f"figures-{year}.csv",
            opendata.to_csv(
                opendata.Table(
                    ["key", "figure", "value"],
                    [[k, str(stats.label_of(k)), figures[k]] for k in PUBLISHED if k in figures]
                    + [["", str(label), value] for label, value in shown["rates"]],
                )
            ),
        )
        with stats.one_reading():  # breakdowns that split the same rows read them once
            for key, by in PUBLIC_BREAKDOWNS:
                if key not in figures:
                    continue
                buckets = stats.compute_breakdown(key, by, congress, year)
                if buckets is None:
                    continue
                z.writestr(
                    f"{key}-by-{by}-{year}.csv",
                    opendata.to_csv(
                        opendata.Table(
                            [by, "label", "value"],
                            [[b.key, str(b.label), b.value] for b in buckets],
                        )
                    ),
                )
        for name, fn in opendata.datasets().items():
            z.writestr(f"{name}-{year}.csv", opendata.to_csv(fn(congress, year)))
    return out.getvalue()
