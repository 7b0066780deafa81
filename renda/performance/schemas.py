"""What the performance API reads and writes: records, scores with their breakdown, rankings,
the scoring rules and the entries staff make by hand. Points are numbers with two decimals."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.urls import reverse
from ninja import Field, Schema

from renda.core.api import RowId
from renda.org.schemas import Ref
from renda.performance.actions import MAX_POINTS, MAX_WEIGHT
from renda.performance.models import ActKind

Points = Annotated[Decimal, Field(ge=0, le=MAX_POINTS, decimal_places=2)]
Weight = Annotated[Decimal, Field(ge=0, le=MAX_WEIGHT, decimal_places=2)]


def _deputy(deputy: Any) -> dict[str, Any]:
    return {"id": deputy.pk, "name": deputy.person.name}


# --- record and score -------------------------------------------------------------------------


class ItemOut(Schema):
    kind: str
    kind_label: str
    date: datetime.date
    title: str
    source: str = Field(description="Where the act is kept: app_label.model")
    id: int = Field(description="The row's id in its source")
    url: str = Field(description="Its page, where it has one")
    constituents: int = Field(description="Constituents received, for receptions")

    @staticmethod
    def resolve_id(obj: Any) -> int:
        return int(obj.pk)


class RecordOut(Schema):
    deputy: Ref
    year: int
    years: list[int] = Field(description="The years with acts in the record, latest first")
    total_acts: int
    constituents_received: int
    counts: dict[str, int] = Field(description="Acts per kind")
    items: list[ItemOut]


class LineOut(Schema):
    kind: str
    kind_label: str
    count: int
    points_each: float
    points: float = Field(description="count × points each")
    cap: float | None = Field(description="At most this many points a year; null: no cap")
    capped: float = Field(description="The points that count: at most the cap")
    cap_bites: bool
    weight: float
    weighted: float = Field(description="capped × weight")


class ScoreOut(Schema):
    deputy: Ref
    year: int
    total: float
    default_rules: bool = Field(description="True while the congress has set no rules of its own")
    lines: list[LineOut]


class RankingOut(Schema):
    group: Ref | None = Field(description="The delegation or station; null: none")
    rank: int
    deputy: Ref
    card_number: str
    total: float
    counts: dict[str, int] = Field(description="Acts per kind the rules score (kinds with acts)")
    points: dict[str, float] = Field(description="Weighted points per kind (kinds with acts)")


# --- rules ------------------------------------------------------------------------------------


class RuleOut(Schema):
    kind: str
    kind_label: str
    points: float
    cap: float | None
    weight: float

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(ActKind(obj.kind).label)


class RulesOut(Schema):
    default_rules: bool = Field(description="True while the congress has set no rules of its own")
    rules: list[RuleOut]


class RuleIn(Schema):
    kind: ActKind
    points: Points
    cap: Points | None = Field(None, description="Empty: no cap")
    weight: Weight = Decimal(1)


class RulesIn(Schema):
    rules: list[RuleIn] = Field(
        min_length=1, max_length=len(ActKind.values), description="Replaces every rule"
    )


# --- manual entries ---------------------------------------------------------------------------


class EntryIn(Schema):
    deputy: RowId
    kind: ActKind = Field(description="session, inspection or other")
    date: datetime.date
    title: Annotated[str, Field(max_length=200)]
    notes: Annotated[str, Field(max_length=5_000)] = ""


class EntryOut(Schema):
    id: int
    deputy: Ref
    year: int
    kind: str
    kind_label: str
    date: datetime.date
    title: str
    notes: str
    evidence_name: str | None
    evidence_url: str | None
    entered_by: str
    entered_at: datetime.datetime

    @staticmethod
    def resolve_deputy(obj: Any) -> dict[str, Any]:
        return _deputy(obj.deputy)

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_evidence_name(obj: Any) -> str | None:
        return obj.evidence_name if obj.evidence else None

    @staticmethod
    def resolve_evidence_url(obj: Any) -> str | None:
        if not obj.evidence:
            return None
        return reverse("api:performance_entry_evidence", kwargs={"entry_id": obj.pk})

    @staticmethod
    def resolve_entered_by(obj: Any) -> str:
        return str(obj.entered_by.display_name)
