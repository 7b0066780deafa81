"""FastSelect writes the same HTML as Django's Select, only faster."""

from __future__ import annotations

import copy
import datetime

import pytest
from django import forms

from renda.core.forms import FastInput, FastSelect, fast_selects

CHOICES = [
    ("", "全部"),
    ("1", "王芳 <a>"),
    ("2", 'Quote "q" & co'),
    ("榆次区", [("3", "李明"), ("4", "赵敏")]),
]


@pytest.mark.parametrize("value", [None, "", "2", "4", "nothing"])
@pytest.mark.parametrize("attrs", [None, {"id": "id_deputy", "class": "x"}])
def test_it_renders_exactly_as_djangos_select(value, attrs):
    ours = FastSelect(choices=CHOICES).render("deputy", value, attrs)
    django = forms.Select(choices=CHOICES).render("deputy", value, attrs)

    assert "".join(ours.split()) == "".join(django.split())
    assert "王芳 &lt;a&gt;" in ours  # labels escaped


def test_a_model_choice_field_with_it_keeps_its_choices_and_selection(db, org):
    from renda.org.models import Deputy

    field = forms.ModelChoiceField(queryset=Deputy.objects.all(), widget=FastSelect)
    deputy = Deputy.objects.first()
    html = field.widget.render("deputy", deputy.pk, {"id": "id_deputy"})

    assert f'<option value="{deputy.pk}" selected>' in html
    assert html.count("<option") == Deputy.objects.count() + 1


@pytest.mark.parametrize(
    "widget",
    [
        forms.TextInput(attrs={"type": "search", "placeholder": '标题 "或" <正文>'}),
        forms.DateInput(attrs={"type": "date", "max": "2026-12-06"}, format="%Y-%m-%d"),
        forms.NumberInput(attrs={"min": 1, "required": True, "disabled": False}),
        forms.EmailInput(),
        forms.DateTimeInput(),
    ],
    ids=lambda w: type(w).__name__,
)
@pytest.mark.parametrize(
    "value",
    [None, "", "停车 <b>&'\"", 7, datetime.date(2026, 3, 1), datetime.datetime(2026, 3, 1, 9, 5)],
    ids=repr,
)
@pytest.mark.parametrize("attrs", [None, {"id": "id_q", "class": "x"}])
def test_a_fast_input_renders_exactly_as_djangos(widget, value, attrs):
    django = widget.render("q", value, attrs)
    form = forms.Form()
    form.fields["q"] = forms.Field(widget=copy.deepcopy(widget))
    fast_selects(form)
    fast = form.fields["q"].widget

    assert type(fast) is not type(widget) and isinstance(fast, FastInput)
    assert isinstance(fast, type(widget))  # still what it was: its type, its value's format
    assert fast.render("q", value, attrs) == django


def test_a_filter_form_with_fast_inputs_keeps_its_values_and_errors():
    class Dates(forms.Form):
        q = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search"}))
        day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    plain, fast = Dates({"q": "<停车>", "day": "nope"}), Dates({"q": "<停车>", "day": "nope"})
    fast_selects(fast)

    assert str(fast["q"]) == str(plain["q"]) and 'value="&lt;停车&gt;"' in str(fast["q"])
    assert str(fast["day"]) == str(plain["day"]) and not fast.is_valid()
    assert "day" in fast.errors
