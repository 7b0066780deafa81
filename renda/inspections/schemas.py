"""What the inspections API answers and takes beyond the problem actions' payloads."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Field, Schema

from renda.core.api import EventOut
from renda.core.schemas import Id, Text, Title


class CountsOut(Schema):
    """What a client reads "105 sites, 110 problems, all rectified" from (the caller's part,
    for a county congress)."""

    sites: int
    problems: int
    rectified: int
    aspects: int
    recommendations: int


class InspectionOut(Schema):
    id: int
    year: int
    number: int
    kind: str
    kind_label: str
    title: str
    subject: str
    committee: str | None
    starts_on: datetime.date
    ends_on: datetime.date | None
    joint: bool
    counts: CountsOut

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_committee(obj: Any) -> str | None:
        return obj.committee.name if obj.committee_id else None

    @staticmethod
    def resolve_counts(obj: Any) -> dict[str, int]:
        return {
            "sites": obj.n_sites,
            "problems": obj.n_problems,
            "rectified": obj.n_rectified,
            "aspects": obj.n_aspects,
            "recommendations": obj.n_recommendations,
        }


class MemberOut(Schema):
    name: str
    role: str
    deputy_id: int | None


class PartOut(Schema):
    congress_id: int
    congress: str
    joined_on: datetime.date

    @staticmethod
    def resolve_congress(obj: Any) -> str:
        return str(obj.congress.short_name)


class PhaseOut(Schema):
    number: int
    title: str
    starts_on: datetime.date
    ends_on: datetime.date


class RecommendationOut(Schema):
    number: int
    text: str


class AspectOut(Schema):
    number: int
    title: str
    recommendations: list[RecommendationOut]


class InspectionDetailOut(InspectionOut):
    members: list[MemberOut]
    parts: list[PartOut]
    phases: list[PhaseOut]
    aspects: list[AspectOut]
    report_title: str
    report_text: str
    report_on: datetime.date | None
    plan_item_id: int | None = Field(description="The item of the supervision plan it carries out")
    heard_as_id: int | None = Field(
        description="The supervision report (kind inspection) the report is heard as"
    )


class SiteOut(Schema):
    id: int
    name: str
    kind: str
    mode: str
    visited_on: datetime.date
    area: str | None = Field(description="The county-level area; null for the development zone")
    congress_id: int = Field(description="The congress whose part it is")

    @staticmethod
    def resolve_area(obj: Any) -> str | None:
        return obj.area.short_name if obj.area_id else None


class ProblemOut(Schema):
    id: int
    inspection_id: int
    inspection: str
    number: int
    site_id: int
    site: str
    description: str
    unit_id: int
    unit: str
    state: str
    state_label: str
    found_on: datetime.date
    due_on: datetime.date | None
    verdict: str
    congress_id: int = Field(description="The congress whose part it is")

    @staticmethod
    def resolve_inspection(obj: Any) -> str:
        return str(obj.inspection.title)

    @staticmethod
    def resolve_site(obj: Any) -> str:
        return str(obj.site.name)

    @staticmethod
    def resolve_unit(obj: Any) -> str:
        return str(obj.unit.name)

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return str(obj.get_state_display())


class RectificationOut(Schema):
    text: str
    reported_at: datetime.datetime
    photos: int

    @staticmethod
    def resolve_photos(obj: Any) -> int:
        return len(obj.photos.all())


class ProblemDetailOut(ProblemOut):
    photos: int
    rectifications: list[RectificationOut]
    available_actions: list[str]
    events: list[EventOut]

    @staticmethod
    def resolve_photos(obj: Any) -> int:
        return sum(1 for p in obj.photos.all() if p.rectification_id is None)


class SiteIn(Schema):
    name: Title
    kind: str
    mode: str
    visited_on: datetime.date
    area: Id | None = None


class ProblemIn(Schema):
    site: Id | None = None
    unit: Id | None = None
    description: Text
    found_on: datetime.date | None = None
