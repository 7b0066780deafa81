"""The reply check's fixtures: a suggestion with numbered points, assigned through the
suggestions' actions, and replies to it."""

from __future__ import annotations

from typing import Any

import pytest

BODY = (
    "榆次区农村公路破损、公交不便、河道污染，群众反映强烈。建议：一是将破损严重的乡村道路列入"
    "年度提质改造计划；二是在偏远村庄增设公交站点并增开早晚班次；三是整治沿河村庄生活污水直排问题。"
)
FULL = (
    "一、关于乡村道路提质改造。已将破损严重的乡村道路列入今年提质改造计划，年底前完成30公里。\n"
    "二、关于偏远村庄公交站点和班次。已新增公交站点12个，早晚高峰增开班次，下月起运行。\n"
    "三、关于沿河污水直排。已排查沿河村庄排污口，建设污水收集管网，直排问题年内整治完毕。"
)
SKIPS_TWO = (
    "我局高度重视您的建议。\n"
    "一、关于乡村道路提质改造。已将破损严重的乡村道路列入今年提质改造计划，年底前完成30公里。\n"
    "二、关于沿河污水直排。已排查沿河村庄排污口，建设污水收集管网，直排问题年内整治完毕。"
)


@pytest.fixture
def suggestion(cast: dict[str, Any], org: dict[str, Any]) -> Any:
    """Assigned to the handler's unit and, separately, to the other handler's."""
    from renda.suggestions import actions as A

    s = A.suggestion_submit(
        author=cast["deputy"],
        title="关于改善榆次区农村出行和环境的建议",
        body=BODY,
        category="transport",
    )
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    A.suggestion_assign(
        suggestion=s,
        actor=cast["staff"],
        mode="separate",
        parts=[
            A.UnitPart(org["unit"], "separate", "道路和公交"),
            A.UnitPart(org["other_unit"], "separate", "污水治理"),
        ],
    )
    return s


@pytest.fixture
def reply(cast: dict[str, Any]) -> Any:
    """reply(s, handler, text): the handler records a contact and sends the reply."""
    import datetime

    from renda.suggestions import actions as A

    def _reply(s: Any, handler: Any, text: str) -> Any:
        A.suggestion_communicate(
            suggestion=s,
            actor=handler,
            method="meeting",
            date=datetime.date.today(),
            people="承办单位与领衔代表",
            notes="当面沟通办理思路。",
        )
        return A.suggestion_reply(
            suggestion=s, actor=handler, text=text, category="A", signer="赵局长"
        )

    return _reply
