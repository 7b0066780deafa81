"""The note's prose drafted by the optional language model (core/llm.py): the analysis
paragraphs of the monthly note, from the themes' facts only. What it writes is shown as
machine-drafted and editable, and goes into the .docx only when the person chooses to; nothing
is stored."""

from __future__ import annotations

from typing import Any

from renda.core import llm
from renda.reading.themes import HotTopics
from renda.reading.themes_note import Scope, facts

PURPOSE = "themes_note"
SYSTEM = (
    "你是市人大常委会办公室的文字工作人员。请根据给出的民意热点情况，用机关公文的语言起草"
    "《民意热点月报》中“分析与建议”部分的正文，写二至四段，每段不超过二百字：先概括群众关注的"
    "主要方面和变化趋势，再提出需要有关部门重视或代表联络站跟进的工作建议。只使用给出的数字和"
    "事实，不得编造数据、地名、人名或单位名称；不写标题，不用Markdown，段落之间空一行。"
)


def prompt(result: HotTopics, scope: Scope) -> str:
    return f"以下是本期民意热点的情况：\n{facts(result, scope)}"


def draft_prose(result: HotTopics, scope: Scope, *, actor: Any) -> llm.Draft:
    """The model's draft of the analysis; raises llm.LLMUnavailable."""
    return llm.draft(purpose=PURPOSE, system=SYSTEM, prompt=prompt(result, scope), actor=actor)
