"""What a station's work leaves in its history: activities, duty records and trainings are
records without states, each a RecordHistory whose event kinds core's
timeline names and describes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from renda.core.models import Event
from renda.core.timeline import RecordHistory
from renda.core.workflow import EventKind
from renda.stations.models import Activity, ActivityKind, DutyRecord, Training


def _counts(event: Event, names: Mapping[str, Mapping[Any, str]]) -> str:
    """How many deputies, constituents received and photos the event names."""
    data = event.data if isinstance(event.data, dict) else {}
    details = []
    if "deputies" in data:
        details.append(_("%(n)d deputies") % {"n": len(data["deputies"])})
    if data.get("constituents_received"):
        details.append(_("%(n)d constituents received") % {"n": data["constituents_received"]})
    for key in ("photos", "n"):
        if data.get(key):
            details.append(_("%(n)d photos") % {"n": data[key]})
    return " · ".join(details)


FIELD_LABELS = {
    "kind": gettext_lazy("Kind"),
    "date": gettext_lazy("Date"),
    "title": gettext_lazy("Title"),
    "notes": gettext_lazy("Notes"),
    "text": gettext_lazy("Text"),
    "deputies": gettext_lazy("Deputies who took part"),
    "constituents_received": gettext_lazy("Constituents received"),
    "remove_photos": gettext_lazy("Photos removed"),
}


def _shown(key: str, value: Any) -> str:
    if key == "deputies":
        from renda.org.models import Deputy

        names = Deputy.objects.filter(pk__in=value).values_list("person__name", flat=True)
        return "、".join(sorted(names)) or "—"
    if key == "remove_photos":
        return "、".join(value)
    if key == "kind":
        return str(dict(ActivityKind.choices).get(value, value))
    text = str(value) if value not in ("", None) else "—"
    return text if len(text) <= 60 else text[:60] + "…"


def describe_changes(event: Event, names: Mapping[str, Mapping[Any, str]]) -> str:
    """What a correction changed, field by field: before → after, and why."""
    return changes_text(event.data if isinstance(event.data, dict) else {})


def changes_text(data: Mapping[str, Any]) -> str:
    """A correction's before → after (and reason) from its event's data, or one asked."""
    before, after = data.get("before") or {}, data.get("after") or {}
    parts = []
    colon = pgettext("label separator", ": ")
    for key, new in after.items():
        label = FIELD_LABELS.get(key, key)
        if key == "remove_photos":
            parts.append(f"{label}{colon}{_shown(key, new)}")
        else:
            old = _shown(key, before.get(key))
            parts.append(f"{label}{colon}{old} → {_shown(key, new)}")
    if data.get("reason"):
        parts.append(_("reason: %(reason)s") % {"reason": data["reason"]})
    if data.get("note"):
        parts.append(data["note"])
    return "; ".join(parts)


RECORDED = EventKind("create", gettext_lazy("Recorded"), _counts)
CORRECTIONS = [
    EventKind("correct", gettext_lazy("Corrected"), describe_changes),
    EventKind("correction_asked", gettext_lazy("Correction asked"), describe_changes),
    EventKind("correction_refused", gettext_lazy("Correction refused"), describe_changes),
]
ATTENDANCE = EventKind("attendance", gettext_lazy("Attendance recorded"), _counts)

ACTIVITY = RecordHistory(Activity, [RECORDED, *CORRECTIONS])
DUTY_RECORD = RecordHistory(
    DutyRecord,
    [RECORDED, EventKind("add_photos", gettext_lazy("Photos added"), _counts), *CORRECTIONS],
)
TRAINING = RecordHistory(Training, [RECORDED, ATTENDANCE])
