"""Hot topics (民意热点): a period's constituents' opinions and suggestions grouped into themes,
each with its size, its trend against the period before, its most typical texts and the places
it comes from.

The method is the similar cases' one (renda.routing.engine), seeded by nothing and so stable:
- every text is cut into words by the one pipeline (core/text.py, the routing stop words) and
  weighted by TF-IDF over the period's texts, words and character bigrams side by side
  (`similarity_vectorisers`, WORD_WEIGHT), the place names the row gives dropped first;
- the texts are grouped by average-linkage agglomerative clustering of their cosine distances,
  cut where a theme's texts are no longer alike on average (`THRESHOLD`): the number of themes
  comes from the data, not from a setting. Rows are sorted by (kind, id) before anything, so
  the same rows in any order give the same themes; agglomerative clustering has no random
  start to seed;
- a group of fewer than `MIN_SIZE` texts is no theme: its texts are counted as the rest;
- a theme's label is its top words (highest mean TF-IDF weight over its texts), its examples
  the texts most like the rest of it, its trend the texts of the period before that would have
  joined it (average similarity to its texts at or above `THRESHOLD`, as the grouping asks).
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.cache import cache
from django.utils.translation import get_language

from renda.core import stats
from renda.core.text import cut
from renda.reading.themes_registry import Filters, Row, short, sources
from renda.routing.engine import WORD_WEIGHT, similarity_vectorisers, terms_cached

# Average similarity of a theme's texts to each other at which grouping stops (the similar
# cases' score: 0.6 words, 0.4 character bigrams). Chosen on the demo year and checked by hand:
# see the README ("Hot topics").
THRESHOLD = 0.25
MIN_SIZE = 3  # texts of a theme at least
LABEL_WORDS = 3
EXAMPLES = 3
HEADLINE_TEXTS = 5  # the theme's most typical texts its headline is taken from
PLACES = 5
EXCERPT_CHARS = 120
GROUPED_ROWS = 2000  # texts clustered at most; the others join a theme (see group())
HEADLINE_CHARS = (4, 30)  # a theme's headline: one clause of its typical texts, this long
_CLAUSE_RE = re.compile(r"[，。；！？：,.;!?:\n]+")
# 一是, 二、, 3., （四）, 五）: how proposals are numbered, left out of a headline.
_NUMBERING_RE = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|[一二三四五六七八九十]是)\s*"
    r"|^(?:建议有关部门|建议)"
)
_CLAUSE_STRIP = " \t“”\"'（）()《》"
# Words that join a clause to the one before it (和, 并, 而且, 以及 …): a headline does not open
# with one. Whole words as jieba cuts them, so 和平路, 及时, 并网 and 还款 keep their start.
_CONNECTIVE_WORDS = (
    "和 及 与 并 并且 而 而且 且 但 但是 可是 然而 不过 以及 及其 同时 另外 此外 另 还 还有 还要 "
    "也 又 或 或者 因此 所以 因而 于是 再 再者 甚至 尤其 特别是 加之 况且 何况 首先 其次 然后 最后"
)
_CONNECTIVES = frozenset(_CONNECTIVE_WORDS.split())
_LEAD_STRIP = _CLAUSE_STRIP + "，。、；：,.;:!?！？…—-·~～\u3000"


@dataclass(frozen=True)
class Example:
    kind: str
    pk: int
    title: str
    excerpt: str  # phone and ID numbers masked
    url: str
    county: str
    station: str
    score: float  # average similarity to the theme's texts


@dataclass(frozen=True)
class Share:
    name: str
    count: int


@dataclass(frozen=True)
class Theme:
    number: int  # 1 for the largest
    label: str  # its headline (else its top words joined by 、)
    words: tuple[str, ...]
    size: int
    previous: int  # texts of the period before that belong to it
    examples: tuple[Example, ...]
    counties: tuple[Share, ...]
    stations: tuple[Share, ...]
    categories: tuple[Share, ...]
    members: tuple[tuple[str, int], ...]  # (kind, id), sorted

    @property
    def trend(self) -> str:
        """ "new" (none before), "up", "down" or "flat"."""
        if not self.previous:
            return "new"
        if self.size == self.previous:
            return "flat"
        return "up" if self.size > self.previous else "down"

    @property
    def change(self) -> int | None:
        """The change against the period before, in per cent (None when there was none)."""
        if not self.previous:
            return None
        return round(100 * (self.size - self.previous) / self.previous)

    @property
    def magnitude(self) -> int | None:
        """The change's size in per cent, without its sign (the badge says up or down)."""
        return None if self.change is None else abs(self.change)


@dataclass(frozen=True)
class Grouping:
    themes: tuple[Theme, ...]
    total: int
    previous_total: int
    by_kind: tuple[tuple[str, int], ...] = ()  # texts of the period per kind

    @property
    def counted(self) -> int:
        return sum(t.size for t in self.themes)

    @property
    def rest(self) -> int:
        """Texts in no theme (alone, or in a group smaller than MIN_SIZE)."""
        return self.total - self.counted


@dataclass(frozen=True)
class HotTopics:
    """The themes of a period for the filters chosen, and the period they are compared to."""

    filters: Filters
    previous: Filters
    kinds: tuple[str, ...]
    grouping: Grouping
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def themes(self) -> tuple[Theme, ...]:
        return self.grouping.themes

    def as_dict(self) -> dict[str, Any]:
        """What `renda reading themes --json` prints."""
        g = self.grouping
        return {
            "from": self.filters.start.isoformat(),
            "to": self.filters.end.isoformat(),
            "previous_from": self.previous.start.isoformat(),
            "previous_to": self.previous.end.isoformat(),
            "kinds": list(self.kinds),
            "total": g.total,
            "counted": g.counted,
            "rest": g.rest,
            "previous_total": g.previous_total,
            "themes": [
                {
                    "number": t.number,
                    "label": t.label,
                    "size": t.size,
                    "previous": t.previous,
                    "trend": t.trend,
                    "change": t.change,
                    "counties": {s.name: s.count for s in t.counties},
                    "stations": {s.name: s.count for s in t.stations},
                    "categories": {s.name: s.count for s in t.categories},
                    "examples": [
                        {"kind": e.kind, "id": e.pk, "text": e.excerpt, "url": e.url}
                        for e in t.examples
                    ],
                }
                for t in g.themes
            ],
            **self.extra,
        }


# --- periods ---------------------------------------------------------------------------------


def month(year: int, number: int) -> tuple[datetime.date, datetime.date]:
    return (
        datetime.date(year, number, 1),
        datetime.date(year, number, calendar.monthrange(year, number)[1]),
    )


def whole_months(start: datetime.date, end: datetime.date) -> int:
    """How many calendar months the period is, when it is whole months (else 0)."""
    last_day = calendar.monthrange(end.year, end.month)[1]
    if start.day != 1 or end.day != last_day or end < start:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def period_label(start: datetime.date, end: datetime.date) -> str:
    """The period as the pages write it, in any language: 2024-06, 2024-04 – 2024-06, or its
    first and last days."""
    months = whole_months(start, end)
    if months == 1:
        return f"{start:%Y-%m}"
    if months:
        return f"{start:%Y-%m} – {end:%Y-%m}"
    return f"{start:%Y-%m-%d} – {end:%Y-%m-%d}"


def previous_period(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """The period of the same length just before: the months before for whole months (June →
    May), else as many days before."""
    months = whole_months(start, end)
    if months:
        first = datetime.date(start.year, start.month, 1)
        for _ in range(months):
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        return first, start - datetime.timedelta(days=1)
    days = (end - start).days + 1
    return start - datetime.timedelta(days=days), start - datetime.timedelta(days=1)


# --- grouping --------------------------------------------------------------------------------


def place_words(congress: Any) -> frozenset[str]:
    """The names of the congress's places: its county-level areas, townships, contact stations
    and liaison centres (a text names where before it says what)."""
    from renda.org.models import Congress, ContactStation, LiaisonCentre

    if congress is None:
        return frozenset()
    names: set[str] = set()
    for region, name in Congress.objects.filter(parent=congress).values_list("region", "name"):
        names.update((region, name))
    for township, name in ContactStation.objects.filter(congress=congress).values_list(
        "township", "name"
    ):
        names.update((township, name))
    names.update(LiaisonCentre.objects.filter(congress=congress).values_list("name", flat=True))
    return frozenset(n for n in names if len(n) >= 2)


def _cleaner(places: Iterable[str]) -> Callable[[Row], str]:
    """A function that blanks a row's own place words and every name of `places` in its text
    (the longest first, so that 松塔镇西街 goes before 松塔镇)."""
    fixed = sorted({p for p in places if p}, key=lambda p: (-len(p), p))
    pattern = re.compile("|".join(map(re.escape, fixed))) if fixed else None

    def clean(row: Row) -> str:
        text = row.text
        for word in sorted({w for w in row.noise if w}, key=len, reverse=True):
            text = text.replace(word, "")
        return pattern.sub("", text) if pattern is not None else text

    return clean


def _excerpt(text: str) -> str:
    from renda.core.privacy import mask_personal

    return mask_personal(short(text, EXCERPT_CHARS))


class _Space:
    """The texts as vectors whose dot products are the similar cases' scores (WORD_WEIGHT of the
    cosine of their words, the rest of their character bigrams'), weighted over the period."""

    def __init__(self) -> None:
        self.word, self.char = similarity_vectorisers()

    def _sparse(self, texts: list[str], *, fit: bool) -> tuple[Any, Any]:
        from scipy.sparse import hstack  # type: ignore[import-untyped]
        from sklearn.preprocessing import normalize as l2

        w = l2(self.word.fit_transform(texts) if fit else self.word.transform(texts))
        c = l2(self.char.fit_transform(texts) if fit else self.char.transform(texts))
        both = hstack([math.sqrt(WORD_WEIGHT) * w, math.sqrt(1 - WORD_WEIGHT) * c], format="csr")
        return both, w

    def fit(self, texts: list[str]) -> tuple[Any, Any]:
        """The texts' vectors and their word weights (for labels)."""
        return self._sparse(texts, fit=True)

    def transform(self, texts: list[str]) -> Any:
        return self._sparse(texts, fit=False)[0]


def _digest(key: tuple[str, int]) -> str:
    return hashlib.blake2b(f"{key[0]}:{key[1]}".encode(), digest_size=8).hexdigest()


def _dense(matrix: Any) -> Any:
    import numpy as np

    return matrix.toarray() if hasattr(matrix, "toarray") else np.asarray(matrix)


def _clusters(x: Any, threshold: float) -> list[int]:
    """Average-linkage clusters of the rows' distances (1 - score), cut at 1 - threshold."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage  # type: ignore[import-untyped]
    from scipy.spatial.distance import squareform  # type: ignore[import-untyped]

    n = x.shape[0]
    if n < 2:
        return [1] * n
    distances = 1.0 - _dense(x @ x.T)
    np.clip(distances, 0.0, 2.0, out=distances)
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="average")
    return [int(c) for c in fcluster(tree, t=1.0 - threshold, criterion="distance")]


def _label(centroid: Any, vocabulary: Sequence[str]) -> tuple[str, ...]:
    """The theme's heaviest words, a word left out when it is part of one taken or holds
    one (search-mode segmentation gives 老旧小区 and also 老旧, 小区), single characters too."""
    order = sorted(range(len(vocabulary)), key=lambda i: (-centroid[i], vocabulary[i]))
    chosen: list[str] = []
    for i in order:
        if centroid[i] <= 0 or len(chosen) == LABEL_WORDS:
            break
        word = vocabulary[i]
        if len(word) < 2 or word.isdigit() or any(word in c or c in word for c in chosen):
            continue
        chosen.append(word)
    return tuple(chosen)


def _headline_clause(clause: str) -> str:
    """A clause as a headline: without the numbering, 建议, connectives and punctuation it
    opens with ("一是和小区停车位不足" → "小区停车位不足")."""
    while True:
        clause = _NUMBERING_RE.sub("", clause).lstrip(_LEAD_STRIP)
        first = next(iter(cut(clause[:12])), "")
        if first not in _CONNECTIVES:
            return clause.strip(_CLAUSE_STRIP)
        clause = clause[len(first) :]


def _headline(texts: Iterable[str], weights: dict[str, float]) -> str:
    """The clause of the theme's most typical texts that holds most of its weight: what the
    theme is about in the constituents' own words ("通村公路路面破损严重")."""
    best, best_score = "", 0.0
    for text in texts:
        for clause in _CLAUSE_RE.split(text):
            clause = _headline_clause(" ".join(clause.split()))
            if not HEADLINE_CHARS[0] <= len(clause) <= HEADLINE_CHARS[1]:
                continue
            score = sum(weights.get(w, 0.0) for w in set(terms_cached(clause)))
            if score > best_score:
                best, best_score = clause, score
    return best


def _shares(names: Iterable[str]) -> tuple[Share, ...]:
    counts = Counter(n for n in names if n)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:PLACES]
    return tuple(Share(n, c) for n, c in ranked)


def group(
    rows: Iterable[Row],
    before: Iterable[Row] = (),
    *,
    threshold: float = THRESHOLD,
    min_size: int = MIN_SIZE,
    places: Iterable[str] = (),
) -> Grouping:
    """The themes of `rows`, largest first, each compared with `before` (the period before)."""
    import numpy as np

    ordered = sorted({r.key: r for r in rows}.values(), key=lambda r: r.key)
    earlier = sorted({r.key: r for r in before}.values(), key=lambda r: r.key)
    if not ordered:
        return Grouping((), 0, len(earlier))
    by_kind = tuple(sorted(Counter(r.kind for r in ordered).items()))
    clean = _cleaner(places)
    space = _Space()
    try:
        x, w = space.fit([clean(r) for r in ordered])
    except ValueError:  # no words at all
        return Grouping((), len(ordered), len(earlier), by_kind)
    n = len(ordered)
    # A large period: themes are made from a fixed sample (by a hash of each row's key: the
    # same rows give the same sample in any order), the other texts join the theme they are
    # most like on average if at least `threshold` (the rule that made it), so the cost stops
    # growing with the square of the texts.
    sample = (
        sorted(sorted(range(n), key=lambda i: _digest(ordered[i].key))[:GROUPED_ROWS])
        if n > GROUPED_ROWS
        else list(range(n))
    )
    members: dict[int, list[int]] = {}
    for i, label in zip(sample, _clusters(x[sample], threshold), strict=True):
        members.setdefault(label, []).append(i)
    groups = [m for m in members.values() if len(m) >= min_size]
    if groups and n > len(sample):
        chosen = set(sample)
        others = [i for i in range(n) if i not in chosen]
        centres = np.vstack([np.asarray(x[m].mean(axis=0)).ravel() for m in groups])
        scores = _dense(x[others] @ centres.T)
        for row, theme in enumerate(scores.argmax(axis=1)):
            if scores[row, theme] >= threshold:
                groups[int(theme)].append(others[row])
        for m in groups:
            m.sort()
    # Largest first; a tie goes to the theme whose first text came first (stable).
    groups.sort(key=lambda m: (-len(m), m[0]))
    if not groups:
        return Grouping((), n, len(earlier), by_kind)

    means = np.vstack([np.asarray(x[m].mean(axis=0)).ravel() for m in groups])
    previous = [0] * len(groups)
    if earlier:
        scores = _dense(space.transform([clean(r) for r in earlier]) @ means.T)
        best = scores.argmax(axis=1)
        for row, theme in enumerate(best):
            if scores[row, theme] >= threshold:
                previous[int(theme)] += 1

    vocabulary = list(space.word.get_feature_names_out())
    themes = []
    for number, m in enumerate(groups, start=1):
        mean = means[number - 1]
        central = np.asarray(x[m] @ mean).ravel()
        ranked = sorted(range(len(m)), key=lambda j: (-central[j], ordered[m[j]].key))
        quotable = (j for j in ranked if ordered[m[j]].quotable)
        examples = tuple(
            Example(
                kind=r.kind,
                pk=r.pk,
                title=r.title,
                excerpt=_excerpt(r.text),
                url=r.url,
                county=r.county,
                station=r.station,
                score=round(float(central[j]), 4),
            )
            for j in itertools.islice(quotable, EXAMPLES)
            if (r := ordered[m[j]])
        )
        texts = [ordered[i] for i in m]
        weights = np.asarray(w[m].mean(axis=0)).ravel()
        words = _label(weights, vocabulary)
        categories = _shares(r.category_label for r in texts)
        headline = _headline(
            (clean(ordered[m[j]]) for j in ranked[:HEADLINE_TEXTS] if ordered[m[j]].quotable),
            {vocabulary[i]: float(weights[i]) for i in np.flatnonzero(weights)},
        )
        themes.append(
            Theme(
                number=number,
                label=headline or "、".join(words) or (categories[0].name if categories else ""),
                words=words,
                size=len(m),
                previous=previous[number - 1],
                examples=examples,
                counties=_shares(r.county for r in texts),
                stations=_shares(r.station for r in texts),
                categories=categories,
                members=tuple(r.key for r in texts),
            )
        )
    return Grouping(tuple(themes), len(ordered), len(earlier), by_kind)


# --- what the pages and the command ask for --------------------------------------------------


def collect(*, user: Any, congress: Any, filters: Filters, kinds: Sequence[str] = ()) -> list[Row]:
    """The rows of every source (of `kinds` only, when given) for the period and filters."""
    rows: list[Row] = []
    for source in sources(kinds or None):
        rows.extend(source.rows(user=user, congress=congress, filters=filters))
    return rows


def hot_topics(
    *, user: Any, congress: Any, filters: Filters, kinds: Sequence[str] = ()
) -> HotTopics:
    """The themes of the period and filters, with the trend against the period before: kept
    per user (what they may see), period, filters and language until the data changes
    (`stats.cached`), so the cockpit's panel reads no texts while nothing has changed."""
    parts = (
        getattr(user, "pk", None),
        getattr(congress, "pk", None),
        repr(filters),
        tuple(kinds),
        get_language(),
    )
    return stats.cached(
        "themes",
        parts,
        lambda: compute_hot_topics(user=user, congress=congress, filters=filters, kinds=kinds),
    )


def compute_hot_topics(
    *, user: Any, congress: Any, filters: Filters, kinds: Sequence[str]
) -> HotTopics:
    """hot_topics() computed now (the grouping still kept under its rows' digest): what
    `renda reading themes` times."""
    start, end = previous_period(filters.start, filters.end)
    before = replace(filters, start=start, end=end)
    rows = collect(user=user, congress=congress, filters=filters, kinds=kinds)
    earlier = collect(user=user, congress=congress, filters=before, kinds=kinds)
    places = place_words(congress)
    # Grouping is the cost (the rows are a few queries): kept in the cache under a digest of
    # every row as the user sees it and the place words, so it is never stale and never
    # shows one user what another may see; the prefix changes with how headlines are made.
    key = "renda:themes:2:" + _grouping_key(rows, earlier, places)
    grouping = cache.get(key)
    if grouping is None:
        grouping = group(rows, earlier, places=places)
        cache.set(key, grouping, timeout=6 * 3600)
    chosen = tuple(s.kind for s in sources(kinds or None))
    return HotTopics(filters=filters, previous=before, kinds=chosen, grouping=grouping)


def _grouping_key(rows: Sequence[Row], earlier: Sequence[Row], places: Any) -> str:
    h = hashlib.blake2b(digest_size=20)
    h.update((get_language() or "").encode())
    for part in (rows, earlier):
        h.update(b"\x1e")
        for r in part:
            fields = (r.kind, r.pk, r.title, r.text, r.url, r.category, r.category_label)
            more = (r.county, r.station, r.noise, r.quotable)
            h.update(repr(tuple(str(f) for f in (*fields, *more))).encode())
    h.update(repr(sorted(places) if isinstance(places, (set, frozenset)) else places).encode())
    return h.hexdigest()


def latest_day(congress: Any, kinds: Sequence[str] = ()) -> datetime.date | None:
    """The day of the latest text of the sources (the default month is its month)."""
    days = [d for s in sources(kinds or None) if (d := s.latest(congress)) is not None]
    return max(days) if days else None
