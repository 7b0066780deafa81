"""Forms of the petition pages: the office registering a petition with its petitioners, the
public's online petition, the receipt code, the petitioner's rating and review request, list
filters, and the action forms whose input needs choices from the congress (units, leaders,
stations, earlier petitions). Every other action's form is derived from its payload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.actionforms import ActionForm, check_forms
from renda.core.forms import (
    ActionErrorsMixin,
    FilterForm,
    fast_selects,
    recent_years_field,
    search_field,
)
from renda.org.models import Congress, ContactStation, HandlingUnit
from renda.petitions import payloads as P
from renda.petitions.actions import Person
from renda.petitions.models import (
    Channel,
    Petition,
    PetitionCategory,
    PetitionState,
    Rating,
)
from renda.petitions.workflow import PETITION

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _areas(congress_id: int | None) -> list[tuple[Any, str]]:
    rows = Congress.objects.filter(parent_id=congress_id).order_by("code") if congress_id else []
    return [("", "—"), *((c.pk, c.region) for c in rows)]


def chosen_area(form: forms.Form) -> Congress | None:
    """The county-level area a petition form chose, if any."""
    pk = form.cleaned_data.get("area")
    return Congress.objects.filter(pk=pk).first() if pk else None


class PetitionerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=40, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    id_number = forms.CharField(label=_("ID number"), max_length=18, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)


PetitionerRows = forms.formset_factory(PetitionerForm, extra=3, max_num=5, absolute_max=5)


class RegisterForm(ActionErrorsMixin, forms.Form):
    """登记: what came by letter, visit or phone, with who petitioned (a collective visit
    names up to five representatives)."""

    ACTION_FIELDS = {"petitioners": "people"}

    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    received_at = forms.DateTimeField(label=_("Received at"), widget=DATETIME_INPUT)
    title = forms.CharField(label=_("Matter"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=PetitionCategory.choices)
    content = forms.CharField(
        label=_("What the petitioner asks"), widget=forms.Textarea(attrs={"rows": 6})
    )
    area = forms.TypedChoiceField(
        label=_("County-level area"), coerce=int, required=False, empty_value=None
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    people = forms.IntegerField(
        label=_("Number of people"),
        min_value=1,
        max_value=999,
        initial=1,
        help_text=_("Five or more make a collective petition (集体访)."),
    )

    def __init__(self, *args: Any, congress_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = _areas(congress_id)  # type: ignore[attr-defined]
        self.fields["received_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        self.rows = PetitionerRows(self.data if self.is_bound else None, prefix="petitioners")

    def is_valid(self) -> bool:
        return all([super().is_valid(), self.rows.is_valid()])

    def petitioners(self) -> list[Person]:
        return [
            Person(
                **{k: r.cleaned_data.get(k, "") for k in ("name", "phone", "id_number", "address")}
            )
            for r in self.rows
            if r.cleaned_data.get("name")
        ]


class PublicPetitionForm(ActionErrorsMixin, forms.Form):
    """网上信访: for anyone; who petitions is private (the petitions office alone reads it)."""

    ACTION_FIELDS = {"petitioners": "name"}

    title = forms.CharField(label=_("Matter"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=PetitionCategory.choices)
    content = forms.CharField(
        label=_("What you ask, and what happened"), widget=forms.Textarea(attrs={"rows": 8})
    )
    area = forms.TypedChoiceField(
        label=_("County-level area"), coerce=int, required=False, empty_value=None
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    name = forms.CharField(label=_("Your name"), max_length=40)
    phone = forms.CharField(label=_("Phone"), max_length=30)
    id_number = forms.CharField(label=_("ID number"), max_length=18, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)

    def __init__(self, *args: Any, congress_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = _areas(congress_id)  # type: ignore[attr-defined]

    def person(self) -> Person:
        d = self.cleaned_data
        return Person(
            name=d["name"], phone=d["phone"], id_number=d["id_number"], address=d["address"]
        )


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class RatingForm(ActionErrorsMixin, forms.Form):
    rating = forms.ChoiceField(
        label=_("Are you satisfied with the answer?"),
        choices=Rating.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewRequestForm(ActionErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why you ask for a review"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


# --- list filters ----------------------------------------------------------------------------


class RegisterFilterForm(FilterForm):
    q = search_field(_("Matter or text"))
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *PetitionState.choices]
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All")), *Channel.choices]
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *PetitionCategory.choices]
    )
    year = recent_years_field()
    key = forms.BooleanField(label=_("Key cases"), required=False)
    overdue = forms.BooleanField(label=_("Overdue"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fast_selects(self)  # the options written out directly, not a template each


class ShowFilterForm(FilterForm):
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Still open")), ("all", _("All, including closed"))],
    )
    year = recent_years_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fast_selects(self)  # the options written out directly, not a template each


# --- action forms that need choices from the congress -----------------------------------------


class AcceptForm(ActionForm):
    workflow = PETITION
    action = "accept"
    payload_class = P.AcceptIn
    unit = forms.TypedChoiceField(
        label=_("Body competent"), coerce=int, required=False, empty_value=None
    )

    def setup(self) -> None:
        units = HandlingUnit.objects.filter(congress_id=self.case.congress_id, active=True)
        self.fields["unit"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *units.order_by("kind", "name").values_list("pk", "name"),
        ]
        self.fields["unit"].help_text = P.AcceptIn.help["unit"]
        self.order_fields(["mode", "unit", "note"])


class MarkKeyForm(ActionForm):
    workflow = PETITION
    action = "mark_key"
    payload_class = P.MarkKeyIn
    leader = forms.TypedChoiceField(label=_("Supervising leader"), coerce=int)

    def setup(self) -> None:
        from renda.accounts.models import User

        # The leaders with a post (the chair's council) first.
        leaders = User.objects.filter(
            congress_id=self.case.congress_id, role="leader", is_active=True
        ).order_by("-title", "last_name", "first_name", "pk")
        self.fields["leader"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((u.pk, f"{u.display_name} {u.title}".strip()) for u in leaders),
        ]


class PassToDeputiesForm(ActionForm):
    workflow = PETITION
    action = "pass_to_deputies"
    payload_class = P.PassToDeputiesIn
    station = forms.TypedChoiceField(label=_("Contact station"), coerce=int)

    def setup(self) -> None:
        stations = ContactStation.objects.filter(
            congress_id=self.case.congress_id, closed_on__isnull=True
        ).select_related("area")
        if self.case.area_id:  # the stations of the area the petition concerns
            stations = stations.filter(area_id=self.case.area_id)
        self.fields["station"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((s.pk, s.name) for s in stations.order_by("area__code", "name")),
        ]


class LinkForm(ActionForm):
    workflow = PETITION
    action = "link"
    payload_class = P.LinkIn
    earlier = forms.TypedChoiceField(label=_("Earlier petition"), coerce=int)

    def setup(self) -> None:
        # Earlier petitions of the same category and area: where a repeated matter is found.
        earlier = (
            Petition.objects.filter(
                congress_id=self.case.congress_id,
                category=self.case.category,
                area_id=self.case.area_id,
                received_at__lt=self.case.received_at,
            )
            .order_by("-received_at")
            .only("pk", "year", "number", "title")[:50]
        )
        self.fields["earlier"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((p.pk, f"{p.year}-{p.number:03d} {p.title}") for p in earlier),
        ]


check_forms(PETITION)
