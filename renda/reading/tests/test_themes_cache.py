"""The grouping of hot topics is kept in the cache under a digest of the rows the user sees:
a second look at the same rows groups nothing again, a changed text groups again."""

from __future__ import annotations

import datetime
from unittest import mock

from django.core.cache import cache

from renda.reading import themes
from renda.reading.tests.test_themes import rows
from renda.reading.themes_registry import Filters

JUNE = Filters(datetime.date(2024, 6, 1), datetime.date(2024, 6, 30))


def _hot(now: list, before: list):
    def collect(*, user, congress, filters, kinds=()):
        return now if filters.start == JUNE.start else before

    with (
        mock.patch.object(themes, "collect", side_effect=collect),
        mock.patch.object(themes, "place_words", return_value=frozenset({"松塔镇"})),
        mock.patch.object(themes, "group", wraps=themes.group) as grouping,
    ):
        result = themes.hot_topics(user=None, congress=None, filters=JUNE)
    return result, grouping.call_count


def test_the_same_rows_are_grouped_once_and_changed_rows_again():
    cache.clear()
    now, before = rows({"road": 4, "bus": 3}), rows({"heat": 3}, start=100)
    first, calls = _hot(now, before)
    assert calls == 1
    again, calls = _hot(now, before)
    assert calls == 0
    assert [t.size for t in again.themes] == [t.size for t in first.themes]

    changed = [*now[:-1], now[-1].__class__(**{**now[-1].__dict__, "text": "别的事情"})]
    _, calls = _hot(changed, before)
    assert calls == 1
