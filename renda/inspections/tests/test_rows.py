"""The lists' rows written in Python (renda/inspections/rows.py) are the rows the templates
_item_rows.html and _problem_rows.html wrote, character for character: the old template rows
are kept beside this file."""

from __future__ import annotations

import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.template import Context, Template
from django.utils import translation

from renda.inspections.models import Inspection, Problem, Site
from renda.inspections.rows import item_rows, problem_rows
from renda.org.models import Body, Congress, HandlingUnit

HERE = Path(__file__).parent
D = datetime.date
TODAY = D(2024, 6, 1)


def _rendered(template: str, rows: list[Any], **context: Any) -> str:
    page = SimpleNamespace(object_list=rows)
    return Template((HERE / template).read_text()).render(Context({"page_obj": page, **context}))


def _items() -> list[Inspection]:
    def item(pk: int, **fields: Any) -> Inspection:
        i = Inspection(id=pk, subject="《食品<安全>法》", starts_on=D(2024, 4, 1), **fields)
        i.n_sites, i.n_problems, i.n_rectified = 3, 10, 4  # type: ignore[attr-defined]
        i.n_aspects, i.n_recommendations = 2, 0  # type: ignore[attr-defined]
        return i

    joint = item(1, kind="law", title="执法<检查>", joint=True, committee=Body(name="财经委"))
    joint.n_recommendations = 5  # type: ignore[attr-defined]
    return [joint, item(2, kind="visit", title="视察 & 调研", joint=False)]


def _problems() -> list[Problem]:
    area = Congress(short_name="某<县>")
    sites = [Site(name="某某<市场>", area=area), Site(name="工地", area=None)]
    unit = HandlingUnit(name="市场监管局")
    inspection = Inspection(title="执法<检查>")
    rows = [
        ("rectifying", D(2024, 5, 1), sites[0], "长" * 90 + "<b>"),  # late, truncated
        ("rectifying", D(2024, 7, 1), sites[1], "<b>未逾期</b>"),
        ("reported", D(2024, 5, 1), sites[0], "已报送"),
        ("found", None, sites[1], "刚发现"),
    ]
    return [
        Problem(
            id=n,
            number=n,
            state=state,
            due_on=due,
            site=site,
            unit=unit,
            inspection=inspection,
            description=text,
        )
        for n, (state, due, site, text) in enumerate(rows, start=1)
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_item_rows_written_in_python_are_the_templates_rows(language):
    items = _items()
    with translation.override(language):
        assert item_rows(items) == _rendered("item_rows_before.html", items)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_problem_rows_written_in_python_are_the_templates_rows(language):
    problems = _problems()
    with translation.override(language):
        expected = _rendered("problem_rows_before.html", problems, today=TODAY)
        assert problem_rows(problems, today=TODAY) == expected
    assert expected.count("row-overdue") == 1
