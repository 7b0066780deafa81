"""The demo suggestions' wording: topics by handling unit, with problems, proposals and replies.

All fictional, written in the register of real suggestions to a city congress.

The wording itself is in data/suggestion.json; this module gives it its types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from renda.demo.data import load


@dataclass(frozen=True)
class Topic:
    unit: str  # handling unit, name without the city
    category: str  # suggestions.models.Category value
    title: str  # {place} is a county or town
    problem: str
    proposals: tuple[str, str, str]
    co_unit: str = ""


_DATA = load("suggestion", {"Topic": Topic})

TOPICS: tuple[Topic, ...] = _DATA["TOPICS"]
REPLY_OPENING: str = _DATA["REPLY_OPENING"]
REPLY_BODY: dict[Any, Any] = _DATA["REPLY_BODY"]
FIELDS: dict[Any, Any] = _DATA["FIELDS"]
PROMISES: tuple[Any, ...] = _DATA["PROMISES"]
CONTACT_NOTES: tuple[Any, ...] = _DATA["CONTACT_NOTES"]
EVALUATION_COMMENTS: dict[Any, Any] = _DATA["EVALUATION_COMMENTS"]
