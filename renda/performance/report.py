"""The deputy's annual report to their electoral unit (向原选举单位报告履职情况), as .docx.

An official document in Chinese, sent to a Chinese electoral unit: its fixed wording is Chinese
whatever language the staff member downloading it uses, as for the reply letter.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
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
from renda.org.models import Deputy
from renda.performance.models import ActKind, ScoringRule
from renda.performance.record import Record, record_for
from renda.performance.scoring import Score, breakdown

K = ActKind
# Each section: its heading and the kinds it sums up, with the words for one of each.
SECTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "依法参加会议，认真履行代表职责",
        [(K.SESSION, "出席代表大会会议{n}次"), (K.MEETING, "列席常委会会议{n}次")],
    ),
    (
        "积极提出议案建议，反映群众诉求",
        [
            (K.SUGGESTION, "领衔提出建议{n}件"),
            (K.COSIGNED, "联名提出建议{n}件"),
            (K.MOTION, "提出（含联名）议案{n}件"),
        ],
    ),
    (
        "参与立法和监督工作",
        [
            (K.DRAFT_OPINION, "对法规草案提出意见{n}条"),
            (K.TOPIC_ANSWER, "对常委会会议议题提出意见{n}条"),
            (K.FORUM_OPINION, "在列席代表座谈会上发言{n}次"),
            (K.INSPECTION, "参加视察、调研{n}次"),
        ],
    ),
    (
        "密切联系人民群众",
        [
            (K.ACTIVITY, "参加代表联络站活动{n}次"),
            (K.RECEPTION, "参加接待选民活动{n}次"),
            (K.DUTY_RECORD, "上报履职信息{n}条"),
        ],
    ),
    ("加强学习，提高履职能力", [(K.TRAINING, "参加代表培训{n}次"), (K.OTHER, "其他履职{n}次")]),
]
HIGHLIGHTS = 3  # the latest items named under each kind
KIND_NAMES: dict[str, str] = {
    K.SESSION: "出席代表大会会议",
    K.MEETING: "列席常委会会议",
    K.SUGGESTION: "领衔建议",
    K.COSIGNED: "联名建议",
    K.MOTION: "议案",
    K.DRAFT_OPINION: "法规草案意见",
    K.TOPIC_ANSWER: "议题意见",
    K.FORUM_OPINION: "座谈发言",
    K.ACTIVITY: "联络站活动",
    K.RECEPTION: "接待选民",
    K.INSPECTION: "视察调研",
    K.DUTY_RECORD: "履职信息",
    K.TRAINING: "代表培训",
    K.OTHER: "其他履职",
}


def annual_report_docx(deputy: Deputy, year: int) -> bytes:
    """The draft of `deputy`'s report for `year`, from their record; the deputy edits it."""
    deputy = Deputy.objects.select_related("person", "term", "congress", "electoral_unit").get(
        pk=deputy.pk
    )
    record = record_for(deputy, year)
    doc = _document()
    title = f"{deputy.name}代表{year}年度履职情况报告"
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, title, TITLE_FONT, size=TITLE_SIZE, align=centre, exact=False)
    _para(doc, "")
    _para(doc, f"{deputy.electoral_unit.name}人民代表大会（常务委员会）：")
    congress = deputy.congress
    _para(
        doc,
        f"本人于{chinese_date(deputy.elected_on)}当选为{congress.name}第"
        f"{chinese_number(deputy.term.number)}届代表。根据代表法的规定，现将{year}年度"
        "履行代表职责的情况报告如下，请予审议。",
        indent=True,
    )
    counts = record.counts()
    for i, (heading, kinds) in enumerate(_sections_with_acts(counts), start=1):
        _para(doc, f"{chinese_number(i)}、{heading}", HEADING_FONT, indent=True)
        _para(doc, "；".join(words.format(n=counts[k]) for k, words in kinds) + "。", indent=True)
        for kind, _words in kinds:
            for line in _highlights(record, kind):
                _para(doc, line, indent=True)
    if record.constituents_received:
        _para(
            doc,
            f"全年在代表联络站共接待群众{record.constituents_received}人次。",
            indent=True,
        )
    if not record.items:
        _para(doc, "本年度暂无履职记录。", indent=True)
    configured = list(ScoringRule.objects.filter(congress_id=deputy.congress_id))
    if configured:
        total = Score(deputy, year, breakdown(counts, configured)).total
        _para(doc, "履职评价", HEADING_FONT, indent=True)
        _para(
            doc,
            f"按照常委会确定的履职评价办法，本人{year}年度履职得分{total.normalize():f}分。",
            indent=True,
        )
    _para(
        doc,
        "今后，本人将继续加强学习，密切联系群众，依法履行代表职责，自觉接受选举单位和"
        "人民群众的监督。",
        indent=True,
    )
    _para(doc, "")
    right = WD_ALIGN_PARAGRAPH.RIGHT
    _para(doc, f"{congress.name}代表　{deputy.name}", align=right)
    _para(doc, chinese_date(timezone.localdate()), align=right)
    doc.core_properties.title = title
    return to_bytes(doc)


def _sections_with_acts(counts: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """The sections with at least one act, each with only its kinds that have acts."""
    found = []
    for heading, kinds in SECTIONS:
        present = [(k, w) for k, w in kinds if counts.get(k)]
        if present:
            found.append((heading, present))
    return found


def _highlights(record: Record, kind: str) -> list[str]:
    items = record.by_kind().get(kind, [])
    return [f"{chinese_date(i.date)}，{KIND_NAMES[kind]}：{i.title}。" for i in items[-HIGHLIGHTS:]]


def _document() -> Any:
    return official_document()


def _para(doc: Any, text: str, font: str = BODY_FONT, **kwargs: Any) -> Any:
    return add_paragraph(doc, (text, font), **kwargs)
