"""Reads of routing's record: proposals accepted as given, per month and kind of case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from renda.routing.models import Proposal, TrainedModel


@dataclass
class Month:
    month: Any
    kind: str
    proposals: int
    units: int  # lead unit accepted as given
    categories: int
    kind_name: Any = ""

    @property
    def unit_rate(self) -> int:
        return round(100 * self.units / self.proposals) if self.proposals else 0

    @property
    def category_rate(self) -> int:
        return round(100 * self.categories / self.proposals) if self.proposals else 0


def accepted_by_month(congress_id: int) -> list[Month]:
    """One row per month and kind of case, the latest month first (one query)."""
    rows = (
        Proposal.objects.filter(congress_id=congress_id)
        .annotate(month=TruncMonth("decided_at", tzinfo=timezone.get_current_timezone()))
        .values("month", "kind")
        .annotate(
            n=Count("id"),
            units=Count("id", filter=Q(unit_accepted=True)),
            categories=Count("id", filter=Q(category_accepted=True)),
        )
        .order_by("-month", "kind")
    )
    return [Month(r["month"], r["kind"], r["n"], r["units"], r["categories"]) for r in rows]


def trained_models(congress_id: int) -> list[TrainedModel]:
    return list(
        TrainedModel.objects.filter(congress_id=congress_id)
        .defer("blob")
        .order_by("kind", "target")
    )
