"""The year's figures, computed from rows: each app registers its keys in its own stats.py."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.utils.module_loading import autodiscover_modules

Statistic = Callable[[Any, int], int]
_REGISTRY: dict[str, Statistic] = {}


def statistic(key: str) -> Callable[[Statistic], Statistic]:
    """Register `fn(congress, year) -> int` as the figure `key`."""

    def register(fn: Statistic) -> Statistic:
        if key in _REGISTRY and _REGISTRY[key] is not fn:
            raise ValueError(f"statistic {key!r} registered twice")
        _REGISTRY[key] = fn
        return fn

    return register


def compute(congress: Any, year: int) -> dict[str, int]:
    autodiscover_modules("stats")
    return {key: int(fn(congress, year)) for key, fn in sorted(_REGISTRY.items())}


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
