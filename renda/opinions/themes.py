"""What constituents' opinions give the hot topics (民意热点, renda.reading): the period's
opinions the user may see, with their county and station; dismissed ones (spam, abuse) left
out, as the year's figures leave them out."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.opinions.models import ConstituentOpinion, OpinionCategory, OpinionState
from renda.opinions.queries import filter_opinions, opinions_visible_to
from renda.reading.themes_registry import Filters, Row, Source, register, short, url_maker

KIND = "opinion"
TITLE_CHARS = 40


def rows(*, user: Any, congress: Any, filters: Filters) -> Iterator[Row]:
    if filters.category and filters.category not in OpinionCategory.values:
        return
    start, end = filters.bounds()
    qs = filter_opinions(
        opinions_visible_to(user)
        .filter(congress=congress, received_at__gte=start, received_at__lt=end)
        .exclude(state=OpinionState.DISMISSED),
        reader=user,
        category=filters.category or None,
        station=filters.station,
    ).rows
    if filters.county:
        qs = qs.filter(station__area_id=filters.county)
    qs = (
        qs.select_related("station__area")
        .only(
            "pk",
            "content",
            "category",
            "place",
            "station__name",
            "station__township",
            "station__area__region",
        )
        .order_by("pk")
    )
    names = dict(OpinionCategory.choices)
    url = url_maker("opinions:opinion")
    for o in qs.iterator(chunk_size=2000):
        station = o.station
        yield Row(
            kind=KIND,
            pk=o.pk,
            title=short(o.content, TITLE_CHARS),
            text=o.content,
            url=url(o.pk),
            category=o.category,
            category_label=str(names.get(o.category, o.category)),
            county=station.area.region if station and station.area else "",
            station=station.name if station else "",
            noise=tuple(t for t in (o.place, *_station_words(station)) if t),
        )


def _station_words(station: Any) -> tuple[str, ...]:
    return (station.township, station.name) if station else ()


def latest(congress: Any) -> datetime.date | None:
    at = (
        ConstituentOpinion.objects.filter(congress=congress)
        .exclude(state=OpinionState.DISMISSED)
        .aggregate(m=Max("received_at"))["m"]
    )
    return timezone.localdate(at) if at else None


register(
    Source(
        kind=KIND,
        label=_("Constituents' opinions"),
        rows=rows,
        categories=lambda: dict(OpinionCategory.choices),
        latest=latest,
        order=10,
    )
)
