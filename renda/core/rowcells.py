"""Helpers for a list's rows written out in Python rather than a template row each (issue 18):
what every such row writer computes once a page, not once a row."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from renda.core.templatetags.renda_ui import state_badge


def state_badges() -> Callable[[Any], str]:
    """`{% state_badge case %}`, written once a state (the same for every row in that state)."""
    written: dict[str, str] = {}

    def of(case: Any) -> str:
        found = written.get(case.state)
        if found is None:
            found = written[case.state] = state_badge(case)
        return found

    return of


def choice_labels(choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """A field's `get_FOO_display()` for each value, escaped, in the current language."""
    return {k: escape(v) for k, v in choices}


def escaped(*labels: Any) -> list[str]:
    """Each (translated) label escaped for the HTML of a row: the `data-label` of each cell,
    written once a page."""
    return [escape(label) for label in labels]


def detail_prefix(url_name: str) -> str:
    """The address of `url_name` for a pk, without the pk: "/meetings/decisions/" + pk + "/"."""
    return escape(reverse(url_name, args=[0])[:-2])


def ymd(value: datetime.date | None) -> str:
    """As the template's `|date:"Y-m-d"` of a date: nothing for None."""
    return "" if value is None else value.strftime("%Y-%m-%d")


def local_ymd_hm() -> Callable[[datetime.datetime], str]:
    """As the template's `|date:"Y-m-d H:i"` of an aware datetime in the current time zone
    (read once a page): dateformat.format took about 0.1 ms a cell."""
    zone = timezone.get_current_timezone()

    def of(value: datetime.datetime) -> str:
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    return of
