"""Forms of the constituents' opinion pages: recording at a station, the public's form,
receipt lookup and rating, list filters, the refer action's own form (the other actions'
forms are derived from their payloads), and Open311 keys.

The forms only parse input; every rule (who, when, what is valid) is decided by one function
of actions.py, whose ActionInvalid comes back to the form beside the field it names.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.actionforms import ActionForm, check_forms, derived_field
from renda.core.forms import ActionErrorsMixin, fast_selects
from renda.opinions import actions as A
from renda.opinions.models import (
    ConstituentOpinion,
    OpinionCategory,
    OpinionSource,
    OpinionState,
)
from renda.opinions.schemas import AnswerIn, RateIn, ReferIn
from renda.opinions.workflow import OPINION
from renda.org.models import Congress, ContactStation, HandlingUnit
from renda.routing.proposals import propose

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ALL = _("All")


def _text(label: Any, *, required: bool = True, rows: int = 3, **kw: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=kw.pop("max_length", A.MAX_TEXT),
        widget=forms.Textarea(attrs={"rows": rows}),
        **kw,
    )


def _category(empty: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Category"), choices=[("", empty), *OpinionCategory.choices])


def _chosen(field: Any, rows: Iterable[Any], label: Any = str) -> dict[str, Any]:
    """Fill a choice field with rows already read (after its empty choice); returns them by
    the value submitted."""
    by_key = {str(r.pk): r for r in rows}
    field.choices = [*list(field.choices)[:1], *((k, label(r)) for k, r in by_key.items())]
    return by_key


def _grouped(field: Any, rows: Iterable[Any], group: Any) -> dict[str, Any]:
    """Like _chosen, in option groups (units by kind, stations by area)."""
    by_key: dict[str, Any] = {}
    groups: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        by_key[str(r.pk)] = r
        groups.setdefault(str(group(r)), []).append((str(r.pk), r.name))
    field.choices = [*list(field.choices)[:1], *groups.items()]
    return by_key


def _unit_kind(unit: HandlingUnit) -> str:
    """A unit's kind, for its option group (not get_kind_display(): it rebuilds the choices
    on every call, a millisecond a unit)."""
    return str(_UNIT_KINDS.get(unit.kind, unit.kind))


_UNIT_KINDS = dict(HandlingUnit.Kind.choices)


# --- recording at a station, and the public's form -----------------------------------------------


def _sms_opt_in(label: Any, help_text: Any) -> forms.BooleanField:
    """The tick box for the receipt code and the outcome by SMS (the phone field's number)."""
    return forms.BooleanField(label=label, required=False, help_text=help_text)


class _ConstituentFields(ActionErrorsMixin, forms.Form):
    """What a constituent raised, where, and how to reach them (kept private)."""

    # The actions name these fields as they call them.
    ACTION_FIELDS = {"name": "contact_name", "phone": "contact_phone", "email": "contact_email"}

    category = _category("—")
    content = _text(_("What the constituent raised"), rows=5)
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=200,
        help_text=_("Where it is: a street, a village, a building."),
    )
    contact_name = forms.CharField(label=_("Name"), required=False, max_length=40)
    contact_phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    contact_email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)

    def constituent(self) -> A.Constituent:
        d = self.cleaned_data
        return A.Constituent(
            name=d["contact_name"], phone=d["contact_phone"], email=d["contact_email"]
        )


class RecordForm(_ConstituentFields):
    """记录群众意见: an operator at the reception desk (or staff for any station) records what a
    constituent raised, and may resolve it on the spot in the same step."""

    station = forms.ChoiceField(label=_("Contact station"), choices=[("", "—")])
    received_at = forms.DateTimeField(
        label=_("Received"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty for now."),
    )
    sms_opt_in = _sms_opt_in(
        _("Text the constituent the receipt code and the outcome"),
        _("They asked for it, and gave a mobile number above. Sent to that number only."),
    )
    resolve_now = forms.BooleanField(label=_("Resolved on the spot"), required=False)
    outcome = _text(
        _("How it was resolved"),
        required=False,
        help_text=_("What was done or explained; the constituent reads it by the receipt code."),
    )
    field_order = [
        "station",
        "category",
        "content",
        "place",
        "contact_name",
        "contact_phone",
        "sms_opt_in",
        "contact_email",
        "received_at",
        "resolve_now",
        "outcome",
    ]

    def __init__(
        self,
        *args: Any,
        user: Any,
        own_station: ContactStation | None,
        stations: list[ContactStation] | None,
        **kwargs: Any,
    ) -> None:
        """`own_station`: the operator's; else `stations`, those staff may choose from."""
        super().__init__(*args, **kwargs)
        self.user = user
        self.own_station = own_station
        self.resolved = False
        self.fields["contact_name"].label = _("Constituent's name")
        self.fields["contact_phone"].label = _("Constituent's phone")
        self.fields["contact_email"].label = _("Constituent's e-mail")
        if stations is None:
            del self.fields["station"]
            self.stations: dict[str, ContactStation] = {}
        else:
            self.stations = _grouped(
                self.fields["station"],
                stations,
                lambda s: s.area.short_name if s.area_id else "—",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("resolve_now") and not (data.get("outcome") or "").strip():
            self.add_error("outcome", _("Say how it was resolved."))
        return data

    def run(self) -> ConstituentOpinion:
        """Record it, and resolve it if it was resolved: both or neither (an outcome refused
        leaves nothing recorded)."""
        d = self.cleaned_data
        station = self.stations.get(d.get("station") or "") or self.own_station
        with transaction.atomic():
            opinion = A.opinion_record(
                actor=self.user,
                station=station,  # type: ignore[arg-type]
                category=d["category"],
                content=d["content"],
                constituent=self.constituent(),
                place=A.Place(address=d["place"]),
                received_at=d["received_at"],
                sms_opt_in=d["sms_opt_in"],
            )
            if d["resolve_now"]:
                A.opinion_resolve(opinion=opinion, actor=self.user, outcome=d["outcome"])
        self.resolved = bool(d["resolve_now"])
        return opinion

    @property
    def success(self) -> str:
        if self.resolved:
            return gettext("Recorded and resolved on the spot.")
        return gettext("Recorded. Refer it to a unit from its page, or resolve it there.")


class PublicOpinionForm(_ConstituentFields):
    """The public's form (no account): the congress (when there are several), optionally the
    nearest station, and the opinion."""

    congress = forms.ChoiceField(label=_("People's congress"), choices=[("", "—")])
    sms_opt_in = _sms_opt_in(
        _("Text me the receipt code and the outcome"),
        _("Needs a mobile number above. Sent to that number only, twice at most."),
    )
    station = forms.ChoiceField(
        label=_("Nearest contact station"),
        required=False,
        choices=[("", _("None: send it to the standing committee"))],
        help_text=_("The station's deputies and staff follow your opinion."),
    )
    field_order = [
        "congress",
        "category",
        "content",
        "place",
        "station",
        "contact_name",
        "contact_phone",
        "sms_opt_in",
        "contact_email",
    ]

    def __init__(
        self,
        *args: Any,
        congresses: list[Congress],
        stations: list[ContactStation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["content"].label = _("Your opinion or suggestion")
        self.fields["content"].help_text = _(
            "What the problem is and what you suggest. Do not write your ID number here."
        )
        for name in ("contact_name", "contact_phone", "contact_email"):
            self.fields[name].help_text = _("Optional; seen only by the staff who handle it.")
        self.fields["contact_name"].label = _("Your name")
        self.fields["contact_phone"].label = _("Your phone")
        self.fields["contact_email"].label = _("Your e-mail")
        self.congresses = _chosen(self.fields["congress"], congresses)
        if len(congresses) == 1:
            self.fields["congress"].widget = forms.HiddenInput()
            self.fields["congress"].initial = str(congresses[0].pk)
        several = len(congresses) > 1
        self.stations = _grouped(
            self.fields["station"],
            stations,
            lambda s: (
                " · ".join(
                    x
                    for x in (
                        s.congress.short_name if several else "",
                        s.area.short_name if s.area_id else "",
                    )
                    if x
                )
                or "—"
            ),
        )

    def chosen_congress(self) -> Congress:
        return self.congresses[self.cleaned_data["congress"]]

    def chosen_station(self) -> ContactStation | None:
        return self.stations.get(self.cleaned_data.get("station") or "")


class ReceiptForm(forms.Form):
    # No format check here: a malformed code must answer exactly like a wrong one.
    code = forms.CharField(
        label=_("Receipt code"),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "maxlength": "40",
                "placeholder": "XXXX XXXX XXXX XXXX",
            }
        ),
    )


class RatingForm(ActionErrorsMixin, forms.Form):
    """The constituent's rating, by the receipt code: the fields of the rate action's payload
    (the page has no case form: the constituent has no account)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in RateIn.model_fields:
            self.fields[name] = derived_field(RateIn, name)  # type: ignore[assignment]


# --- list filters ---------------------------------------------------------------------------------


class _FilterForm(forms.Form):
    """A filter bar: a bad value is reported beside its field and ignored."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Content or place")}),
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", ALL), *OpinionState.choices]
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", ALL), *OpinionCategory.choices]
    )
    received_from = forms.DateField(label=_("Received from"), required=False, widget=DATE_INPUT)
    received_to = forms.DateField(label=_("Received until"), required=False, widget=DATE_INPUT)
    overdue = forms.ChoiceField(
        label=_("Overdue"),
        required=False,
        choices=[("", ALL), ("yes", _("Overdue only")), ("no", _("Not overdue"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fast_selects(self)  # the options written out directly, not a template each

    def values(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}
        if "q" in data:
            data["q"] = data["q"].strip() or None
        if "overdue" in data:
            data["overdue"] = data["overdue"] == "yes"
        return data


class StationFilterForm(_FilterForm):
    """A station's list: state, category, received range and a search (receipt codes too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("Content, place or receipt code")


class UnitFilterForm(_FilterForm):
    """A unit's list: open referrals by default, or every opinion it answered."""

    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("open", _("Still to answer")), ("all", _("All referred to us"))],
    )
    field_order = ["q", "show", "category", "received_from", "received_to", "overdue"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["state"]


# The register's sort keys and the columns they order by (a stable tie-breaker last); those
# with nothing due come last either way.
REGISTER_SORTS: dict[str, tuple[Any, ...]] = {
    "received": ("received_at", "id"),
    "-received": ("-received_at", "-id"),
    "due": (F("due").asc(nulls_last=True), "id"),
    "-due": (F("due").desc(nulls_last=True), "-id"),
    "state": ("state", "-received_at", "-id"),
    "-state": ("-state", "-received_at", "-id"),
    "category": ("category", "-received_at", "-id"),
    "-category": ("-category", "-received_at", "-id"),
}


class RegisterFilterForm(_FilterForm):
    """Staff and leaders: every opinion of the congress."""

    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", ALL), *OpinionSource.choices]
    )
    station = forms.ChoiceField(label=_("Contact station"), required=False, choices=[("", ALL)])
    unit = forms.ChoiceField(label=_("Handling unit"), required=False, choices=[("", ALL)])
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    sort = forms.ChoiceField(
        required=False, choices=[(k, k) for k in REGISTER_SORTS], widget=forms.HiddenInput
    )
    field_order = [
        "q",
        "state",
        "category",
        "source",
        "station",
        "unit",
        "year",
        "received_from",
        "received_to",
        "overdue",
    ]

    def __init__(
        self,
        *args: Any,
        stations: list[ContactStation],
        units: list[HandlingUnit],
        years: list[int],
        search_receipt: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _chosen(self.fields["station"], stations)
        _grouped(self.fields["unit"], units, _unit_kind)
        self.fields["year"].choices = [("", ALL), *((str(y), str(y)) for y in years)]  # type: ignore[attr-defined]
        if search_receipt:
            self.fields["q"].widget.attrs["placeholder"] = _("Content, place or receipt code")

    def values(self) -> dict[str, Any]:
        data = super().values()
        for name in ("station", "unit"):
            if name in data:
                data[name] = int(data[name])
        return data


# --- the page's action forms: derived from the payloads, but for referring ---------------------


class ReferForm(ActionForm):
    """Refer to a unit: the congress's active units to choose from, by kind (loaded once for
    the page: CasePage.form_context)."""

    workflow = OPINION
    action = "refer"
    payload_class = ReferIn

    unit = forms.TypedChoiceField(label=_("Handling unit"), coerce=int, choices=[("", "—")])

    def setup(self) -> None:
        units = (self.ctx or {}).get("units", [])
        _grouped(self.fields["unit"], units, _unit_kind)
        # 智能交办: the proposed unit is filled in, the ranking shown beside the field.
        proposal = propose(
            congress_id=self.case.congress_id, kind="opinion", text=self.case.content
        )
        if proposal.units:
            if not self.is_bound:
                self.initial["unit"] = proposal.unit_ids[0]
            self.fields["unit"].help_text = gettext("Proposed (%(method)s): %(units)s") % {
                "method": proposal.method_label,
                "units": " · ".join(f"{r.name} {r.percent}%" for r in proposal.units),
            }


class AnswerForm(ActionForm):
    """Answer: the derived fields, and under them the reply check's button (renda.reading)."""

    workflow = OPINION
    action = "answer"
    payload_class = AnswerIn
    fields_template = "opinions/_answer_fields.html"


check_forms(OPINION)


# --- Open311 client keys ----------------------------------------------------------------------


class KeyIssueForm(ActionErrorsMixin, forms.Form):
    name = forms.CharField(
        label=pgettext_lazy("name of a thing", "Name"),
        max_length=100,
        help_text=_("Who uses the key: an app's name, or the station's."),
    )
    station = forms.ChoiceField(
        label=_("Contact station"),
        required=False,
        choices=[("", _("None: an app of the whole congress"))],
        help_text=_("Opinions sent with a station's key go to that station."),
    )

    def __init__(self, *args: Any, stations: list[ContactStation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stations = _chosen(self.fields["station"], stations)

    def chosen_station(self) -> ContactStation | None:
        return self.stations.get(self.cleaned_data.get("station") or "")
