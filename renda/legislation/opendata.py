"""Open data of legislation: the year's public consultations on drafts, with the opinions
received and adopted (counted as the year's figures count them)."""

from __future__ import annotations

from typing import Any

from renda.core.opendata import Table, dataset
from renda.core.stats import year_bounds
from renda.legislation.models import Consultation, ConsultationState
from renda.legislation.stats import adopted_by_consultation, opinions_by_consultation


@dataset("draft-consultations")
def public_consultations(congress: Any, year: int) -> Table:
    received = {b.key: b.value for b in opinions_by_consultation(congress, year)}
    adopted = {b.key: b.value for b in adopted_by_consultation(congress, year)}
    rows = (
        Consultation.objects.filter(
            congress=congress, for_public=True, opens_on__range=year_bounds(year)
        )
        .exclude(state=ConsultationState.DRAFT)
        .order_by("opens_on", "id")
    )
    return Table(
        ["标题", "开始日期", "截止日期", "收到意见（条）", "采纳意见（条）"],
        (
            [
                c.title,
                c.opens_on.isoformat(),
                c.closes_on.isoformat(),
                received.get(str(c.pk), 0),
                adopted.get(str(c.pk), 0),
            ]
            for c in rows
        ),
    )
