"""What a station's work leaves in its history: activities, duty records and trainings are
records without states, each a RecordHistory whose event kinds core's
timeline names and describes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.core.models import Event
from renda.core.timeline import RecordHistory
from renda.core.workflow import EventKind
from renda.stations.models import Activity, DutyRecord, Training


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


RECORDED = EventKind("create", gettext_lazy("Recorded"), _counts)
ATTENDANCE = EventKind("attendance", gettext_lazy("Attendance recorded"), _counts)

ACTIVITY = RecordHistory(Activity, [RECORDED])
DUTY_RECORD = RecordHistory(
    DutyRecord, [RECORDED, EventKind("add_photos", gettext_lazy("Photos added"), _counts)]
)
TRAINING = RecordHistory(Training, [RECORDED, ATTENDANCE])
