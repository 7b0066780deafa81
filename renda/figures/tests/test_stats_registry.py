"""The registry of the year's figures: keys with or without labels, and breakdowns that add up
to their keys (no second way of counting)."""

from __future__ import annotations

import pytest
from django.utils import translation

from renda.core import stats

YEAR = 2024


def test_a_key_registered_the_old_way_still_counts_and_is_labelled_by_its_key(monkeypatch):
    monkeypatch.setattr(stats, "_REGISTRY", dict(stats._REGISTRY))

    @stats.statistic("plain_key_for_a_test")
    def plain(congress, year):
        return 7

    assert stats.label_of("plain_key_for_a_test") == "plain_key_for_a_test"
    assert "plain_key_for_a_test" in stats.registered()
    with pytest.raises(ValueError):
        stats.statistic("plain_key_for_a_test")(lambda c, y: 1)


def test_a_breakdown_of_a_key_nobody_registered_is_none(congress):
    assert stats.compute_breakdown("no_such_key", "state", congress, YEAR) is None


@pytest.mark.django_db
def test_every_whole_breakdown_adds_up_to_its_key(congress, opinions):
    figures = stats.compute(congress, YEAR)
    assert figures["constituent_opinions"] == 4
    checked = 0
    for spec in stats.breakdown_specs():
        buckets = stats.compute_breakdown(spec.key, spec.by, congress, YEAR)
        assert buckets is not None
        if spec.whole:
            assert sum(b.value for b in buckets) == figures[spec.key], (spec.key, spec.by)
            checked += 1
    assert checked >= 10


@pytest.mark.django_db
def test_buckets_link_to_their_list_with_its_filters(congress, opinions):
    by_category = stats.compute_breakdown("constituent_opinions", "category", congress, YEAR)
    assert by_category is not None
    roads = next(b for b in by_category if b.key == "roads")
    assert roads.value == 2
    assert roads.url == "/stations/opinions/?year=2024&category=roads"


def test_the_figures_are_grouped_by_the_app_that_registered_them(db):
    modules = stats.grouped({"suggestions": 3, "constituent_opinions": 4, "petitions": 1})
    assert [m.label for m in modules] == ["suggestions", "opinions", "petitions"]
    with translation.override("en"):
        assert str(modules[0].rows[0].label) == "Suggestions"
