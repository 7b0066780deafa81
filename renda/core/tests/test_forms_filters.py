"""A list's filter bar (core.forms.FilterForm) and the timeline's choice detail
(core.workflow.describe_choice)."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils import timezone

from renda.core.forms import FilterForm, recent_years_field, search_field
from renda.core.models import Event
from renda.core.workflow import describe_choice


class Colour(models.TextChoices):
    RED = "red", "Red"


class Filters(FilterForm):
    q = search_field("Words")
    year = recent_years_field(3)
    late = forms.BooleanField(required=False)


def test_a_filter_bar_says_only_what_was_chosen_and_ignores_a_bad_value():
    this_year = timezone.localdate().year
    assert Filters().values() == {}
    assert Filters({"q": "路", "year": str(this_year), "late": ""}).values() == {
        "q": "路",
        "year": this_year,
    }
    bad = Filters({"q": "", "year": "1900", "late": "on"})
    assert bad.values() == {"late": True} and "year" in bad.errors
    assert [y for y, _ in Filters().fields["year"].choices][1:] == [
        this_year,
        this_year - 1,
        this_year - 2,
    ]


def test_a_choice_in_an_events_data_is_described_by_its_label():
    describe = describe_choice(Colour, "colour")
    assert describe(Event(data={"colour": "red"}), {}) == "Red"
    assert describe(Event(data={"colour": "blue"}), {}) == ""
    assert describe(Event(data={}), {}) == ""
