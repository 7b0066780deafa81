"""Forms of the stations' work pages: logging an activity, duty records with photos,
trainings and their attendance, and the list filters.

Each form parses its input and calls one function of actions.py in `run()`; the function
decides (who, what is valid). An ActionInvalid comes back to the form and shows beside the
field it names (`add_action_error`).
"""

from __future__ import annotations

import datetime
from typing import Any

import rules
from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from renda.core.forms import ActionErrorsMixin, FastSelect, MultipleFileField, fast_selects
from renda.core.predicates import has_deputyship, has_station
from renda.org.forms import AttendeesForm, DeputyPickField, NamedChoices, chosen_deputies
from renda.org.models import ContactStation, Deputy
from renda.org.queries import deputies_to_pick, grouped
from renda.stations import actions as A
from renda.stations.models import (
    Activity,
    ActivityKind,
    DutyRecord,
    Training,
)
from renda.stations.queries import ACTIVITY_SORTS, DUTY_SORTS, WorkFilters

# Reception days first: they are most of what a station logs.
KIND_ORDER = [
    ActivityKind.RECEPTION,
    ActivityKind.STUDY,
    ActivityKind.BRIEFING,
    ActivityKind.RESEARCH,
    ActivityKind.INSPECTION,
    ActivityKind.OTHER,
]
# The usual title of an activity of each kind, used when the operator leaves it empty.
DEFAULT_TITLES: dict[str, Any] = {
    ActivityKind.RECEPTION: _("Reception day for constituents"),  # 代表接待选民日
    ActivityKind.STUDY: _("Collective study"),  # 集中学习
    ActivityKind.BRIEFING: _("Briefing for deputies"),  # 情况通报会
    ActivityKind.RESEARCH: _("Research visit"),  # 专题调研
    ActivityKind.INSPECTION: _("Deputies' inspection visit"),  # 代表视察
}
MAX_TEXT = A.MAX_TEXT
MAX_RECEIVED = 100_000  # far above any real day, and inside every database's integer


def _date_input(*, not_after_today: bool = False) -> forms.DateInput:
    attrs = {"type": "date"}
    if not_after_today:
        attrs["max"] = timezone.localdate().isoformat()
    return forms.DateInput(attrs=attrs, format="%Y-%m-%d")


def _date(label: Any, *, required: bool = True, not_after_today: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=_date_input(not_after_today=not_after_today)
    )


def _text(label: Any, *, required: bool = True, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _photos_field() -> MultipleFileField:
    field = MultipleFileField(
        label=_("Photos"),
        help_text=_("JPEG or PNG, up to %(size)d MB each, at most %(n)d per record.")
        % {"size": A.MAX_PHOTO_BYTES // A.MB, "n": A.MAX_PHOTOS},
    )
    field.widget.attrs["accept"] = "image/jpeg,image/png"
    return field


class WorkForm(ActionErrorsMixin, forms.Form):
    """A form that calls one action as its user (core.pages.run_action_form runs it): `run()`
    returns what the action made, `success` says so; the action's refusal goes beside its
    field."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.result: Any = None

    def run(self) -> Any:
        self.result = self.act(self.user)
        return self.result

    def act(self, actor: Any) -> Any:  # pragma: no cover - every form defines it
        raise NotImplementedError

    @property
    def success(self) -> str:  # pragma: no cover - every form defines it
        raise NotImplementedError


# --- activities ----------------------------------------------------------------------------


class ActivityForm(WorkForm):
    """A station's operator (or staff, for any station) logs an activity."""

    station: forms.ModelChoiceField[ContactStation] = forms.ModelChoiceField(
        label=_("Contact station"), queryset=None
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k.value, k.label) for k in KIND_ORDER],
        initial=ActivityKind.RECEPTION,
        widget=forms.RadioSelect,
    )
    date = _date(_("Date"), not_after_today=True)
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_("Left empty, the usual title of the kind is used."),
    )
    deputies = DeputyPickField(label=_("Deputies who took part"))
    constituents_received = forms.IntegerField(
        label=_("Constituents received"),
        min_value=0,
        max_value=MAX_RECEIVED,
        initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
    )
    notes = _text(_("Notes"), required=False, rows=3)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.user
        self.fields["date"].initial = timezone.localdate()
        congress_id = user.congress_id
        self.own_station: ContactStation | None = None
        if has_station(user):
            del self.fields["station"]
            self.own_station = user.station
            mine = deputies_to_pick(congress_id).filter(station_id=user.station_id)
            others = deputies_to_pick(congress_id).exclude(station_id=user.station_id)
            self.station_group = grouped(mine, "station")
            self.other_groups = grouped(others, "delegation")
        else:
            self.fields["station"].queryset = ContactStation.objects.filter(  # type: ignore[attr-defined]
                congress_id=congress_id, closed_on__isnull=True
            ).order_by("name")
            self.station_group = []
            self.other_groups = grouped(deputies_to_pick(congress_id), "station")
        pick: DeputyPickField = self.fields["deputies"]  # type: ignore[assignment]
        pick.set_groups(self.station_group + self.other_groups)
        if self.own_station is None:
            pick.help_text = _(
                "Deputies are grouped by their contact station; choosing the station above "
                "filters the list to its deputies, and clearing the filter box shows the others."
            )

    @property
    def others_ticked(self) -> int:
        """How many deputies from outside the station are ticked (to unfold their picker)."""
        value = self["deputies"].value() or []
        others = {str(pk) for _g, rows in self.other_groups for pk, _n in rows}
        return sum(1 for v in value if str(v) in others)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("title") or "").strip() and data.get("kind") in DEFAULT_TITLES:
            data["title"] = str(DEFAULT_TITLES[data["kind"]])
        return data

    @property
    def success(self) -> str:
        return gettext("Recorded: %(title)s, %(date)s.") % {
            "title": self.result.title,
            "date": self.result.date.isoformat(),
        }

    def act(self, actor: Any) -> Activity:
        d = self.cleaned_data
        station = self.own_station or d["station"]
        return A.activity_record(
            actor=actor,
            station=station,
            kind=d["kind"],
            date=d["date"],
            title=d["title"],
            notes=d.get("notes") or "",
            deputies=chosen_deputies(self, actor.congress_id),
            constituents_received=d["constituents_received"],
        )


# --- duty records ----------------------------------------------------------------------------


class DutyRecordForm(WorkForm):
    """A deputy or a station's operator uploads a duty record (履职信息) with photos."""

    date = _date(_("Date"), not_after_today=True)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = _text(_("What was done"), rows=8)
    photos = _photos_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()

    @property
    def success(self) -> str:
        return gettext("Uploaded: %(title)s.") % {"title": self.result.title}

    def act(self, actor: Any) -> DutyRecord:
        d = self.cleaned_data
        return A.duty_record_upload(
            actor=actor, date=d["date"], title=d["title"], text=d["text"], photos=d["photos"]
        )


class DutyPhotosForm(WorkForm):
    photos = _photos_field()

    def __init__(self, *args: Any, record: DutyRecord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.record = record
        self.fields["photos"].label = _("Add photos")

    @property
    def success(self) -> str:
        return gettext("Photos added.")

    def act(self, actor: Any) -> DutyRecord:
        return A.duty_photos_add(
            record=self.record, actor=actor, photos=self.cleaned_data["photos"]
        )


# --- trainings ----------------------------------------------------------------------------------


class TrainingForm(WorkForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    start_date = _date(_("Start date"))
    end_date = _date(_("End date"), required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)

    def __init__(self, *args: Any, congress: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.congress = congress
        self.fields["end_date"].help_text = _("Empty for a one-day training.")

    @property
    def success(self) -> str:
        return gettext("Training listed: %(title)s.") % {"title": self.result.title}

    def act(self, actor: Any) -> Training:
        d = self.cleaned_data
        return A.training_create(
            actor=actor,
            congress=self.congress,
            title=d["title"],
            start_date=d["start_date"],
            end_date=d.get("end_date"),
            place=d.get("place") or "",
        )


class TrainingAttendanceForm(AttendeesForm, WorkForm):
    """Who attended a training; saving replaces the list."""

    def __init__(self, *args: Any, training: Training, **kwargs: Any) -> None:
        super().__init__(*args, congress_id=training.congress_id, **kwargs)
        self.training = training
        present = set(training.attendances.values_list("deputy_id", flat=True))
        pick: DeputyPickField = self.fields["deputies"]  # type: ignore[assignment]
        pick.set_groups(grouped(deputies_to_pick(self.congress_id, include=present), "delegation"))
        pick.label = _("Deputies who attended")
        if not self.is_bound:
            self.initial["deputies"] = sorted(present)

    @property
    def success(self) -> str:
        count = self.result.attendances.count()
        return gettext("Attendance saved: %(n)d deputies.") % {"n": count}

    def act(self, actor: Any) -> Training:
        return A.training_attendance_record(
            training=self.training, actor=actor, deputies=self.attendees()
        )


# --- list filters ---------------------------------------------------------------------------


def _search(placeholder: Any) -> forms.CharField:
    return forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": placeholder}),
    )


def _year_choices(years: list[int]) -> list[tuple[Any, Any]]:
    return [("", _("All")), *((y, y) for y in years)]


class FilterForm(forms.Form):
    """A list's filter bar: a bad value shows its error beside the field and is ignored."""

    default_sort = "-date"

    def valid_part(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", [])}

    def chosen_sort(self) -> str:
        return self.valid_part().get("sort") or self.default_sort

    def filters(self) -> WorkFilters:
        v = self.valid_part()
        station, deputy = v.get("station"), v.get("deputy")
        return WorkFilters(
            q=(v.get("q") or "").strip(),
            year=v.get("year"),
            date_from=v.get("date_from"),
            date_to=v.get("date_to"),
            station_id=station.pk if station else None,
            deputy_id=deputy.pk if deputy else None,
            area_id=v.get("area"),
            kind=v.get("kind") or "",
            author=v.get("author") or "",
        )


def _sort_field(sorts: dict[str, Any]) -> forms.ChoiceField:
    return forms.ChoiceField(
        required=False, choices=[(k, k) for k in sorts], widget=forms.HiddenInput
    )


class _DeputyNames(NamedChoices):
    """A deputy filter's options as (id, name) values: hundreds of deputies without a Deputy
    and a Person object each (issue 18: they were most of the activity list's model objects)."""

    label = "person__name"


def _scope_fields(form: forms.Form, user: Any, years: list[int]) -> None:
    """Year choices, and the station and deputy filters of what this user sees: every
    station's and deputy's for who oversees the work, their station's deputies for an
    operator, nothing to choose for a deputy (their own rows)."""
    form.fields["year"].choices = _year_choices(years)  # type: ignore[attr-defined]
    if rules.has_perm("stations.oversee_work", user):
        form.fields["station"].iterator = NamedChoices  # type: ignore[attr-defined]
        form.fields["station"].queryset = ContactStation.objects.filter(  # type: ignore[attr-defined]
            congress_id=user.congress_id
        ).order_by("name")
        deputies = Deputy.objects.filter(congress_id=user.congress_id)
    else:
        del form.fields["station"]
        deputies = Deputy.objects.filter(congress_id=user.congress_id, station_id=user.station_id)
    if has_deputyship(user):
        del form.fields["deputy"]
        return
    form.fields["deputy"].iterator = _DeputyNames  # type: ignore[attr-defined]
    # Set after the iterator: assigning the queryset hands the widget its choices.
    form.fields["deputy"].queryset = deputies.order_by("card_number")  # type: ignore[attr-defined]


def _date_range(form: forms.Form) -> dict[str, Any]:
    data = forms.Form.clean(form) or {}
    start, end = data.get("date_from"), data.get("date_to")
    if isinstance(start, datetime.date) and isinstance(end, datetime.date) and end < start:
        form.add_error("date_to", _("The end of the range is before its start."))
    return data


class _WorkFilterForm(FilterForm):
    """Activities' and duty records' filter bar: words, year, a date range, and the station
    and deputy among those the user sees."""

    placeholder: Any = ""
    own_placeholder: Any = ""  # for those who see one station's or deputy's rows
    q = _search("")
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    date_from = _date(_("Date from"), required=False)
    date_to = _date(_("Date to"), required=False)
    station: forms.ModelChoiceField[ContactStation] = forms.ModelChoiceField(
        label=_("Contact station"),
        queryset=None,
        required=False,
        empty_label=_("All"),
        widget=FastSelect,
    )
    deputy: forms.ModelChoiceField[Deputy] = forms.ModelChoiceField(
        label=_("Deputy"), queryset=None, required=False, empty_label=_("All"), widget=FastSelect
    )

    def __init__(self, *args: Any, user: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = (
            self.own_placeholder if has_station(user) or has_deputyship(user) else self.placeholder
        )
        _scope_fields(self, user, years)
        fast_selects(self)  # the year's and kind's options written out, not a template each

    def clean(self) -> dict[str, Any]:
        return _date_range(self)


class ActivityFilterForm(_WorkFilterForm):
    placeholder = _("Title, notes or station")
    own_placeholder = _("Title or notes")
    field_order = ["q", "year", "kind"]
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *ActivityKind.choices]
    )
    # The id of the stations' county-level area: the cockpit's "activities by county" links
    # here; kept through the filter bar, not chosen in it (a choice would cost a query).
    area = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    sort = _sort_field(ACTIVITY_SORTS)

    def __init__(self, *args: Any, user: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, user=user, years=years, **kwargs)
        if "station" not in self.fields:  # one station's rows: nothing to choose
            del self.fields["area"]


class DutyFilterForm(_WorkFilterForm):
    placeholder = own_placeholder = _("Title or text")
    author = forms.ChoiceField(
        label=_("Uploaded by"),
        required=False,
        choices=[("", _("All")), ("deputy", _("Deputies")), ("station", _("Stations"))],
    )
    sort = _sort_field(DUTY_SORTS)

    def __init__(self, *args: Any, user: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, user=user, years=years, **kwargs)
        if has_deputyship(user):
            del self.fields["author"]
