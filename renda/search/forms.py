"""The search page's filter bar: words, kind, year and congress."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import FilterForm, fast_selects, recent_years_field, search_field
from renda.org.models import Congress
from renda.search.registry import sources


class SearchForm(FilterForm):
    q = search_field(_("Words, in any order"))
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    year = recent_years_field(10)
    congress = forms.TypedChoiceField(
        label=_("Congress"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = [(s.kind, s.label) for s in sources()]
        self.fields["kind"].choices = [("", _("All")), *kinds]  # type: ignore[attr-defined]
        congresses = [(c.pk, c.short_name or c.name) for c in Congress.objects.order_by("pk")]
        self.fields["congress"].choices = [("", _("All")), *congresses]  # type: ignore[attr-defined]
        fast_selects(self)  # the selects written directly, not a template per option
