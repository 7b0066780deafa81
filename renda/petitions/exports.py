"""The petitions register as Excel, for the petitions office (with who petitioned)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.spreadsheets import Column, single_table
from renda.petitions.models import Petition


def register_sheet(rows: Iterable[Petition], *, congress: Any, note: str = "") -> bytes:
    """The register as filtered; `note`: its words were capped (engine.listed), said under the
    title as on the page."""
    columns = [
        Column(_("Number"), 10),
        Column(_("Received"), 12, is_date=True),
        Column(_("Channel"), 8),
        Column(_("Petitioners"), 18),
        Column(_("Phone"), 14),
        Column(_("Number of people"), 8),
        Column(_("Matter"), 36),
        Column(_("Category"), 14),
        Column(_("County-level area"), 10),
        Column(_("State"), 12),
        Column(_("Handling unit"), 20),
        Column(_("To answer by"), 12, is_date=True),
        Column(_("Answered"), 12, is_date=True),
        Column(_("Handling opinion"), 10),
        Column(_("Key case"), 8),
    ]

    def line(p: Petition) -> list[Any]:
        people = list(p.petitioners.all())
        return [
            f"{p.year}-{p.number:03d}",
            timezone.localdate(p.received_at),
            p.get_channel_display(),
            "、".join(x.name for x in people),
            "、".join(x.phone for x in people if x.phone),
            p.people,
            p.title,
            p.get_category_display(),
            p.area.region if p.area else "",
            p.get_state_display(),
            p.unit.name if p.unit else "",
            p.answer_due,
            timezone.localdate(p.answered_at) if p.answered_at else None,
            p.get_answer_result_display(),
            _("Yes") if p.is_key else "",
        ]

    return single_table(
        sheet=_("Petitions"),
        title=_("%(congress)s: petitions") % {"congress": congress.name},
        subtitle=_("As of %(date)s") % {"date": timezone.localdate().isoformat()}
        + (f" {note}" if note else ""),
        columns=columns,
        rows=(line(p) for p in rows),
    )
