"""Forms of the staff and leaders' suggestion pages: filter bars and satisfaction polls."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import F, Max, Min, QuerySet
from django.utils.translation import gettext_lazy as _

from renda.core.forms import ActionErrorsMixin, fast_selects
from renda.org.models import HandlingUnit
from renda.suggestions.models import (
    Category,
    Period,
    ReplyCategory,
    Satisfaction,
    Suggestion,
    SuggestionState,
)

YES_NO = [("", _("All")), ("yes", _("Yes")), ("no", _("No"))]

# The register's sort keys and the columns they order by (a stable tie-breaker last).
# Suggestions without a number (not yet accepted) or a reply due date (not yet assigned) come
# last either way.
REGISTER_SORTS: dict[str, tuple[Any, ...]] = {
    "number": ("-year", F("number").asc(nulls_last=True), "-submitted_at", "id"),
    "-number": ("-year", F("number").desc(nulls_last=True), "-submitted_at", "-id"),
    "submitted": ("submitted_at", "id"),
    "-submitted": ("-submitted_at", "-id"),
    "due": (F("reply_due").asc(nulls_last=True), "id"),
    "-due": (F("reply_due").desc(nulls_last=True), "-id"),
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
}


def suggestion_years(congress_id: int) -> list[int]:
    """The years from the congress's first suggestion to its last, latest first: MIN and MAX
    (two index look-ups), not a DISTINCT over every suggestion."""
    span = Suggestion.objects.filter(congress_id=congress_id).aggregate(
        first=Min("year"), last=Max("year")
    )
    if span["first"] is None:
        return []
    return list(range(span["last"], span["first"] - 1, -1))


def year_choices(years: list[int], *, empty: Any = None) -> list[tuple[Any, Any]]:
    choices: list[tuple[Any, Any]] = [(str(y), str(y)) for y in years]
    return [("", empty), *choices] if empty is not None else choices


class ValidPartMixin:
    """A filter bar: a bad value is reported beside its field and ignored."""

    def valid_part(self) -> dict[str, Any]:
        form: Any = self
        if not form.is_bound:
            return {}
        form.is_valid()
        return dict(form.cleaned_data)


class QueueFilterForm(ValidPartMixin, forms.Form):
    """The work queues' filter bar: year, period, category and a search."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title or text")}),
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    period = forms.ChoiceField(
        label=_("Submitted"), required=False, choices=[("", _("All")), *Period.choices]
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *Category.choices]
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fast_selects(self)  # the filters' options written out directly
        self.fields["year"].choices = year_choices(years, empty=_("All"))  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        data = self.valid_part()
        return {
            "year": data.get("year"),
            "period": data.get("period") or None,
            "category": data.get("category") or None,
            "q": (data.get("q") or "").strip() or None,
        }


class RegisterFilterForm(QueueFilterForm):
    """The register's filter bar: the queues' filters, and state, unit, key and sort."""

    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *SuggestionState.choices]
    )
    unit: forms.ModelChoiceField[HandlingUnit] = forms.ModelChoiceField(
        label=_("Handling unit"), queryset=None, required=False, empty_label=_("All")
    )
    key = forms.ChoiceField(label=_("Key suggestion"), required=False, choices=YES_NO)
    result = forms.ChoiceField(
        label=_("Result"), required=False, choices=[("", _("All")), *ReplyCategory.choices]
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for key in REGISTER_SORTS],
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, years: list[int], units: QuerySet[HandlingUnit], **kwargs: Any):
        super().__init__(*args, years=years, **kwargs)
        # The options need a unit's id and name only (a unit has a dozen columns; issue 18).
        self.fields["unit"].queryset = units.only("id", "name")  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        data = self.valid_part()
        unit = data.get("unit")
        return {
            **super().filters(),
            "state": data.get("state") or None,
            "unit": unit.pk if unit else None,
            "is_key": {"yes": True, "no": False}.get(data.get("key") or ""),
            "result": data.get("result") or None,
        }

    def chosen_sort(self) -> str:
        return self.valid_part().get("sort") or "number"


class LedgerFilterForm(ValidPartMixin, forms.Form):
    """The promise ledger's filter bar."""

    unit: forms.ModelChoiceField[HandlingUnit] = forms.ModelChoiceField(
        label=_("Handling unit"), queryset=None, required=False, empty_label=_("All")
    )
    year = forms.TypedChoiceField(
        label=_("Year of the suggestion"), required=False, coerce=int, empty_value=None
    )
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("open", _("Open promises")), ("all", _("All promises"))],
    )

    def __init__(self, *args: Any, years: list[int], units: QuerySet[HandlingUnit], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["year"].choices = year_choices(years, empty=_("All years"))  # type: ignore[attr-defined]


class YearForm(ValidPartMixin, forms.Form):
    """A year selector for the pages about one year (scores, key suggestions, motions)."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices(years)  # type: ignore[attr-defined]

    def chosen_year(self, default: int) -> int:
        return self.valid_part().get("year") or default


class PollOpenForm(ActionErrorsMixin, forms.Form):
    """Staff open a satisfaction poll on a key suggestion (run through core.pages)."""

    success = _("The poll is open: standing committee members vote.")
    title = forms.CharField(
        label=_("Poll title"),
        max_length=200,
        help_text=_("For example: the satisfaction poll on the handling of key suggestion No. 5"),
    )
    report = forms.CharField(
        label=_("Handling report"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The report on handling heard by the standing committee, shown to voters."),
    )

    def __init__(self, *args: Any, suggestion: Suggestion, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggestion, self.user = suggestion, user

    def run(self) -> Any:
        from renda.suggestions.actions import poll_open

        d = self.cleaned_data
        return poll_open(
            suggestion=self.suggestion, actor=self.user, title=d["title"], report=d["report"]
        )


class PollVoteForm(ActionErrorsMixin, forms.Form):
    """A standing committee member votes (run through core.pages)."""

    success = _("Your vote is recorded.")
    result = forms.ChoiceField(
        label=_("Your vote"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, poll: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.poll, self.user = poll, user

    def run(self) -> Any:
        from renda.suggestions.actions import poll_vote

        return poll_vote(poll=self.poll, actor=self.user, result=self.cleaned_data["result"])


class PollCloseForm(ActionErrorsMixin, forms.Form):
    """Staff close a poll: no input (run through core.pages)."""

    success = _("The poll is closed; its results are shown to everyone.")

    def __init__(self, *args: Any, poll: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.poll, self.user = poll, user

    def run(self) -> Any:
        from renda.suggestions.actions import poll_close

        return poll_close(poll=self.poll, actor=self.user)
