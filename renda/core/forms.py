"""Form pieces every app uses (several files in one input, a list's filter by year and words),
and the holiday notice form: a year's holidays and make-up workdays typed in as lines."""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Sequence
from functools import reduce
from operator import or_
from typing import Any, ClassVar, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from renda.core.actions import NoticeDay
from renda.core.models import HolidayDay
from renda.core.workflow import ActionError

# What staff may type as the kind of a day: the English words and the usual Chinese ones.
KIND_WORDS = {
    "holiday": HolidayDay.Kind.HOLIDAY,
    "假": HolidayDay.Kind.HOLIDAY,
    "休": HolidayDay.Kind.HOLIDAY,
    "放假": HolidayDay.Kind.HOLIDAY,
    "workday": HolidayDay.Kind.WORKDAY,
    "班": HolidayDay.Kind.WORKDAY,
    "上班": HolidayDay.Kind.WORKDAY,
    "调休上班": HolidayDay.Kind.WORKDAY,
}
NAME_MAX = HolidayDay._meta.get_field("name").max_length or 40
SEPARATORS = re.compile(r"[\s,，、;；]+")


class HolidayNoticeForm(forms.Form):
    title = forms.CharField(
        label=_("Notice title"),
        max_length=200,
        help_text=_("As published, e.g. 国务院办公厅关于2027年部分节假日安排的通知"),
    )
    days = forms.CharField(
        label=_("Holidays and make-up workdays"),
        widget=forms.Textarea(
            attrs={
                "class": "days-input",
                "rows": 16,
                "spellcheck": "false",
                "placeholder": "2027-01-01 holiday 元旦\n2027-02-07 workday 春节",
            }
        ),
        help_text=_(
            "One day per line: the date, then “holiday” or “workday” (假 / 班 also work), "
            "then the holiday's name. For example: 2027-01-01 holiday 元旦, "
            "2027-02-07 workday 春节. Empty lines and lines starting with # are skipped."
        ),
    )

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_days(self) -> list[NoticeDay]:
        errors: list[str] = []
        days: list[NoticeDay] = []
        seen: dict[datetime.date, int] = {}
        for number, raw in enumerate(self.cleaned_data["days"].splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            problem, day = self._parse_line(line)
            if day is not None and day.date in seen:
                problem = gettext("%(date)s is already on line %(other)s.") % {
                    "date": day.date.isoformat(),
                    "other": seen[day.date],
                }
            if problem:
                errors.append(
                    gettext("Line %(number)s (“%(line)s”): %(problem)s")
                    % {"number": number, "line": line, "problem": problem}
                )
            elif day is not None:
                seen[day.date] = number
                days.append(day)
        if errors:
            raise forms.ValidationError(errors)
        if not days:
            raise forms.ValidationError(gettext("Enter at least one day."))
        return sorted(days, key=lambda d: d.date)

    def _parse_line(self, line: str) -> tuple[str, NoticeDay | None]:
        parts = SEPARATORS.split(line, maxsplit=2)
        try:
            date = datetime.date.fromisoformat(parts[0])
        except ValueError:
            return gettext("“%(value)s” is not a date; write it as YYYY-MM-DD.") % {
                "value": parts[0]
            }, None
        if date.year != self.year:
            return gettext("%(date)s is not in %(year)s.") % {
                "date": date.isoformat(),
                "year": self.year,
            }, None
        word = parts[1].lower() if len(parts) > 1 else ""
        kind = KIND_WORDS.get(word)
        if kind is None:
            return gettext("write “holiday” or “workday” after the date."), None
        if kind == HolidayDay.Kind.WORKDAY and date.weekday() < 5:
            return gettext(
                "%(date)s is a weekday; a make-up workday falls on a Saturday or Sunday."
            ) % {"date": date.isoformat()}, None
        name = parts[2].strip() if len(parts) > 2 else ""
        if len(name) > NAME_MAX:
            return gettext("the holiday's name is longer than %(max)s characters.") % {
                "max": NAME_MAX
            }, None
        return "", NoticeDay(date=date, kind=kind, name=name)


def days_as_text(days: list[NoticeDay]) -> str:
    """The form's text for days already known (to replace a notice, or start from the official)."""
    return "\n".join(f"{d.date.isoformat()} {d.kind} {d.name}".rstrip() for d in days)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked again by the action (type, size)."""

    widget = MultipleFileInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ActionErrorsMixin:
    """For a form that calls an action: the action's refusal (ActionInvalid with `field`) is
    shown beside that field — through ACTION_FIELDS where the action names it otherwise —
    or above the form when it names none of the form's fields."""

    ACTION_FIELDS: ClassVar[dict[str, str]] = {}

    def add_action_error(self, error: ActionError) -> None:
        form = cast(forms.Form, self)
        name = self.ACTION_FIELDS.get(error.field or "", error.field)
        form.add_error(name if name in form.fields else None, str(error.message))


def _attrs(attrs: dict[str, Any]) -> SafeString:
    """HTML attributes in their order, as Django's attrs.html writes them (True: the name
    alone; False: left out)."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


_NEEDS_ESCAPE = re.compile(r"[&<>\"']")


def _escape(text: str) -> str:
    """html.escape(text), without its five replacements when nothing needs escaping."""
    return html.escape(text) if _NEEDS_ESCAPE.search(text) else text


class FastSelect(forms.Select):
    """A select written out directly rather than one template per option: the same HTML as
    forms.Select, for filters that offer hundreds of rows (every deputy of a congress), where
    the per-option template costs about 0.3 ms an option."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        # What ChoiceWidget.get_context and optgroups() compute, without an option's dict of
        # attributes each (the options of a select inherit none: only `selected`).
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        values = set(self.format_value(value))
        parts: list[str] = [format_html('<select name="{}"{}>', name, _attrs(final_attrs))]
        has_selected = False
        for option_value, option_label in self.choices:
            group: Any = None
            if isinstance(option_label, list | tuple):
                group, options = option_value, option_label
                parts.append(format_html('<optgroup label="{}">', group) if group else "")
            else:
                options = [("" if option_value is None else option_value, option_label)]
            for sub_value, sub_label in options:
                text = str(sub_value)
                selected = (not has_selected or self.allow_multiple_selected) and text in values
                has_selected |= selected
                if type(sub_label) is str:  # a name read from the database: most options
                    label = _escape(sub_label)
                elif hasattr(sub_label, "__html__"):
                    label = sub_label.__html__()
                else:
                    label = html.escape(str(sub_label))
                # conditional_escape without its lazy-aware wrapper: 20x faster an option
                value_text = text if type(sub_value) is int else html.escape(text)
                parts.append(
                    f'<option value="{value_text}"{" selected" if selected else ""}>'
                    f"{label}</option>"
                )
            if group:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))


class FastInput(forms.widgets.Input):
    """An input written out directly rather than through input.html and attrs.html: the same
    HTML as Django's, for a filter bar's boxes (about 0.1 ms each through the templates, a
    tenth of that here). Mixed into the input class it replaces (FAST_INPUTS), so each keeps
    its type and how it formats its value (a date's format, say)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = widget["value"]
        value_attr = "" if shown is None else f' value="{html.escape(str(shown))}"'
        return mark_safe(
            f'<input type="{widget["type"]}" name="{html.escape(name)}"{value_attr}'
            f"{_attrs(widget['attrs'])}>"
        )


# Django's plain input widgets and their direct writers (fast_selects swaps a widget's class).
FAST_INPUTS: dict[type[forms.Widget], type[forms.Widget]] = {
    cls: type(f"Fast{cls.__name__}", (FastInput, cls), {})
    for cls in (
        forms.TextInput,
        forms.NumberInput,
        forms.EmailInput,
        forms.URLInput,
        forms.DateInput,
        forms.DateTimeInput,
        forms.TimeInput,
    )
}


def fast_selects(form: forms.Form) -> None:
    """Every plain Select of `form` written out directly (FastSelect), and every plain text,
    number, date or time box (FastInput): a filter bar's fields and options cost no template
    each."""
    for f in form.fields.values():
        kind = type(f.widget)
        if kind is forms.Select:
            f.widget = FastSelect(attrs=f.widget.attrs, choices=f.widget.choices)
        elif kind in FAST_INPUTS:
            f.widget.__class__ = FAST_INPUTS[kind]  # the form's own copy: attrs and format kept


# --- a list's filter bar (org/_filter_fields.html) ---------------------------------------------

GROUP_WIDGETS = ("radioselect", "checkboxselectmultiple")


def filter_bar(form: forms.Form, request: Any) -> SafeString:
    """A list's filter bar, the search box first and the other filters below (folded on
    phones): what org/_filter_fields.html and a template per field wrote, character for
    character, in a tenth of the time (about 3 ms a page; issue 18)."""
    visible = form.visible_fields()
    out = ["\n", *(str(h) for h in form.hidden_fields()), '\n<div class="filter-main">\n  ']
    out += [_filter_field(f) for f in visible if f.name == "q"]
    out.append(
        '\n  <div class="filter-actions">\n    <button type="submit" class="button">'
        f"{gettext('Search')}</button>\n    "
    )
    if request is not None and request.GET:
        out.append(format_html('<a href="{}">', request.path) + gettext("Clear") + "</a>")
    out.append("\n  </div>\n</div>\n")
    if len(visible) > 1:
        out.append(
            '\n<details class="filter-more" open data-phone-collapse>\n  <summary>'
            f'{gettext("Filters")}</summary>\n  <div class="filter-fields">\n    '
        )
        out += [_filter_field(f) for f in visible if f.name != "q"]
        out.append("\n  </div>\n</details>\n")
    return mark_safe("".join(out))


def _filter_field(field: Any) -> str:
    """One field of the bar: its label, widget and errors (org/_filter_field.html)."""
    errors = field.errors
    has_error = " has-error" if errors else ""
    grouped = field.widget_type in GROUP_WIDGETS
    if grouped:
        head = format_html(
            '<fieldset class="field field-group{}">\n  <legend>{}</legend>', has_error, field.label
        )
    else:
        head = format_html(
            '<div class="field{}{}">\n  <label for="{}">{}</label>',
            " field-search" if field.name == "q" else "",
            has_error,
            field.id_for_label,
            field.label,
        )
    shown = (
        format_html(
            '<div class="field-errors" role="alert">{}</div>',
            format_html_join("", "<p>{}</p>", ((e,) for e in errors)),
        )
        if errors
        else ""
    )
    return (
        head
        + format_html("\n  {}\n  {}\n", field, shown)
        + ("</fieldset>" if grouped else "</div>")
        + "\n"
    )


class FilterForm(forms.Form):
    """A list's filter bar: `values()` is what was chosen (a bad value shows its error beside
    the field and is ignored; empty fields and unticked boxes say nothing)."""

    def values(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", False)}


def search_field(placeholder: Any) -> forms.CharField:
    """The filter bar's search box (named `q`, first in the bar)."""
    return forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": placeholder}),
    )


def recent_years_field(years: int = 6) -> forms.TypedChoiceField:
    """A year filter offering this year and the `years - 1` before it, and "all"."""
    this_year = timezone.localdate().year
    return forms.TypedChoiceField(
        label=_("Year"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("All")), *((y, y) for y in range(this_year, this_year - years, -1))],
    )


class YearSearchForm(FilterForm):
    """A list's filter bar by year and words (trainings, meetings attended): the years `rows`
    has rows in (by its `date` field) to choose from, and words looked up in `words`. A bad
    value shows its error beside the field and is ignored."""

    q = search_field(_("Title or place"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(
        self, *args: Any, rows: QuerySet[Any], date: str, words: Sequence[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows, self.date, self.words = rows, date, tuple(words)
        years = sorted({d.year for d in rows.dates(date, "year")}, reverse=True)
        self.fields["year"].choices = [("", _("All")), *((y, y) for y in years)]  # type: ignore[attr-defined]

    def chosen(self) -> QuerySet[Any]:
        """The rows of the year and with the words asked for (every row for a bad value)."""
        qs = self.rows
        if not self.is_bound:
            return qs
        self.is_valid()
        data = self.cleaned_data
        if data.get("year"):
            qs = qs.filter(**{f"{self.date}__year": data["year"]})
        if data.get("q"):
            qs = qs.filter(reduce(or_, (Q(**{f"{f}__icontains": data["q"]}) for f in self.words)))
        return qs
