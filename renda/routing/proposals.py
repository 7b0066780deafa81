"""Reads: the routing proposal for a text (units and category, ranked with a confidence), and
the similar cases of a text (same year, those the user may see, with a score)."""

from __future__ import annotations

import hashlib
import logging
import pickle
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.utils.functional import Promise
from django.utils.translation import get_language

from renda.core import stats
from renda.org.models import HandlingUnit
from renda.routing import registry
from renda.routing.engine import TextClassifier, similarities
from renda.routing.keywords import keyword_scores, unit_keywords
from renda.routing.models import Method, TrainedModel

logger = logging.getLogger(__name__)

# Below this many past decisions (or two labels) a congress's proposals come from keywords.
MIN_HISTORY = 30
# The score from which a case is shown as similar: on the demo year's labelled pairs every
# pair from 0.30 to 0.45 is about the same matter and none is missed (README, "Similar cases");
# 0.35 keeps a margin on both sides.
SIMILAR_THRESHOLD = 0.35
SIMILAR_SHOWN = 5
TOP = 3


@dataclass(frozen=True)
class Ranked:
    value: str  # a unit's id as text, or a category's value
    name: str | Promise
    confidence: float

    @property
    def percent(self) -> int:
        return round(self.confidence * 100)


@dataclass
class RoutingProposal:
    kind: str
    method: str
    units: list[Ranked] = field(default_factory=list)
    categories: list[Ranked] = field(default_factory=list)

    @property
    def unit_ids(self) -> list[int]:
        return [int(r.value) for r in self.units]

    @property
    def category(self) -> str:
        return self.categories[0].value if self.categories else ""

    @property
    def method_label(self) -> str | Promise:
        return Method(self.method).label


# Trained classifiers unpickled once per process, until retrained.
_LOADED: dict[int, tuple[Any, TextClassifier]] = {}


def _ranking(row: TrainedModel, text: str, top: int) -> list[tuple[str, float]] | None:
    """The trained model's ranking, or None when the stored model cannot be used (written by
    another version of the platform): the keywords answer then, until the next training."""
    cached = _LOADED.get(row.pk)
    try:
        if cached is None or cached[0] != row.trained_at:
            blob = TrainedModel.objects.values_list("blob", flat=True).get(pk=row.pk)
            cached = (row.trained_at, pickle.loads(bytes(blob)))  # noqa: S301 (our own rows)
            _LOADED[row.pk] = cached
        return cached[1].rank(text, top=top)
    except Exception:  # any unusable model means: fall back to the keywords
        logger.warning("routing model %s unusable; run `renda routing train`", row.pk)
        return None


def _units(congress_id: int) -> dict[str, HandlingUnit]:
    qs = HandlingUnit.objects.filter(congress_id=congress_id, active=True)
    return {str(u.pk): u for u in qs.only("pk", "name", "short_name")}


def propose(*, congress_id: int, kind: str, text: str) -> RoutingProposal:
    """Units and categories for `text`, best first: from the congress's trained models where
    there are some, otherwise from keywords (units by the matters their names say)."""
    source = registry.source(kind)
    units = _units(congress_id)
    names = source.category_names()
    models = {
        m.target: m
        for m in TrainedModel.objects.filter(congress_id=congress_id, kind=kind).defer("blob")
    }
    unit_model, category_model = models.get("unit"), models.get("category")
    ranked_units = ranked_categories = None
    if unit_model is not None and unit_model.samples >= MIN_HISTORY:
        ranked_units = _ranking(unit_model, text, len(units))
    method = Method.MODEL if ranked_units is not None else Method.KEYWORDS
    if ranked_units is None:
        ranked_units = keyword_scores(text, {pk: unit_keywords(u.name) for pk, u in units.items()})
    if category_model is not None and category_model.samples >= MIN_HISTORY:
        ranked_categories = _ranking(category_model, text, TOP)
    if ranked_categories is None:
        ranked_categories = keyword_scores(text, dict(source.categories))
    return RoutingProposal(
        kind=kind,
        method=method,
        units=[Ranked(pk, units[pk].name, c) for pk, c in ranked_units if pk in units][:TOP],
        categories=[Ranked(v, names.get(v, v), c) for v, c in ranked_categories][:TOP],
    )


@dataclass(frozen=True)
class Similar:
    case: registry.Candidate
    score: float

    @property
    def percent(self) -> int:
        return round(self.score * 100)


SIMILAR_CACHE_SECONDS = 3600


def _cached_similarities(text: str, others: list[str]) -> list[float]:
    """similarities(), kept in the cache under a digest of the texts compared: a case's page
    shown again scores nothing again until a text of the year changes."""
    digest = hashlib.blake2b(digest_size=20)
    for t in (text, *others):
        digest.update(t.encode())
        digest.update(b"\0")
    key = f"routing:similar:{digest.hexdigest()}"
    scores = cache.get(key)
    if scores is None or len(scores) != len(others):
        scores = similarities(text, others)
        cache.set(key, scores, SIMILAR_CACHE_SECONDS)
    return scores


def similar_cases(
    *,
    user: Any,
    congress_id: int,
    year: int,
    text: str,
    exclude: tuple[str, int] | None = None,
    threshold: float = SIMILAR_THRESHOLD,
    limit: int = SIMILAR_SHOWN,
) -> list[Similar]:
    """The cases of `year` that the user may see most like `text`, at or above `threshold`,
    best first (one query per kind of case); kept per user, text and language until the data
    changes (`stats.cached`: any case written or moved leaves an event), so a case's page shown
    again reads no candidates."""
    digest = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    parts = (getattr(user, "pk", None), congress_id, year, exclude, digest, threshold, limit)
    return stats.cached(
        "similar",
        (*parts, get_language()),
        lambda: _similar_cases(user, congress_id, year, text, exclude, threshold, limit),
    )


def _similar_cases(
    user: Any,
    congress_id: int,
    year: int,
    text: str,
    exclude: tuple[str, int] | None,
    threshold: float,
    limit: int,
) -> list[Similar]:
    candidates = [
        c
        for provider in registry.candidate_providers().values()
        for c in provider(user, congress_id, year, exclude)
        if exclude is None or (c.kind, c.pk) != exclude
    ]
    if not text.strip() or not candidates:
        return []
    others = [f"{c.title}\n{c.text}" for c in candidates]
    scores = _cached_similarities(text, others)
    found = [Similar(c, s) for c, s in zip(candidates, scores, strict=True) if s >= threshold]
    found.sort(key=lambda f: (-f.score, f.case.kind, f.case.pk))
    return found[:limit]
