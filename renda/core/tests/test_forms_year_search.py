"""A list's filter bar by year and words: the years offered are those with rows, the words
are looked up in every field named, and a bad value is shown beside its field and ignored."""

from __future__ import annotations

import datetime

import pytest

from renda.core.forms import YearSearchForm
from renda.org.models import Term

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms(congress):
    for number, year in ((4, 2016), (5, 2021)):
        Term.objects.create(congress=congress, number=number, start_date=datetime.date(year, 9, 1))
    return Term.objects.all()


def _form(rows, data=None):
    return YearSearchForm(data, rows=rows, date="start_date", words=("congress__name",))


def test_the_years_offered_are_those_with_rows_latest_first(terms):
    choices = _form(terms).fields["year"].choices
    assert [value for value, _label in choices] == ["", 2021, 2016]


def test_the_rows_chosen_are_of_the_year_and_words_asked_for(terms):
    assert [t.number for t in _form(terms, {"year": "2021"}).chosen()] == [5]
    assert _form(terms, {"q": "晋中"}).chosen().count() == 2
    assert not _form(terms, {"q": "太原"}).chosen().exists()
    assert _form(terms).chosen().count() == 2  # unbound: every row


def test_a_bad_year_is_shown_beside_its_field_and_ignored(terms):
    form = _form(terms, {"year": "1999", "q": "晋中"})
    assert form.chosen().count() == 2
    assert "year" in form.errors
