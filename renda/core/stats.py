"""The year's figures, computed from rows: each app registers its keys in its own stats.py.

A key is one number (`@statistic`); a breakdown (`@breakdown`) splits a key's number into
buckets (by state, unit, month…) counted from the same rows, each bucket with the link to the
list it summarises. The CLI, the figures page, the cockpit and the public figures all read
these registries: there is no second way of counting.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.module_loading import autodiscover_modules

Statistic = Callable[[Any, int], int]
_REGISTRY: dict[str, Statistic] = {}
_LABELS: dict[str, str | Promise] = {}


def statistic(key: str, *, label: str | Promise | None = None) -> Callable[[Statistic], Statistic]:
    """Register `fn(congress, year) -> int` as the figure `key` (`label`: its name for people)."""

    def register(fn: Statistic) -> Statistic:
        if key in _REGISTRY and _REGISTRY[key] is not fn:
            raise ValueError(f"statistic {key!r} registered twice")
        _REGISTRY[key] = fn
        if label is not None:
            _LABELS[key] = label
        return fn

    return register


def compute(congress: Any, year: int) -> dict[str, int]:
    """Every registered key of the year, counted from the rows now (see `figures` for the
    cached reading)."""
    autodiscover_modules("stats")
    with one_reading():
        return {key: int(fn(congress, year)) for key, fn in sorted(_REGISTRY.items())}


def value(key: str, congress: Any, year: int) -> int | None:
    """One figure, or None when no app registered `key`."""
    autodiscover_modules("stats")
    fn = _REGISTRY.get(key)
    if fn is None:
        return None
    with one_reading():
        return int(fn(congress, year))


def data_version() -> str:
    """What any figure can change with, as a part of a cache key: the newest event (every
    write through a case's actions leaves one, in the same transaction), the newest change
    made in the admin (the organisation: deputies, units, stations, which leave no event) and
    today (figures "as of now", such as replies overdue, move with the day). Two look-ups on
    primary keys; a figure cached under this version is never stale."""
    from django.contrib.admin.models import LogEntry
    from django.utils import timezone

    from renda.core.models import Event

    def newest(model: Any) -> int:
        return next(iter(model.objects.order_by("-pk").values_list("pk", flat=True)[:1]), 0)

    return f"{newest(Event)}.{newest(LogEntry)}.{timezone.localdate().isoformat()}"


# --- cached until the data changes ----------------------------------------------------------

T = TypeVar("T")
CACHE_SECONDS = 24 * 3600  # the version changes with the day anyway


def cached(name: str, parts: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """`compute()`, kept in the cache under `name`, `parts` and the data's version: read
    again only after the next event, admin change or day (data_version), so never stale.
    What is cached must not hold lazy translations (the language is not in the key unless
    it is one of `parts`)."""
    from django.core.cache import cache

    # The parts digested: any text (a filter's repr, a query) makes a key every cache backend
    # takes (memcached refuses spaces and keys past 250 characters).
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    key = ":".join(["renda", name, digest, data_version()])
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, timeout=CACHE_SECONDS)
    return found


def figures(congress: Any, year: int) -> dict[str, int]:
    """compute(congress, year), cached until the data changes: what the figures page, its
    downloads, the public figures and the cockpit read (plain integers, the same in any
    language). `renda stats` counts afresh with compute()."""
    autodiscover_modules("stats")  # a process that finds them cached still labels them
    return cached("figures", (congress.pk, year), lambda: compute(congress, year))


# --- one reading: figures that share a query ask it once -------------------------------------

_READING: ContextVar[dict[Hashable, Any] | None] = ContextVar("renda_stats_reading", default=None)


@contextmanager
def one_reading() -> Iterator[None]:
    """Within it, `shared` computes each of its reads once: the keys and breakdowns of a
    year that split the same rows (the year's suggestions by state, period and key; the
    units' scores) ask the database once. Nested readings share the outer one; outside any
    reading nothing is kept, so a figure asked twice is counted twice, never stale."""
    if _READING.get() is not None:
        yield
        return
    token = _READING.set({})
    try:
        yield
    finally:
        _READING.reset(token)


def shared(key: Hashable, read: Callable[[], T]) -> T:
    """`read()`, once per `key` within the current `one_reading` (every time outside one).
    `key` names the read and its arguments, e.g. ("suggestions.counts", congress.pk, year)."""
    reading = _READING.get()
    if reading is None:
        return read()
    if key not in reading:
        reading[key] = read()
    return reading[key]


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


# --- describing keys ---------------------------------------------------------------------


def registered() -> list[str]:
    autodiscover_modules("stats")
    return sorted(_REGISTRY)


def label_of(key: str) -> str | Promise:
    """A key's label, or the key itself for one registered without a label."""
    return _LABELS.get(key, key)


def module_of(key: str) -> tuple[str, str | Promise]:
    """The app (label, verbose name) that registered `key`."""
    config = apps.get_containing_app_config(_REGISTRY[key].__module__)
    if config is None:  # pragma: no cover - registered outside an app
        return ("", "")
    return (config.label, config.verbose_name)


@dataclass(frozen=True)
class Row:
    key: str
    label: str | Promise
    value: int


@dataclass(frozen=True)
class Module:
    label: str
    name: str | Promise
    rows: list[Row]


def grouped(figures: dict[str, int]) -> list[Module]:
    """The figures grouped by the app that registered them, in the order of INSTALLED_APPS."""
    autodiscover_modules("stats")
    order = {c.label: i for i, c in enumerate(apps.get_app_configs())}
    modules: dict[str, Module] = {}
    for key, value in figures.items():
        app, name = module_of(key)
        modules.setdefault(app, Module(app, name, [])).rows.append(Row(key, label_of(key), value))
    return sorted(modules.values(), key=lambda m: order.get(m.label, len(order)))


# --- breakdowns --------------------------------------------------------------------------


@dataclass(frozen=True)
class Bucket:
    """One part of a key's number: `key` is the value filtered on (a state, a unit's id, a
    month "2024-03"), `url` the list it summarises with that filter ("" if none)."""

    key: str
    label: str | Promise
    value: int
    url: str = ""


Breakdown = Callable[[Any, int], list[Bucket]]


@dataclass(frozen=True)
class BreakdownSpec:
    key: str
    by: str
    label: str | Promise
    fn: Breakdown
    # A breakdown whose buckets are a part of the key (overdue replies of the year's
    # suggestions) or overlap (a suggestion handled by two units) need not add up to it.
    whole: bool = True


_BREAKDOWNS: dict[tuple[str, str], BreakdownSpec] = {}


def breakdown(
    key: str, by: str, *, label: str | Promise, whole: bool = True
) -> Callable[[Breakdown], Breakdown]:
    """Register `fn(congress, year) -> [Bucket]` as `key` split `by` something.

    `whole`: the buckets add up to the key's number (checked by the tests)."""

    def register(fn: Breakdown) -> Breakdown:
        spec = BreakdownSpec(key, by, label, fn, whole)
        existing = _BREAKDOWNS.get((key, by))
        if existing is not None and existing.fn is not fn:
            raise ValueError(f"breakdown {key!r} by {by!r} registered twice")
        _BREAKDOWNS[(key, by)] = spec
        return fn

    return register


def breakdown_specs() -> list[BreakdownSpec]:
    autodiscover_modules("stats")
    return [_BREAKDOWNS[k] for k in sorted(_BREAKDOWNS)]


def compute_breakdown(key: str, by: str, congress: Any, year: int) -> list[Bucket] | None:
    """`key` split `by`, or None when no app registered that breakdown (or that key)."""
    autodiscover_modules("stats")
    spec = _BREAKDOWNS.get((key, by))
    if spec is None or key not in _REGISTRY:
        return None
    with one_reading():
        return spec.fn(congress, year)


def list_url(url_name: str, **filters: Any) -> str:
    """The list page `url_name` with `filters` in its query string ("" if it does not exist)."""
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        return ""
    query = urlencode({k: v for k, v in filters.items() if v not in (None, "")})
    return f"{url}?{query}" if query else url
