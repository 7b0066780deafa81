"""The rows of the performance lists written out in Python: the same HTML as their template
rows, at a fraction of the cost (a template row of the deputies' records, with its three
{% url %} and six translated labels, cost about 0.45 ms: 22 ms a page of 50; issue 18).
Tests pin them to the template rows character for character, in both languages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from renda.core.templatetags.renda_ui import badge
from renda.performance.templatetags.performance_ui import points

# The columns a row of the deputies' records reads, for the list's `.only()`.
DEPUTY_ROW_COLUMNS = (
    "id",
    "card_number",
    "person__name",
    "delegation__name",
    "station__name",
)


def _label(text: str) -> str:
    return f' data-label="{escape(text)}"'


def _url(name: str) -> tuple[str, str]:
    """A URL of one primary key reversed once: what comes before the key and after it."""
    before, after = reverse(name, args=[_ANY]).split(str(_ANY))
    return before, after


_ANY = 918273645


def deputy_rows(deputies: Iterable[Any], *, year_query: str, may_report: bool) -> SafeString:
    """The <tr> of each deputy of the deputies' records (with `acts` and `total` set by the
    view), as deputy_list.html's loop wrote them."""
    record, score, report = (
        _url("performance:record"),
        _url("performance:score"),
        _url("performance:report"),
    )
    query = escape(year_query)
    card, delegation, station = (
        _label(_("Card no.")),
        _label(_("Delegation")),
        _label(_("Contact station")),
    )
    acts, points_label = _label(_("Acts")), _label(_("Score"))
    report_text = escape(_("Report (.docx)"))
    rows = []
    for d in deputies:
        pk = d.pk
        report_link = (
            f'<a href="{report[0]}{pk}{report[1]}{query}">{report_text}</a>' if may_report else ""
        )
        rows.append(
            f'\n        <tr data-deputy="{pk}">\n'
            f'          <td class="primary"><a href="{record[0]}{pk}{record[1]}{query}">'
            f"{escape(d.person.name)}</a></td>\n"
            f'          <td class="nowrap"{card}>{escape(d.card_number)}</td>\n'
            f"          <td{delegation}>{_name(d.delegation)}</td>\n"
            f"          <td{station}>{_name(d.station)}</td>\n"
            f'          <td class="num"{acts}>{d.acts}</td>\n'
            f'          <td class="num"{points_label}>'
            f'<a href="{score[0]}{pk}{score[1]}{query}" data-score>'
            f"{escape(points(d.total))}</a></td>\n"
            f'          <td class="nowrap">{report_link}</td>\n'
            "        </tr>\n      "
        )
    return mark_safe("".join(rows))


def _name(unit: Any) -> str:
    """`{{ unit.name|default:"—" }}`: the name, or a dash for none."""
    return escape(unit.name) if unit is not None and unit.name else "—"


# The columns a row of the manual entries reads, for the list's `.only()`.
ENTRY_ROW_COLUMNS = (
    "id",
    "deputy_id",
    "year",
    "kind",
    "date",
    "title",
    "notes",
    "evidence",
    "evidence_name",
    "entered_at",
    "deputy__person__name",
    "entered_by__username",
    "entered_by__first_name",
    "entered_by__last_name",
)
NOTES_CHARS = 80  # as `truncatechars:80`


def entry_rows(entries: Iterable[Any], *, full_path: str) -> SafeString:
    """The <tr> of each manual entry, as entry_list.html's loop wrote them; `full_path` is the
    page's own (the delete link comes back to it)."""
    record, evidence, delete = (
        _url("performance:record"),
        _url("performance:entry_evidence"),
        _url("performance:entry_delete"),
    )
    date, deputy, kind, proof, entered_by = (
        _label(_("Date")),
        _label(_("Deputy")),
        _label(_("Kind")),
        _label(_("Evidence")),
        _label(_("Entered by")),
    )
    delete_text = escape(_("Delete"))
    back = escape(quote(full_path, safe="/"))  # `|urlencode`
    kinds: dict[str, str] = {}  # each kind's badge, written once
    tz = timezone.get_current_timezone()
    rows = []
    for e in entries:
        pk = e.pk
        badge_html = kinds.get(e.kind)
        if badge_html is None:
            badge_html = kinds[e.kind] = badge(e.get_kind_display(), "neutral")
        notes = (
            f'<div class="muted">{escape(Truncator(e.notes).chars(NOTES_CHARS))}</div>'
            if e.notes
            else ""
        )
        file = (
            f'<a href="{evidence[0]}{pk}{evidence[1]}">{escape(e.evidence_name)}</a>'
            if e.evidence
            else '<span class="muted">—</span>'
        )
        rows.append(
            f'\n        <tr data-entry="{pk}">\n'
            f'          <td class="nowrap"{date}>{e.date.strftime("%Y-%m-%d")}</td>\n'
            f"          <td{deputy}>"
            f'<a href="{record[0]}{e.deputy_id}{record[1]}?year={e.year}">'
            f"{escape(e.deputy.person.name)}</a></td>\n"
            f"          <td{kind}>{badge_html}</td>\n"
            f'          <td class="primary">{escape(e.title)}{notes}</td>\n'
            f"          <td{proof}>{file}</td>\n"
            f"          <td{entered_by}>{escape(e.entered_by.display_name)} "
            '<small class="muted nowrap">'
            f"{e.entered_at.astimezone(tz).strftime('%Y-%m-%d %H:%M')}</small></td>\n"
            f'          <td class="nowrap"><a href="{delete[0]}{pk}{delete[1]}?next={back}">'
            f"{delete_text}</a></td>\n"
            "        </tr>\n      "
        )
    return mark_safe("".join(rows))
