"""The opinion register's rows written out in Python: the cells a template row wrote (the
content cell, the station or source, the state with the rating, the next step due in working
days), at a fraction of the cost. A template row, with its two includes and eight translated
labels, cost about 4 ms of the page's server time (issue 18)."""

from __future__ import annotations

import unicodedata
from html import escape
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from renda.core.templatetags.renda_ui import badge, state_badge
from renda.opinions.models import OpinionCategory, OpinionSource, Rating

CONTENT_CHARS = 60  # as `truncatechars:60`


def register_rows(opinions: list[Any]) -> list[SafeString]:
    """One <tr> per opinion (register_columns, with_due_dates, `due_info` set by the view).
    Written with escape() on each value rather than format_html() per cell (about half the
    rows' cost), the labels, choices and each state's badge once a page."""
    no, category, station, received, state, unit, due = (
        escape(label)
        for label in (
            _("No."),
            _("Category"),
            _("Station or source"),
            _("Received"),
            _("State"),
            _("Handling unit"),
            _("Next step due"),
        )
    )
    detail = escape(reverse("opinions:opinion", args=[0])[:-2])  # "/stations/opinions/" + pk
    # The choices' labels once, not get_FOO_display() per cell (it rebuilds the choices).
    categories, sources, ratings = (
        {k: escape(str(v)) for k, v in c.choices} for c in (OpinionCategory, OpinionSource, Rating)
    )
    states: dict[str, SafeString] = {}  # each state's badge, written once (issue 18)
    rows = []
    for o in opinions:
        badge_ = states.get(o.state)
        if badge_ is None:
            badge_ = states[o.state] = state_badge(o)
        place = f"<small>{escape(o.place)}</small>" if o.place else ""
        if o.station_id is None:
            where = sources.get(o.source) or escape(o.source)
        elif o.source != OpinionSource.STATION:
            where = f"{escape(o.station.name)} <small>{sources[o.source]}</small>"
        else:
            where = escape(o.station.name)
        rating = f" <small>{ratings.get(o.rating) or escape(o.rating)}</small>" if o.rating else ""
        info = o.due_info
        overdue = ' class="row-overdue"' if info is not None and info.overdue else ""
        rows.append(
            mark_safe(
                f'<tr data-opinion="{o.pk}"{overdue}>'
                f'<td class="num nowrap" data-label="{no}">{o.pk}</td>'
                f'<td class="primary"><div class="cell-text"><a href="{detail}{o.pk}/">'
                f"{escape(_truncated(o.content))}</a></div>{place}</td>"
                f'<td data-label="{category}">'
                f"{categories.get(o.category) or escape(o.category)}</td>"
                f'<td data-label="{station}">{where}</td>'
                f'<td class="nowrap" data-label="{received}">'
                f"{timezone.localtime(o.received_at).strftime('%Y-%m-%d')}</td>"
                f'<td data-label="{state}">{badge_}{rating}</td>'
                f'<td data-label="{unit}">{escape(o.unit.name) if o.unit_id else ""}</td>'
                f'<td data-label="{due}">{_due(info)}</td>'
                "</tr>"
            )
        )
    return rows


def _truncated(text: str) -> str:
    """As `truncatechars:60` (Truncator), without its per-character walk for a short text."""
    normal = unicodedata.normalize("NFC", text)
    return normal if len(normal) <= CONTENT_CHARS else Truncator(normal).chars(CONTENT_CHARS)


def _due(due: Any) -> str:
    """As opinions/_due.html: the date, then the working days overdue (a badge) or left."""
    if due is None:
        return ""
    day = f'<span class="nowrap">{due.date.strftime("%Y-%m-%d")}</span>\n'
    if due.overdue:
        text = ngettext(
            "%(days)s working day overdue", "%(days)s working days overdue", due.days
        ) % {"days": due.days}
        return day + badge(text, "overdue")
    left = ngettext("%(days)s working day left", "%(days)s working days left", due.days) % {
        "days": due.days
    }
    return f'{day}<small class="nowrap">{escape(left)}</small>'
