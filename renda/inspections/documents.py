"""The inspection's documents: its problems with their rectification as .xlsx (for staff), and
the inspection report as an official .docx (GB/T 9704), Chinese whatever the reader's language:
the figures, what was found, the recommendations in their aspects."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH

from renda.core.officialdoc import (
    BODY_FONT,
    HEADING_FONT,
    SIGNER_FONT,
    TITLE_FONT,
    TITLE_SIZE,
    add_paragraph,
    chinese_date,
    chinese_number,
    official_document,
    to_bytes,
)
from renda.core.spreadsheets import Column, single_table
from renda.inspections.models import Aspect, Inspection, Problem


def problems_sheet(inspection: Inspection, rows: Iterable[Problem]) -> bytes:
    columns = [
        Column(_("Number"), 6),
        Column(_("County-level area"), 10),
        Column(_("Site"), 28),
        Column(_("Visit"), 8),
        Column(_("Problem found"), 48),
        Column(_("Responsible unit"), 20),
        Column(_("Found on"), 12, is_date=True),
        Column(_("Rectify by"), 12, is_date=True),
        Column(_("State"), 12),
        Column(_("Verdict"), 10),
    ]

    def line(p: Problem) -> list[Any]:
        return [
            p.number,
            p.site.area.short_name if p.site.area else "",
            p.site.name,
            p.site.get_mode_display(),
            p.description,
            p.unit.name,
            p.found_on,
            p.due_on,
            p.get_state_display(),
            p.get_verdict_display(),
        ]

    return single_table(
        sheet=_("Problems"),
        title=_("%(title)s: problems and their rectification") % {"title": inspection.title},
        subtitle=_("As of %(date)s") % {"date": timezone.localdate().isoformat()},
        columns=columns,
        rows=(line(p) for p in rows),
    )


def report_docx(
    inspection: Inspection,
    *,
    figures: dict[str, int],
    aspects: list[Aspect],
    congress_name: str,
) -> bytes:
    """检查报告: title, who did what and when, the figures, the report's text, and the
    recommendations numbered within their aspects (一、…; 1. …)."""
    doc = official_document()
    title = inspection.report_title or f"关于{inspection.subject}情况的报告"
    add_paragraph(doc, (title, TITLE_FONT), align=WD_ALIGN_PARAGRAPH.CENTER, size=TITLE_SIZE)
    add_paragraph(doc, ("", BODY_FONT))
    start = chinese_date(inspection.starts_on)
    add_paragraph(
        doc,
        (
            f"{start}起，{congress_name}常务委员会开展{inspection.title}，"
            f"实地检查点位{figures['sites']}个，发现并反馈问题{figures['problems']}个，"
            f"已整改到位{figures['rectified']}个；"
            f"提出{chinese_number(figures['aspects']) if figures['aspects'] else '零'}方面"
            f"{figures['recommendations']}条建议。",
            BODY_FONT,
        ),
        indent=True,
    )
    for para in (inspection.report_text or "").splitlines():
        if para.strip():
            add_paragraph(doc, (para.strip(), BODY_FONT), indent=True)
    if aspects:
        add_paragraph(doc, ("意见建议", HEADING_FONT), indent=True)
        for a in aspects:
            add_paragraph(
                doc, (f"{chinese_number(a.number)}、{a.title}", HEADING_FONT), indent=True
            )
            for r in a.recommendations.all():
                add_paragraph(doc, (f"{r.number}. {r.text}", BODY_FONT), indent=True)
    add_paragraph(doc, ("", BODY_FONT))
    add_paragraph(doc, (f"{congress_name}常务委员会", SIGNER_FONT), align=WD_ALIGN_PARAGRAPH.RIGHT)
    if inspection.report_on:
        add_paragraph(
            doc,
            (chinese_date(inspection.report_on), SIGNER_FONT),
            align=WD_ALIGN_PARAGRAPH.RIGHT,
        )
    return to_bytes(doc)
