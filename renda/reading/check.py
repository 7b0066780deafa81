"""The point-by-point reply check (逐条回应): does a reply answer every point of a suggestion
(or of a constituent's opinion)?

- ``points``: the proposal points of a suggestion, as the deputy numbered or marked them
  (一是/二是, 1./2./1、, （一）（二）, 一、二、, ①②, 第一/第二, 首先/其次, 建议…；建议…), or its
  sentences when it marks none.
- ``passages``: a reply's paragraphs, a long one cut into its sentences.
- ``check``: for each point the reply passage most like it (renda.routing.engine.similarities:
  the one text pipeline's words and character bigrams), the reply's stock phrases left out
  (data/stock_phrases.txt), and a mark: answered, weakly answered or not answered. A reply
  made mostly of stock phrases, or repeating a previous reply of the same unit, is flagged as
  boilerplate; one repeating a reply of an earlier year as copied.

A warning for people to read, never a refusal. The thresholds are all here, chosen on the
labelled set of the demo year (README, "Reading help"; `renda reading evaluate`).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from renda.core.text import normalize
from renda.routing.engine import similarities

# --- thresholds (measured: README "Reading help"; renda reading evaluate) --------------------
ANSWERED = 0.30  # a point whose best passage scores this much is answered
WEAK = 0.18  # from here up to ANSWERED: weakly answered; below: not answered
STOCK_SHARE = 0.60  # a reply whose text is this much stock phrases is boilerplate
REPEAT = 0.90  # this like a previous reply of the same unit (same year): boilerplate
COPY = 0.90  # this like a reply of an earlier year: copied
LONG_PASSAGE = 160  # characters: a longer paragraph is cut into its sentences
PREVIOUS_LIMIT = 300  # previous replies a check compares with (the newest)

ANSWERED_MARK, WEAK_MARK, MISSING_MARK = "answered", "weak", "missing"

_NUM = "一二三四五六七八九十"
# Each family of markers, by how deputies number their points; the first family found at
# least twice, in order, splits the text.
_FAMILIES: tuple[tuple[str, str], ...] = (
    ("shi", rf"(?:(?<=^)|(?<=[\n。；;：:，,！!]))\s*[{_NUM}]+是[，,、：:]?"),
    ("paren-cn", rf"[（(][{_NUM}]+[)）]"),
    ("circled", r"[①②③④⑤⑥⑦⑧⑨⑩]"),
    ("dun-cn", rf"(?:(?<=^)|(?<=[\n。；;：:]))\s*[{_NUM}]+、"),
    ("digit", r"(?:(?<=^)|(?<=[\n。；;：:]))\s*\d{1,2}\s*[.、．)）](?!\d)"),
    ("paren-digit", r"[（(]\d{1,2}[)）]"),
    ("di", rf"(?:(?<=^)|(?<=[\n。；;：:]))\s*第[{_NUM}]+[，,、：:]"),
    ("order", r"(?:(?<=^)|(?<=[\n。；;：:]))\s*(?:首先|其次|再次|然后|最后)[，,、：:]?"),
)
_FAMILY_RES = tuple((name, re.compile(pattern, re.MULTILINE)) for name, pattern in _FAMILIES)
_SENTENCE_END_RE = re.compile(r"(?<=[。！？!?；;\n])")
_CLAUSE_JOIN_RE = re.compile(r"[，,](?=同时|此外|另外|并且|还要)")
_SUGGEST_RE = re.compile(r"(?:^|(?<=[。；;\n：:]))\s*建议")
_END_RE = re.compile(r"[。！？!?\n]")
_PUNCT_RE = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Point:
    number: int  # 1, 2, … in the order written
    text: str


@dataclass(frozen=True)
class Passage:
    number: int
    text: str


@dataclass(frozen=True)
class PointCheck:
    point: Point
    mark: str  # ANSWERED_MARK, WEAK_MARK or MISSING_MARK
    score: float
    passage: Passage | None  # the reply's passage most like the point

    @property
    def answered(self) -> bool:
        return self.mark == ANSWERED_MARK


@dataclass(frozen=True)
class Previous:
    """A reply the unit sent before (for another case), as the domain app gives it."""

    text: str
    year: int
    label: str  # what the page names it by (the suggestion's number and title)
    url: str = ""


@dataclass(frozen=True)
class Resemblance:
    previous: Previous
    score: float


@dataclass
class Check:
    points: list[PointCheck]
    stock_share: float  # how much of the reply is stock phrases (0–1)
    repeats: Resemblance | None = None  # a previous reply of the same unit it repeats
    copied: Resemblance | None = None  # an earlier year's reply it copies
    numbered: bool = True  # the points were marked in the text (not sentences)

    @property
    def missing(self) -> list[PointCheck]:
        return [p for p in self.points if p.mark == MISSING_MARK]

    @property
    def weak(self) -> list[PointCheck]:
        return [p for p in self.points if p.mark == WEAK_MARK]

    @property
    def boilerplate(self) -> bool:
        return self.stock_share >= STOCK_SHARE or self.repeats is not None

    @property
    def warnings(self) -> bool:
        return bool(self.missing or self.weak or self.boilerplate or self.copied)


# --- the stock phrases -----------------------------------------------------------------------


@functools.cache
def stock_phrases() -> tuple[str, ...]:
    """The stock phrases (data/stock_phrases.txt), normalised, longest first."""
    path = Path(__file__).with_name("data") / "stock_phrases.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    phrases = {normalize(x) for x in lines if x.strip() and not x.lstrip().startswith("#")}
    return tuple(sorted(phrases, key=len, reverse=True))


@functools.cache
def _stock_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(p) for p in stock_phrases()))


def without_stock(text: str) -> str:
    """The normalised text less its stock phrases."""
    return _stock_re().sub(" ", normalize(text))


def stock_share(text: str) -> float:
    """How much of the text's characters (punctuation aside) are stock phrases."""
    total = len(_PUNCT_RE.sub("", normalize(text)))
    if not total:
        return 0.0
    left = len(_PUNCT_RE.sub("", without_stock(text)))
    return round(1 - left / total, 4)


# --- splitting -------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return text.strip(" \t\n，,；;。、：:！!？?")


def _sentences(text: str) -> list[str]:
    return [s for s in (_clean(x) for x in _SENTENCE_END_RE.split(text)) if s]


def _by_markers(text: str) -> list[str] | None:
    for _name, pattern in _FAMILY_RES:
        found = list(pattern.finditer(text))
        if len(found) < 2:
            continue
        pieces = []
        for i, m in enumerate(found):
            end = found[i + 1].start() if i + 1 < len(found) else len(text)
            piece = text[m.end() : end]
            if i + 1 == len(found):  # the last point ends with its sentence
                stop = _END_RE.search(piece)
                piece = piece[: stop.start()] if stop else piece
            pieces.append(_clean(piece))
        pieces = [p for p in pieces if p]
        if len(pieces) >= 2:
            return pieces
    return None


def _by_suggest(text: str) -> list[str] | None:
    """建议…；建议…: each sentence or clause that opens with 建议."""
    found = list(_SUGGEST_RE.finditer(text))
    if len(found) < 2:
        return None
    pieces = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        piece = text[m.start() : end]
        stop = _END_RE.search(piece)
        pieces.append(_clean(piece[: stop.start()] if stop else piece))
    return [p for p in pieces if p]


def _by_clauses(text: str) -> list[str] | None:
    """建议有关部门…，同时…，此外还要…: one sentence of proposals joined by connectives."""
    for sentence in _sentences(text):
        if "建议" in sentence and _CLAUSE_JOIN_RE.search(sentence):
            head = sentence[sentence.index("建议") :]
            parts = [_clean(p) for p in _CLAUSE_JOIN_RE.split(head)]
            return [p for p in parts if p] or None
    return None


def split_points(text: str) -> tuple[list[Point], bool]:
    """The proposal points of `text` and whether they were marked in it (False: its
    sentences, as nothing marks the points)."""
    text = text.replace("\r\n", "\n")
    pieces = _by_markers(text) or _by_suggest(text) or _by_clauses(text)
    numbered = pieces is not None
    if pieces is None:
        pieces = _sentences(text)
    return [Point(i, p) for i, p in enumerate(pieces, 1)], numbered


def points(text: str) -> list[Point]:
    return split_points(text)[0]


def passages(text: str) -> list[Passage]:
    """A reply's paragraphs, a paragraph longer than LONG_PASSAGE cut into its sentences."""
    found: list[str] = []
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        paragraph = _clean(paragraph)
        if not paragraph:
            continue
        found.extend(_sentences(paragraph) if len(paragraph) > LONG_PASSAGE else [paragraph])
    return [Passage(i, p) for i, p in enumerate(found, 1)]


# --- the check -------------------------------------------------------------------------------


def mark(score: float) -> str:
    if score >= ANSWERED:
        return ANSWERED_MARK
    return WEAK_MARK if score >= WEAK else MISSING_MARK


def _best(point: Point, candidates: Sequence[Passage]) -> tuple[float, Passage | None]:
    if not candidates:
        return 0.0, None
    scores = similarities(without_stock(point.text), [without_stock(c.text) for c in candidates])
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    return scores[best], candidates[best]


def _closest(text: str, others: Sequence[Previous]) -> Resemblance | None:
    if not others or not text.strip():
        return None
    scores = similarities(text, [o.text for o in others])
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    return Resemblance(others[best], scores[best])


def check(
    request: str, reply: str, *, year: int | None = None, previous: Sequence[Previous] = ()
) -> Check:
    """The check of `reply` against the points of `request` (a suggestion's or an opinion's
    text). `previous`: the replies the same unit sent to other cases; one of `year` it
    repeats makes the reply boilerplate, one of an earlier year it repeats, copied."""
    found, numbered = split_points(request)
    reply_passages = passages(reply)
    checks = []
    for point in found:
        score, passage = _best(point, reply_passages)
        checks.append(PointCheck(point, mark(score), score, passage))
    result = Check(points=checks, stock_share=stock_share(reply), numbered=numbered)
    previous = list(previous)[:PREVIOUS_LIMIT]
    same_year = [p for p in previous if year is None or p.year >= year]
    earlier = [p for p in previous if year is not None and p.year < year]
    repeats = _closest(reply, same_year)
    if repeats is not None and repeats.score >= REPEAT:
        result.repeats = repeats
    copied = _closest(reply, earlier)
    if copied is not None and copied.score >= COPY:
        result.copied = copied
    return result


def cached_check(
    request: str, reply: str, *, year: int | None = None, previous: Sequence[Previous] = ()
) -> Check:
    """check(), remembered for a day per texts (a case's page shows the same replies often)."""
    from django.core.cache import cache

    h = hashlib.blake2b(digest_size=16)
    for text in (request, reply, str(year), *(f"{p.year}{p.label}{p.text}" for p in previous)):
        h.update(text.encode())
        h.update(b"\0")
    key = f"reading:check:{h.hexdigest()}"
    found = cache.get(key)
    if found is None:
        found = check(request, reply, year=year, previous=previous)
        cache.set(key, found, 24 * 3600)
    return found
