"""Appointments as the documents congresses issue: the letter of appointment (任命书) and the
announcement of a proposal's outcome (公告), as .docx; the register of offices as .xlsx."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH

from renda.core.officialdoc import (
    BODY_FONT,
    TITLE_FONT,
    TITLE_SIZE,
    add_paragraph,
    chinese_date,
    official_document,
    to_bytes,
)
from renda.core.spreadsheets import Column, single_table
from renda.meetings.models import (
    AppointmentProposal,
    Nomination,
    NominationAction,
    Outcome,
    Tenure,
)

VERBS = {
    NominationAction.APPOINT: "任命",
    NominationAction.REMOVE: "免去",
    NominationAction.RESIGN: "接受辞去",
    NominationAction.DISMISS: "撤销",
}


def _issuer(congress: Any) -> str:
    return f"{congress.region or congress.short_name}人民代表大会常务委员会"


def appointment_letter(nomination: Nomination) -> bytes:
    """任命书: 任命某某为某职务, with the day of the vote and the standing committee's name."""
    congress = nomination.proposal.congress
    doc = official_document()
    centre, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    add_paragraph(doc, ("任命书", TITLE_FONT), align=centre, size=TITLE_SIZE, exact=False)
    add_paragraph(doc, ("", BODY_FONT))
    office = nomination.office
    add_paragraph(
        doc,
        (f"任命{nomination.appointee.name}为{office.organization_name}{office.title}。", BODY_FONT),
        indent=True,
    )
    add_paragraph(doc, ("", BODY_FONT))
    add_paragraph(doc, (_issuer(congress), BODY_FONT), align=right)
    day = nomination.decided_on or timezone.localdate()
    add_paragraph(doc, (chinese_date(day), BODY_FONT), align=right)
    doc.core_properties.title = f"任命书 {nomination.appointee.name}"
    return to_bytes(doc)


def announcement(proposal: AppointmentProposal) -> bytes:
    """公告: the persons the standing committee appointed or removed on the proposal."""
    congress = proposal.congress
    doc = official_document()
    centre, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    add_paragraph(doc, (_issuer(congress), TITLE_FONT), align=centre, size=TITLE_SIZE, exact=False)
    add_paragraph(doc, ("公　　告", TITLE_FONT), align=centre, size=TITLE_SIZE, exact=False)
    add_paragraph(doc, ("", BODY_FONT))
    passed = list(
        proposal.nominations.filter(outcome=Outcome.PASSED).select_related("appointee", "office")
    )
    meeting = proposal.item.meeting.title if proposal.item_id and proposal.item else ""
    day = max((n.decided_on for n in passed if n.decided_on), default=timezone.localdate())
    add_paragraph(doc, (f"{meeting}于{chinese_date(day)}决定：", BODY_FONT), indent=True)
    for n in passed:
        office = f"{n.office.organization_name}{n.office.title}"
        verb = VERBS[NominationAction(n.action)]
        text = (
            f"任命{n.appointee.name}为{office}；"
            if n.action == NominationAction.APPOINT
            else (f"{verb}{n.appointee.name}的{office}职务；")
        )
        add_paragraph(doc, (text, BODY_FONT), indent=True)
    add_paragraph(doc, ("现予公告。", BODY_FONT), indent=True)
    add_paragraph(doc, ("", BODY_FONT))
    add_paragraph(doc, (_issuer(congress), BODY_FONT), align=right)
    add_paragraph(doc, (chinese_date(day), BODY_FONT), align=right)
    doc.core_properties.title = f"{proposal.title} 公告"
    return to_bytes(doc)


def register_workbook(congress: Any) -> bytes:
    """任免名册: every office and each holder, with the dates and whether they still hold it."""
    tenures = (
        Tenure.objects.filter(office__congress=congress)
        .select_related("appointee", "office")
        .order_by("office__organization", "office__title", "-start_date")
    )
    rows = [
        (
            t.office.organization_name,
            t.office.title,
            t.appointee.name,
            t.start_date,
            t.end_date,
            "现任" if t.end_date is None else "",
        )
        for t in tenures
    ]
    return single_table(
        sheet="任免名册",
        title=f"{_issuer(congress)}任免名册",
        subtitle=f"截至{chinese_date(timezone.localdate())}",
        columns=[
            Column("机关", 30),
            Column("职务", 24),
            Column("姓名", 12),
            Column("任职日期", 12, is_date=True),
            Column("免职日期", 12, is_date=True),
            Column("状态", 8),
        ],
        rows=rows,
    )


def decisions_workbook(congress: Any, decisions: Any, *, note: str = "") -> bytes:
    """决定、决议登记簿: the decisions listed (as filtered), with their number, adoption,
    counts, publication, state and what they amend or repeal; `note`: the filter's words were
    capped (engine.listed), said under the title as on the page."""

    def numbers(rows: Any) -> str:
        return "、".join(f"{d.year}年第{d.number}号" for d in rows if d.number) or ""

    rows = [
        (
            f"{d.year}年第{d.number}号" if d.number else "",
            d.title,
            d.get_kind_display(),
            d.adopted_on,
            f"{d.votes_for}/{d.votes_against}/{d.votes_abstain}" if d.votes_for is not None else "",
            d.published_on,
            d.get_state_display(),
            numbers(d.amends.all()),
            numbers(d.repeals.all()),
        )
        for d in decisions
    ]
    return single_table(
        sheet="决定决议",
        title=f"{_issuer(congress)}决定、决议登记簿",
        subtitle=f"截至{chinese_date(timezone.localdate())}" + (f" {note}" if note else ""),
        columns=[
            Column("编号", 14),
            Column("标题", 48),
            Column("类别", 8),
            Column("通过日期", 12, is_date=True),
            Column("赞成/反对/弃权", 14),
            Column("公布日期", 12, is_date=True),
            Column("状态", 10),
            Column("修改", 16),
            Column("废止", 16),
        ],
        rows=rows,
    )
