"""Open data of suggestions: the published suggestions of a year, as the public list shows."""

from __future__ import annotations

from typing import Any

from renda.core.opendata import Table, dataset
from renda.suggestions.queries import published, with_list_data


@dataset("suggestions")
def published_suggestions(congress: Any, year: int) -> Table:
    rows = with_list_data(published().filter(congress=congress, year=year)).order_by("number")
    return Table(
        ["年度", "编号", "标题", "类别", "领衔代表", "承办单位", "状态"],
        (
            [
                s.year,
                s.number,
                s.title,
                s.get_category_display(),
                s.lead_deputy.name if s.lead_deputy else "",
                "；".join(a.unit.name for a in s.active_assignments),  # type: ignore[attr-defined]
                s.get_state_display(),
            ]
            for s in rows
        ),
    )
