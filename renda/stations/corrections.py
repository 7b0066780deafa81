"""Correcting what was entered (更正): an activity or a duty record typed wrong.

Who recorded it corrects it themselves within the correction window (a setting: 7 days after
recording by default); after the window they ask, and staff approve (the correction is then
applied) or refuse. Staff correct any record of their congress at any time and delete one
entered in error. Every correction is an action with its event holding what changed (before
and after), so the performance records and the year's figures, computed from the rows, follow;
a deleted record's event keeps what it held.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

import rules
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.core.inputs import not_future, require_choice, require_text
from renda.core.settings_registry import Setting, register_settings
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid, record_event
from renda.org.models import Deputy
from renda.stations.actions import MAX_TEXT, _deputies
from renda.stations.models import (
    Activity,
    ActivityAttendance,
    ActivityKind,
    Correction,
    CorrectionState,
    DutyPhoto,
    DutyRecord,
)

WINDOW = "stations_correction_window_days"
register_settings(
    [
        Setting(
            WINDOW,
            7,
            gettext_lazy(
                "Days after recording in which who recorded an activity or a duty record "
                "corrects it without staff's approval"
            ),
        )
    ]
)

Record = Activity | DutyRecord
ACTIVITY_FIELDS = ("kind", "date", "title", "notes", "deputies", "constituents_received")
DUTY_FIELDS = ("date", "title", "text", "remove_photos")


def _recorder_id(record: Record) -> int:
    return record.recorded_by_id if isinstance(record, Activity) else record.uploaded_by_id


def _recorded_at(record: Record) -> datetime.datetime:
    return record.recorded_at if isinstance(record, Activity) else record.uploaded_at


def window_closes(record: Record) -> datetime.datetime:
    days = int(record.congress.setting(WINDOW))
    return _recorded_at(record) + datetime.timedelta(days=days)


def in_window(record: Record) -> bool:
    return timezone.now() <= window_closes(record)


def corrects_directly(actor: Any, record: Record) -> bool:
    """Staff of the congress, or who recorded it while the window is open."""
    if rules.has_perm("stations.decide_correction", actor, record):
        return True
    return _recorder_id(record) == actor.pk and in_window(record)


# --- what a record holds, and what a correction would change ---------------------------------


def current(record: Record) -> dict[str, Any]:
    """The correctable values, as the API writes them."""
    if isinstance(record, Activity):
        return {
            "kind": record.kind,
            "date": record.date.isoformat(),
            "title": record.title,
            "notes": record.notes,
            "deputies": sorted(a.deputy_id for a in record.attendances.all()),
            "constituents_received": record.constituents_received,
        }
    return {
        "date": record.date.isoformat(),
        "title": record.title,
        "text": record.text,
        "remove_photos": [],
    }


def _date(value: Any, field: str) -> datetime.date:
    if isinstance(value, datetime.date):
        return not_future(value, field)
    try:
        return not_future(datetime.date.fromisoformat(str(value)), field)
    except ValueError:
        raise ActionInvalid(_("Enter a valid date."), field=field) from None


def _checked(record: Record, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The new values, each checked as when the record was first entered (JSON-able)."""
    fields = ACTIVITY_FIELDS if isinstance(record, Activity) else DUTY_FIELDS
    unknown = sorted(set(changes) - set(fields))
    if unknown:
        raise ActionInvalid(
            _("These cannot be corrected: %(fields)s.") % {"fields": ", ".join(unknown)},
            field=unknown[0],
        )
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "kind":
            out[key] = require_choice(str(value), ActivityKind, "kind")
        elif key == "date":
            out[key] = _date(value, "date").isoformat()
        elif key == "title":
            out[key] = require_text(value, "title", _("Title"), max_length=200)
        elif key in ("notes", "text"):
            label = _("Notes") if key == "notes" else _("Text")
            out[key] = require_text(value, key, label, required=key == "text", max_length=MAX_TEXT)
        elif key == "constituents_received":
            out[key] = _count(value)
        elif key == "deputies":
            chosen = Deputy.objects.filter(pk__in=_ids(value, key))
            if chosen.count() != len(set(_ids(value, key))):
                raise ActionInvalid(_("No such deputy in your congress."), field=key)
            out[key] = sorted(d.pk for d in _deputies(record.congress_id, chosen, key))
        elif key == "remove_photos":
            ids = set(_ids(value, key))
            assert isinstance(record, DutyRecord)
            if ids - set(record.photos.values_list("pk", flat=True)):
                raise ActionInvalid(_("No such photo on this record."), field=key)
            out[key] = sorted(ids)
    return out


def _count(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ActionInvalid(_("Enter a whole number."), field="constituents_received") from None
    if number < 0:
        raise ActionInvalid(_("The number cannot be negative."), field="constituents_received")
    return number


def _ids(value: Any, field: str) -> list[int]:
    if not isinstance(value, list | tuple | set):
        raise ActionInvalid(_("Give a list."), field=field)
    try:
        return [int(v) for v in value]
    except (TypeError, ValueError):
        raise ActionInvalid(_("Give a list of numbers."), field=field) from None


def _diff(record: Record, new: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    before_all = current(record)
    before = {k: before_all[k] for k, v in new.items() if before_all[k] != v}
    after = {k: new[k] for k in before}
    if not after:
        raise ActionInvalid(_("Nothing was changed."), field=next(iter(new), None))
    return before, after


# --- actions ---------------------------------------------------------------------------------


def record_correct(
    *, record: Record, actor: Any, changes: Mapping[str, Any], reason: str = ""
) -> Record | Correction:
    """Correct an activity or a duty record: applied at once for staff and, within the window,
    for who recorded it; after the window who recorded it asks staff (a Correction)."""
    recorder = _recorder_id(record) == actor.pk
    staff = rules.has_perm("stations.decide_correction", actor, record)
    if not (recorder or staff):
        raise ActionForbidden(_("Only who recorded this, or staff, may correct it."))
    new = _checked(record, changes)
    reason = require_text(reason, "reason", _("Reason"), required=False, max_length=500)
    if not corrects_directly(actor, record):
        if not reason:
            raise ActionInvalid(
                _("The time to correct it yourself is over: say why, and staff will decide."),
                field="reason",
            )
        with transaction.atomic():
            locked = type(record).objects.select_for_update().get(pk=record.pk)
            before, after = _diff(locked, new)
            if locked.corrections.filter(state=CorrectionState.PENDING).exists():
                raise ActionConflict(_("A correction of this record is already waiting."))
            correction = Correction.objects.create(
                congress_id=locked.congress_id,
                changes=after,
                reason=reason,
                requested_by=actor,
                **{_kind(locked): locked},
            )
            record_event(
                case=locked,
                action="correction_asked",
                actor=actor,
                data={"before": before, "after": after, "reason": reason},
            )
        return correction
    with transaction.atomic():
        locked = type(record).objects.select_for_update().get(pk=record.pk)
        _apply(locked, new, actor=actor, reason=reason)
    return locked


def correction_decide(
    *, correction: Correction, actor: Any, approve: bool, note: str = ""
) -> Correction:
    """Staff approve a correction asked after the window (it is applied) or refuse it."""
    record = correction.record
    if not rules.has_perm("stations.decide_correction", actor, record):
        raise ActionForbidden(_("Only the standing committee's staff may decide corrections."))
    note = require_text(note, "note", _("Note"), required=not approve, max_length=500)
    with transaction.atomic():
        won = Correction.objects.filter(pk=correction.pk, state=CorrectionState.PENDING).update(
            state=CorrectionState.APPROVED if approve else CorrectionState.REFUSED,
            decided_by=actor,
            decided_at=timezone.now(),
            note=note,
        )
        if not won:
            raise ActionConflict(_("This correction was already decided."))
        locked = type(record).objects.select_for_update().get(pk=record.pk)
        if approve:
            changes = _checked(locked, correction.changes)
            _apply(locked, changes, actor=actor, reason=correction.reason, asked_by=correction)
        else:
            record_event(case=locked, action="correction_refused", actor=actor, data={"note": note})
    correction.refresh_from_db()
    return correction


def record_delete(*, record: Record, actor: Any, reason: str) -> None:
    """Staff delete a record entered in error; its event keeps what it held."""
    if not rules.has_perm("stations.decide_correction", actor, record):
        raise ActionForbidden(_("Only the standing committee's staff may delete records."))
    reason = require_text(reason, "reason", _("Reason"), max_length=500)
    with transaction.atomic():
        locked = type(record).objects.select_for_update().get(pk=record.pk)
        held = current(locked)
        held.pop("remove_photos", None)
        if isinstance(locked, DutyRecord):
            held["photos"] = [p.name for p in locked.photos.all()]
        record_event(
            case=locked, action="delete", actor=actor, data={"held": held, "reason": reason}
        )
        photos = list(locked.photos.all()) if isinstance(locked, DutyRecord) else []
        locked.delete()
        transaction.on_commit(lambda: _remove_files(photos))


def _kind(record: Record) -> str:
    return "activity" if isinstance(record, Activity) else "duty_record"


def _apply(
    record: Record,
    new: Mapping[str, Any],
    *,
    actor: Any,
    reason: str,
    asked_by: Correction | None = None,
) -> None:
    before, after = _diff(record, new)
    for key, value in after.items():
        if key == "date":
            record.date = datetime.date.fromisoformat(value)
        elif key in ("kind", "title", "notes", "text", "constituents_received"):
            setattr(record, key, value)
    record.save()
    photos: list[DutyPhoto] = []
    if "deputies" in after:
        assert isinstance(record, Activity)
        _set_deputies(record, before["deputies"], after["deputies"])
    if "remove_photos" in after:
        assert isinstance(record, DutyRecord)
        photos = list(record.photos.filter(pk__in=after["remove_photos"]))
        before["remove_photos"] = [p.name for p in photos]
        after["remove_photos"] = [p.name for p in photos]
        DutyPhoto.objects.filter(pk__in=[p.pk for p in photos]).delete()
    data: dict[str, Any] = {"before": before, "after": after, "reason": reason}
    if asked_by is not None:
        data["asked_by"] = asked_by.requested_by_id
        data["correction"] = asked_by.pk
    record_event(case=record, action="correct", actor=actor, data=data)
    if photos:
        transaction.on_commit(lambda: _remove_files(photos))


def _set_deputies(record: Activity, before: Iterable[int], after: Iterable[int]) -> None:
    old, new = set(before), set(after)
    ActivityAttendance.objects.filter(activity=record, deputy_id__in=old - new).delete()
    ActivityAttendance.objects.bulk_create(
        ActivityAttendance(activity_id=record.pk, deputy_id=pk) for pk in sorted(new - old)
    )


def _remove_files(photos: Iterable[DutyPhoto]) -> None:
    """A removed photo's files leave the disk once the removal is committed."""
    for photo in photos:
        for stored in (photo.file, photo.thumbnail):
            if stored:
                stored.storage.delete(stored.name)
