"""The monthly note of hot topics (民意热点月报) as a .docx draft: the themes in order with their
size, trend, places and typical examples, in the wording of a congress office's note. Its fixed
wording is Chinese whatever the reader's language, as for every official document
(core/officialdoc.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

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
from renda.reading.themes import HotTopics, Theme, whole_months

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOTE_THEMES = 10  # themes written out; the smaller ones are summed up
NOTE_EXAMPLES = 2
QUOTE_CHARS = 60
# What each kind of text is called in the note.
KIND_WORDS = {"opinion": "群众意见建议", "suggestion": "代表建议"}
MACHINE_MARK = "（本部分由语言模型起草，经起草人确认采用。）"


@dataclass(frozen=True)
class Scope:
    """Where the texts come from, as the note names it: the city, a county, a station; and the
    category chosen."""

    place: str = "全市"
    category: str = ""


def period_words(start: datetime.date, end: datetime.date) -> str:
    months = whole_months(start, end)
    if months == 1:
        return f"{start.year}年{start.month}月"
    if months and start.year == end.year:
        return f"{start.year}年{start.month}月至{end.month}月"
    if months:
        return f"{start.year}年{start.month}月至{end.year}年{end.month}月"
    return f"{chinese_date(start)}至{chinese_date(end)}"


def _before_words(result: HotTopics) -> str:
    return "上月" if whole_months(result.filters.start, result.filters.end) == 1 else "上期"


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def _change(now: int, before: int, before_words: str) -> str:
    if not before:
        return f"{before_words}无同类反映，为新出现的热点" if now else ""
    if now == before:
        return f"与{before_words}持平"
    diff = abs(now - before)
    way = "增加" if now > before else "减少"
    rise = "上升" if now > before else "下降"
    return f"较{before_words}{way}{diff}件、{rise}{_percent(diff, before)}"


def _quote(text: str) -> str:
    """A quoted example, its closing stop left out (the sentence around it ends it)."""
    line = " ".join(text.split()).rstrip("。！？!?.；; ")
    return line if len(line) <= QUOTE_CHARS else f"{line[: QUOTE_CHARS - 1]}…"


def theme_sentence(theme: Theme, before_words: str) -> str:
    parts = [f"共{theme.size}件，{_change(theme.size, theme.previous, before_words)}。"]
    if theme.counties:
        places = "、".join(f"{s.name}（{s.count}件）" for s in theme.counties[:3])
        parts.append(f"主要来自{places}")
        several = [s.name for s in theme.stations[:2] if s.count > 1]
        if several:
            parts.append(f"，较集中的是{'、'.join(several)}")
        parts.append("。")
    quotes = [f"“{_quote(e.excerpt)}”" for e in theme.examples[:NOTE_EXAMPLES]]
    if quotes:
        parts.append(f"如：{'；'.join(quotes)}。")
    return "".join(parts)


def paragraphs(result: HotTopics, scope: Scope) -> list[tuple[str, str]]:
    """The note's paragraphs as (kind, text): "title", "heading", "body", "theme" (a theme's
    label then its sentence, separated by a tab)."""
    g = result.grouping
    period = period_words(result.filters.start, result.filters.end)
    before = _before_words(result)
    counts = dict(g.by_kind)
    what = "、".join(
        f"{KIND_WORDS.get(kind, kind)}{counts[kind]}件" for kind in result.kinds if counts.get(kind)
    )
    category = f"{scope.category}方面" if scope.category else ""
    out: list[tuple[str, str]] = [("title", f"民意热点月报（{period}）")]
    if not g.total:
        out.append(("body", f"{period}，{scope.place}未收到{category}群众意见建议。"))
        return out
    opening = f"{period}，{scope.place}共收集{category}{what}"
    if len(counts) > 1:
        opening += f"，合计{g.total}件"
    change = _change(g.total, g.previous_total, before) if g.previous_total else ""
    opening += f"（{before}{g.previous_total}件），{change}。" if change else "。"
    if g.themes:
        opening += (
            f"经对内容归类分析，形成{chinese_number(len(g.themes))}个相对集中的热点，涉及"
            f"{g.counted}件，占{_percent(g.counted, g.total)}"
        )
        opening += f"；其余{g.rest}件较为分散。" if g.rest else "。"
    else:
        opening += "内容较为分散，未形成相对集中的热点。"
    out.append(("body", opening + "现将有关情况报告如下。"))
    shown = g.themes[:NOTE_THEMES]
    if shown:
        out.append(("heading", "一、主要热点"))
        for theme in shown:
            out.append(
                (
                    "theme",
                    f"（{chinese_number(theme.number)}）{theme.label}。\t"
                    f"{theme_sentence(theme, before)}",
                )
            )
        smaller = g.themes[NOTE_THEMES:]
        if smaller:
            out.append(
                (
                    "body",
                    f"此外，还有{chinese_number(len(smaller))}个较小的热点，共"
                    f"{sum(t.size for t in smaller)}件。",
                )
            )
    return out


def note(
    result: HotTopics,
    scope: Scope,
    *,
    office: str,
    today: datetime.date,
    prose: str = "",
) -> bytes:
    """The note as .docx; `prose`: the analysis a person chose to include (machine-drafted and
    edited by them), marked as drafted by a language model."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = official_document()
    for kind, text in paragraphs(result, scope):
        if kind == "title":
            add_paragraph(
                doc,
                (text, TITLE_FONT),
                align=WD_ALIGN_PARAGRAPH.CENTER,
                size=TITLE_SIZE,
                exact=False,
            )
            add_paragraph(doc, ("（初稿）", SIGNER_FONT), align=WD_ALIGN_PARAGRAPH.CENTER)
        elif kind == "heading":
            add_paragraph(doc, (text, HEADING_FONT), indent=True)
        elif kind == "theme":
            label, sentence = text.split("\t", 1)
            add_paragraph(doc, (label, SIGNER_FONT), (sentence, BODY_FONT), indent=True)
        else:
            add_paragraph(doc, (text, BODY_FONT), indent=True)
    if result.grouping.total:
        number = "二" if result.grouping.themes else "一"
        add_paragraph(doc, (f"{number}、分析与建议", HEADING_FONT), indent=True)
        written = [p.strip() for p in prose.splitlines() if p.strip()]
        for p in written:
            add_paragraph(doc, (p, BODY_FONT), indent=True)
        if written:
            add_paragraph(doc, (MACHINE_MARK, SIGNER_FONT), indent=True)
        else:
            add_paragraph(doc, ("（由起草人根据以上情况填写。）", SIGNER_FONT), indent=True)
    add_paragraph(doc, ("", BODY_FONT))
    add_paragraph(doc, (office, BODY_FONT), align=WD_ALIGN_PARAGRAPH.RIGHT)
    add_paragraph(doc, (chinese_date(today), BODY_FONT), align=WD_ALIGN_PARAGRAPH.RIGHT)
    return to_bytes(doc)


def facts(result: HotTopics, scope: Scope) -> str:
    """The note's paragraphs as plain text: what the language model drafts its prose from."""
    return "\n".join(text.replace("\t", "") for kind, text in paragraphs(result, scope))


def office_of(congress: Any) -> str:
    return f"{congress.short_name}常委会办公室"
