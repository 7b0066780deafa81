"""The labelled set of the reply check (renda reading evaluate), built from the demo year's
wording, deterministically: `renda demo --reading FILE`.

For every topic of the demo suggestions and two counties, a suggestion of 2023 and one of 2024
(worded as the demo writes them: opening, list style, order and number of points, synonyms),
and replies of the topic's unit, each labelled:

- full: answers every point of the suggestion, in its own words (the restatement of a point
  shortened or paraphrased, the measures drawn from a pool);
- skip: the same with one point's paragraph left out (that point is not answered);
- boilerplate: stock phrases only (no point answered);
- repeat: the unit's reply to another suggestion of the same year sent again (boilerplate);
- copy: the unit's 2023 reply to the same topic in the other county, the title and place
  swapped (copied; its points answered only where the two suggestions share them).

The 2023 replies (full) are every case's history: the "previous replies" of its unit.
"""

from __future__ import annotations

import functools
import json
import random
from pathlib import Path
from typing import Any

from renda.demo.places import COUNTIES
from renda.demo.suggestion_texts import FIELDS, REPLY_OPENING, TOPICS, Topic
from renda.demo.wording_texts import paraphrase, suggestion_body

YEARS = (2023, 2024)
NUMBERS = "一二三四五六七八九十"
MEASURES = (
    "已列入年度工作计划，由分管负责同志牵头，计划年底前完成",
    "已会同财政、自然资源等部门制定实施方案，首批项目已开工",
    "目前已完成摸底调查，建立工作台账，分三批推进实施",
    "已安排专项资金，明确责任单位和完成时限，按月调度进展",
    "已出台具体办法，在试点地区先行实施，明年在全市推广",
    "已组织专班实地核查，形成整改清单，逐项销号",
    "受资金条件限制，今年先在重点区域实施，其余纳入下一年度计划",
    "已与相关县区签订责任书，将完成情况纳入年度考核",
)
STOCK_LINES = (
    "我们高度重视您的建议，认真研究办理。",
    "下一步，我们将进一步加强相关工作，积极协调有关部门，统筹推进各项工作。",
    "我们将持续推进，不断完善，努力提升工作水平，条件成熟时逐项落实。",
    "感谢您对我们工作的关心和支持，欢迎继续提出宝贵意见。",
)


def _rng(*identity: object) -> random.Random:
    return random.Random("|".join(str(i) for i in identity))


def _points(topic: Topic, place: str, year: int) -> tuple[str, list[int]]:
    """The suggestion's body and the proposals it makes (indexes into the topic's), in order:
    suggestion_body's own draw, repeated here for the labels."""
    problem = topic.problem.format(place=place)
    proposals = [p.format(place=place) for p in topic.proposals]
    identity = (topic.title, place, year)
    body = suggestion_body(problem, proposals, *identity)
    rng = random.Random("|".join(str(i) for i in ("body", problem, *identity)))
    order = list(range(len(proposals)))
    rng.shuffle(order)
    if rng.random() < 0.3:
        order = order[:2]
    return body, order


def _restate(proposal: str, rng: random.Random) -> str:
    """How a reply names the point it answers: the proposal shortened (its first clause) or
    said otherwise."""
    first = proposal.split("，")[0]
    return paraphrase(first if rng.random() < 0.5 else proposal, rng)


def _reply(topic: Topic, place: str, title: str, answer: list[int], *seed: object) -> str:
    rng = _rng("reply", topic.title, place, *seed)
    unit = f"晋中市{topic.unit}"
    proposals = [p.format(place=place) for p in topic.proposals]
    lines = [REPLY_OPENING.format(unit=unit, title=title)]
    measures = rng.sample(MEASURES, len(answer))
    for i, (index, measure) in enumerate(zip(answer, measures, strict=True)):
        lines.append(f"{NUMBERS[i]}、关于{_restate(proposals[index], rng)}的问题。{measure}。")
    lines.append(f"感谢您对{FIELDS.get(topic.category, '相关')}工作的关心和支持。")
    return "\n".join(lines)


def _boilerplate(topic: Topic, title: str) -> str:
    opening = REPLY_OPENING.format(unit=f"晋中市{topic.unit}", title=title)
    return "\n".join([opening, *STOCK_LINES])


def _case(
    key: str,
    unit: str,
    body: str,
    variant: str,
    reply: str,
    answered: list[bool],
    *,
    boilerplate: bool = False,
    copied: bool = False,
) -> dict[str, Any]:
    year = YEARS[1]
    return {
        "id": f"{key}-{variant}",
        "suggestion": f"{key.split('-')[0]}-{year}-{key.split('-', 1)[1]}",
        "variant": variant,
        "unit": unit,
        "year": year,
        "request": body,
        "reply": reply,
        "answered": answered,
        "boilerplate": boilerplate,
        "copied": copied,
    }


def build() -> dict[str, Any]:
    places = [c.name for c in COUNTIES[:2]]
    previous: dict[str, list[dict[str, Any]]] = {}
    suggestions: dict[tuple[int, int, str], tuple[str, str, list[int]]] = {}
    for ti, topic in enumerate(TOPICS):
        for year in YEARS:
            for place in places:
                title = f"关于{topic.title.format(place=place)}的建议"
                body, order = _points(topic, place, year)
                suggestions[(ti, year, place)] = (title, body, order)
                if year == YEARS[0]:
                    previous.setdefault(topic.unit, []).append(
                        {
                            "id": f"{ti}-{year}-{place}",
                            "suggestion": f"{ti}-{year}-{place}",
                            "text": _reply(topic, place, title, order, year),
                            "year": year,
                            "label": title,
                        }
                    )
    cases: list[dict[str, Any]] = []
    year = YEARS[1]
    for ti, topic in enumerate(TOPICS):
        for pi, place in enumerate(places):
            title, body, order = suggestions[(ti, year, place)]
            rng = _rng("variants", ti, place)

            case = functools.partial(_case, f"{ti}-{place}", topic.unit, body)
            cases.append(
                case("full", _reply(topic, place, title, order, year), [True] * len(order))
            )
            skipped = rng.randrange(len(order))
            kept = [x for i, x in enumerate(order) if i != skipped]
            cases.append(
                case(
                    "skip",
                    _reply(topic, place, title, kept, year, "skip"),
                    [i != skipped for i in range(len(order))],
                )
            )
            if rng.random() < 0.5:
                cases.append(
                    case(
                        "boilerplate",
                        _boilerplate(topic, title),
                        [False] * len(order),
                        boilerplate=True,
                    )
                )
            other = places[1 - pi]
            old_title, _old_body, old_order = suggestions[(ti, YEARS[0], other)]
            old = next(p for p in previous[topic.unit] if p["id"] == f"{ti}-{YEARS[0]}-{other}")
            copied = old["text"].replace(old_title, title).replace(other, place)
            cases.append(case("copy", copied, [x in old_order for x in order], copied=True))
    # The repeats: a unit with two topics sends one 2024 reply again for the other topic.
    by_unit: dict[str, list[dict[str, Any]]] = {}
    for c in cases:
        if c["variant"] == "full":
            by_unit.setdefault(c["unit"], []).append(c)
    same_year: dict[str, list[dict[str, Any]]] = {}
    for unit, fulls in sorted(by_unit.items()):
        topics = {c["id"].split("-")[0] for c in fulls}
        if len(topics) < 2:
            continue
        first, second = (
            fulls[0],
            next(c for c in fulls if c["id"].split("-")[0] != fulls[0]["id"].split("-")[0]),
        )
        same_year.setdefault(unit, []).append(
            {
                "id": first["id"],
                "suggestion": first["suggestion"],
                "text": first["reply"],
                "year": year,
                "label": first["id"],
            }
        )
        cases.append(
            {
                **second,
                "id": f"{second['id']}-repeat",
                "variant": "repeat",
                "reply": first["reply"],
                "answered": [False] * len(second["answered"]),
                "boilerplate": True,
            }
        )
    for unit, rows in same_year.items():
        previous.setdefault(unit, []).extend(rows)
    return {"years": list(YEARS), "previous": previous, "cases": cases}


def write_reading_set(path: Path) -> int:
    data = build()
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(data["cases"])
