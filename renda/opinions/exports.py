"""The staff's Excel list of constituents' opinions (群众意见建议登记表), as filtered on the page,
with the constituents' contact details (staff may see them)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from renda.core.spreadsheets import Column, single_table
from renda.opinions.models import ConstituentOpinion
from renda.org.models import Congress


def _columns() -> list[Column]:
    return [
        Column(_("No."), 8),
        Column(_("Received"), 12, is_date=True),
        Column(_("Source"), 12),
        Column(_("Contact station"), 22),
        Column(_("Category"), 14),
        Column(_("Place"), 22),
        Column(_("Content"), 50),
        Column(_("Constituent's name"), 12),
        Column(_("Phone"), 15),
        Column(_("E-mail"), 20),
        Column(_("Receipt code"), 20),
        Column(_("State"), 14),
        Column(_("Handling unit"), 22),
        Column(_("Answer due"), 12, is_date=True),
        Column(_("Overdue"), 8),
        Column(_("Answer"), 40),
        Column(_("Outcome told"), 40),
        Column(_("Told by"), 12),
        Column(pgettext("opinion closed on", "Closed"), 12, is_date=True),
        Column(_("Rating"), 12),
        Column(_("Comment on the outcome"), 30),
    ]


def _day(value: Any) -> Any:
    return timezone.localdate(value) if value else None


def _row(o: ConstituentOpinion, today: Any) -> list[Any]:
    due = getattr(o, "due", None)
    return [
        o.pk,
        _day(o.received_at),
        o.get_source_display(),
        o.station.name if o.station else "",
        o.get_category_display(),
        o.place,
        o.content,
        o.contact_name,
        o.contact_phone,
        o.contact_email,
        o.receipt_code,
        o.get_state_display(),
        o.unit.name if o.unit else "",
        o.answer_due,
        _("Yes") if due and due < today else "",
        o.answer,
        o.outcome,
        o.get_told_by_display() if o.told_by else "",
        _day(o.closed_at),
        o.get_rating_display() if o.rating else "",
        o.rating_comment,
    ]


def _filters_text(form: forms.Form) -> str:
    """The filters in force, as the page's labels and chosen values."""
    if not form.is_bound or not form.is_valid():
        return _("All opinions")
    parts = []
    for name, value in form.cleaned_data.items():
        field = form.fields[name]
        if value in ("", None) or isinstance(field.widget, forms.HiddenInput):
            continue
        shown = dict(_flat(getattr(field, "choices", []))).get(str(value), value)
        parts.append(f"{field.label}: {shown}")
    return "; ".join(parts) or _("All opinions")


def _flat(choices: Iterable[Any]) -> Iterable[tuple[str, Any]]:
    for key, label in choices:
        if isinstance(label, list | tuple):
            yield from ((str(k), v) for k, v in label)
        else:
            yield str(key), label


def opinions_workbook(
    rows: QuerySet[ConstituentOpinion], *, congress: Congress, filters: forms.Form, note: str = ""
) -> bytes:
    """The filtered register as one table; `note`: the list's words were capped (its rows
    are the newest years' matches, engine.listed), said under the title as on the page."""
    today = timezone.localdate()
    return single_table(
        sheet=_("Constituents' opinions"),
        title=_("%(congress)s: constituents' opinions") % {"congress": congress.name},
        subtitle=_("%(filters)s. Exported %(date)s. Contains personal data: keep it private.")
        % {"filters": _filters_text(filters), "date": today.isoformat()}
        + (f" {note}" if note else ""),
        columns=_columns(),
        rows=(_row(o, today) for o in rows.iterator(chunk_size=500)),
    )
