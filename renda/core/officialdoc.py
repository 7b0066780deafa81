"""Official documents as .docx in the fixed format of GB/T 9704 (A4, margins, Chinese fonts).

Letters and reports sent to deputies and electoral units are Chinese official documents: their
fixed wording is Chinese whatever language the staff member downloading them uses.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

BODY_FONT = "仿宋_GB2312"
SIGNER_FONT = "楷体_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_SIZE = 16  # 三号
TITLE_SIZE = 22  # 二号
NOTE_SIZE = 14  # 四号, for the distribution line (版记)
LINE_SPACING = 28  # fixed, in points: 22 lines on a page
DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 14 → 十四, 25 → 二十五, 105 → 一百零五 (terms, sessions, meetings)."""
    if not 0 < n < 10_000:
        return str(n)
    if n < 20:
        return ("十" if n >= 10 else "") + (DIGITS[n % 10] if n % 10 or n < 10 else "")
    parts: list[str] = []
    gap = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if gap:
                parts.append("零")
                gap = False
            parts.append(DIGITS[digit] + unit)
        elif parts:
            gap = True
    return "".join(parts)


def chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _east_asian(element: Any, font: str) -> None:
    """Word picks the font of Chinese text from w:eastAsia, not from the run's name."""
    element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def official_document() -> Any:
    """An empty A4 document with GB/T 9704 margins and the body in 仿宋."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(BODY_SIZE)
    _east_asian(normal.element, BODY_FONT)
    return doc


def add_paragraph(
    doc: Any,
    *parts: tuple[str, str],
    align: Any = None,
    indent: bool = False,
    size: int = BODY_SIZE,
    exact: bool = True,
) -> Any:
    """One paragraph of (text, font) runs; `indent`: the first line by two characters."""
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    if exact:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_SPACING)
    if align is not None:
        p.alignment = align
    if indent:
        fmt.first_line_indent = Pt(2 * size)
    for text, font in parts:
        run = p.add_run(text)
        run.font.name = font
        run.font.size = Pt(size)
        _east_asian(run._element, font)
    return p


def to_bytes(doc: Any) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
