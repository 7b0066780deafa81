"""Reads shared by the station pages, the API and Open311, scoped by role, with prefetching."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from renda.core.predicates import has_role
from renda.core.receipts import MIN_RECEIPT_CHARS, normalize_receipt_code
from renda.stations.models import (
    Activity,
    ActivityAttendance,
    ConstituentOpinion,
    DutyRecord,
    OpinionState,
)


def _role(user: Any) -> str:
    return str(user.role) if has_role(user) else ""


def activities_visible_to(user: Any) -> QuerySet[Activity]:
    """Staff and leaders: their congress's; an operator: their station's; a deputy: those
    they took part in."""
    qs = Activity.objects.all()
    role = _role(user)
    if role in ("staff", "leader"):
        return qs.filter(congress_id=user.congress_id)
    if role == "station" and user.station_id:
        return qs.filter(station_id=user.station_id)
    if role == "deputy" and user.deputy_id:
        return qs.filter(attendances__deputy_id=user.deputy_id)
    return qs.none()


def with_activity_data(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    return qs.select_related("station").prefetch_related(
        Prefetch(
            "attendances",
            queryset=ActivityAttendance.objects.select_related("deputy__person").order_by(
                "deputy__card_number"
            ),
        )
    )


def duty_records_visible_to(user: Any) -> QuerySet[DutyRecord]:
    """Staff and leaders: their congress's; a deputy: their own; an operator: their station's
    and those of the station's deputies."""
    qs = DutyRecord.objects.all()
    role = _role(user)
    if role in ("staff", "leader"):
        return qs.filter(congress_id=user.congress_id)
    if role == "deputy" and user.deputy_id:
        return qs.filter(deputy_id=user.deputy_id)
    if role == "station" and user.station_id:
        return qs.filter(Q(station_id=user.station_id) | Q(deputy__station_id=user.station_id))
    return qs.none()


def with_duty_record_data(qs: QuerySet[DutyRecord]) -> QuerySet[DutyRecord]:
    return qs.select_related("deputy__person", "station").prefetch_related("photos")


def opinions_visible_to(user: Any) -> QuerySet[ConstituentOpinion]:
    """Staff and leaders: their congress's; an operator: their station's; a handler: those
    referred to their unit now."""
    qs = ConstituentOpinion.objects.all()
    role = _role(user)
    if role in ("staff", "leader"):
        return qs.filter(congress_id=user.congress_id)
    if role == "station" and user.station_id:
        return qs.filter(station_id=user.station_id)
    if role == "handler" and user.unit_id:
        return qs.filter(unit_id=user.unit_id)
    return qs.none()


def with_opinion_data(qs: QuerySet[ConstituentOpinion]) -> QuerySet[ConstituentOpinion]:
    return qs.select_related("station", "unit", "congress")


def overdue_opinions(
    congress_id: int, *, today: datetime.date | None = None
) -> QuerySet[ConstituentOpinion]:
    """Referred opinions whose unit has not answered by the day due, longest overdue first."""
    today = today or timezone.localdate()
    return with_opinion_data(
        ConstituentOpinion.objects.filter(
            congress_id=congress_id, state=OpinionState.REFERRED, answer_due__lt=today
        )
    ).order_by("answer_due", "id")


def opinion_by_receipt(code: str) -> ConstituentOpinion | None:
    """The constituent's own opinion by its receipt code; a wrong code finds nothing."""
    code = normalize_receipt_code(code)
    if len(code) < MIN_RECEIPT_CHARS:
        return None
    return with_opinion_data(ConstituentOpinion.objects.filter(receipt_code=code)).first()
