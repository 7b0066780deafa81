"""The deputy's annual report to their electoral unit, drafted as .docx from the record."""

from __future__ import annotations

import datetime
import io

from docx import Document
from docx.oxml.ns import qn

from renda.performance.actions import RuleInput, scoring_rules_set
from renda.performance.report import annual_report_docx

D = datetime.date


def text_of(data: bytes) -> tuple[list[str], object]:
    doc = Document(io.BytesIO(data))
    return [p.text for p in doc.paragraphs], doc


def test_report_summarises_the_record_by_kind_in_chinese(acts, org):
    deputy = org["deputy"]
    acts.manual(deputy, D(2024, 1, 5))
    first = acts.suggestion(deputy, D(2024, 1, 10))
    acts.suggestion(deputy, D(2024, 6, 10))
    acts.activity([deputy], D(2024, 4, 1), kind="reception", constituents=30)
    acts.training([deputy], D(2024, 7, 1))

    paragraphs, doc = text_of(annual_report_docx(deputy, 2024))
    text = "\n".join(paragraphs)

    assert paragraphs[0] == "李秀兰代表2024年度履职情况报告"
    assert doc.core_properties.title == "李秀兰代表2024年度履职情况报告"
    assert "榆次区人民代表大会（常务委员会）：" in paragraphs
    assert "晋中市人民代表大会第五届代表" in text
    assert "一、依法参加会议，认真履行代表职责" in paragraphs
    assert "出席代表大会会议1次。" in paragraphs
    assert "领衔提出建议2件。" in paragraphs
    assert f"2024年1月10日，领衔建议：{first.title}。" in paragraphs
    assert "参加接待选民活动1次。" in paragraphs
    assert "全年在代表联络站共接待群众30人次。" in paragraphs
    assert "参加代表培训1次。" in paragraphs
    # Sections with nothing to report are left out; no score without configured rules.
    assert "参与立法和监督工作" not in text
    assert "履职评价" not in text
    assert paragraphs[-1].endswith("日")


def test_report_sets_east_asian_fonts(acts, org):
    acts.suggestion(org["deputy"], D(2024, 1, 10))
    _, doc = text_of(annual_report_docx(org["deputy"], 2024))
    title_run = doc.paragraphs[0].runs[0]
    assert title_run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    body_run = doc.paragraphs[3].runs[0]
    assert body_run._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_report_gives_the_score_when_the_congress_configured_rules(acts, org, congress, cast):
    deputy = org["deputy"]
    acts.suggestion(deputy, D(2024, 1, 10))
    acts.training([deputy], D(2024, 7, 1))
    scoring_rules_set(
        actor=cast["staff"],
        congress=congress,
        rules=[RuleInput("suggestion", 5), RuleInput("training", "2.5")],
    )
    paragraphs, _ = text_of(annual_report_docx(deputy, 2024))
    assert "履职评价" in paragraphs
    assert any("履职得分7.5分" in p for p in paragraphs)


def test_report_of_an_empty_year_says_so(org):
    paragraphs, _ = text_of(annual_report_docx(org["deputy2"], 2024))
    assert paragraphs[0] == "王建国代表2024年度履职情况报告"
    assert "本年度暂无履职记录。" in paragraphs
