"""Which texts the hot topics (民意热点) group: each domain registers a source here (as apps
register their statistics in core/stats.py and their documents in search/registry.py), so the
reading app imports no domain.

A source gives, for a period and the filters chosen, the rows the user may see: one text each,
with where it comes from (county, station) and the page that shows it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Row:
    """One text to group. `noise`: words of the text that say where, not what (the place it
    names): left out of the grouping so that two opinions of one village are not a theme."""

    kind: str  # the source's kind: "opinion", "suggestion"
    pk: int
    title: str  # what a list shows of it (a suggestion's title, an opinion's first words)
    text: str  # what is grouped
    url: str  # its page for the user ("" when they may not open it)
    category: str  # the source's category code
    category_label: str
    county: str = ""  # the county-level area's name ("" when not known)
    station: str = ""  # the contact station's name ("" when none)
    noise: tuple[str, ...] = ()
    # Counted in its theme but never quoted as an example (a confidential suggestion).
    quotable: bool = True

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.pk)


@dataclass(frozen=True)
class Filters:
    """The period (both days included) and the filters: `county` a county congress's id,
    `station` a contact station's id, `category` a category code (a source that has no such
    category gives nothing)."""

    start: datetime.date
    end: datetime.date
    county: int | None = None
    station: int | None = None
    category: str = ""

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The period as aware datetimes in the current time zone, the end excluded: a range
        an index on a datetime column serves (a `__date` lookup casts every row)."""
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        end = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        return start, end


def url_maker(viewname: str) -> Callable[[int], str]:
    """pk -> the URL of `viewname` for it, reversed once (a month of a city's opinions is
    thousands of rows)."""
    sentinel = 987654321
    pattern = reverse(viewname, args=[sentinel])
    return lambda pk: pattern.replace(str(sentinel), str(pk))


def short(text: str, chars: int) -> str:
    """The text on one line, cut to `chars` characters with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= chars else f"{line[: chars - 1]}…"


class RowsFunction(Protocol):
    def __call__(self, *, user: Any, congress: Any, filters: Filters) -> Iterable[Row]: ...


@dataclass(frozen=True)
class Source:
    """A kind of text grouped into hot topics.

    - `rows(user=, congress=, filters=)`: the rows of the congress in the period that the
      user may see, filtered;
    - `categories()`: its category codes and their names (the page's category choice);
    - `latest(congress)`: the day of its latest text (the default month), or None.
    """

    kind: str
    label: str | Promise
    rows: RowsFunction
    categories: Callable[[], dict[str, Any]]
    latest: Callable[[Any], datetime.date | None]
    order: int = 100


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    if source.kind in _SOURCES and _SOURCES[source.kind] is not source:
        raise ValueError(f"hot topics source {source.kind!r} registered twice")
    _SOURCES[source.kind] = source
    return source


def unregister(kind: str) -> None:
    """For tests that register a source of their own."""
    _SOURCES.pop(kind, None)


def sources(kinds: Iterable[str] | None = None) -> list[Source]:
    """The registered sources (those of `kinds` only, when given), in their order."""
    autodiscover_modules("themes")
    wanted = None if kinds is None else set(kinds)
    chosen = [s for k, s in _SOURCES.items() if wanted is None or k in wanted]
    return sorted(chosen, key=lambda s: (s.order, s.kind))


def categories() -> dict[str, Any]:
    """Every source's categories, by code (a code two sources share, such as `environment`,
    filters both)."""
    merged: dict[str, Any] = {}
    for source in sources():
        for code, name in source.categories().items():
            merged.setdefault(code, name)
    return merged
