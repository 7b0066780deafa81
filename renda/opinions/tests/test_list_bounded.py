"""The opinions register bounds its `q=` as every list does (engine.listed): the newest years'
matches, the note beside the count, and the export says it under its title."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from renda.search import engine

from .conftest import on
from .test_pages_opinions_station import client_for

pytestmark = pytest.mark.django_db

YEARS = [2022, 2023, 2024]


@pytest.fixture
def parking(record):
    made = []
    for year in YEARS:
        with on(datetime.date(year, 3, 6)):
            made.append(record(category="roads", content=f"{year}年小区门口乱停车"))
    return made


def test_past_the_bound_the_register_and_its_export_say_so(cast, parking, monkeypatch):
    monkeypatch.setitem(engine._STATS, "at", float("inf"))  # no word frequent, no statistics
    monkeypatch.setitem(engine._STATS, "holders", {})
    monkeypatch.setattr(engine, "RANK_AT_MOST", 2)
    client = client_for(cast["staff"])
    page = client.get(reverse("opinions:opinions"), {"q": "停车"})
    assert [o.pk for o in page.context["page_obj"]] == [parking[2].pk, parking[1].pk]
    assert 'class="capped-note"' in page.content.decode()
    export = client.get(reverse("opinions:opinion_export"), {"q": "停车"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert page.context["capped_note"] in sheet["A2"].value
    assert len(list(sheet.iter_rows(min_row=4, values_only=True))) == 2
    monkeypatch.setattr(engine, "RANK_AT_MOST", 3)
    page = client.get(reverse("opinions:opinions"), {"q": "停车"})
    assert len(page.context["page_obj"]) == 3 and not page.context["capped_note"]
