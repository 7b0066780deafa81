"""A deputy's performance record (履职档案): their year, assembled from every module's rows.

Nothing is copied: each kind of act is read where its module keeps it, one query per source,
so the record is always what the modules say now.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone

from renda.legislation.models import Opinion, TopicAnswer
from renda.legislation.workflow import COUNTED_OPINIONS
from renda.org.models import Deputy
from renda.performance.models import ActKind, ManualEntry
from renda.stations.models import (
    ActivityAttendance,
    ActivityKind,
    DutyRecord,
    ForumOpinion,
    MeetingAttendance,
    TrainingAttendance,
)
from renda.suggestions.models import CoSigner, Motion, Suggestion, SuggestionState

# A suggestion still collecting co-signatures, or withdrawn, is not (yet) an act.
NOT_SUBMITTED = (SuggestionState.COSIGNING, SuggestionState.WITHDRAWN)
# A station activity's own kind decides which kind of act taking part in it is.
ACTIVITY_KINDS = {
    ActivityKind.RECEPTION: ActKind.RECEPTION,
    ActivityKind.INSPECTION: ActKind.INSPECTION,
    ActivityKind.RESEARCH: ActKind.INSPECTION,
}


@dataclass(frozen=True)
class RecordItem:
    kind: str
    date: datetime.date
    title: str
    source: str  # "app_label.model"
    pk: int
    url: str = ""  # its page, for whoever may see the record
    readers_url: str = ""  # a page for staff and leaders only (a training, a meeting)
    constituents: int = 0  # constituents received, for activities

    @property
    def kind_label(self) -> str:
        return str(ActKind(self.kind).label)


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


@dataclass(frozen=True)
class Source:
    """Where one kind of act lives: its rows for a congress, the year of a row, and how to
    read one."""

    acts: Callable[[int], models.QuerySet[Any]]  # congress_id -> its rows of every year
    deputy_field: str
    item: Callable[[Any], RecordItem]
    year: str = ""  # the row's year column (a suggestion's session year)…
    date: str = ""  # …or else the date (or time) whose year it counts in
    kind: str = ""  # fixed kind; else `kind_field` says it per row
    kind_field: str = ""
    related: tuple[str, ...] = ()

    def kind_of(self, value: Any) -> str:
        return self.kind or _kind_from(self.kind_field, value)

    def rows(self, congress_id: int, year: int) -> models.QuerySet[Any]:
        lookup = self.year or f"{self.date}__year"
        return self.acts(congress_id).filter(**{lookup: year})

    def year_of_row(self) -> Any:
        """A row's year as an expression (times in the congress's time zone, as `rows`)."""
        return models.F(self.year) if self.year else ExtractYear(self.date)


def _kind_from(kind_field: str, value: Any) -> str:
    if kind_field == "activity__kind":
        return str(ACTIVITY_KINDS.get(value, ActKind.ACTIVITY))
    return str(value)


def _day(value: datetime.datetime) -> datetime.date:
    return timezone.localdate(value)


def _item(
    kind: str,
    date: datetime.date,
    title: str,
    row: Any,
    url: str = "",
    n: int = 0,
    readers_url: str = "",
) -> Any:
    return RecordItem(
        kind=kind,
        date=date,
        title=title,
        source=row._meta.label_lower,
        pk=row.pk,
        url=url,
        readers_url=readers_url,
        constituents=n,
    )


def _page(name: str, pk: int) -> str:
    return reverse(name, args=[pk])


def _suggestion_url(pk: int) -> str:
    return reverse("suggestions:detail", args=[pk])


SOURCES: list[Source] = [
    Source(
        acts=lambda c: Suggestion.objects.filter(congress_id=c).exclude(state__in=NOT_SUBMITTED),
        year="year",
        deputy_field="lead_deputy",
        kind=ActKind.SUGGESTION,
        item=lambda s: _item(
            ActKind.SUGGESTION, _day(s.submitted_at), s.title, s, _suggestion_url(s.pk)
        ),
    ),
    Source(
        acts=lambda c: CoSigner.objects.filter(
            suggestion__congress_id=c, confirmed_at__isnull=False
        ).exclude(suggestion__state__in=NOT_SUBMITTED),
        year="suggestion__year",
        deputy_field="deputy",
        kind=ActKind.COSIGNED,
        related=("suggestion",),
        item=lambda cs: _item(
            ActKind.COSIGNED,
            _day(cs.confirmed_at),
            cs.suggestion.title,
            cs.suggestion,
            _suggestion_url(cs.suggestion_id),
        ),
    ),
    Source(
        acts=lambda c: Motion.deputies.through.objects.filter(motion__congress_id=c),
        year="motion__year",
        deputy_field="deputy",
        kind=ActKind.MOTION,
        related=("motion",),
        item=lambda m: _item(ActKind.MOTION, _day(m.motion.submitted_at), m.motion.title, m.motion),
    ),
    Source(
        acts=lambda c: Opinion.objects.filter(congress_id=c, state__in=COUNTED_OPINIONS),
        date="submitted_at",
        deputy_field="deputy",
        kind=ActKind.DRAFT_OPINION,
        related=("consultation",),
        item=lambda o: _item(
            ActKind.DRAFT_OPINION,
            _day(o.submitted_at),
            o.consultation.title,
            o,
            reverse("legislation:opinion", args=[o.pk]),
        ),
    ),
    Source(
        acts=lambda c: TopicAnswer.objects.filter(topic__solicitation__congress_id=c),
        date="answered_at",
        deputy_field="deputy",
        kind=ActKind.TOPIC_ANSWER,
        related=("topic__solicitation",),
        item=lambda a: _item(
            ActKind.TOPIC_ANSWER,
            _day(a.answered_at),
            f"{a.topic.solicitation.meeting_title}: {a.topic.title}",
            a,
        ),
    ),
    Source(
        acts=lambda c: ForumOpinion.objects.filter(forum__meeting__congress_id=c),
        date="forum__held_on",
        deputy_field="deputy",
        kind=ActKind.FORUM_OPINION,
        related=("forum__meeting",),
        item=lambda f: _item(
            ActKind.FORUM_OPINION,
            f.forum.held_on,
            f.forum.meeting.title,
            f,
            readers_url=_page("stations:meeting_detail", f.forum.meeting_id),
        ),
    ),
    Source(
        acts=lambda c: MeetingAttendance.objects.filter(meeting__congress_id=c),
        date="meeting__date",
        deputy_field="deputy",
        kind=ActKind.MEETING,
        related=("meeting",),
        item=lambda m: _item(
            ActKind.MEETING,
            m.meeting.date,
            m.meeting.title,
            m.meeting,
            readers_url=_page("stations:meeting_detail", m.meeting_id),
        ),
    ),
    Source(
        acts=lambda c: ActivityAttendance.objects.filter(activity__congress_id=c),
        date="activity__date",
        deputy_field="deputy",
        kind_field="activity__kind",
        related=("activity",),
        item=lambda a: _item(
            _kind_from("activity__kind", a.activity.kind),
            a.activity.date,
            a.activity.title,
            a.activity,
            _page("stations:activity_detail", a.activity_id),
            n=a.activity.constituents_received,
        ),
    ),
    Source(
        acts=lambda c: DutyRecord.objects.filter(congress_id=c),
        date="date",
        deputy_field="deputy",
        kind=ActKind.DUTY_RECORD,
        item=lambda d: _item(
            ActKind.DUTY_RECORD, d.date, d.title, d, _page("stations:duty_detail", d.pk)
        ),
    ),
    Source(
        acts=lambda c: TrainingAttendance.objects.filter(training__congress_id=c),
        date="training__start_date",
        deputy_field="deputy",
        kind=ActKind.TRAINING,
        related=("training",),
        item=lambda t: _item(
            ActKind.TRAINING,
            t.training.start_date,
            t.training.title,
            t.training,
            readers_url=_page("stations:training_detail", t.training_id),
        ),
    ),
    Source(
        acts=lambda c: ManualEntry.objects.filter(congress_id=c),
        year="year",
        deputy_field="deputy",
        kind_field="kind",
        item=lambda e: _item(e.kind, e.date, e.title, e),
    ),
]


def record_for(deputy: Deputy, year: int) -> Record:
    """Everything `deputy` did in `year`, oldest first: one query per source."""
    items: list[RecordItem] = []
    for source in SOURCES:
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
    for source in SOURCES:
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
    """The years in which `deputy` has anything in their record, latest first: one query."""
    return _years(deputy.congress_id, deputy)


def years_of_congress(congress_id: int) -> list[int]:
    """The years in which any deputy of the congress has acts, latest first: one query."""
    return _years(congress_id, None)


def _years(congress_id: int, deputy: Deputy | None) -> list[int]:
    per_source = []
    for source in SOURCES:
        rows = source.acts(congress_id)
        if deputy is not None:
            rows = rows.filter(**{source.deputy_field: deputy})
        rows = rows.order_by().annotate(act_year=source.year_of_row())
        per_source.append(rows.values_list("act_year", flat=True))
    years = per_source[0].union(*per_source[1:])  # UNION: each year once
    return sorted({int(y) for y in years if y is not None}, reverse=True)
