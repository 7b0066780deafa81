"""A year of a few constituents' opinions, enough for the figures to be more than zeros."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

YEAR = 2024


@pytest.fixture
def opinions(cast: Any, congress: Any, org: Any) -> list[Any]:
    from renda.opinions.models import ConstituentOpinion, OpinionSource, OpinionState

    tz = timezone.get_current_timezone()
    made = []
    for i, (category, state, month) in enumerate(
        [
            ("roads", OpinionState.RESOLVED, 1),
            ("roads", OpinionState.RECORDED, 3),
            ("housing", OpinionState.RESOLVED, 3),
            ("housing", OpinionState.REFERRED, 7),
            ("roads", OpinionState.DISMISSED, 7),  # not counted
        ]
    ):
        made.append(
            ConstituentOpinion.objects.create(
                congress=congress,
                station=org["station"] if i % 2 else None,
                source=OpinionSource.STATION,
                category=category,
                content=f'=HYPERLINK("x") 意见{i}',
                receipt_code=f"R{i:05}",
                state=state,
                received_at=datetime.datetime(YEAR, month, 10, 9, tzinfo=tz),
            )
        )
    return made
