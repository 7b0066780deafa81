"""Deputies as rows of an .xlsx table: who attended a training or a meeting, numbered, with
their card number, delegation and contact station."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from renda.core.spreadsheets import Column


def attendee_columns() -> list[Column]:
    return [
        Column(_("No."), 6),
        Column(_("Deputy"), 12),
        Column(_("Card no."), 12),
        Column(_("Delegation"), 20),
        Column(_("Contact station"), 28),
    ]


def attendee_rows(rows: Iterable[Any]) -> Iterable[list[Any]]:
    """One line per attendance row (anything with a `deputy`, its person, delegation and
    station loaded)."""
    for i, a in enumerate(rows, start=1):
        d = a.deputy
        yield [
            i,
            d.person.name,
            d.card_number,
            d.delegation.name if d.delegation else "",
            d.station.name if d.station else "",
        ]
