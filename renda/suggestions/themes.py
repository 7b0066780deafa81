"""What suggestions give the hot topics (民意热点, renda.reading): the period's suggestions the
user may see, placed by their lead deputy's contact station; confidential ones are counted but
never quoted."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.reading.themes_registry import Filters, Row, Source, register, url_maker
from renda.suggestions.models import Category, Suggestion
from renda.suggestions.queries import visible_to
from renda.suggestions.routing import GONE, suggestion_text

KIND = "suggestion"


def rows(*, user: Any, congress: Any, filters: Filters) -> Iterator[Row]:
    if filters.category and filters.category not in Category.values:
        return
    start, end = filters.bounds()
    qs = (
        visible_to(user)
        .filter(congress=congress, submitted_at__gte=start, submitted_at__lt=end)
        .exclude(state__in=GONE)
    )
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.station:
        qs = qs.filter(lead_deputy__station_id=filters.station)
    if filters.county:
        qs = qs.filter(lead_deputy__station__area_id=filters.county)
    qs = (
        qs.select_related("lead_deputy__station__area")
        .only(
            "pk",
            "title",
            "body",
            "category",
            "confidential",
            "lead_deputy__station__name",
            "lead_deputy__station__township",
            "lead_deputy__station__area__region",
        )
        .order_by("pk")
    )
    names = dict(Category.choices)
    url = url_maker("suggestions:detail")
    for s in qs.iterator(chunk_size=1000):
        station = s.lead_deputy.station
        yield Row(
            kind=KIND,
            pk=s.pk,
            title=s.title,
            text=suggestion_text(s),
            url=url(s.pk),
            category=s.category,
            category_label=str(names.get(s.category, s.category)),
            county=station.area.region if station and station.area else "",
            station=station.name if station else "",
            noise=(station.township, station.name) if station else (),
            quotable=not s.confidential,
        )


def latest(congress: Any) -> datetime.date | None:
    at = (
        Suggestion.objects.filter(congress=congress)
        .exclude(state__in=GONE)
        .aggregate(m=Max("submitted_at"))["m"]
    )
    return timezone.localdate(at) if at else None


register(
    Source(
        kind=KIND,
        label=_("Suggestions"),
        rows=rows,
        categories=lambda: dict(Category.choices),
        latest=latest,
        order=20,
    )
)
