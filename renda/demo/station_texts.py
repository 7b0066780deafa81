"""Texts of the demo contact stations' work: activity titles, duty records, constituents'
opinions with the unit each goes to, and what the station or the unit says back.

The wording itself is in data/station.json; this module gives it its types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from renda.demo.data import load


@dataclass(frozen=True)
class OpinionTopic:
    category: str
    unit: str  # the unit it is referred to, under the city's name (晋中市…)
    content: str  # {place} is where
    outcome: str  # resolved on the spot: what the constituent was told
    answer: str  # the unit's answer
    plan: str = "已纳入下一年度工作计划，将根据资金安排逐步解决，届时告知。"


_DATA = load("station", {"OpinionTopic": OpinionTopic})

# Activity titles per kind; {town} is the station's township, {month} the month.
ACTIVITY_TITLES: dict[str, tuple[str, ...]] = _DATA["ACTIVITY_TITLES"]
# Reception days receive most constituents; (low, high) per kind before scaling.
RECEIVED: dict[str, tuple[int, int]] = _DATA["RECEIVED"]
KIND_WEIGHTS: dict[str, int] = _DATA["KIND_WEIGHTS"]
DUTY_TITLES: tuple[Any, ...] = _DATA["DUTY_TITLES"]
DUTY_TEXTS: tuple[Any, ...] = _DATA["DUTY_TEXTS"]
# (place, title, month, day, days)
TRAININGS: tuple[Any, ...] = _DATA["TRAININGS"]
OPINION_TOPICS: tuple[OpinionTopic, ...] = _DATA["OPINION_TOPICS"]
DISMISS_REASONS: tuple[Any, ...] = _DATA["DISMISS_REASONS"]
# Standing committee meetings of 2024 (常委会会议) that deputies attended without a vote (列席):
# (number, month, day, main topic); the forum topic says what the attendees' forum discussed.
MEETINGS_2024: tuple[Any, ...] = _DATA["MEETINGS_2024"]
# The five meetings with an attendees' forum (列席代表座谈会), and what was said there.
FORUM_MEETINGS: tuple[Any, ...] = _DATA["FORUM_MEETINGS"]
FORUM_POINTS: dict[int, tuple[str, ...]] = _DATA["FORUM_POINTS"]
FORUM_LEADS: tuple[Any, ...] = _DATA["FORUM_LEADS"]
# Inspections, thematic research and deputy visits the standing committee organised in 2024
# (视察、专题调研和集中走访): 21, each with a group of city deputies (month, day, title).
INSPECTIONS_2024: tuple[Any, ...] = _DATA["INSPECTIONS_2024"]
# How satisfied constituents said they were with a resolved or closed opinion, as weights.
RATING_WEIGHTS: dict[Any, Any] = _DATA["RATING_WEIGHTS"]
RATING_COMMENTS: dict[Any, Any] = _DATA["RATING_COMMENTS"]
# of the resolved and closed opinions, the share whose constituent rated
RATED_SHARE: float = _DATA["RATED_SHARE"]
# What attendees said about the congress's own work at the forums (围绕人大工作).
GENERAL_POINTS: tuple[Any, ...] = _DATA["GENERAL_POINTS"]
