"""Checking typed input: every domain refuses the same bad text the same way, naming the field."""

import datetime

import pytest

from renda.core.inputs import not_future, require_choice, require_text
from renda.core.workflow import ActionInvalid
from renda.suggestions.models import Category, Suggestion


def test_text_is_stripped_and_required():
    assert require_text("  标题 ", "title", "Title") == "标题"
    with pytest.raises(ActionInvalid) as err:
        require_text("   ", "title", "Title")
    assert err.value.field == "title"
    assert require_text("", "note", "Note", required=False) == ""


def test_too_long_and_nul_bytes_are_refused():
    with pytest.raises(ActionInvalid):
        require_text("x" * 11, "title", "Title", max_length=10)
    with pytest.raises(ActionInvalid):  # PostgreSQL cannot store NUL in text
        require_text("a\x00b", "body", "Text")


def test_choices_and_dates():
    assert require_choice("transport", Category, "category") == "transport"
    with pytest.raises(ActionInvalid):
        require_choice("nonsense", Category, "category")
    with pytest.raises(ActionInvalid):
        not_future(datetime.date.today() + datetime.timedelta(days=2), "date")


def test_a_suggestion_with_a_nul_byte_is_refused_and_nothing_stored(cast):
    from renda.suggestions.actions import suggestion_submit

    with pytest.raises(ActionInvalid) as err:
        suggestion_submit(author=cast["deputy"], title="t", body="a\x00b", category="transport")
    assert err.value.field == "body"
    assert Suggestion.objects.count() == 0


def test_text_of_only_zero_width_characters_is_empty_and_refused():
    with pytest.raises(ActionInvalid):
        require_text("\u200b\ufeff ", "title", "Title")
    assert require_text("\u200b停车\u200b难 ", "title", "Title") == "停车难"
