"""What the contact stations' work adds to a deputy's record: station activities (a reception
day or an inspection counts as such), duty records and trainings (read by performance through
core.acts)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from renda.core.acts import ActKind, ActSource, item, register
from renda.stations.models import (
    ActivityAttendance,
    ActivityKind,
    DutyRecord,
    TrainingAttendance,
)

# A station activity's own kind decides which kind of act taking part in it is.
ACTIVITY_KINDS = {
    ActivityKind.RECEPTION: ActKind.RECEPTION,
    ActivityKind.INSPECTION: ActKind.INSPECTION,
    ActivityKind.RESEARCH: ActKind.INSPECTION,
}


def activity_act(kind: Any) -> str:
    return str(ACTIVITY_KINDS.get(kind, ActKind.ACTIVITY))


def _url(name: str, pk: int) -> str:
    return reverse(name, args=[pk])


register(
    ActSource(
        acts=lambda c: ActivityAttendance.objects.filter(activity__congress_id=c),
        date="activity__date",
        deputy_field="deputy",
        kind_field="activity__kind",
        kind_of_value=activity_act,
        related=("activity",),
        item=lambda a: item(
            activity_act(a.activity.kind),
            a.activity.date,
            a.activity.title,
            a.activity,
            _url("stations:activity_detail", a.activity_id),
            n=a.activity.constituents_received,
        ),
    ),
    ActSource(
        acts=lambda c: DutyRecord.objects.filter(congress_id=c),
        date="date",
        deputy_field="deputy",
        kind=ActKind.DUTY_RECORD,
        item=lambda d: item(
            ActKind.DUTY_RECORD, d.date, d.title, d, _url("stations:duty_detail", d.pk)
        ),
    ),
    ActSource(
        acts=lambda c: TrainingAttendance.objects.filter(training__congress_id=c),
        date="training__start_date",
        deputy_field="deputy",
        kind=ActKind.TRAINING,
        related=("training",),
        item=lambda t: item(
            ActKind.TRAINING,
            t.training.start_date,
            t.training.title,
            t.training,
            readers_url=_url("stations:training_detail", t.training_id),
        ),
    ),
)
