"""The cockpit's panel of the month's hot topics (民意热点): the largest themes of the chosen
year's latest month with texts, each linking to its place on the hot topics page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from renda.reading.themes import HotTopics, hot_topics, latest_day, month, period_label
from renda.reading.themes_registry import Filters

PANEL_THEMES = 5


@dataclass(frozen=True)
class Panel:
    result: HotTopics
    period: str
    url: str  # the hot topics page of that month (a theme's link adds #theme-N)
    themes: tuple[Any, ...]


def panel_month(congress: Any, year: int) -> tuple[datetime.date, datetime.date]:
    """The month the panel shows: the latest with texts in `year`, else its last month (this
    month for the current year)."""
    latest = latest_day(congress)
    if latest is not None and latest.year == year:
        return month(year, latest.month)
    today = timezone.localdate()
    return month(year, today.month if year == today.year else 12)


def cockpit_panel(*, user: Any, congress: Any, year: int, county: Any = None) -> Panel:
    """The panel for the user's congress (`county`: a county congress under it, whose stations'
    texts are shown)."""
    start, end = panel_month(congress, year)
    filters = Filters(start, end, county=county.pk if county is not None else None)
    result = hot_topics(user=user, congress=congress, filters=filters)
    query = {"month": f"{start:%Y-%m}", **({"county": county.pk} if county is not None else {})}
    return Panel(
        result=result,
        period=period_label(start, end),
        url=f"{reverse('reading:themes')}?{urlencode(query)}",
        themes=result.themes[:PANEL_THEMES],
    )
