"""The public's opinion form with what a QR code poster (码上见代表) and a phone camera add: the
poster's signed mark kept in a hidden field, the station (and deputy) it names chosen in
advance, a choice among that station's deputies, and up to three photos."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import MultipleFileField
from renda.core.uploads import MB
from renda.opinions.forms import PublicOpinionForm
from renda.opinions.photos import MAX_PHOTO_BYTES, MAX_PHOTOS
from renda.opinions.qrlinks import Scanned, read_token
from renda.org.models import Deputy


class ScannedOpinionForm(PublicOpinionForm):
    """PublicOpinionForm, plus `qr`, `deputy` (only after a scan) and `photos`."""

    # No length check: a hidden field's error would show nowhere; read_token refuses it.
    qr = forms.CharField(required=False, widget=forms.HiddenInput)
    deputy = forms.ChoiceField(
        label=_("Deputy"),
        required=False,
        choices=[("", _("Any deputy of the station"))],
        help_text=_("The deputy you want to read it; the station's staff follow it up."),
    )
    photos = MultipleFileField(
        label=_("Photos (optional)"),
        help_text=_(
            "Up to %(n)d photos of the problem, JPEG or PNG, %(size)d MB each at most. "
            "Only the staff who handle your opinion see them; they are never published."
        )
        % {"n": MAX_PHOTOS, "size": MAX_PHOTO_BYTES // MB},
    )

    def __init__(self, *args: Any, token: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["photos"].widget.attrs["accept"] = "image/jpeg,image/png"
        # A bound form reads the mark it carried; a fresh one the mark in the address.
        if self.is_bound:
            token = str(self.data.get("qr", ""))
        self.scanned: Scanned | None = read_token(token)
        self.deputies: dict[str, Deputy] = {}
        if self.scanned is None:
            del self.fields["deputy"]
        else:
            station = self.scanned.station
            self.fields["qr"].initial = token
            self.fields["station"].initial = str(station.pk)
            self.fields["congress"].initial = str(station.congress_id)
            rows = (
                Deputy.objects.filter(station=station, status=Deputy.Status.ACTIVE)
                .select_related("person")
                .order_by("person__name", "pk")
            )
            self.deputies = {str(d.pk): d for d in rows}
            field: Any = self.fields["deputy"]
            field.choices = [
                *list(field.choices)[:1],
                *((k, d.person.name) for k, d in self.deputies.items()),
            ]
            if self.scanned.deputy is not None:
                self.fields["deputy"].initial = str(self.scanned.deputy.pk)
        self.order_fields(self._order())

    def _order(self) -> list[str]:
        """The parent's order, the deputy after the station and the photos after the place."""
        order: list[str] = []
        for name in self.fields:
            if name in ("deputy", "photos"):
                continue
            order.append(name)
            if name == "station" and "deputy" in self.fields:
                order.append("deputy")
            if name == "place":
                order.append("photos")
        return order

    def submission(self) -> dict[str, Any]:
        """What this form adds to the opinion_submit_online call."""
        chosen = self.cleaned_data.get("deputy") or ""
        return {
            "scanned": self.scanned is not None,
            "deputy": self.deputies.get(chosen),
            "photos": self.cleaned_data.get("photos") or [],
        }
