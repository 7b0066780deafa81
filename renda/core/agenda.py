"""What a standing committee meeting does to the cases on its agenda, for the app that owns
them: an app registers the kind of case a meeting can take up (a regulation to read, a
decision, a person to appoint, a report to hear), which of its cases may be put on an agenda,
what happens when the meeting has heard the item, and what a closed vote on it decides. The
meetings app calls `item_heard` and `vote_closed` in the same transaction as its own change;
apps never import each other."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models


@dataclass(frozen=True)
class VoteResult:
    """A closed vote, as the case's app reads it."""

    passed: bool
    votes_for: int
    votes_against: int
    votes_abstain: int
    members: int
    day: datetime.date  # the day it was taken
    meeting_title: str
    vote_id: int


@dataclass(frozen=True)
class Heard:
    """An agenda item the meeting took up, as the case's app reads it once the meeting closed."""

    kind: str  # the item's kind (a reading, a report…)
    day: datetime.date  # the meeting's first day
    meeting_title: str
    item_id: int


OnVote = Callable[[Any, VoteResult, Any], None]  # (case, result, actor)
OnHeard = Callable[[Any, Heard, Any], None]  # (case, heard, actor)


@dataclass(frozen=True)
class AgendaCase:
    model: type[models.Model]
    kinds: tuple[str, ...] = ()  # the agenda item kinds this case type is put on the agenda as
    candidates: Callable[[int], models.QuerySet[Any]] | None = None  # congress id -> cases
    on_vote: OnVote | None = None
    on_heard: OnHeard | None = None


_CASES: dict[type[models.Model], AgendaCase] = {}


def register(
    model: type[models.Model],
    *,
    on_vote: OnVote | None = None,
    on_heard: OnHeard | None = None,
    kinds: tuple[str, ...] = (),
    candidates: Callable[[int], models.QuerySet[Any]] | None = None,
) -> None:
    _CASES[model] = AgendaCase(model, kinds, candidates, on_vote, on_heard)


# The satisfaction polls an item of a kind holds (the key suggestions' polls at the item hearing
# the government's report on them): kind -> (congress id, first day, last day) -> polls.
PollsOf = Callable[[int, datetime.date, datetime.date], models.QuerySet[Any]]
_POLLS: dict[str, PollsOf] = {}
POLL_LEAD_DAYS = 14  # polls opened this long before the meeting are the ones it hears


def register_polls(kind: str, polls: PollsOf) -> None:
    _POLLS[kind] = polls


def polls_for(kind: str, congress_id: int, first: datetime.date, last: datetime.date) -> list[Any]:
    """The polls an agenda item of `kind` holds at a meeting from `first` to `last`: those the
    kind's app opened from POLL_LEAD_DAYS before the meeting to its last day."""
    polls = _POLLS.get(kind)
    if polls is None:
        return []
    return list(polls(congress_id, first - datetime.timedelta(days=POLL_LEAD_DAYS), last))


def candidates(congress_id: int, kind: str) -> list[tuple[str, str]]:
    """The cases staff may put on an agenda as an item of `kind`: ("app.model:pk", label)."""
    found: list[tuple[str, str]] = []
    for case in _CASES.values():
        if kind in case.kinds and case.candidates is not None:
            label = case.model._meta.label_lower
            found.extend((f"{label}:{row.pk}", str(row)) for row in case.candidates(congress_id))
    return found


def resolve(key: str, congress_id: int, kind: str) -> Any:
    """The case a candidate key names, among those `candidates` offers (else None)."""
    label, _sep, pk = key.partition(":")
    for case in _CASES.values():
        if case.model._meta.label_lower == label and kind in case.kinds and case.candidates:
            return case.candidates(congress_id).filter(pk=pk).first() if pk.isdigit() else None
    return None


def _case(case_type_id: int | None, case_id: int | None) -> tuple[Any, AgendaCase | None]:
    if case_type_id is None or case_id is None:
        return None, None
    model = ContentType.objects.get_for_id(case_type_id).model_class()
    registered = _CASES.get(model) if model is not None else None
    if registered is None or model is None:
        return None, None
    return model._default_manager.get(pk=case_id), registered


def vote_closed(
    case_type_id: int | None, case_id: int | None, result: VoteResult, actor: Any
) -> None:
    """Tell the case's app that a vote about it closed (nothing for a vote about no case, or
    about a kind of case no app registered)."""
    case, registered = _case(case_type_id, case_id)
    if registered is not None and registered.on_vote is not None:
        registered.on_vote(case, result, actor)


def item_heard(case_type_id: int | None, case_id: int | None, heard: Heard, actor: Any) -> None:
    """Tell the case's app that the meeting heard an item about it."""
    case, registered = _case(case_type_id, case_id)
    if registered is not None and registered.on_heard is not None:
        registered.on_heard(case, heard, actor)
