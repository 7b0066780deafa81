"""The annual work report's paragraphs that state figures, drafted from the year's keys.

Each clause names the keys it states; a clause whose keys are not all registered (its module is
not installed yet) is left out, so the supervision keys (work reports heard, inspections, …)
slot in once their modules register them. The wording is the report's own (Chinese whatever the
reader's language, as for every official document)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from renda.core.officialdoc import (
    BODY_FONT,
    TITLE_FONT,
    TITLE_SIZE,
    add_paragraph,
    chinese_number,
    official_document,
    to_bytes,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

Words = Callable[[dict[str, int]], str]


@dataclass(frozen=True)
class Clause:
    keys: tuple[str, ...]
    words: Words
    sep: str = "，"  # before it, after an earlier clause


def _c(template: str, *keys: str, sep: str = "，") -> Clause:
    return Clause(keys, lambda f: template.format(**f), sep)


def _answered(f: dict[str, int]) -> str:
    done = (
        "已全部答复或办理完毕"
        if f["suggestions_answered"] == f["suggestions"]
        else (f"已答复{f['suggestions_answered']}件")
    )
    return (
        f"大会期间提交的{f['suggestions_session']}件代表建议和闭会期间提交的"
        f"{f['suggestions_recess']}件直通车建议{done}"
    )


def _trainings(f: dict[str, int]) -> str:
    periods = chinese_number(f["trainings"])
    return f"分{periods}期举办市人大代表培训班，{f['deputies_trained']}名代表参加培训"


# Paragraphs in the report's order: (heading, opening words, clauses, closing words).
PARAGRAPHS: tuple[tuple[str, str, tuple[Clause, ...], str], ...] = (
    (
        "总体情况",
        "全年共",
        (
            _c("制定地方性法规{regulations_made}件", "regulations_made"),
            _c("修订{regulations_revised}件", "regulations_revised", sep="、"),
            _c("备案审查规范性文件{filings_reviewed}件", "filings_reviewed"),
            _c("听取审议专项工作报告{work_reports}个", "work_reports"),
            _c("开展执法检查、专题调研和代表集中视察{inspections}次", "inspections"),
            _c("作出决定决议{decisions}项", "decisions"),
            _c("任免国家机关工作人员{appointments}人次", "appointments"),
            _c("办理代表议案{motions}件", "motions"),
            _c("督办代表建议{suggestions}件", "suggestions"),
        ),
        "。",
    ),
    (
        "立法",
        "全年",
        (
            _c("征集市级法规草案意见建议{draft_opinions}条", "draft_opinions"),
            _c("吸收采纳其中{draft_opinions_adopted}条", "draft_opinions_adopted"),
        ),
        "。",
    ),
    (
        "监督",
        "",
        (
            _c("对{inquiry_units}个部门开展专题询问并进行满意度测评", "inquiry_units"),
            _c("依法处理信访事项{petitions}件次", "petitions"),
            _c("督办重点信访事件{petitions_key}件", "petitions_key"),
        ),
        "。",
    ),
    (
        "列席代表座谈",
        "全年",
        (
            _c("召开{attendee_forums}次列席代表座谈会", "attendee_forums"),
            _c("列席会议的各级人大代表{meeting_attendees}人参加", "meeting_attendees"),
            _c("围绕会议议题和人大工作提交意见建议{forum_opinions}条", "forum_opinions"),
        ),
        "。",
    ),
    (
        "代表联络站",
        "全年依托代表联络站和履职服务平台",
        (
            _c("开展学习、宣讲、调研等活动{station_activities}次", "station_activities"),
            _c("上传代表履职信息{duty_records}条", "duty_records"),
            _c("参与代表{deputy_attendances}人次", "deputy_attendances"),
            _c("接待群众{constituents_received}人次", "constituents_received"),
            _c("收集群众意见建议{constituent_opinions}件", "constituent_opinions"),
            _c("解决问题{constituent_opinions_resolved}件", "constituent_opinions_resolved"),
        ),
        "。",
    ),
    (
        "代表建议",
        "",
        (
            _c("对{key_suggestions}件重点建议进行满意度测评", "key_suggestions"),
            Clause(
                (
                    "suggestions_session",
                    "suggestions_recess",
                    "suggestions_answered",
                    "suggestions",
                ),
                _answered,
            ),
        ),
        "。",
    ),
    (
        "代表培训",
        "",
        (Clause(("trainings", "deputies_trained"), _trainings),),
        "。",
    ),
)


def paragraphs(figures: dict[str, int]) -> list[tuple[str, str]]:
    """(heading, sentence) of each paragraph with at least one clause to say: a clause is said
    when its keys are all registered and not all zero (a report does not state "0 件")."""
    out = []
    for heading, opening, clauses, closing in PARAGRAPHS:
        said = ""
        for c in clauses:
            if all(k in figures for k in c.keys) and any(figures[k] for k in c.keys):
                said += (c.sep if said else "") + c.words(figures)
        if said:
            out.append((heading, opening + said + closing))
    return out


def numbers_in(sentence: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", sentence)]


def draft(congress: Any, year: int, figures: dict[str, int]) -> bytes:
    doc = official_document()
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    add_paragraph(
        doc,
        (f"{congress.name}常委会{year}年工作报告（数据部分初稿）", TITLE_FONT),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=TITLE_SIZE,
        exact=False,
    )
    add_paragraph(
        doc,
        (f"以下数据由履职服务平台按{year}年记录统计生成，供起草工作报告参考。", BODY_FONT),
        indent=True,
    )
    for heading, sentence in paragraphs(figures):
        add_paragraph(doc, (f"（{heading}）", "黑体"), (sentence, BODY_FONT), indent=True)
    return to_bytes(doc)
