"""The stations API: activities, duty records with photos, and the trainings deputies attend.

Thin on purpose: each endpoint looks the row up among what the caller may see (404
otherwise), turns ids into rows of the caller's congress, and calls one function of
actions.py, which checks role (403), state (409) and input (422).
"""

# No `from __future__ import annotations`: django-ninja reads the path and payload types from
# the evaluated annotations of the endpoints.

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from renda.core.api import Pages, PkPath, RowId, caller, caller_congress
from renda.core.workflow import ActionInvalid
from renda.org.api import payload_station
from renda.org.models import Deputy
from renda.stations import actions as A
from renda.stations.models import ActivityKind, DutyPhoto, Training, TrainingAttendance
from renda.stations.queries import (
    activities_visible_to,
    duty_records_visible_to,
    trainings_visible_to,
    with_activity_data,
    with_duty_record_data,
)
from renda.stations.schemas import (
    ActivityIn,
    ActivityOut,
    DeputiesIn,
    DutyRecordIn,
    DutyRecordOut,
    TrainingDetailOut,
    TrainingIn,
    TrainingOut,
)

router = Router(tags=["stations"])


def _deputies(user: Any, ids: list[int]) -> list[Deputy]:
    found = list(Deputy.objects.filter(congress_id=user.congress_id, pk__in=ids))
    if len(found) != len(set(ids)):
        raise ActionInvalid(_("No such deputy in your congress."), field="deputies")
    return found


class YearFilter(Schema):
    year: int | None = Field(None, ge=1900, le=9999)
    station: RowId | None = Field(None, description="A contact station's id")


# --- activities --------------------------------------------------------------------------------


class ActivityFilters(YearFilter):
    kind: ActivityKind | None = None


@router.get("/activities", response=list[ActivityOut], summary="Contact stations' activities")
@paginate(Pages)
def activity_list(request: HttpRequest, filters: Query[ActivityFilters]) -> Any:
    qs = activities_visible_to(caller(request))
    if filters.year:
        qs = qs.filter(date__year=filters.year)
    if filters.station:
        qs = qs.filter(station_id=filters.station)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return with_activity_data(qs).order_by("-date", "-id")


def _activity(user: Any, pk: int) -> Any:
    activity = with_activity_data(activities_visible_to(user)).filter(pk=pk).first()
    if activity is None:
        raise Http404
    return activity


@router.get("/activities/{activity_id}", response=ActivityOut)
def activity_detail(request: HttpRequest, activity_id: PkPath) -> Any:
    return _activity(caller(request), activity_id)


@router.post(
    "/activities",
    response={201: ActivityOut},
    summary="A station's operator (or staff) records an activity and who took part",
)
def activity_create(request: HttpRequest, payload: ActivityIn) -> Any:
    user = caller(request)
    activity = A.activity_record(
        actor=user,
        station=payload_station(user, payload.station),
        kind=payload.kind,
        date=payload.date,
        title=payload.title,
        notes=payload.notes,
        deputies=_deputies(user, payload.deputies),
        constituents_received=payload.constituents_received,
    )
    return Status(201, _activity(user, activity.pk))


# --- duty records ------------------------------------------------------------------------------


@router.get("/duty-records", response=list[DutyRecordOut], summary="Duty records (履职信息)")
@paginate(Pages)
def duty_record_list(request: HttpRequest, filters: Query[YearFilter]) -> Any:
    qs = duty_records_visible_to(caller(request))
    if filters.year:
        qs = qs.filter(date__year=filters.year)
    if filters.station:
        qs = qs.filter(station_id=filters.station)
    return with_duty_record_data(qs).order_by("-date", "-id")


def _duty_record(user: Any, pk: int) -> Any:
    record = with_duty_record_data(duty_records_visible_to(user)).filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


@router.get("/duty-records/{record_id}", response=DutyRecordOut)
def duty_record_detail(request: HttpRequest, record_id: PkPath) -> Any:
    return _duty_record(caller(request), record_id)


@router.post(
    "/duty-records",
    response={201: DutyRecordOut},
    summary="A deputy or a station's operator uploads a duty record with photos "
    "(multipart form: date, title, text, photos)",
)
def duty_record_create(
    request: HttpRequest,
    payload: Form[DutyRecordIn],
    photos: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Any:
    user = caller(request)
    record = A.duty_record_upload(
        actor=user,
        date=payload.date,
        title=payload.title,
        text=payload.text,
        photos=photos or [],
    )
    return Status(201, _duty_record(user, record.pk))


@router.post(
    "/duty-records/{record_id}/photos",
    response=DutyRecordOut,
    summary="Add photos to one's own duty record (multipart form: photos)",
)
def duty_record_add_photos(
    request: HttpRequest, record_id: PkPath, photos: File[list[UploadedFile]]
) -> Any:
    user = caller(request)
    A.duty_photos_add(record=_duty_record(user, record_id), actor=user, photos=photos)
    return _duty_record(user, record_id)


@router.get("/duty-records/{record_id}/photos/{photo_id}", summary="A photo's file")
def duty_record_photo(request: HttpRequest, record_id: PkPath, photo_id: PkPath) -> Any:
    record = _duty_record(caller(request), record_id)
    photo = DutyPhoto.objects.filter(record=record, pk=photo_id).first()
    if photo is None:
        raise Http404
    return FileResponse(photo.file.open("rb"), content_type=photo.content_type)


# --- trainings -----------------------------------------------------------------------------------
# Staff record them (the actions refuse anyone else: 403). A training is announced to every
# deputy of the congress, so deputies read them all.


def _attended(deputy_id: int) -> Exists:
    """The training was attended by this deputy (a subquery: no duplicate rows)."""
    return Exists(
        TrainingAttendance.objects.filter(training_id=OuterRef("pk"), deputy_id=deputy_id)
    )


def _with_training_data(qs: QuerySet[Training]) -> QuerySet[Training]:
    return qs.annotate(attendance=Count("attendances")).prefetch_related(
        Prefetch(
            "attendances",
            queryset=TrainingAttendance.objects.select_related("deputy__person").order_by(
                "deputy__card_number"
            ),
        )
    )


class TrainingFilters(Schema):
    year: int | None = Field(None, ge=1900, le=9999)
    deputy: RowId | None = Field(None, description="Only those this deputy attended")


@router.get("/trainings", response=list[TrainingOut], summary="Trainings of deputies (代表培训)")
@paginate(Pages)
def training_list(request: HttpRequest, filters: Query[TrainingFilters]) -> Any:
    qs = trainings_visible_to(caller(request))
    if filters.year:
        qs = qs.filter(start_date__year=filters.year)
    if filters.deputy:
        qs = qs.filter(_attended(filters.deputy))
    return qs.annotate(attendance=Count("attendances")).order_by("-start_date", "-id")


def _training(user: Any, pk: int) -> Any:
    training = _with_training_data(trainings_visible_to(user)).filter(pk=pk).first()
    if training is None:
        raise Http404
    return training


@router.get(
    "/trainings/{training_id}", response=TrainingDetailOut, summary="A training and who attended"
)
def training_detail(request: HttpRequest, training_id: PkPath) -> Any:
    return _training(caller(request), training_id)


@router.post("/trainings", response={201: TrainingDetailOut}, summary="Staff list a training")
def training_create(request: HttpRequest, payload: TrainingIn) -> Any:
    user = caller(request)
    training = A.training_create(
        actor=user,
        congress=caller_congress(user),
        title=payload.title,
        start_date=payload.start_date,
        end_date=payload.end_date,
        place=payload.place,
    )
    return Status(201, _training(user, training.pk))


@router.post(
    "/trainings/{training_id}/attendance",
    response=TrainingDetailOut,
    summary="Staff record who attended (replaces the list), once the training has started",
)
def training_attendance(request: HttpRequest, training_id: PkPath, payload: DeputiesIn) -> Any:
    user = caller(request)
    training = _training(user, training_id)
    A.training_attendance_record(
        training=training, actor=user, deputies=_deputies(user, payload.deputies)
    )
    return _training(user, training_id)
