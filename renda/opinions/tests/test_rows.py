"""The register's rows (rows.py) write what the templates wrote, character for character: the
content cell as opinions/_content_cell.html (truncated at 60 characters, escaped), the due
cell as opinions/_due.html, in both languages (issue 18: written with escape(), not
format_html() per cell)."""

from __future__ import annotations

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from renda.core.deadlines import DueInfo
from renda.opinions.models import ConstituentOpinion, OpinionSource
from renda.opinions.rows import register_rows
from renda.org.models import ContactStation, HandlingUnit

LONG = "锦纶路与迎宾街交叉口红绿灯时间太短，老人过马路来不及。" * 3
DUES = [
    None,
    DueInfo(date=datetime.date(2024, 5, 6), overdue=True, days=1),
    DueInfo(date=datetime.date(2024, 5, 6), overdue=True, days=4),
    DueInfo(date=datetime.date(2024, 5, 9), overdue=False, days=1),
    DueInfo(date=datetime.date(2024, 5, 9), overdue=False, days=0),
]
CONTENTS = [
    ("短", ""),
    (LONG, '榆次区<锦纶路> & "迎宾街"'),
    ("a" * 60, "'"),
    ("a" * 61, ""),
    ("e\u0301" * 59 + "<b>", "x"),  # combining accents: not counted, folded to é (NFC)
]


def _opinion(pk: int, content: str, place: str, due: DueInfo | None) -> ConstituentOpinion:
    station = ContactStation(pk=7, name="榆次<站> & 1")
    unit = HandlingUnit(pk=8, name='住建局 "A"')
    o = ConstituentOpinion(
        pk=pk,
        content=content,
        place=place,
        category="roads",
        source=OpinionSource.ONLINE if pk % 2 else OpinionSource.STATION,
        state="referred" if pk % 3 else "closed",
        rating="satisfied" if pk % 3 == 0 else "",
        received_at=timezone.now(),
        station=station if pk % 5 else None,
        unit=unit if pk % 2 else None,
    )
    o.due_info = due  # type: ignore[attr-defined]
    return o


def _cell(row: str, start: str) -> str:
    i = row.index(start)
    return row[i : row.index("</td>", i) + len("</td>")]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_rows_write_the_templates_cells(lang):
    opinions = [
        _opinion(10 + i, content, place, due)
        for i, (content, place) in enumerate(CONTENTS)
        for due in DUES
    ]
    with translation.override(lang):
        rows = register_rows(opinions)
        for o, row in zip(opinions, rows, strict=True):
            content = render_to_string("opinions/_content_cell.html", {"o": o}).rstrip("\n")
            assert _cell(row, '<td class="primary">') == content
            due = render_to_string("opinions/_due.html", {"due": o.due_info}).rstrip("\n")
            label = translation.gettext("Next step due")
            assert row.endswith(f'<td data-label="{label}">{due}</td></tr>')
            assert ("row-overdue" in row) == bool(o.due_info and o.due_info.overdue)


def test_the_register_reads_only_the_columns_its_rows_show(client, cast, referred):
    """Not the constituent's contact, the answer or the congress (issue 18); the stations' and
    units' options their ids, names and kinds."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client.force_login(cast["staff"])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("opinions:opinions"))
    assert f'<tr data-opinion="{referred.pk}"' in response.content.decode()
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    for column in ("contact_phone", "contact_name", '."answer"', '"org_contactstation"."address"'):
        assert column not in sql
