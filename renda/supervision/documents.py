"""Supervision's documents: the deliberation opinions letter (审议意见书, .docx in the official
format) and the .xlsx exports of the reports heard and of the opinions ledger. Their fixed
wording is Chinese, as the documents they are."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from renda.core.officialdoc import (
    BODY_FONT,
    HEADING_FONT,
    TITLE_FONT,
    TITLE_SIZE,
    add_paragraph,
    chinese_date,
    chinese_number,
    official_document,
    to_bytes,
)
from renda.core.spreadsheets import Column, single_table
from renda.supervision.models import DeliberationOpinion, OpinionPoint, Report


def opinion_letter(opinion: DeliberationOpinion, points: list[OpinionPoint]) -> bytes:
    """审议意见书: to the body, the opinions and their points, the deadline, the sender."""
    report = opinion.report
    congress = opinion.congress
    doc = official_document()
    add_paragraph(
        doc, (opinion.title, TITLE_FONT), align=WD_ALIGN_PARAGRAPH.CENTER, size=TITLE_SIZE
    )
    add_paragraph(doc, ("", BODY_FONT))
    add_paragraph(doc, (f"{opinion.unit.name}：", BODY_FONT))
    heard = (
        f"{chinese_date(report.heard_on)}，{report.meeting or '常务委员会会议'}听取和审议了"
        if report.heard_on
        else "常务委员会听取和审议了"
    )
    add_paragraph(
        doc,
        (f"{heard}《{report.title}》。现将常务委员会组成人员的审议意见交办如下：", BODY_FONT),
        indent=True,
    )
    for line in opinion.text.splitlines():
        if line.strip():
            add_paragraph(doc, (line.strip(), BODY_FONT), indent=True)
    for p in points:
        add_paragraph(
            doc, (f"{chinese_number(p.number)}、", HEADING_FONT), (p.text, BODY_FONT), indent=True
        )
    if opinion.due_date:
        add_paragraph(
            doc,
            (
                f"请认真研究处理，并于{chinese_date(opinion.due_date)}前将研究处理情况书面报告"
                f"{congress.name}常务委员会。",
                BODY_FONT,
            ),
            indent=True,
        )
    add_paragraph(doc, ("", BODY_FONT))
    add_paragraph(
        doc, (f"{congress.name}常务委员会办公室", BODY_FONT), align=WD_ALIGN_PARAGRAPH.RIGHT
    )
    day = opinion.sent_on or opinion.approved_on
    if day:
        add_paragraph(doc, (chinese_date(day), BODY_FONT), align=WD_ALIGN_PARAGRAPH.RIGHT)
    return to_bytes(doc)


REPORT_COLUMNS = [
    Column("序号", 6),
    Column("报告", 50),
    Column("类别", 18),
    Column("报告机关", 24),
    Column("状态", 10),
    Column("听取日期", 12, is_date=True),
    Column("会议", 30),
    Column("审议意见", 8),
]


def reports_table(reports: Iterable[Report], *, title: str, subtitle: str) -> bytes:
    return single_table(
        sheet="听取审议报告",
        title=title,
        subtitle=subtitle,
        columns=REPORT_COLUMNS,
        rows=(
            [
                i,
                r.title,
                str(r.get_kind_display()),
                r.unit.name if r.unit else "",
                str(r.get_state_display()),
                r.heard_on,
                r.meeting,
                getattr(r, "n_opinions", 0),
            ]
            for i, r in enumerate(reports, start=1)
        ),
    )


OPINION_COLUMNS = [
    Column("序号", 6),
    Column("审议意见", 44),
    Column("交办单位", 24),
    Column("状态", 14),
    Column("交办日期", 12, is_date=True),
    Column("办理期限", 12, is_date=True),
    Column("报告日期", 12, is_date=True),
    Column("意见条数", 8),
    Column("已落实", 8),
    Column("评价", 10),
]


def opinions_table(opinions: Iterable[Any], *, title: str, subtitle: str) -> bytes:
    return single_table(
        sheet="审议意见台账",
        title=title,
        subtitle=subtitle,
        columns=OPINION_COLUMNS,
        rows=(
            [
                i,
                o.title,
                o.unit.name,
                str(o.get_state_display()),
                o.sent_on,
                o.due_date,
                o.answered_on,
                getattr(o, "n_points", 0),
                getattr(o, "n_done", 0),
                str(o.get_assessment_display()) if o.assessment else "",
            ]
            for i, o in enumerate(opinions, start=1)
        ),
    )
