"""Excel (.xlsx) exports of the stations' work: activities and duty records as filtered on the
page; a training's attendance."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.spreadsheets import (
    Column,
    single_table,
)
from renda.org.spreadsheets import attendee_columns, attendee_rows
from renda.stations.models import (
    Activity,
    DutyRecord,
    Training,
    TrainingAttendance,
)


def _subtitle(congress: Any, count: int, conditions: str) -> str:
    made = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    text = _("%(congress)s · %(count)d rows · made %(made)s") % {
        "congress": congress.name,
        "count": count,
        "made": made,
    }
    return f"{text} · {conditions}" if conditions else text


def activities_table(
    *, congress: Any, rows: Iterable[Activity], count: int, totals: dict[str, int], conditions: str
) -> bytes:
    """站点活动登记表: one row per activity, with its deputies and the totals below."""
    columns = [
        Column(_("Date"), 12, is_date=True),
        Column(_("Contact station"), 28),
        Column(_("Kind"), 12),
        Column(_("Title"), 36),
        Column(_("Deputies who took part"), 40),
        Column(_("Deputies"), 9),
        Column(_("Constituents received"), 12),
        Column(_("Notes"), 40),
        Column(_("Recorded by"), 14),
    ]

    def lines() -> Iterable[list[Any]]:
        for a in rows:
            deputies = [att.deputy.person.name for att in a.attendances.all()]
            yield [
                a.date,
                a.station.name,
                a.get_kind_display(),
                a.title,
                "、".join(deputies),
                len(deputies),
                a.constituents_received,
                a.notes,
                a.recorded_by.display_name,
            ]
        yield [
            _("Total"),
            "",
            "",
            _("%(n)d activities") % {"n": totals["activities"]},
            "",
            totals["attendances"],
            totals["constituents"],
            "",
            "",
        ]

    return single_table(
        sheet=_("Activities"),
        title=_("Contact stations' activities"),
        subtitle=_subtitle(congress, count, conditions),
        columns=columns,
        rows=lines(),
    )


def duty_records_table(
    *, congress: Any, rows: Iterable[DutyRecord], count: int, conditions: str
) -> bytes:
    """履职信息登记表: one row per record."""
    columns = [
        Column(_("Date"), 12, is_date=True),
        Column(_("Deputy"), 12),
        Column(_("Contact station"), 28),
        Column(_("Title"), 36),
        Column(_("Text"), 60),
        Column(_("Photos"), 8),
        Column(_("Uploaded by"), 14),
        Column(_("Uploaded at"), 17),
    ]

    def lines() -> Iterable[list[Any]]:
        for r in rows:
            station = r.station or (r.deputy.station if r.deputy else None)
            yield [
                r.date,
                r.deputy.person.name if r.deputy else "",
                station.name if station else "",
                r.title,
                r.text,
                r.photo_count,  # type: ignore[attr-defined]
                r.uploaded_by.display_name,
                timezone.localtime(r.uploaded_at).strftime("%Y-%m-%d %H:%M"),
            ]

    return single_table(
        sheet=_("Duty records"),
        title=_("Deputies' duty records"),
        subtitle=_subtitle(congress, count, conditions),
        columns=columns,
        rows=lines(),
    )


def training_table(*, training: Training, attendees: list[TrainingAttendance]) -> bytes:
    """培训签到名单: who attended the training, by delegation."""
    dates = training.start_date.isoformat()
    if training.end_date != training.start_date:
        dates += f" – {training.end_date.isoformat()}"
    subtitle = " · ".join(
        p for p in (dates, training.place, _("%(n)d deputies") % {"n": len(attendees)}) if p
    )
    return single_table(
        sheet=_("Attendance"),
        title=training.title,
        subtitle=subtitle,
        columns=attendee_columns(),
        rows=attendee_rows(attendees),
    )
