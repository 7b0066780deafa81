"""The audit trail's filter bar."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.audit.models import Kind
from renda.core.actionforms import DATE_INPUT
from renda.core.forms import FilterForm, search_field


class TrailFilterForm(FilterForm):
    q = search_field(_("User name or what it was about"))
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *Kind.choices]
    )
    since = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    until = forms.DateField(label=_("To"), required=False, widget=DATE_INPUT)
    ip = forms.GenericIPAddressField(label=_("Address"), required=False)
