"""How one form field is drawn (includes/field.html): a label pointing at its input, and a group
of radio buttons or checkboxes as a fieldset named by its legend, never a `<label for="">`."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string


class Handling(forms.Form):
    mode = forms.ChoiceField(
        label="How it is handled",
        choices=[("self", "By the office"), ("forward", "Forwarded")],
        widget=forms.RadioSelect,
    )
    units = forms.MultipleChoiceField(
        label="Units",
        choices=[("1", "One"), ("2", "Two")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(label="Note")


def test_a_radio_group_is_a_fieldset_with_a_legend_and_no_empty_label():
    html = render_to_string("includes/form_fields.html", {"form": Handling()})
    assert 'for=""' not in html
    assert html.count("<fieldset") == 2 and html.count("</fieldset>") == 2
    assert "<legend>How it is handled" in html and "<legend>Units" in html
    assert '<label for="id_note">Note' in html  # a single input keeps its label


def test_a_refused_radio_group_shows_its_error_inside_the_fieldset():
    form = Handling(data={"note": "x"})
    assert not form.is_valid()
    html = render_to_string("includes/form_fields.html", {"form": form})
    group = html[html.index("<legend>How it is handled") : html.index("</fieldset>")]
    assert 'class="field-errors"' in group
