"""Every write on stations' work, each in a transaction with its event.

Activities, duty records and trainings are facts for the deputies' performance records: each
leaves a `create` event (or `attendance`, `add_photos`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

import rules
from django.db import transaction
from django.utils.translation import gettext as _

from renda.core.inputs import not_future, require_choice, require_text
from renda.core.predicates import has_deputyship, has_station
from renda.core.uploads import MB, check_photos, store_photos
from renda.core.workflow import ActionForbidden, ActionInvalid, record_event
from renda.org.models import Congress, ContactStation, Deputy
from renda.stations.models import (
    Activity,
    ActivityAttendance,
    ActivityKind,
    DutyPhoto,
    DutyRecord,
    Training,
    TrainingAttendance,
)
from renda.stations.rules import records_at_station

MAX_TEXT = 5_000
MAX_PHOTOS = 9
MAX_PHOTO_BYTES = 5 * MB


# --- checks ----------------------------------------------------------------------------------


def _deputies(congress_id: int, deputies: Iterable[Deputy], field: str) -> list[Deputy]:
    chosen = {d.pk: d for d in deputies}
    if any(d.congress_id != congress_id for d in chosen.values()):
        raise ActionInvalid(_("No such deputy in your congress."), field=field)
    return list(chosen.values())


def _require_staff(actor: Any, record: Training) -> None:
    """Trainings are the staff's records (of their congress)."""
    if not rules.has_perm("stations.record_attendance", actor, record):
        raise ActionForbidden(_("Only the standing committee's staff may do this."))


# --- station activities -----------------------------------------------------------------------


def activity_record(
    *,
    actor: Any,
    station: ContactStation,
    kind: str,
    date: datetime.date,
    title: str,
    notes: str = "",
    deputies: Iterable[Deputy] = (),
    constituents_received: int = 0,
) -> Activity:
    """A station's activity (study, briefing, research, reception day…) with the deputies who
    took part and the number of constituents received."""
    if not records_at_station(actor, station):
        raise ActionForbidden(_("Only staff or this station's operator may record this."))
    require_choice(kind, ActivityKind, "kind")
    not_future(date, "date")
    title = require_text(title, "title", _("Title"), max_length=200)
    notes = require_text(notes, "notes", _("Notes"), required=False, max_length=MAX_TEXT)
    present = _deputies(station.congress_id, deputies, "deputies")
    if constituents_received < 0:
        raise ActionInvalid(_("The number cannot be negative."), field="constituents_received")
    with transaction.atomic():
        activity = Activity.objects.create(
            congress_id=station.congress_id,
            station=station,
            kind=kind,
            date=date,
            title=title,
            notes=notes,
            constituents_received=constituents_received,
            recorded_by=actor,
        )
        ActivityAttendance.objects.bulk_create(
            ActivityAttendance(activity=activity, deputy=d) for d in present
        )
        record_event(
            case=activity,
            action="create",
            actor=actor,
            data={
                "date": date.isoformat(),
                "deputies": [d.pk for d in present],
                "constituents_received": constituents_received,
            },
        )
    return activity


# --- duty records ------------------------------------------------------------------------------


def duty_record_upload(
    *, actor: Any, date: datetime.date, title: str, text: str, photos: Sequence[Any] = ()
) -> DutyRecord:
    """A deputy, or a station's operator, uploads what they did (履职信息) with photos."""
    # The record is the author's: the deputy's own, or the operator's station's.
    if has_deputyship(actor):
        author: dict[str, Any] = {"deputy_id": actor.deputy_id}
    elif has_station(actor):
        author = {"station_id": actor.station_id}
    else:
        raise ActionForbidden(_("Only a deputy or a station's operator uploads duty records."))
    not_future(date, "date")
    title = require_text(title, "title", _("Title"), max_length=200)
    text = require_text(text, "text", _("Text"), max_length=MAX_TEXT)
    checked = _photos(photos, already=0)
    with transaction.atomic():
        record = DutyRecord.objects.create(
            congress_id=actor.congress_id,
            date=date,
            title=title,
            text=text,
            uploaded_by=actor,
            **author,
        )
        _store_photos(record, checked)
        record_event(
            case=record,
            action="create",
            actor=actor,
            data={"date": date.isoformat(), "photos": len(checked), **author},
        )
    return record


def duty_photos_add(*, record: DutyRecord, actor: Any, photos: Sequence[Any]) -> DutyRecord:
    """Who uploaded a record adds photos to it."""
    if not rules.has_perm("stations.add_duty_photos", actor, record):
        raise ActionForbidden(_("Only who uploaded this record may add photos to it."))
    if not photos:
        raise ActionInvalid(_("Choose at least one photo."), field="photos")
    with transaction.atomic():
        record = DutyRecord.objects.select_for_update().get(pk=record.pk)
        checked = _photos(photos, already=record.photos.count())
        _store_photos(record, checked)
        record_event(case=record, action="add_photos", actor=actor, data={"n": len(checked)})
    return record


def _photos(photos: Sequence[Any], *, already: int) -> list[Any]:
    return check_photos(
        photos,
        most=MAX_PHOTOS - already,
        max_bytes=MAX_PHOTO_BYTES,
        too_many=_("At most %(n)d photos per record.") % {"n": MAX_PHOTOS},
    )


def _store_photos(record: DutyRecord, checked: list[Any]) -> None:
    store_photos(DutyPhoto, checked, record=record)


# --- trainings ---------------------------------------------------------------------------


def training_create(
    *,
    actor: Any,
    congress: Congress,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    place: str = "",
) -> Training:
    """Staff list a training of deputies (代表培训)."""
    _require_staff(actor, Training(congress=congress))
    end_date = end_date or start_date
    if end_date < start_date:
        raise ActionInvalid(_("The training cannot end before it starts."), field="end_date")
    with transaction.atomic():
        training = Training.objects.create(
            congress=congress,
            title=require_text(title, "title", _("Title"), max_length=200),
            start_date=start_date,
            end_date=end_date,
            place=require_text(place, "place", _("Place"), required=False, max_length=200),
            created_by=actor,
        )
        record_event(case=training, action="create", actor=actor)
    return training


def training_attendance_record(
    *, training: Training, actor: Any, deputies: Iterable[Deputy]
) -> Training:
    """Staff record who attended, once the training has started; recording again replaces it."""
    _require_staff(actor, training)
    not_future(training.start_date, "deputies")
    present = _deputies(training.congress_id, deputies, "deputies")
    with transaction.atomic():
        TrainingAttendance.objects.filter(training=training).delete()
        TrainingAttendance.objects.bulk_create(
            TrainingAttendance(training=training, deputy=d) for d in present
        )
        record_event(
            case=training,
            action="attendance",
            actor=actor,
            data={"deputies": [d.pk for d in present]},
        )
    return training
