"""The hot topics' choice of period and filters (a plain GET form: it works without JavaScript)."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.org.models import Congress, ContactStation
from renda.reading.themes import month
from renda.reading.themes_registry import Filters, categories, sources

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
MAX_DAYS = 366  # a period of a year at most


class ThemesForm(forms.Form):
    month = forms.CharField(
        label=_("Month"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2024-06"}),
    )
    county = forms.TypedChoiceField(
        label=_("County-level area"), required=False, coerce=int, empty_value=None
    )
    station = forms.TypedChoiceField(
        label=_("Contact station"), required=False, coerce=int, empty_value=None
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    source = forms.ChoiceField(label=_("Texts"), required=False)

    def __init__(self, data: Any, *, congress: Congress, default: datetime.date) -> None:
        super().__init__(data)
        self.default = default
        # "from" and "to" are Python keywords: declared here.
        self.fields["from"] = forms.DateField(
            label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
        )
        self.fields["to"] = forms.DateField(
            label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
        )
        order = ["month", "from", "to", "county", "station", "category", "source"]
        self.order_fields(order)
        self.fields["month"].widget.attrs["value"] = f"{default:%Y-%m}"
        every: list[tuple[Any, Any]] = [("", _("All"))]
        choice: dict[str, Any] = dict(self.fields)  # choice fields, typed as Field
        choice["county"].choices = every + [
            (c.pk, c.region or c.short_name)
            for c in Congress.objects.filter(parent=congress).order_by("code")
        ]
        choice["station"].choices = every + [
            (s.pk, s.name)
            for s in ContactStation.objects.filter(congress=congress).order_by("name")
        ]
        choice["category"].choices = every + sorted(
            ((code, str(name)) for code, name in categories().items()), key=lambda c: c[1]
        )
        choice["source"].choices = [("", _("Opinions and suggestions"))] + [
            (s.kind, s.label) for s in sources()
        ]

    def clean_month(self) -> tuple[datetime.date, datetime.date] | None:
        raw = (self.cleaned_data.get("month") or "").strip()
        if not raw:
            return None
        found = MONTH_RE.match(raw)
        if not found or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 2000:
            raise forms.ValidationError(_("Give a month as YYYY-MM, e.g. 2024-06."))
        return month(int(found.group(1)), int(found.group(2)))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("from"), data.get("to")
        if bool(start) != bool(end) and not self.has_error("from") and not self.has_error("to"):
            self.add_error("to" if start else "from", _("Give both the first and the last day."))
        elif start and end:
            if end < start:
                self.add_error("to", _("The last day comes before the first."))
            elif (end - start).days + 1 > MAX_DAYS:
                self.add_error("to", _("A period of a year at most."))
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The chosen period: from–to when both are given, else the month, else the default
        month (that of the latest text)."""
        data = self.cleaned_data
        if data.get("from") and data.get("to"):
            return data["from"], data["to"]
        if data.get("month"):
            chosen: tuple[datetime.date, datetime.date] = data["month"]
            return chosen
        return month(self.default.year, self.default.month)

    def filters(self) -> Filters:
        start, end = self.period()
        data = self.cleaned_data
        return Filters(
            start=start,
            end=end,
            county=data.get("county"),
            station=data.get("station"),
            category=data.get("category") or "",
        )

    def kinds(self) -> tuple[str, ...]:
        kind = self.cleaned_data.get("source") or ""
        return (kind,) if kind else ()
