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
        result = themes.compute_hot_topics(user=None, congress=None, filters=JUNE, kinds=())
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


def test_the_themes_are_kept_until_the_data_changes():
    """The cockpit's panel and the hot topics page read no texts while nothing changed: the
    result is kept under the data's version (a new event or admin change reads them again)."""
    cache.clear()
    now, before = rows({"road": 4, "bus": 3}), rows({"heat": 3}, start=100)

    def collect(*, user, congress, filters, kinds=()):
        return now if filters.start == JUNE.start else before

    with (
        mock.patch.object(themes, "collect", side_effect=collect) as reads,
        mock.patch.object(themes, "place_words", return_value=frozenset({"松塔镇"})),
        mock.patch("renda.core.stats.data_version", return_value="7.1.2024-06-30"),
    ):
        first = themes.hot_topics(user=None, congress=None, filters=JUNE)
        again = themes.hot_topics(user=None, congress=None, filters=JUNE)
        assert reads.call_count == 2  # this period and the one before, once
        assert [t.size for t in again.themes] == [t.size for t in first.themes]
        with mock.patch("renda.core.stats.data_version", return_value="8.1.2024-06-30"):
            themes.hot_topics(user=None, congress=None, filters=JUNE)
        assert reads.call_count == 4
