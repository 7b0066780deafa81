"""What domains give the routing engine (they register; the engine imports no domain):

- a routing source per kind of case that is assigned to units (suggestions, constituents'
  opinions): its labelled history (past assignments, with the units and the category chosen)
  and its categories with their keywords, for the fallback when history is thin;
- a provider of candidates for similar cases: the texts of one year a user may see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Labelled:
    """One past routing decision: the text, the units it went to (the lead first) and its
    category."""

    text: str
    units: tuple[int, ...]
    category: str


@dataclass(frozen=True)
class Candidate:
    """A case that may be about the same matter as a text."""

    kind: str  # "suggestion", "opinion", "petition"
    pk: int
    title: str
    text: str
    url: str  # "" when the user may not open it
    label: str | Promise  # what it is, as the user reads it ("No. 12", "Constituent's opinion")
    state: str | Promise = ""
    mergeable: bool = False  # a suggestion that another one can be merged into


@dataclass(frozen=True)
class Source:
    kind: str
    name: str | Promise
    history: Callable[[int], Iterable[Labelled]]  # congress id -> past decisions
    categories: dict[str, tuple[str, ...]] = field(default_factory=dict)  # value -> keywords
    category_names: Callable[[], dict[str, Any]] = dict


# fn(user, congress_id, year, exclude) -> candidates, per kind
CandidateProvider = Callable[[Any, int, int, tuple[str, int] | None], Iterable[Candidate]]

_SOURCES: dict[str, Source] = {}
_CANDIDATES: dict[str, CandidateProvider] = {}


def register_source(source: Source) -> None:
    _SOURCES[source.kind] = source


def register_candidates(kind: str, provider: CandidateProvider) -> None:
    _CANDIDATES[kind] = provider


def sources() -> dict[str, Source]:
    return dict(_SOURCES)


def source(kind: str) -> Source:
    return _SOURCES[kind]


def candidate_providers() -> dict[str, CandidateProvider]:
    return dict(_CANDIDATES)
