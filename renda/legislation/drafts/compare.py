"""Compare two versions of a draft article by article, marking the words that changed."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .parser import Article, Draft

ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"
EQUAL, DELETE, INSERT = "equal", "delete", "insert"

# Below this share of common wording two articles with different numbers are different
# articles (one removed, one added), not one article rewritten and renumbered.
SIMILARITY_THRESHOLD = 0.5
# Aligning a wholly rewritten long draft pair by pair would be slow; past this many pairs
# only articles that kept their number are paired.
MAX_ALIGNED_PAIRS = 40_000

# Chinese is compared character by character; Latin words and numbers (2025, PM2.5) whole.
_TOKEN_RE = re.compile(r"[A-Za-z0-9_.%]+|\s+|.", re.S)

Segment = tuple[str, str]


@dataclass
class ArticleChange:
    """What happened to one article between two versions."""

    kind: str
    old: Article | None
    new: Article | None
    segments: list[Segment]
    similarity: float = 1.0

    @property
    def old_number(self) -> int | None:
        return self.old.number if self.old else None

    @property
    def new_number(self) -> int | None:
        return self.new.number if self.new else None

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and self.old.number != self.new.number

    def html(self) -> SafeString:
        return segments_html(self.segments)


def compare(old: Draft, new: Draft) -> list[ArticleChange]:
    """Every article of both versions, in reading order, as added, removed, changed or unchanged.

    Identical articles are matched first (so an inserted article does not make every later one
    "changed"); the rest are paired by similarity, or by number when they kept it.
    """
    olds, news = old.articles(), new.articles()
    matcher = SequenceMatcher(None, [a.text for a in olds], [a.text for a in news], autojunk=False)
    changes: list[ArticleChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes.extend(
                ArticleChange(UNCHANGED, before, after, [(EQUAL, after.text)])
                for before, after in zip(olds[i1:i2], news[j1:j2], strict=True)
            )
        else:
            changes.extend(_align(olds[i1:i2], news[j1:j2]))
    return changes


def summarize(changes: list[ArticleChange]) -> dict[str, int]:
    counts = Counter(change.kind for change in changes)
    return {kind: counts[kind] for kind in (ADDED, REMOVED, CHANGED, UNCHANGED)}


def _align(olds: list[Article], news: list[Article]) -> list[ArticleChange]:
    """Pair the articles of a differing stretch so that the total similarity is highest."""
    exhaustive = len(olds) * len(news) <= MAX_ALIGNED_PAIRS
    weights: dict[tuple[int, int], float] = {}
    for i, before in enumerate(olds):
        for j, after in enumerate(news):
            same_number = before.number == after.number
            if not exhaustive and not same_number:
                continue
            ratio = SequenceMatcher(None, before.text, after.text, autojunk=False).ratio()
            if same_number or ratio >= SIMILARITY_THRESHOLD:
                # A small bonus for a kept number breaks ties in favour of the obvious pair.
                weights[i, j] = ratio + (0.01 if same_number else 0.0)
    # Classic alignment table: best[i][j] is the best score for olds[:i] against news[:j].
    best = [[0.0] * (len(news) + 1) for _ in range(len(olds) + 1)]
    for i in range(1, len(olds) + 1):
        for j in range(1, len(news) + 1):
            paired = best[i - 1][j - 1] + weights.get((i - 1, j - 1), float("-inf"))
            best[i][j] = max(best[i - 1][j], best[i][j - 1], paired)
    steps: list[ArticleChange] = []
    i, j = len(olds), len(news)
    while i or j:
        weight = weights.get((i - 1, j - 1)) if i and j else None
        if weight is not None and best[i][j] == best[i - 1][j - 1] + weight:
            before, after = olds[i - 1], news[j - 1]
            segments = diff_words(before.text, after.text)
            kind = CHANGED if before.text != after.text else UNCHANGED
            steps.append(ArticleChange(kind, before, after, segments, min(weight, 1.0)))
            i, j = i - 1, j - 1
        elif j and (not i or best[i][j] == best[i][j - 1]):
            steps.append(ArticleChange(ADDED, None, news[j - 1], [(INSERT, news[j - 1].text)], 0))
            j -= 1
        else:
            steps.append(ArticleChange(REMOVED, olds[i - 1], None, [(DELETE, olds[i - 1].text)], 0))
            i -= 1
    steps.reverse()
    return steps


def diff_words(old: str, new: str) -> list[Segment]:
    """The edit from old to new as (equal|delete|insert, text) segments, in order."""
    a, b = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    raw: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == EQUAL:
            raw.append((EQUAL, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append((DELETE, "".join(a[i1:i2])))
        if j2 > j1:
            raw.append((INSERT, "".join(b[j1:j2])))
    return _tidy(raw)


def _tidy(segments: list[Segment]) -> list[Segment]:
    """Fold single shared characters (的, 和) between two edits into the edit.

    Character diffs of Chinese otherwise shred a rewritten phrase into pieces that keep
    the odd common character, which is hard to read.
    """
    out: list[Segment] = []
    deleted = inserted = ""

    def flush() -> None:
        nonlocal deleted, inserted
        if deleted:
            out.append((DELETE, deleted))
        if inserted:
            out.append((INSERT, inserted))
        deleted = inserted = ""

    for index, (op, text) in enumerate(segments):
        if op == EQUAL:
            if len(text) <= 1 and 0 < index < len(segments) - 1:
                deleted += text
                inserted += text
                continue
            flush()
            out.append((op, text))
        elif op == DELETE:
            deleted += text
        else:
            inserted += text
    flush()
    return out


def segments_html(segments: list[Segment]) -> SafeString:
    """Segments as escaped HTML with <del> and <ins>; show it with CSS white-space: pre-line."""
    tags = {DELETE: "del", INSERT: "ins"}
    parts = [
        escape(text) if op == EQUAL else f"<{tags[op]}>{escape(text)}</{tags[op]}>"
        for op, text in segments
    ]
    return mark_safe("".join(parts))  # every piece of text is escaped above
