"""The year's figures on deputies' performance: the deputies split by their score."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.stats import Bucket, breakdown, list_url
from renda.performance.scoring import rankings

BAND = 10  # points per band of the distribution


@breakdown("deputies", "score", label=_("Deputies by performance score"))
def deputies_by_score(congress: Any, year: int) -> list[Bucket]:
    """Every serving deputy in a band of BAND points, scored by the congress's rules as the
    rankings page scores them."""
    totals = [r.total for g in rankings(congress, year) for r in g.rows]
    if not totals:
        return []
    counts: dict[int, int] = {}
    for total in totals:
        band = int(total // BAND) if total > 0 else 0
        counts[band] = counts.get(band, 0) + 1
    url = list_url("performance:rankings", year=year)
    return [
        Bucket(str(b), f"{b * BAND}–{(b + 1) * BAND}", counts.get(b, 0), url)
        for b in range(max(counts) + 1)
    ]
