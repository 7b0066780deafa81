"""A meeting's minutes (会议纪要) as .docx, in the fixed format of official documents."""

from __future__ import annotations

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
from renda.meetings.models import Meeting, Presence, Vote, VoteState


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def minutes(meeting: Meeting) -> bytes:
    """会议纪要: who attended (members present, on leave), the agenda, each vote's result and
    the minutes' text as staff wrote them."""
    doc = official_document()

    def paragraph(*parts: tuple[str, str], **kwargs: Any) -> Any:
        return add_paragraph(doc, *parts, **kwargs)

    centre = WD_ALIGN_PARAGRAPH.CENTER
    paragraph((meeting.title, TITLE_FONT), align=centre, size=TITLE_SIZE, exact=False)
    paragraph(("会议纪要", TITLE_FONT), align=centre, size=TITLE_SIZE, exact=False)
    paragraph(("", BODY_FONT))
    days = chinese_date(meeting.start_date)
    if meeting.end_date != meeting.start_date:
        days += f"至{chinese_date(meeting.end_date)}"
    where = f"在{meeting.place}" if meeting.place else ""
    host = f"，{meeting.convener}主持" if meeting.convener else ""
    paragraph((f"{days}，{meeting.title}{where}举行{host}。", BODY_FONT), indent=True)
    members = list(meeting.members.select_related("member__person"))
    present = [m for m in members if m.presence == Presence.PRESENT]
    leave = [m for m in members if m.presence == Presence.LEAVE]
    text = f"应出席组成人员{len(members)}人，实际出席{len(present)}人"
    if leave:
        text += f"，{len(leave)}人请假（{'、'.join(m.member.person.name for m in leave)}）"
    paragraph((text + "。", BODY_FONT), indent=True)
    paragraph(("一、会议议程", HEADING_FONT), indent=True)
    items = list(meeting.items.order_by("order", "id"))
    for item in items:
        presenter = f"（{item.presenter}作说明）" if item.presenter else ""
        paragraph(
            (f"（{chinese_number(item.order)}）{item.title}{presenter}", BODY_FONT), indent=True
        )
    votes = list(
        Vote.objects.filter(item__meeting=meeting, state=VoteState.CLOSED).order_by(
            "item__order", "id"
        )
    )
    if votes:
        paragraph(("二、表决结果", HEADING_FONT), indent=True)
        for v in votes:
            outcome = "通过" if v.passed else "未通过"
            paragraph(
                (
                    f"{v.subject}：赞成{v.votes_for}票，反对{v.votes_against}票，"
                    f"弃权{v.votes_abstain}票，{outcome}。",
                    BODY_FONT,
                ),
                indent=True,
            )
    if meeting.minutes:
        paragraph((f"{'三' if votes else '二'}、会议纪要", HEADING_FONT), indent=True)
        for line in _paragraphs(meeting.minutes):
            paragraph((line, BODY_FONT), indent=True)
    doc.core_properties.title = f"{meeting.title}会议纪要"
    return to_bytes(doc)
