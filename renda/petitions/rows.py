"""The petition register's rows written out in Python: the cells a template row wrote (the
matter with its badges, the number, the first petitioner, the day received, the state and
what is due), at a fraction of the cost. A template row, with its include, its badges and six
translated labels, cost about 1 ms of the page's server time (issue 18). A test pins them to
the template's rows character for character, in both languages."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import cache
from html import escape  # Django's escape() is this on str(): without its lazy-text wrapper
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from renda.core.templatetags.renda_ui import badge, state_badge
from renda.petitions.models import Channel, PetitionCategory

_ANY = 918273645


def register_rows(petitions: Iterable[Any]) -> SafeString:
    """The <tr> of each petition of the office's register (with_list_data, `due` set by the
    view's _mark), as register.html's loop wrote them."""
    before, after = reverse("petitions:petition", args=[_ANY]).split(str(_ANY))
    number, petitioners, received, state_label, due_label = (
        escape(_("Number")),
        escape(_("Petitioners")),
        escape(_("Received")),
        escape(_("State")),
        escape(_("Due")),
    )
    key = f" {badge(_('Key case'), 'danger')}"
    collective = f" {badge(_('Collective'), 'warning')}"
    repeated = f" {badge(_('Repeated'), 'neutral')}"
    # The choices' labels once, not get_FOO_display() per cell.
    categories = {k: escape(str(v)) for k, v in PetitionCategory.choices}
    channels = {k: escape(str(v)) for k, v in Channel.choices}
    states: dict[str, str] = {}  # each state's badge, written once
    persons = cache(lambda n: ngettext("%(n)s person", "%(n)s people", n) % {"n": n})
    due_cell = cache(_due_cell)  # many rows are due on the same day
    tz = timezone.get_current_timezone()
    rows = []
    for p in petitions:
        state = states.get(p.state)
        if state is None:
            state = states[p.state] = state_badge(p)
        badges = (
            (key if p.is_key else "")
            + (collective if p.collective else "")
            + (repeated if p.repeat_of_id else "")
        )
        unit = f" · {escape(p.unit.name)}" if p.unit_id else ""
        first = next(iter(p.petitioners.all()), None)
        people = f" <small>{persons(p.people)}</small>" if p.people > 1 else ""
        category = categories.get(p.category) or escape(p.get_category_display())
        channel = channels.get(p.channel) or escape(p.get_channel_display())
        rows.append(
            f'\n<tr data-petition="{p.pk}"'
            f"{_overdue_class(p.due)}>\n"
            f'  <td class="primary"><a href="{before}{p.pk}{after}">{escape(p.title)}</a>'
            f"{badges}<div><small>{category}{unit}</small></div></td>\n"
            f'  <td class="nowrap" data-label="{number}">{p.year}-{p.number:03d}</td>\n'
            f'  <td data-label="{petitioners}">{escape(first.name) if first else ""}'
            f"{people}</td>\n"
            f'  <td class="nowrap" data-label="{received}">'
            f"{p.received_at.astimezone(tz).strftime('%Y-%m-%d')} "
            f"<small>{channel}</small></td>\n"
            f'  <td class="nowrap" data-label="{state_label}">{state}</td>\n'
            f'  <td class="nowrap" data-label="{due_label}">{_due(due_cell, p.due)}\n</td>\n'
            "</tr>"
        )
    return mark_safe("".join(rows))


def _overdue_class(due: Any) -> str:
    return ' class="row-overdue"' if due is not None and due.overdue else ""


def _due(cell: Any, due: Any) -> str:
    """As petitions/_due.html (less its last line break), for `due` (views.Due) or None."""
    return "" if due is None else cell(due.what, due.date, due.overdue, due.days)


def _due_cell(what: str, day: datetime.date, overdue: bool, days: int) -> str:
    """What is due and by when, then the working days overdue (a badge) or left."""
    head = f"{escape(what)} {day.strftime('%Y-%m-%d')} "
    if overdue:
        text = ngettext("%(days)s working day overdue", "%(days)s working days overdue", days) % {
            "days": days
        }
        return head + badge(mark_safe(text), "overdue")
    left = ngettext("%(days)s working day left", "%(days)s working days left", days) % {
        "days": days
    }
    return f"{head}<small>{left}</small>"
