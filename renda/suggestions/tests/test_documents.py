"""The documents staff download: assignment sheets, the year's summary, the reply letter."""

from __future__ import annotations

import datetime
import io

import pytest
from django.utils import translation
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import load_workbook

from renda.suggestions import actions as A
from renda.suggestions.documents import (
    assignment_sheet,
    chinese_number,
    reply_letter,
    reply_title,
    year_summary,
)
from renda.suggestions.models import Reply

from .handling import accepted, assigned, evaluated, on, replied

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    # Labels are English source strings until the translations exist; data is asserted as is.
    with translation.override("en"):
        yield


@pytest.fixture
def year(cast, org, session, submit):
    staff = cast["staff"]
    unit, other = org["unit"], org["other_unit"]
    # No. 1, in session: lead + co-handler, replied B with a promise, evaluated.
    s1 = assigned(
        submit,
        staff,
        D(2024, 1, 24),
        [A.UnitPart(unit, "lead"), A.UnitPart(other, "co")],
        title="关于改善榆次区公交线路的建议",
    )
    reply = replied(
        s1,
        cast["handler"],
        D(2024, 3, 5),
        "B",
        promises=[("开通大学城至老城区公交线路", D(2024, 9, 30))],
        text="经研究，计划于年内开通新线路。\n\u3000\u3000同时优化站点设置。",
        contact_person="王科长",
        contact_phone="0354-3012345",
    )
    evaluated(s1, cast["deputy"], D(2024, 3, 10), "basic")
    # No. 2, recess, confidential, sole to the other unit, never replied: overdue.
    s2 = assigned(
        submit,
        staff,
        D(2024, 3, 1),
        [A.UnitPart(other, "sole")],
        title="关于学校周边安全的建议",
        confidential=True,
    )
    # No. 3, recess, separate handling.
    s3 = assigned(
        submit,
        staff,
        D(2024, 3, 1),
        [A.UnitPart(unit, "separate", "公交线路"), A.UnitPart(other, "separate", "护学岗")],
        title="关于大学城交通的建议",
    )
    # No. 4: accepted, not yet assigned. An unnumbered one is left out of the summary.
    s4 = accepted(submit, staff, D(2024, 3, 1), title="待交办的建议")
    with on(D(2024, 3, 1)):
        submit(title="待审查的建议")
    return {"s1": s1, "s2": s2, "s3": s3, "s4": s4, "reply": reply}


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def _data_rows(ws) -> list[tuple]:
    return [row for row in ws.iter_rows(min_row=4, values_only=True) if any(row)]


def _all_text(wb) -> str:
    return " ".join(
        str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v
    )


def test_assignment_sheet_has_one_sheet_per_unit_with_its_assignments(congress, org, year):
    with on(D(2024, 12, 31)):
        wb = _book(assignment_sheet(congress=congress, year=2024))
    assert set(wb.sheetnames) == {org["unit"].name, org["other_unit"].name}
    ws = wb[org["unit"].name]
    assert congress.name in ws["A1"].value and "2024" in ws["A1"].value
    assert org["unit"].name in ws["A2"].value
    headers = [c.value for c in ws[3]]
    assert headers[:3] == ["Number", "Title", "Lead deputy"] and len(headers) == 11
    assert all(c.font.bold for c in ws[3]) and ws.freeze_panes == "A4"
    rows = _data_rows(ws)
    assert [(r[0], r[1], r[5], r[6]) for r in rows] == [
        (1, "关于改善榆次区公交线路的建议", "Lead unit", None),
        (3, "关于大学城交通的建议", "Separate handler", "公交线路"),
    ]
    first = rows[0]
    assert first[2] == "李秀兰" and first[3] == "榆次区代表团"
    assert first[7].date() == D(2024, 1, 24)  # real dates, not text
    assert first[8].date() == D(2024, 4, 24)
    assert ws.cell(row=4, column=8).number_format == "yyyy-mm-dd"
    # the other unit co-handles No. 1, handles No. 2 alone (confidential, marked) and No. 3
    other = _data_rows(wb[org["other_unit"].name])
    assert [(r[0], r[5], r[10]) for r in other] == [
        (1, "Co-handler", None),
        (2, "Sole handler", "Yes"),
        (3, "Separate handler", None),
    ]


def test_assignment_sheet_for_one_unit(congress, org, year, third_unit):
    wb = _book(assignment_sheet(congress=congress, year=2024, unit=org["other_unit"]))
    assert wb.sheetnames == [org["other_unit"].name]
    assert len(_data_rows(wb.active)) == 3
    empty = _book(assignment_sheet(congress=congress, year=2024, unit=third_unit))
    assert empty.sheetnames == [third_unit.name] and _data_rows(empty.active) == []
    assert _book(assignment_sheet(congress=congress, year=2023)).sheetnames == ["2023"]


def test_exports_carry_no_personal_data(congress, org, year):
    for data in (
        assignment_sheet(congress=congress, year=2024),
        year_summary(congress=congress, year=2024),
    ):
        text = _all_text(_book(data))
        assert org["deputy"].person.phone not in text
        assert org["deputy"].person.id_number not in text


def test_year_summary_lists_every_numbered_suggestion(congress, org, year):
    with on(D(2024, 12, 31)):
        wb = _book(year_summary(congress=congress, year=2024))
    ws = wb.worksheets[0]
    assert congress.name in ws["A1"].value and ws.freeze_panes == "A4"
    rows = {r[0]: r for r in _data_rows(ws)}
    assert sorted(rows) == [1, 2, 3, 4]
    one = rows[1]
    assert one[1:8] == (
        "关于改善榆次区公交线路的建议",
        "李秀兰",
        "During the session",
        "Transport",
        f"{org['unit'].name}、{org['other_unit'].name}",  # lead first
        "Evaluated",
        "B",
    )
    assert one[8] == "Basically satisfied" and one[9] is None and one[12].date() == D(2024, 1, 24)
    two = rows[2]
    assert two[3] == "During the recess (direct)" and two[9] == "Yes" and two[11] == "Yes"
    assert rows[3][5] == f"{org['unit'].name}、{org['other_unit'].name}"
    assert rows[4][5] is None and rows[4][9] is None


def test_year_summary_totals(congress, org, year):
    ws = _book(year_summary(congress=congress, year=2024)).worksheets[1]
    values = [tuple(v for v in row if v is not None) for row in ws.iter_rows(values_only=True)]
    assert values[0] == ("Suggestions", 4)
    assert ("Being handled", 2) in values and ("Accepted", 1) in values
    assert ("Evaluated", 1) in values and ("Transport", 4) in values
    assert (org["unit"].name, 2, 0) in values  # lead of No. 1, separate on No. 3
    assert (org["other_unit"].name, 2, 1) in values
    assert ("Basically satisfied", 1) in values and ("Not evaluated yet", 3) in values


def _letter(reply):
    return Document(io.BytesIO(reply_letter(reply)))


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text]


def test_reply_letter_in_the_fixed_format(year, org):
    doc = _letter(year["reply"])
    texts = _texts(doc)
    assert texts[:4] == [
        "类别：B",
        "签发人：赵局长",
        "晋中市交通运输局",
        "关于市五届人大四次会议第1号建议的答复",
    ]
    assert texts[4] == "李秀兰代表："
    assert texts[5:7] == ["经研究，计划于年内开通新线路。", "同时优化站点设置。"]
    assert texts[7] == "承诺事项"
    assert texts[8] == "1．开通大学城至老城区公交线路（完成时限：2024年9月30日）"
    assert texts[9] == "联系人：王科长　　联系电话：0354-3012345"
    assert texts[10:] == [
        "晋中市交通运输局",
        "2024年3月5日",
        "抄送：市人大常委会代表工作委员会，市人民政府办公室",
    ]
    by_text = {p.text: p for p in doc.paragraphs}
    assert by_text["类别：B"].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert by_text["2024年3月5日"].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    title = by_text["关于市五届人大四次会议第1号建议的答复"]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].font.size.pt == 22


def test_reply_letter_uses_chinese_fonts_and_official_margins(year):
    doc = _letter(year["reply"])
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin)] == [37, 35]
    assert [round(m.mm) for m in (section.left_margin, section.right_margin)] == [28, 26]

    def east_asian(run) -> str:
        return run._element.rPr.rFonts.get(qn("w:eastAsia"))

    by_text: dict = {}
    for p in doc.paragraphs:
        by_text.setdefault(p.text, p)  # the unit's name heads the letter and signs it
    assert east_asian(by_text["晋中市交通运输局"].runs[0]) == "方正小标宋简体"
    assert east_asian(by_text["李秀兰代表："].runs[0]) == "仿宋_GB2312"
    body = by_text["经研究，计划于年内开通新线路。"]
    assert body.paragraph_format.first_line_indent == Pt(32)  # two characters of 16 pt


def test_recess_reply_title_and_letter_without_promises(cast, year):
    s3 = year["s3"]
    reply = replied(s3, cast["handler"], D(2024, 4, 1), "A", text="已增开线路。")
    assert reply_title(s3) == "关于闭会期间第3号代表建议的答复"
    texts = _texts(_letter(Reply.objects.get(pk=reply.pk)))
    assert "关于闭会期间第3号代表建议的答复" in texts
    assert "承诺事项" not in texts and not any(t.startswith("联系人") for t in texts)


@pytest.mark.parametrize(
    "n,text", [(1, "一"), (4, "四"), (10, "十"), (14, "十四"), (20, "二十"), (25, "二十五")]
)
def test_chinese_numbers(n, text):
    assert chinese_number(n) == text


def test_exports_cost_a_fixed_number_of_queries(congress, year, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        year_summary(congress=congress, year=2024)
    with django_assert_max_num_queries(1):
        assignment_sheet(congress=congress, year=2024)
