"""What constituents' opinions give the routing engine: past referrals to learn units and
categories from, the categories' keywords for the fallback, and the open opinions of a year
as candidates of similar cases."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy

from renda.opinions.models import ConstituentOpinion, OpinionCategory, OpinionState
from renda.opinions.queries import opinions_visible_to
from renda.routing.registry import Candidate, Labelled, Source, register_candidates, register_source

KIND = "opinion"
OPEN = (OpinionState.RECORDED, OpinionState.REFERRED)
# Candidates compared per page at most: the latest open ones.
MAX_CANDIDATES = 1000
TITLE_CHARS = 40

CATEGORY_KEYWORDS: dict[str, tuple[str, ...]] = {
    OpinionCategory.ROADS: ("道路", "公交", "停车", "交通", "红绿灯", "路面", "出行"),
    OpinionCategory.HOUSING: ("小区", "物业", "住房", "电梯", "房屋", "楼道"),
    OpinionCategory.ENVIRONMENT: ("垃圾", "卫生", "污染", "噪音", "异味", "绿化", "环境"),
    OpinionCategory.WATER: ("供水", "停水", "停电", "暖气", "供热", "水管", "燃气"),
    OpinionCategory.EDUCATION: ("学校", "幼儿园", "学生", "教师", "上学"),
    OpinionCategory.HEALTH: ("医院", "看病", "医生", "卫生室", "医保", "药"),
    OpinionCategory.SOCIAL: ("养老", "社保", "就业", "低保", "工资", "补贴"),
    OpinionCategory.AGRICULTURE: ("农田", "灌溉", "种植", "村里", "农民", "养殖"),
    OpinionCategory.SAFETY: ("安全", "治安", "隐患", "消防", "诈骗"),
    OpinionCategory.GOVERNANCE: ("办事", "窗口", "审批", "证明", "政务"),
}


def history(congress_id: int) -> Iterator[Labelled]:
    """Every opinion of the congress referred to a unit, with that unit and its category."""
    rows = (
        ConstituentOpinion.objects.filter(congress_id=congress_id, unit__isnull=False)
        .only("pk", "content", "unit_id", "category")
        .order_by("pk")
    )
    for o in rows.iterator(chunk_size=1000):
        yield Labelled(o.content, (o.unit_id,), o.category)  # type: ignore[arg-type]


def candidates(
    user: Any, congress_id: int, year: int, exclude: tuple[str, int] | None
) -> list[Candidate]:
    """The year's open opinions this user may see (never the constituent's details)."""
    qs = (
        opinions_visible_to(user)
        .filter(congress_id=congress_id, received_at__year=year, state__in=OPEN)
        .only("pk", "content", "state")
        .order_by("-received_at", "-pk")[:MAX_CANDIDATES]
    )
    page = reverse("opinions:opinion", args=[0])[:-2]  # once, not a reverse() per opinion
    states = {k: str(v) for k, v in OpinionState.choices}
    label = gettext_lazy("Constituent's opinion")
    return [
        Candidate(
            kind=KIND,
            pk=o.pk,
            title=o.content[:TITLE_CHARS],
            text=o.content,
            url=f"{page}{o.pk}/",
            label=label,
            state=states.get(o.state, o.state),
        )
        for o in qs
    ]


register_source(
    Source(
        kind=KIND,
        name=gettext_lazy("Constituents' opinions"),
        history=history,
        categories=dict(CATEGORY_KEYWORDS),
        category_names=lambda: dict(OpinionCategory.choices),
    )
)
register_candidates(KIND, candidates)
