"""What a meeting's votes decide, for the app that owns the case voted on: an app registers
the kind of case a vote can be about (a decision, a person to appoint, a regulation's
adoption) with what happens when a vote on it closes. The meetings app calls `vote_closed`
in the closing vote's transaction; apps never import each other."""

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


OnVote = Callable[[Any, VoteResult, Any], None]  # (case, result, actor)
_HANDLERS: dict[type[models.Model], OnVote] = {}


def register(model: type[models.Model], on_vote: OnVote) -> None:
    """`on_vote(case, result, actor)` runs when a vote about a `model` case closes."""
    _HANDLERS[model] = on_vote


def vote_closed(
    case_type_id: int | None, case_id: int | None, result: VoteResult, actor: Any
) -> None:
    """Tell the case's app that a vote about it closed (nothing when the vote is about no
    case, or about a kind of case no app registered)."""
    if case_type_id is None or case_id is None:
        return
    model = ContentType.objects.get_for_id(case_type_id).model_class()
    handler = _HANDLERS.get(model) if model is not None else None
    if handler is None or model is None:
        return
    case = model._default_manager.get(pk=case_id)
    handler(case, result, actor)
