"""What the stations API reads and writes: activities, duty records with photos and
trainings."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from ninja import Field, Schema

from renda.core.api import RowId
from renda.org.schemas import Ref
from renda.stations.models import ActivityKind

# Limits mirror the columns (a longer value is a 422, not a database error); the actions
# refuse NUL characters and blank required text.
Text = Annotated[str, Field(max_length=5_000)]
Title = Annotated[str, Field(max_length=200)]


def _label(obj: Any, field: str) -> str:
    return str(getattr(obj, f"get_{field}_display")()) if getattr(obj, field) else ""


# --- activities and duty records --------------------------------------------------------------


class ActivityIn(Schema):
    station: RowId | None = Field(None, description="The station (an operator: their own)")
    kind: ActivityKind
    date: datetime.date
    title: Title
    notes: Text = ""
    deputies: list[RowId] = Field(default_factory=list, max_length=500)
    constituents_received: int = Field(0, ge=0, le=100_000)


class ActivityOut(Schema):
    id: int
    station: Ref
    kind: str
    kind_label: str
    date: datetime.date
    title: str
    notes: str
    constituents_received: int
    deputies: list[Ref]

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return _label(obj, "kind")

    @staticmethod
    def resolve_deputies(obj: Any) -> list[dict[str, Any]]:
        return [{"id": a.deputy_id, "name": a.deputy.person.name} for a in obj.attendances.all()]


class DutyRecordIn(Schema):
    date: datetime.date
    title: Title
    text: Text


class PhotoOut(Schema):
    id: int
    name: str
    size: int
    content_type: str


class DutyRecordOut(Schema):
    id: int
    date: datetime.date
    title: str
    text: str
    deputy: Ref | None
    station: Ref | None
    photos: list[PhotoOut]

    @staticmethod
    def resolve_deputy(obj: Any) -> dict[str, Any] | None:
        return {"id": obj.deputy_id, "name": obj.deputy.person.name} if obj.deputy_id else None

    @staticmethod
    def resolve_photos(obj: Any) -> list[Any]:
        return list(obj.photos.all())


# --- trainings -------------------------------------------------


class TrainingIn(Schema):
    title: Title
    start_date: datetime.date
    end_date: datetime.date | None = Field(None, description="Default: the start date")
    place: Title = ""


class DeputiesIn(Schema):
    deputies: list[RowId] = Field(max_length=1_000, description="The deputies' ids")


class TrainingOut(Schema):
    id: int
    title: str
    start_date: datetime.date
    end_date: datetime.date
    place: str
    attendance: int = Field(description="How many deputies attended")

    @staticmethod
    def resolve_attendance(obj: Any) -> int:
        return int(obj.attendance)


class TrainingDetailOut(TrainingOut):
    deputies: list[Ref]

    @staticmethod
    def resolve_deputies(obj: Any) -> list[dict[str, Any]]:
        return [{"id": a.deputy_id, "name": a.deputy.person.name} for a in obj.attendances.all()]
