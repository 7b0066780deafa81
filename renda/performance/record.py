"""A deputy's performance record (履职档案): their year, assembled from every module's rows.

Nothing is copied: each kind of act is read where its module keeps it (each app registers
its sources in its acts.py, core.acts), one query per source, so the record is always what
the modules say now; this app imports none of them.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Subquery
from django.utils import timezone

from renda.core import acts
from renda.core.acts import ActKind, ActSource, RecordItem, register, sources
from renda.org.models import Congress, Deputy
from renda.performance.models import ManualEntry

__all__ = ["Record", "RecordItem", "counts_by_deputy", "record_for", "years_with_acts"]


@dataclass
class Record:
    deputy: Deputy
    year: int
    items: list[RecordItem] = field(default_factory=list)

    def counts(self) -> Counter[str]:
        return Counter(i.kind for i in self.items)

    def by_kind(self) -> dict[str, list[RecordItem]]:
        """The items grouped by kind, kinds in the order of ActKind."""
        groups: dict[str, list[RecordItem]] = {k: [] for k in ActKind.values}
        for item in self.items:
            groups[item.kind].append(item)
        return {k: v for k, v in groups.items() if v}

    @property
    def constituents_received(self) -> int:
        return sum(i.constituents for i in self.items)


# What staff record by hand; every other source is its module's own (core.acts).
register(
    ActSource(
        acts=lambda c: ManualEntry.objects.filter(congress_id=c),
        year="year",
        deputy_field="deputy",
        kind_field="kind",
        item=lambda e: acts.item(e.kind, e.date, e.title, e),
    )
)


def record_for(deputy: Deputy, year: int) -> Record:
    """Everything `deputy` did in `year`, oldest first: one query per source."""
    items: list[RecordItem] = []
    for source in sources():
        rows = source.rows(deputy.congress_id, year).filter(**{source.deputy_field: deputy})
        if source.related:
            rows = rows.select_related(*source.related)
        items.extend(source.item(row) for row in rows)
    items.sort(key=lambda i: (i.date, ActKind.values.index(i.kind), i.pk))
    return Record(deputy=deputy, year=year, items=items)


def counts_by_deputy(congress_id: int, year: int) -> dict[int, Counter[str]]:
    """How many acts of each kind every deputy of the congress did in `year`: one aggregate
    query per source, whatever the number of deputies."""
    counts: dict[int, Counter[str]] = {}
    for source in sources():
        deputy = f"{source.deputy_field}_id"
        keys = [deputy, source.kind_field] if source.kind_field else [deputy]
        rows = (
            source.rows(congress_id, year)
            .filter(**{f"{source.deputy_field}__isnull": False})
            .order_by()
            .values(*keys)
            .annotate(n=models.Count("pk"))
        )
        for row in rows:
            kind = source.kind_of(row.get(source.kind_field))
            counts.setdefault(row[deputy], Counter())[kind] += row["n"]
    return counts


def years_with_acts(deputy: Deputy) -> list[int]:
    """The years in which `deputy` has anything in their record, latest first: one query (a
    UNION of the years of one deputy's acts, which stay few)."""
    per_source = []
    for source in sources():
        rows = source.acts(deputy.congress_id).filter(**{source.deputy_field: deputy})
        rows = rows.order_by().annotate(act_year=source.year_of_row())
        per_source.append(rows.values_list("act_year", flat=True))
    years = per_source[0].union(*per_source[1:])  # UNION: each year once
    return sorted({int(y) for y in years if y is not None}, reverse=True)


def years_of_congress(congress_id: int) -> list[int]:
    """From the first year any deputy of the congress has an act to the last, latest first,
    in one query: each source's earliest and latest row by its year column or date (an
    index look-up each), not a UNION of the year of every act of every deputy. A year in
    between with no act at all is still offered (its rankings are empty)."""
    ends: dict[str, Any] = {}
    for n, source in enumerate(sources()):
        rows = source.acts(congress_id)
        column = source.year or source.date
        rows = rows.exclude(**{f"{column}__isnull": True})
        ends[f"first_{n}"] = Subquery(rows.order_by(column).values(column)[:1])
        ends[f"last_{n}"] = Subquery(rows.order_by(f"-{column}").values(column)[:1])
    found = Congress.objects.filter(pk=congress_id).values(**ends).first() or {}
    years = [_year(v) for v in found.values() if v is not None]
    return list(range(max(years), min(years) - 1, -1)) if years else []


def _year(value: Any) -> int:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).year
    if isinstance(value, datetime.date):
        return value.year
    return int(value)
