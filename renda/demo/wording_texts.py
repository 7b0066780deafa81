"""The demo year's texts, worded as people write: the same matter told by two deputies (or two
constituents) never reads the same. Each text draws its own opening, title form, list style,
synonyms and the order and number of its proposals from a generator seeded by the text's
own identity, so the demo's other random draws (and every figure the demo tests check) stay
as they were, and similar cases and routing have real paraphrases to work on."""

from __future__ import annotations

import random
from collections.abc import Sequence

# Word -> ways of saying it; each occurrence is replaced with probability SWAP.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "加快": ("加速", "尽快推进", "抓紧"),
    "解决": ("破解", "化解", "处理好"),
    "完善": ("健全", "补齐", "改进"),
    "加强": ("强化", "加大", "抓好"),
    "提升": ("提高", "改善"),
    "推进": ("推动", "促进"),
    "群众": ("居民", "老百姓", "市民"),
    "部分": ("一些", "不少"),
    "存在": ("有", "出现"),
    "不足": ("不够", "欠缺"),
    "严重": ("突出", "明显"),
    "尽快": ("及早", "抓紧", "早日"),
    "优化": ("改进", "调整"),
    "增加": ("增设", "增添", "加大"),
    "落实": ("压实", "抓实"),
    "统筹": ("整合", "统一调配"),
    "明确": ("厘清", "确定"),
    "建立": ("建起", "组建", "设立"),
    "规范": ("整顿", "规整"),
    "及时": ("第一时间", "按时"),
    "困难": ("难题", "不便"),
    "问题": ("难题", "短板", "情况"),
    "安全隐患": ("安全风险", "隐患"),
    "支持": ("扶持", "帮助"),
    "鼓励": ("引导", "支持"),
    "设施": ("配套", "硬件"),
    "资金": ("经费", "财力"),
    "力度": ("强度", "投入"),
    "逐步": ("分步", "有序"),
    "提高": ("提升", "抬高"),
    "积极": ("主动",),
    "有关部门": ("相关部门", "主管部门"),
}
SWAP = 0.55

SUGGESTION_OPENINGS = (
    "",
    "近年来，",
    "经调研发现，",
    "在走访选民时了解到，",
    "据当地群众反映，",
    "从代表联络站收集的意见看，",
    "通过实地视察，",
    "去年以来，",
)
SUGGESTION_CLOSINGS = (
    "",
    "此事关系群众切身利益，恳请有关部门重视。",
    "希望有关部门认真研究办理。",
    "以上建议，请予研究。",
    "盼早日见到成效。",
)
# The proposals as a deputy lists them: "{0}" the proposals in order, joined by the list's own
# separators.
LIST_STYLES: tuple[tuple[str, Sequence[str], str], ...] = (
    ("建议：", ("一是", "二是", "三是"), "；"),
    ("为此建议：", ("（一）", "（二）", "（三）"), "；"),
    ("建议：", ("1.", "2.", "3."), "；"),
    ("对此提出以下建议：", ("首先，", "其次，", "再次，"), "；"),
    ("具体建议如下：", ("一、", "二、", "三、"), "。"),
    ("建议有关部门", ("", "同时", "此外还要"), "，"),
)
TITLE_FORMS = ("关于{t}的建议", "关于{t}的建议", "{t}", "建议{t}", "关于{t}的几点建议")
OPINION_OPENINGS = ("", "你好，", "代表你好，", "我是附近居民，", "想反映个事：", "麻烦转告一下：")
OPINION_CLOSINGS = ("", "谢谢！", "希望尽快处理。", "盼回复。", "请帮忙协调。")


def _rng(*identity: object) -> random.Random:
    return random.Random("|".join(str(i) for i in identity))


def paraphrase(text: str, rng: random.Random) -> str:
    """The text with some of its words said otherwise (longest words first, each occurrence
    drawn on its own)."""
    out = text
    for word in sorted(SYNONYMS, key=len, reverse=True):
        if word not in out:
            continue
        pieces = out.split(word)
        out = pieces[0]
        for piece in pieces[1:]:
            out += (rng.choice(SYNONYMS[word]) if rng.random() < SWAP else word) + piece
    return out


def suggestion_title(title: str, *identity: object) -> str:
    """A suggestion's title from its topic's ("加快榆次区农村公路提质改造")."""
    rng = _rng("title", title, *identity)
    return rng.choice(TITLE_FORMS).format(t=paraphrase(title, rng))


def suggestion_body(problem: str, proposals: Sequence[str], *identity: object) -> str:
    """The body: an opening, the problem, two or three proposals in the deputy's order and
    list style, sometimes a closing line."""
    rng = _rng("body", problem, *identity)
    chosen = list(proposals)
    rng.shuffle(chosen)
    if rng.random() < 0.3:
        chosen = chosen[:2]
    lead, marks, sep = rng.choice(LIST_STYLES)
    items = sep.join(f"{mark}{paraphrase(p, rng)}" for mark, p in zip(marks, chosen, strict=False))
    opening = rng.choice(SUGGESTION_OPENINGS)
    closing = rng.choice(SUGGESTION_CLOSINGS)
    return f"{opening}{paraphrase(problem, rng)}。\n{lead}{items}。{closing}"


def opinion_content(content: str, *identity: object) -> str:
    """A constituent's words: the topic's, said their own way."""
    rng = _rng("opinion", content, *identity)
    return f"{rng.choice(OPINION_OPENINGS)}{paraphrase(content, rng)}{rng.choice(OPINION_CLOSINGS)}"
