"""Corrections through the API (更正): `PATCH` an activity or a duty record with the fields to
correct (applied at once: 200 with the record; asked after the window: 202 with the
correction for staff to decide), staff's `POST .../delete` of a record entered in error, and
the staff's list of corrections with `POST /station-corrections/{id}/decide`."""

# No `from __future__ import annotations`: django-ninja reads the evaluated annotations.

import datetime
from typing import Any

from django.db.models import Case, When
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from renda.core.api import Pages, PkPath, RowId, caller
from renda.core.workflow import ActionForbidden
from renda.stations import corrections as C
from renda.stations.api import _activity, _duty_record, router
from renda.stations.models import ActivityKind, Correction, CorrectionState
from renda.stations.schemas import ActivityOut, DutyRecordOut, Text, Title

# The routes join the stations router: a path's methods must live on one router.
Reason = Field("", max_length=500, description="Why (required after the correction window)")


class ActivityCorrectionIn(Schema):
    kind: ActivityKind | None = None
    date: datetime.date | None = None
    title: Title | None = None
    notes: Text | None = None
    deputies: list[RowId] | None = Field(None, max_length=500)
    constituents_received: int | None = Field(None, ge=0, le=100_000)
    reason: str = Reason


class DutyRecordCorrectionIn(Schema):
    date: datetime.date | None = None
    title: Title | None = None
    text: Text | None = None
    remove_photos: list[RowId] | None = Field(None, max_length=50)
    reason: str = Reason


class RecordDeleteIn(Schema):
    reason: str = Field(..., max_length=500)


class StationCorrectionOut(Schema):
    id: int
    record: str = Field(..., description="activity or duty_record")
    record_id: int
    changes: dict[str, Any]
    reason: str
    state: CorrectionState
    requested_by: str
    requested_at: datetime.datetime
    decided_at: datetime.datetime | None
    note: str

    @staticmethod
    def resolve_record(c: Correction) -> str:
        return "activity" if c.activity_id else "duty_record"

    @staticmethod
    def resolve_record_id(c: Correction) -> int:
        return c.activity_id or c.duty_record_id  # type: ignore[return-value]

    @staticmethod
    def resolve_requested_by(c: Correction) -> str:
        return c.requested_by.display_name


class StationCorrectionDecisionIn(Schema):
    approve: bool
    note: str = Field("", max_length=500, description="Required when refusing")


def _changes(payload: Schema) -> tuple[dict[str, Any], str]:
    data = payload.dict(exclude_unset=True)
    reason = data.pop("reason", "") or ""
    return {k: v for k, v in data.items() if v is not None}, reason


def _answer(result: Any, user: Any, read: Any) -> Any:
    if isinstance(result, Correction):
        return Status(202, result)
    return read(user, result.pk)


@router.patch(
    "/activities/{activity_id}",
    response={200: ActivityOut, 202: StationCorrectionOut},
    summary="Correct an activity (who recorded it within the window, or staff)",
)
def activity_correct(
    request: HttpRequest, activity_id: PkPath, payload: ActivityCorrectionIn
) -> Any:
    user = caller(request)
    changes, reason = _changes(payload)
    result = C.record_correct(
        record=_activity(user, activity_id), actor=user, changes=changes, reason=reason
    )
    return _answer(result, user, _activity)


@router.patch(
    "/duty-records/{record_id}",
    response={200: DutyRecordOut, 202: StationCorrectionOut},
    summary="Correct a duty record (who uploaded it within the window, or staff)",
)
def duty_record_correct(
    request: HttpRequest, record_id: PkPath, payload: DutyRecordCorrectionIn
) -> Any:
    user = caller(request)
    changes, reason = _changes(payload)
    result = C.record_correct(
        record=_duty_record(user, record_id), actor=user, changes=changes, reason=reason
    )
    return _answer(result, user, _duty_record)


@router.post(
    "/activities/{activity_id}/delete",
    response={204: None},
    summary="Staff delete an activity entered in error (its event keeps what it held)",
)
def activity_delete(request: HttpRequest, activity_id: PkPath, payload: RecordDeleteIn) -> Any:
    user = caller(request)
    C.record_delete(record=_activity(user, activity_id), actor=user, reason=payload.reason)
    return Status(204, None)


@router.post(
    "/duty-records/{record_id}/delete",
    response={204: None},
    summary="Staff delete a duty record entered in error",
)
def duty_record_delete(request: HttpRequest, record_id: PkPath, payload: RecordDeleteIn) -> Any:
    user = caller(request)
    C.record_delete(record=_duty_record(user, record_id), actor=user, reason=payload.reason)
    return Status(204, None)


def _corrections(user: Any) -> Any:
    if not user.has_perm("stations.list_corrections"):
        raise ActionForbidden(_("Only the standing committee's staff decide corrections."))
    waiting_first = Case(When(state=CorrectionState.PENDING, then=0), default=1)
    return (
        Correction.objects.filter(congress_id=user.congress_id)
        .select_related("requested_by")
        .order_by(waiting_first, "-requested_at", "-id")
    )


@router.get(
    "/station-corrections",
    response=list[StationCorrectionOut],
    summary="Corrections of activities and duty records asked after the window (staff)",
)
@paginate(Pages)
def correction_list(request: HttpRequest) -> Any:
    return _corrections(caller(request))


@router.post(
    "/station-corrections/{correction_id}/decide",
    response=StationCorrectionOut,
    summary="Staff approve (apply) or refuse a correction",
)
def correction_decide(
    request: HttpRequest, correction_id: PkPath, payload: StationCorrectionDecisionIn
) -> Any:
    user = caller(request)
    correction = (
        _corrections(user)
        .select_related("activity__congress", "duty_record__congress")
        .filter(pk=correction_id)
        .first()
    )
    if correction is None:
        raise Http404
    return C.correction_decide(
        correction=correction, actor=user, approve=payload.approve, note=payload.note
    )
