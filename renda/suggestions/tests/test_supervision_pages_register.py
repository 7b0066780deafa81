"""All suggestions (the register): filters, sorting, paging, and its Excel exports."""

from __future__ import annotations

import datetime
import io
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from renda.suggestions import actions as A

from .conftest import at
from .handling import accepted, assigned, on, replied

D = datetime.date
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def titles(response) -> list[str]:
    return [s.title for s in response.context["page_obj"]]


@pytest.fixture
def register(cast, org, submit):
    staff = cast["staff"]
    r = {}
    r["bus"] = assigned(
        submit, staff, D(2024, 3, 1), [A.UnitPart(org["unit"], "sole")], title="公交线路"
    )
    r["school"] = assigned(
        submit,
        staff,
        D(2024, 3, 2),
        [A.UnitPart(org["other_unit"], "lead"), A.UnitPart(org["unit"], "co")],
        title="学校扩建",
        category="education",
    )
    replied(r["school"], cast["other_handler"], D(2024, 4, 1), "A")
    r["park"] = accepted(submit, staff, D(2024, 3, 3), title="公园绿化", category="environment")
    with on(D(2025, 2, 10)):
        r["new"] = submit(title="次年建议")
    return r


def test_the_register_lists_every_suggestion_of_the_congress(client, cast, register):
    client.force_login(cast["leader"])
    response = client.get(reverse("suggestions:register"))
    assert set(titles(response)) == {"公交线路", "学校扩建", "公园绿化", "次年建议"}
    html = response.content.decode()
    assert "晋中市交通运输局" in html and "晋中市教育局" in html
    assert reverse("suggestions:detail", args=[register["bus"].pk]) in html


def test_register_filters(client, cast, org, register):
    client.force_login(cast["staff"])
    url = reverse("suggestions:register")
    assert titles(client.get(url, {"year": "2025"})) == ["次年建议"]
    assert titles(client.get(url, {"state": "replied"})) == ["学校扩建"]
    assert titles(client.get(url, {"category": "environment"})) == ["公园绿化"]
    # A unit filter includes co-handling.
    assert set(titles(client.get(url, {"unit": org["unit"].pk}))) == {"公交线路", "学校扩建"}
    assert titles(client.get(url, {"q": "公园"})) == ["公园绿化"]
    assert titles(client.get(url, {"key": "yes"})) == []
    assert titles(client.get(url, {"period": "session"})) == []


def test_a_unit_of_another_congress_is_not_a_valid_filter(client, cast, register, other_congress):
    from renda.org.models import HandlingUnit

    foreign = HandlingUnit.objects.create(
        congress=other_congress, name="太原市交通局", kind="department"
    )
    client.force_login(cast["staff"])
    response = client.get(reverse("suggestions:register"), {"unit": foreign.pk})
    assert "unit" in response.context["form"].errors
    assert len(titles(response)) == 4


def test_register_sorts_by_number_title_date_and_due(client, cast, register):
    client.force_login(cast["staff"])
    url = reverse("suggestions:register")
    by_number = titles(client.get(url, {"year": "2024", "sort": "number"}))
    assert by_number == ["公交线路", "学校扩建", "公园绿化"]
    assert titles(client.get(url, {"year": "2024", "sort": "-number"})) == by_number[::-1]
    assert titles(client.get(url, {"sort": "-submitted"}))[0] == "次年建议"
    assert titles(client.get(url, {"year": "2024", "sort": "due"}))[:2] == ["公交线路", "学校扩建"]
    html = client.get(url, {"sort": "title"}).content.decode()
    assert 'class="sorted"' in html


def test_an_overdue_reply_is_flagged(client, cast, register):
    client.force_login(cast["staff"])
    with on(D(2024, 7, 1)):
        response = client.get(reverse("suggestions:register"), {"year": "2024"})
    flagged = {s.title for s in response.context["page_obj"] if s.reply_overdue}
    assert flagged == {"公交线路"}  # 学校扩建 was replied


def test_staff_of_another_congress_see_none_of_ours(client, cast, register):
    client.force_login(cast["stranger"])
    assert titles(client.get(reverse("suggestions:register"))) == []


# --- exports ---------------------------------------------------------------------------------


def _workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(response.content))


def _cells(ws) -> list:
    return [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]


def test_the_summary_export_is_the_years_table_with_a_chinese_file_name(client, cast, register):
    client.force_login(cast["staff"])
    response = client.get(reverse("suggestions:export_summary"), {"year": "2024"})
    wb = _workbook(response)
    cells = _cells(wb.worksheets[0])
    assert {"公交线路", "学校扩建", "公园绿化"} <= set(cells) and "次年建议" not in cells
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="suggestions-2024-summary.xlsx"')
    assert f"filename*=UTF-8''{quote('晋中市人大')}" in disposition


def test_the_register_offers_the_exports_of_the_filtered_year_and_unit(client, cast, org, register):
    client.force_login(cast["leader"])
    html = client.get(reverse("suggestions:register"), {"year": "2024"}).content.decode()
    assert f"{reverse('suggestions:export_summary')}?year=2024" in html
    html = client.get(
        reverse("suggestions:register"), {"year": "2024", "unit": org["unit"].pk}
    ).content.decode()
    assert (
        f"{reverse('suggestions:export_assignments')}?year=2024&amp;unit={org['unit'].pk}" in html
    )


def test_the_assignment_sheet_has_a_sheet_per_unit_or_only_the_chosen_one(
    client, cast, org, register
):
    client.force_login(cast["leader"])
    url = reverse("suggestions:export_assignments")
    wb = _workbook(client.get(url, {"year": "2024"}))
    assert sorted(wb.sheetnames) == sorted(["晋中市交通运输局", "晋中市教育局"])
    response = client.get(url, {"year": "2024", "unit": org["other_unit"].pk})
    wb = _workbook(response)
    assert wb.sheetnames == ["晋中市教育局"]
    assert "学校扩建" in _cells(wb.worksheets[0])
    assert quote("晋中市教育局") in response["Content-Disposition"]


def test_exports_refuse_foreign_units_and_bad_years(client, cast, register, other_congress):
    from renda.org.models import HandlingUnit

    foreign = HandlingUnit.objects.create(
        congress=other_congress, name="太原市交通局", kind="department"
    )
    client.force_login(cast["staff"])
    url = reverse("suggestions:export_assignments")
    assert client.get(url, {"unit": foreign.pk}).status_code == 404
    assert client.get(url, {"unit": "x"}).status_code == 404
    assert client.get(reverse("suggestions:export_summary"), {"year": "20x4"}).status_code == 404


def test_the_register_query_count_does_not_grow_with_rows(client, cast, org, submit):
    client.force_login(cast["staff"])
    url = reverse("suggestions:register")
    client.get(url)  # warm up

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"sort": "-due"}).status_code == 200
        return len(ctx.captured_queries)

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            s = submit(title=f"建议{i}", at=at(2024, 3, 1))
            A.suggestion_accept(suggestion=s, actor=cast["staff"])
            A.suggestion_assign(
                suggestion=s,
                actor=cast["staff"],
                mode="joint",
                parts=[A.UnitPart(org["unit"], "lead"), A.UnitPart(org["other_unit"], "co")],
            )

    add(2, 0)
    few = queries()
    add(8, 2)
    assert queries() == few <= 14
