"""What domains give the reply check (they register; the reading app imports no domain): per
kind of case a unit replies to (suggestions, constituents' opinions), the text whose points a
reply must answer and the unit's previous replies, for a user who may check a reply to it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from renda.reading.check import Previous


@dataclass(frozen=True)
class Subject:
    """A case a unit replies to, as the check needs it."""

    title: str
    request: str  # the text whose points the reply must answer
    year: int
    previous: Callable[[], Sequence[Previous]]  # the unit's replies to other cases, newest first
    url: str  # the case's page (back from the check)


@dataclass(frozen=True)
class Source:
    kind: str  # "suggestion", "opinion"
    # (user, pk) -> the case, or None when the user may not draft a reply to it
    subject: Callable[[Any, int], Subject | None]


_SOURCES: dict[str, Source] = {}


def register_source(source: Source) -> None:
    _SOURCES[source.kind] = source


def source(kind: str) -> Source | None:
    return _SOURCES.get(kind)
