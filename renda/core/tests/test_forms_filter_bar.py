"""The filter bar written in Python (core.forms.filter_bar) writes what the templates wrote."""

from __future__ import annotations

import pytest
from django import forms
from django.template import engines
from django.template.loader import render_to_string
from django.test import RequestFactory

from renda.core.forms import FastSelect

# What org/_filter_fields.html was, a template per field (org/_filter_field.html, kept).
TEMPLATE = (
    "{% load i18n %}\n{% for hidden in form.hidden_fields %}{{ hidden }}{% endfor %}\n"
    '<div class="filter-main">\n  {% for field in form.visible_fields %}'
    '{% if field.name == "q" %}{% include "org/_filter_field.html" %}{% endif %}{% endfor %}\n'
    '  <div class="filter-actions">\n    <button type="submit" class="button">'
    '{% translate "Search" %}</button>\n    {% if request.GET %}<a href="{{ request.path }}">'
    '{% translate "Clear" %}</a>{% endif %}\n  </div>\n</div>\n'
    "{% if form.visible_fields|length > 1 %}\n"
    '<details class="filter-more" open data-phone-collapse>\n'
    '  <summary>{% translate "Filters" %}</summary>\n  <div class="filter-fields">\n'
    '    {% for field in form.visible_fields %}{% if field.name != "q" %}'
    '{% include "org/_filter_field.html" %}{% endif %}{% endfor %}\n'
    "  </div>\n</details>\n{% endif %}\n"
)


class Filters(forms.Form):
    q = forms.CharField(label="Search <words>", required=False, max_length=5)
    year = forms.TypedChoiceField(
        label="Year", required=False, coerce=int, choices=[("", "All"), ("2024", "2024")]
    )
    kind = forms.MultipleChoiceField(
        label="Kind",
        required=False,
        choices=[("a", "A & co"), ("b", "B")],
        widget=forms.CheckboxSelectMultiple,
    )
    unit = forms.ChoiceField(
        label="Unit", required=False, choices=[("", "All"), ("1", "一")], widget=FastSelect
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)


class OnlySearch(forms.Form):
    q = forms.CharField(label="Search", required=False)


@pytest.mark.parametrize(
    "query", ["", "?year=2024", "?year=1999&q=toolong&kind=zz", "?q=%3Cb%3E&sort=x&unit=1"]
)
@pytest.mark.parametrize("form_class", [Filters, OnlySearch])
def test_the_filter_bar_is_what_the_templates_wrote(query, form_class):
    request = RequestFactory().get("/list/" + query)
    form = form_class(request.GET or None)
    context = {"form": form, "request": request}
    old = engines["django"].from_string(TEMPLATE).render(context)
    assert render_to_string("org/_filter_fields.html", context) == old
    if "1999" in query and form_class is Filters:
        assert "has-error" in old and "field-errors" in old  # the errors were compared too
