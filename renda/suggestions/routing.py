"""What suggestions give the routing engine: past assignments to learn units and categories
from, the categories' keywords for the fallback, and the year's suggestions as candidates of
similar cases (并案)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.core.predicates import is_leader, is_staff
from renda.routing.registry import Candidate, Labelled, Source, register_candidates, register_source
from renda.suggestions.models import Assignment, Category, Suggestion, SuggestionState
from renda.suggestions.queries import visible_to

KIND = "suggestion"
# Never candidates: withdrawn, converted or merged away, or not yet submitted.
GONE = (
    SuggestionState.COSIGNING,
    SuggestionState.WITHDRAWN,
    SuggestionState.CONVERTED,
    SuggestionState.MERGED,
)
MERGEABLE = (SuggestionState.SUBMITTED, SuggestionState.ACCEPTED)  # as MergeForm offers them
# The similar cases of a suggestion are looked for among the year's latest this many, as the
# opinions' (opinions/routing.py): a city's year has about 350, a province's 17,000, whose
# texts' TF-IDF took seconds a page (and the page once past gunicorn's timeout; issue 18).
MAX_CANDIDATES = 1000

CATEGORY_KEYWORDS: dict[str, tuple[str, ...]] = {
    Category.ECONOMY: ("经济", "营商环境", "投资", "消费", "商贸", "金融", "民营企业", "项目"),
    Category.INDUSTRY: ("工业", "制造业", "能源", "煤炭", "园区", "企业", "数字化", "新能源"),
    Category.URBAN: ("小区", "住房", "物业", "老旧", "电梯", "燃气", "供热", "市政", "城市"),
    Category.TRANSPORT: ("公路", "公交", "交通", "停车", "道路", "出行", "客运"),
    Category.ENVIRONMENT: ("污染", "环境", "生态", "大气", "河道", "绿化", "垃圾", "排放"),
    Category.AGRICULTURE: ("农业", "农村", "农民", "乡村", "种植", "养殖", "粮食", "灌溉"),
    Category.EDUCATION: ("学校", "教育", "教师", "学生", "文化", "科技", "旅游", "体育"),
    Category.HEALTH: ("医院", "医疗", "卫生", "健康", "医保", "村医", "药品"),
    Category.SOCIAL: ("养老", "就业", "社保", "低保", "救助", "残疾", "退役军人"),
    Category.GOVERNANCE: ("安全", "治安", "法律", "诉讼", "检察", "调解", "应急", "消防"),
}


def suggestion_text(s: Suggestion) -> str:
    return f"{s.title}\n{s.body}"


def history(congress_id: int) -> Iterator[Labelled]:
    """Every assigned suggestion of the congress: its units now (the lead or sole first,
    adjustments granted included) and its category."""
    rows = (
        Suggestion.objects.filter(congress_id=congress_id, assigned_at__isnull=False)
        .only("pk", "title", "body", "category")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(active=True).only(
                    "suggestion_id", "unit_id", "role"
                ),
                to_attr="active_assignments",
            )
        )
        .order_by("pk")
    )
    for s in rows.iterator(chunk_size=500):
        units = sorted(s.active_assignments, key=lambda a: (a.role == Assignment.Role.CO, a.pk))
        yield Labelled(suggestion_text(s), tuple(a.unit_id for a in units), s.category)


def candidates(
    user: Any, congress_id: int, year: int, exclude: tuple[str, int] | None
) -> list[Candidate]:
    """The year's suggestions, the MAX_CANDIDATES latest: staff and leaders see them all;
    others those that are not confidential, with a link only to those they may open."""
    qs = Suggestion.objects.filter(congress_id=congress_id, year=year).exclude(state__in=GONE)
    if not user.has_perm("suggestions.view_supervision"):
        qs = qs.filter(confidential=False)
    if exclude and exclude[0] == KIND:
        qs = qs.exclude(pk=exclude[1])
    rows = list(qs.only("pk", "number", "title", "body", "state").order_by("-pk")[:MAX_CANDIDATES])
    rows.reverse()
    if (is_staff(user) or is_leader(user)) and user.congress_id == congress_id:
        openable = {s.pk for s in rows}  # they see the congress's all (rules.SEE_SUGGESTION)
    else:
        openable = set(
            visible_to(user).filter(pk__in=[s.pk for s in rows]).values_list("pk", flat=True)
        )
    # Once, not per row (a reverse(), a translation and the state's choices rebuilt each).
    detail = reverse("suggestions:detail", args=[0])[:-2]  # "/suggestions/" + pk + "/"
    numbered, unnumbered = _("Suggestion No. %(number)s"), _("Suggestion, not yet numbered")
    states = {k: str(v) for k, v in SuggestionState.choices}
    return [
        Candidate(
            kind=KIND,
            pk=s.pk,
            title=s.title,
            text=s.body,
            url=f"{detail}{s.pk}/" if s.pk in openable else "",
            label=numbered % {"number": s.number} if s.number else unnumbered,
            state=states.get(s.state, s.state),
            mergeable=s.state in MERGEABLE,
        )
        for s in rows
    ]


register_source(
    Source(
        kind=KIND,
        name=gettext_lazy("Suggestions"),
        history=history,
        categories=dict(CATEGORY_KEYWORDS),
        category_names=lambda: dict(Category.choices),
    )
)
register_candidates(KIND, candidates)
