"""Routing's fixtures: suggestions written and assigned through the suggestions' actions."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def write(cast: dict[str, Any]) -> Any:
    """Submit (and, with `accept`, accept) a suggestion of the current year."""
    from renda.suggestions import actions as A

    def _write(title: str, body: str, *, category: str = "transport", accept: bool = True, **kw):
        s = A.suggestion_submit(
            author=kw.pop("author", cast["deputy"]),
            title=title,
            body=body,
            category=category,
            **kw,
        )
        if accept:
            A.suggestion_accept(suggestion=s, actor=cast["staff"])
        return s

    return _write


@pytest.fixture
def assign(cast: dict[str, Any]) -> Any:
    from renda.suggestions import actions as A

    def _assign(s: Any, unit: Any) -> Any:
        return A.suggestion_assign(
            suggestion=s, actor=cast["staff"], mode="sole", parts=[A.UnitPart(unit, "sole")]
        )

    return _assign


ROADS = (
    "关于加快榆次区农村公路提质改造的建议",
    "榆次区部分农村公路修建于十多年前，路面窄、破损多，雨季积水严重，群众出行不便。"
    "建议：一是将破损道路列入年度改造计划；二是落实农村公路路长制。",
)
ROADS_AGAIN = (
    "建议尽快推进榆次区乡村道路改造提质",
    "据当地居民反映，榆次区一些乡村公路年久失修，路面狭窄、坑洼不少，下雨积水突出，老百姓出行"
    "困难。为此建议：（一）落实农村公路路长制；（二）把破损路段纳入年度提质改造计划。",
)
SCHOOL = (
    "关于增加榆次区城区义务教育学位的建议",
    "榆次区新建小区集中，城区学校大班额问题突出，学位紧张。建议新建和改扩建一批中小学，"
    "统筹调配教师编制。",
)
