"""Supervision's documents: the deliberation opinions letter (审议意见书, .docx in the official
format) and the .xlsx exports of the reports heard and of the opinions ledger. Their fixed
wording is Chinese, as the documents they are."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
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


def _report_columns() -> list[Column]:
    return [
        Column(_("No."), 6),
        Column(_("Report"), 50),
        Column(_("Kind"), 18),
        Column(_("Reporting body"), 24),
        Column(_("State"), 10),
        Column(_("Heard on"), 12, is_date=True),
        Column(_("Meeting"), 30),
        Column(_("Deliberation opinions"), 8),
    ]


def reports_table(reports: Iterable[Report], *, title: str, subtitle: str) -> bytes:
    return single_table(
        sheet=_("Reports heard"),
        title=title,
        subtitle=subtitle,
        columns=_report_columns(),
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


def _opinion_columns() -> list[Column]:
    return [
        Column(_("No."), 6),
        Column(_("Deliberation opinions"), 44),
        Column(_("Sent to"), 24),
        Column(_("State"), 14),
        Column(_("Sent on"), 12, is_date=True),
        Column(_("Due"), 12, is_date=True),
        Column(_("Answered on"), 12, is_date=True),
        Column(_("Points"), 8),
        Column(_("Points done"), 8),
        Column(_("Assessment"), 10),
    ]


def opinions_table(opinions: Iterable[Any], *, title: str, subtitle: str) -> bytes:
    return single_table(
        sheet=_("Deliberation opinions ledger"),
        title=title,
        subtitle=subtitle,
        columns=_opinion_columns(),
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
