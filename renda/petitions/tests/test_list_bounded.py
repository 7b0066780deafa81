"""The petitions' list and API list bound their `q=` as every list does (engine.listed): the
newest years' matches, and `capped` when more matched."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from renda.search import engine
from renda.suggestions.tests.test_api import Caller

pytestmark = pytest.mark.django_db

YEARS = [2022, 2023, 2024]


@pytest.fixture
def parking(register):
    return [
        register(day=datetime.date(year, 3, 4), title=f"反映{year}年小区停车难问题")
        for year in YEARS
    ]


def test_past_the_bound_the_petitions_list_the_newest_years_and_say_so(
    client, office, parking, monkeypatch
):
    monkeypatch.setitem(engine._STATS, "at", float("inf"))  # no word frequent, no statistics
    monkeypatch.setitem(engine._STATS, "holders", {})
    monkeypatch.setattr(engine, "RANK_AT_MOST", 2)
    body = Caller(office).get("/petitions", q="停车").json()
    assert body["capped"] is True and body["count"] == 2
    assert sorted(int(p["number"][:4]) for p in body["items"]) == YEARS[-2:]
    client.force_login(office)
    response = client.get(reverse("petitions:register"), {"q": "停车"})
    assert 'class="capped-note"' in response.content.decode()
    monkeypatch.setattr(engine, "RANK_AT_MOST", 3)
    body = Caller(office).get("/petitions", q="停车").json()
    assert body["capped"] is False and body["count"] == 3
