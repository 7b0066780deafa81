"""A deputy's acts, as each module records them (履职事项): the kinds, and the registry of
where each kind lives. Each app registers its sources in its own acts.py (as it registers
its figures in stats.py), so that the performance record reads every module without
importing any of them, and nothing is copied: a record is what the modules say now."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ActKind(models.TextChoices):
    """A kind of act in a deputy's record (履职事项); the scoring rules are per kind."""

    SESSION = "session", _("Session of the congress attended")  # 出席代表大会会议
    MEETING = "meeting", _("Standing committee meeting attended")  # 列席常委会会议
    SUGGESTION = "suggestion", _("Suggestion submitted")  # 领衔建议
    COSIGNED = "cosigned", _("Suggestion co-signed")  # 联名建议
    MOTION = "motion", _("Motion proposed")  # 议案
    DRAFT_OPINION = "draft_opinion", _("Opinion on a draft regulation")  # 法规草案意见
    TOPIC_ANSWER = "topic_answer", _("Opinion on a meeting topic")  # 议题征集
    FORUM_OPINION = "forum_opinion", _("Opinion at an attendee forum")  # 列席座谈
    ACTIVITY = "activity", _("Station activity")  # 联络站活动
    RECEPTION = "reception", _("Reception of constituents")  # 接待选民
    INSPECTION = "inspection", _("Inspection or research")  # 视察调研
    DUTY_RECORD = "duty_record", _("Duty record")  # 履职信息
    TRAINING = "training", _("Training attended")  # 代表培训
    OTHER = "other", _("Other duty")


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


def item(
    kind: str,
    date: datetime.date,
    title: str,
    row: Any,
    url: str = "",
    n: int = 0,
    readers_url: str = "",
) -> RecordItem:
    """One act of a record, read from its module's row."""
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


def day(value: datetime.datetime) -> datetime.date:
    """A time's day in the congress's time zone (as a year's rows are counted)."""
    return timezone.localdate(value)


@dataclass(frozen=True)
class ActSource:
    """Where one kind of act lives: its rows for a congress, the year of a row, and how to
    read one."""

    acts: Callable[[int], models.QuerySet[Any]]  # congress_id -> its rows of every year
    deputy_field: str
    item: Callable[[Any], RecordItem]
    year: str = ""  # the row's year column (a suggestion's session year)…
    date: str = ""  # …or else the date (or time) whose year it counts in
    kind: str = ""  # fixed kind; else `kind_of_value` says it per row from `kind_field`
    kind_field: str = ""
    kind_of_value: Callable[[Any], str] = str
    related: tuple[str, ...] = ()

    def kind_of(self, value: Any) -> str:
        return self.kind or self.kind_of_value(value)

    def rows(self, congress_id: int, year: int) -> models.QuerySet[Any]:
        lookup = self.year or f"{self.date}__year"
        return self.acts(congress_id).filter(**{lookup: year})

    def year_of_row(self) -> Any:
        """A row's year as an expression (times in the congress's time zone, as `rows`)."""
        return models.F(self.year) if self.year else ExtractYear(self.date)


_SOURCES: list[ActSource] = []


def register(*sources: ActSource) -> None:
    for source in sources:
        if source not in _SOURCES:
            _SOURCES.append(source)


def sources() -> list[ActSource]:
    """Every module's sources of acts (each app's acts.py, found on first use)."""
    autodiscover_modules("acts")
    return list(_SOURCES)
