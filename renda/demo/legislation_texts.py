"""The demo regulations' wording: first-reading drafts, the changes opinions led to, opinions.

All fictional, written in the layout and register of a city's local regulations.

The wording itself is in data/legislation.json; this module gives it its types.
"""

from __future__ import annotations

from dataclasses import dataclass

from renda.demo.data import load


@dataclass(frozen=True)
class Change:
    """One change between the first-reading draft and the second, and the opinion behind it."""

    op: str  # "replace" an article, "insert" one after it, or "delete" it
    article: int  # the article of the first-reading draft
    opinion: str  # what was said about that article
    source: str  # "deputy", "public", or the county whose contact point gathered it
    text: str = ""  # the new wording, paragraphs and items one a line (replace, insert)
    outcome: str = "adopted"  # or "partly_adopted"
    reason: str = ""


@dataclass(frozen=True)
class DraftSpec:
    title: str  # the regulation's title, without 草案
    text: str  # the first-reading draft as staff would paste it
    changes: tuple[Change, ...] = ()


_DATA = load("legislation", {"Change": Change, "DraftSpec": DraftSpec})

RED_SITES: DraftSpec = _DATA["RED_SITES"]
WATER_SOURCES: DraftSpec = _DATA["WATER_SOURCES"]
WASTE_SORTING: DraftSpec = _DATA["WASTE_SORTING"]
LAWMAKING_REVISION: DraftSpec = _DATA["LAWMAKING_REVISION"]
DRAFTS_2024: tuple[DraftSpec, ...] = _DATA["DRAFTS_2024"]
MASKS: DraftSpec = _DATA["MASKS"]
BEEF_CRAFT: DraftSpec = _DATA["BEEF_CRAFT"]
# {label}: 第十二条; {phrase}: a few words of the article's own wording.
ARTICLE_OPINIONS: tuple[str, ...] = _DATA["ARTICLE_OPINIONS"]
DRAFT_OPINIONS: tuple[str, ...] = _DATA["DRAFT_OPINIONS"]
PUBLIC_OPINIONS: tuple[str, ...] = _DATA["PUBLIC_OPINIONS"]
# Public posts that moderation keeps out, with the reason staff give.
SPAM: tuple[tuple[str, str], ...] = _DATA["SPAM"]
NOT_ADOPTED_REASONS: tuple[str, ...] = _DATA["NOT_ADOPTED_REASONS"]
# Adopted opinions that changed no article: what was done instead.
ADOPTED_NOTES: tuple[str, ...] = _DATA["ADOPTED_NOTES"]
CONSULTATION_NOTICE: str = _DATA["CONSULTATION_NOTICE"]
CLOSE_COMMENT: str = _DATA["CLOSE_COMMENT"]
TOPICS_CLOSED: tuple[tuple[str, str], ...] = _DATA["TOPICS_CLOSED"]
TOPICS_OPEN: tuple[tuple[str, str], ...] = _DATA["TOPICS_OPEN"]
TOPIC_ANSWERS: tuple[str, ...] = _DATA["TOPIC_ANSWERS"]
TOPIC_SUMMARY: str = _DATA["TOPIC_SUMMARY"]
