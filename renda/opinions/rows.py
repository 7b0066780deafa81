"""The opinion register's rows written out in Python: the cells a template row wrote (the
content cell, the station or source, the state with the rating, the next step due in working
days), at a fraction of the cost. A template row, with its two includes and eight translated
labels, cost about 4 ms of the page's server time (issue 18)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from renda.core.templatetags.renda_ui import badge, state_badge
from renda.opinions.models import OpinionCategory, OpinionSource, Rating

CONTENT_CHARS = 60  # as `truncatechars:60`


def register_rows(opinions: list[Any]) -> list[SafeString]:
    """One <tr> per opinion (with_opinion_data, with_due_dates, `due_info` set by the view)."""
    labels = [
        _("No."),
        _("Category"),
        _("Station or source"),
        _("Received"),
        _("State"),
        _("Handling unit"),
        _("Next step due"),
    ]
    detail = reverse("opinions:opinion", args=[0])[:-2]  # "/stations/opinions/" + pk + "/"
    # The choices' labels once, not get_FOO_display() per cell (it rebuilds the choices).
    categories, sources, ratings = (
        {k: str(v) for k, v in c.choices} for c in (OpinionCategory, OpinionSource, Rating)
    )
    states: dict[str, SafeString] = {}  # each state's badge, written once (issue 18)
    rows = []
    for o in opinions:
        state = states.get(o.state)
        if state is None:
            state = states[o.state] = state_badge(o)
        place = format_html("<small>{}</small>", o.place) if o.place else ""
        if o.station_id is None:
            station = format_html("{}", sources.get(o.source, o.source))
        elif o.source != OpinionSource.STATION:
            station = format_html("{} <small>{}</small>", o.station.name, sources[o.source])
        else:
            station = format_html("{}", o.station.name)
        rating = (
            format_html(" <small>{}</small>", ratings.get(o.rating, o.rating)) if o.rating else ""
        )
        due = o.due_info
        rows.append(
            format_html(
                '<tr data-opinion="{}"{}>'
                '<td class="num nowrap" data-label="{}">{}</td>'
                '<td class="primary"><div class="cell-text"><a href="{}{}/">{}</a></div>{}</td>'
                '<td data-label="{}">{}</td>'
                '<td data-label="{}">{}</td>'
                '<td class="nowrap" data-label="{}">{}</td>'
                '<td data-label="{}">{}{}</td>'
                '<td data-label="{}">{}</td>'
                '<td data-label="{}">{}</td>'
                "</tr>",
                o.pk,
                mark_safe(' class="row-overdue"') if due is not None and due.overdue else "",
                labels[0],
                o.pk,
                detail,
                o.pk,
                Truncator(o.content).chars(CONTENT_CHARS),
                place,
                labels[1],
                categories.get(o.category, o.category),
                labels[2],
                station,
                labels[3],
                timezone.localtime(o.received_at).strftime("%Y-%m-%d"),
                labels[4],
                state,
                rating,
                labels[5],
                o.unit.name if o.unit_id else "",
                labels[6],
                _due(due),
            )
        )
    return rows


def _due(due: Any) -> SafeString | str:
    """As opinions/_due.html: the date, then the working days overdue (a badge) or left."""
    if due is None:
        return ""
    day = format_html('<span class="nowrap">{}</span>\n', due.date.strftime("%Y-%m-%d"))
    if due.overdue:
        text = ngettext(
            "%(days)s working day overdue", "%(days)s working days overdue", due.days
        ) % {"days": due.days}
        return day + badge(text, "overdue")
    left = ngettext("%(days)s working day left", "%(days)s working days left", due.days) % {
        "days": due.days
    }
    return day + format_html('<small class="nowrap">{}</small>', left)
