"""The directory's filter bars (a bad value is reported beside its field and ignored), and the
deputy picker that the pages recording who attended something share."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from renda.core.forms import fast_selects
from renda.org import queries
from renda.org.models import Congress, ContactStation, Delegation, Deputy, HandlingUnit, Level
from renda.org.queries import Group, deputies_to_pick

YES_NO = [("", _("All")), ("yes", _("Yes")), ("no", _("No"))]


class NamedChoices(ModelChoiceIterator):
    """A model choice field's options as (id, name) values, in one query and without a model
    object each (a station's or a deputy's row is wide; issue 18): the same options as the
    objects' str(). `label` is the column that str() shows."""

    label = "name"

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", self.label)


class DeputyFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=60,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, card number or occupation")}
        ),
    )
    delegation: forms.ModelChoiceField[Delegation] = forms.ModelChoiceField(
        label=_("Delegation"), queryset=None, required=False, empty_label=_("All")
    )
    station: forms.ModelChoiceField[ContactStation] = forms.ModelChoiceField(
        label=_("Contact station"), queryset=None, required=False, empty_label=_("All")
    )
    party = forms.ChoiceField(label=_("Political affiliation"), required=False)
    gender = forms.ChoiceField(
        label=_("Gender"),
        required=False,
        choices=[("", _("All")), ("M", _("Male")), ("F", _("Female"))],
    )
    standing = forms.ChoiceField(
        label=_("Standing committee member"), required=False, choices=YES_NO
    )
    level = forms.ChoiceField(
        label=_("Also a deputy at"),
        required=False,
        choices=[("", _("Any level")), *Level.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Deputy.Status.choices]
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for key in queries.DEPUTY_SORTS],
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, congress: Congress | int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = queries.deputy_filter_options(congress)
        for name in ("delegation", "station"):  # set before the queryset, which reads it
            self.fields[name].iterator = NamedChoices  # type: ignore[attr-defined]
        self.fields["delegation"].queryset = options["delegations"]  # type: ignore[attr-defined]
        self.fields["station"].queryset = options["stations"]  # type: ignore[attr-defined]
        self.fields["party"].choices = [("", _("All"))] + [(p, p) for p in options["parties"]]  # type: ignore[attr-defined]
        fast_selects(self)  # the options written out directly, not a template each

    def filters(self) -> queries.DeputyFilters:
        """The valid part of the input; a bad value is ignored (its error shows beside it)."""
        data: dict[str, Any] = {}
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data
        standing = {"yes": True, "no": False}.get(data.get("standing") or "")
        return queries.DeputyFilters(
            q=(data.get("q") or "").strip(),
            delegation=data.get("delegation"),
            station=data.get("station"),
            party=data.get("party") or "",
            gender=data.get("gender") or "",
            standing_committee=standing,
            also_level=data.get("level") or "",
            status=data.get("status") or "",
            sort=data.get("sort") or "card",
        )


class UnitFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Unit name")}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *HandlingUnit.Kind.choices]
    )


class StationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=60,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Station, township or street")}
        ),
    )
    area: forms.ModelChoiceField[Congress] = forms.ModelChoiceField(
        label=_("County or district"), queryset=None, required=False, empty_label=_("All")
    )

    def __init__(self, *args: Any, congress: Congress | int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        area.queryset = queries.station_areas(congress)  # type: ignore[attr-defined]
        area.label_from_instance = lambda c: c.region  # type: ignore[attr-defined]


# --- who attended: deputies ticked in a picker, or whole delegations -----------------------


class DeputyPickField(forms.TypedMultipleChoiceField):
    """Deputies ticked in a picker (org/_deputy_picker.html); `groups` is how the page shows
    them (by delegation, by station)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.groups: list[Group] = []

    def set_groups(self, groups: list[Group]) -> None:
        self.groups = groups
        self.choices = [(pk, name) for _g, rows in groups for pk, name in rows]


def chosen_deputies(form: forms.Form, congress_id: int, name: str = "deputies") -> list[Deputy]:
    """The congress's deputies whose ids the form's picker `name` holds."""
    ids = form.cleaned_data.get(name) or []
    return list(Deputy.objects.filter(congress_id=congress_id, pk__in=ids))


class AttendeesForm(forms.Form):
    """Who attended a training or a meeting (org/attendance_form.html): deputies ticked one by
    one, and whole delegations at once."""

    deputies = DeputyPickField(label=_("Deputies"))

    def __init__(self, *args: Any, congress_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.congress_id = congress_id
        self.fields["delegations"] = forms.ModelMultipleChoiceField(
            label=_("Whole delegations"),
            queryset=Delegation.objects.filter(congress_id=congress_id).order_by("name"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Every serving deputy of the delegations ticked here is added too."),
        )

    def attendees(self) -> list[Deputy]:
        chosen = {d.pk: d for d in chosen_deputies(self, self.congress_id)}
        delegations = self.cleaned_data.get("delegations") or []
        if delegations:
            for d in deputies_to_pick(self.congress_id).filter(delegation__in=delegations):
                chosen.setdefault(d.pk, d)
        return list(chosen.values())
