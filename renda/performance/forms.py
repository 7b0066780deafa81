"""Forms of the performance pages: the year and list filters, a manual entry, the scoring rules.

The forms check the shape of the input; the actions decide (and their refusals are shown beside
the field they name).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.forms import fast_selects
from renda.org.models import ContactStation, Delegation, Deputy
from renda.performance.actions import MAX_POINTS, MAX_WEIGHT, RuleInput
from renda.performance.models import MANUAL_KINDS, ActKind, ScoringRule

FIRST_YEAR = 1979  # local congresses' standing committees were set up from 1979


def this_year() -> int:
    return timezone.localdate().year


class FilterForm(forms.Form):
    """A filter bar: a bad value shows its error beside the field and is ignored."""

    def values(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


def _year_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=this_year() + 1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        **kwargs,
    )


def _search_field(placeholder: Any) -> forms.CharField:
    return forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": placeholder}),
    )


class YearForm(FilterForm):
    """The year a page is about (default: this year)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"] = _year_field()  # made now: "this year" moves on

    def chosen_year(self) -> int:
        return int(self.values().get("year") or this_year())


class RankingsForm(YearForm):
    by = forms.ChoiceField(
        label=_("Rank within"),
        required=False,
        choices=[("delegation", _("Delegation")), ("station", _("Contact station"))],
    )
    group = forms.TypedChoiceField(label=_("Show"), required=False, coerce=int, empty_value=None)

    # The deputies of no delegation or station, as a group of their own.
    NO_GROUP = 0

    def __init__(self, *args: Any, groups: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", _("Overview")), *groups]  # type: ignore[attr-defined]
        fast_selects(self)  # the options written out directly, not a template each

    def chosen_by(self) -> str:
        return str(self.values().get("by") or "delegation")


class DeputyFilterForm(YearForm):
    q = _search_field(_("Name or card number"))
    delegation = forms.TypedChoiceField(
        label=_("Delegation"), required=False, coerce=int, empty_value=None
    )
    station = forms.TypedChoiceField(
        label=_("Contact station"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, congress_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["q", "year", "delegation", "station"])
        self.fields["year"].widget.attrs["placeholder"] = str(this_year())  # left empty
        delegations = Delegation.objects.filter(congress_id=congress_id).order_by("name")
        stations = ContactStation.objects.filter(congress_id=congress_id).order_by("name")
        self.fields["delegation"].choices = [  # type: ignore[attr-defined]
            ("", _("All")),
            *delegations.values_list("pk", "name"),
        ]
        self.fields["station"].choices = [  # type: ignore[attr-defined]
            ("", _("All")),
            *stations.values_list("pk", "name"),
        ]
        fast_selects(self)  # the options written out directly, not a template each


class EntryFilterForm(YearForm):
    q = _search_field(_("Deputy or title"))
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All")), *((str(k), k.label) for k in MANUAL_KINDS)],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["q", "year", "kind"])
        # Left empty, the entries of every year are listed.
        self.fields["year"].widget.attrs["placeholder"] = _("Every year")
        fast_selects(self)  # the options written out directly, not a template each


def deputy_choices(congress_id: int) -> list[tuple[str, list[tuple[int, str]]]]:
    """Every deputy of the congress, grouped by delegation, for the deputy picker."""
    deputies = (
        Deputy.objects.filter(congress_id=congress_id)
        .select_related("person", "delegation")
        .order_by("delegation__name", "card_number")
    )
    groups: dict[str, list[tuple[int, str]]] = {}
    for d in deputies:
        groups.setdefault(d.delegation.name if d.delegation else "—", []).append(
            (d.pk, d.person.name)
        )
    return list(groups.items())


class EntryForm(forms.Form):
    """Staff record an act no module records, for one deputy or several (the same act each:
    e.g. everyone who attended the session), with its evidence."""

    deputy_ids = forms.TypedMultipleChoiceField(
        label=_("Deputies"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one deputy.")},
        help_text=_("Pick several to record the same act for each of them."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of act"),
        choices=[("", "—"), *((str(k), k.label) for k in MANUAL_KINDS)],
        help_text=_(
            "Only what no module records: suggestions, activities, trainings and the like "
            "join the record on their own."
        ),
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. attended the 4th session")}),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        help_text=_(
            "A scan of the sign-in sheet, a photo…: PDF, Word, Excel, images or text; up to 10 MB."
        ),
    )

    def __init__(self, *args: Any, congress_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deputy_ids"].choices = deputy_choices(congress_id)  # type: ignore[attr-defined]
        self.congress_id = congress_id

    def deputies(self) -> list[Deputy]:
        ids = self.cleaned_data["deputy_ids"]
        found = Deputy.objects.filter(congress_id=self.congress_id, pk__in=ids)
        return list(found.select_related("person").order_by("card_number"))


# --- the scoring rules ------------------------------------------------------------------------

NUMBER = {"step": "0.01", "min": "0", "inputmode": "decimal"}


def _number(label: Any, limit: Decimal, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal(0),
        max_value=limit,
        max_digits=len(str(int(limit))) + 2,
        decimal_places=2,
        widget=forms.NumberInput(attrs=NUMBER),
        **kwargs,
    )


class RuleForm(forms.Form):
    """One kind of act: whether it is scored, points each, a cap per year and a weight."""

    kind = forms.ChoiceField(choices=ActKind.choices, widget=forms.HiddenInput)
    scored = forms.BooleanField(label=_("Scored"), required=False)
    points = _number(_("Points each"), MAX_POINTS, required=False)
    cap = _number(_("Cap per year"), MAX_POINTS, required=False)
    weight = _number(_("Weight"), MAX_WEIGHT, required=False)

    @property
    def kind_label(self) -> str:
        kind = self["kind"].value()
        return str(ActKind(kind).label) if kind in ActKind.values else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("scored"):
            if data.get("points") is None and "points" not in self.errors:
                self.add_error("points", _("Enter the points for each act."))
            if data.get("weight") is None and "weight" not in self.errors:
                self.add_error("weight", _("Enter a weight (1 counts the points as they are)."))
        return data

    def rule(self) -> RuleInput | None:
        d = self.cleaned_data
        if not d.get("scored"):
            return None
        return RuleInput(kind=d["kind"], points=d["points"], cap=d.get("cap"), weight=d["weight"])


class BaseRuleFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        kinds = [f.cleaned_data.get("kind") for f in self.forms]
        if sorted(kinds) != sorted(ActKind.values):
            raise forms.ValidationError(_("The form is out of date: reload the page."))
        if not any(f.cleaned_data.get("scored") for f in self.forms):
            raise forms.ValidationError(_("Score at least one kind of act."))

    def rules(self) -> list[RuleInput]:
        return [r for f in self.forms if (r := f.rule()) is not None]


RuleFormSet = forms.formset_factory(
    RuleForm, formset=BaseRuleFormSet, extra=0, min_num=0, max_num=len(ActKind.values)
)


def rule_initial(rules: list[ScoringRule]) -> list[dict[str, Any]]:
    """One row per kind of act, in the order of ActKind, from the rules in force."""
    by_kind = {r.kind: r for r in rules}
    rows = []
    for kind in ActKind.values:
        rule = by_kind.get(kind)
        rows.append(
            {
                "kind": kind,
                "scored": rule is not None,
                "points": _plain(rule.points) if rule else None,
                "cap": _plain(rule.cap) if rule and rule.cap is not None else None,
                "weight": _plain(rule.weight) if rule else Decimal(1),
            }
        )
    return rows


def _plain(value: Decimal) -> Decimal:
    """10.00 → 10, 1.50 → 1.5: what a person would type."""
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
