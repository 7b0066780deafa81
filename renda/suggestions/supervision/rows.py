"""The register's rows written out in Python: the same HTML as a template row, at a fraction of
the cost (a template row of the register cost about 1.8 ms of its server time, 90 ms a page of
50; issue 18). The cells, their labels and badges are those the template wrote."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from renda.core.rowcells import choice_labels
from renda.core.templatetags.renda_ui import badge, state_badge
from renda.suggestions.models import Assignment, Category, Period

# The columns a row reads, for the register's `.only()`: a suggestion has about thirty fields
# and its lead deputy's person a dozen more, and building each instance whole cost a third of
# the page's time at 50 rows (issue 18).
ROW_COLUMNS = (
    "id",
    "year",
    "number",
    "title",
    "is_key",
    "period",
    "confidential",
    "state",
    "category",
    "submitted_at",
    "reply_due",
    "lead_deputy__person__name",
    "lead_deputy__delegation__name",
)
# The active handling units of each row, their name and role only (with_list_data's read),
# in the order they were assigned: Assignment's default ordering ("suggestion", "id") joins
# every suggestion again to sort by its own ordering, the same order within one suggestion.
ACTIVE_UNITS = Prefetch(
    "assignments",
    queryset=Assignment.objects.filter(active=True)
    .select_related("unit")
    .only("suggestion_id", "role", "unit__name")
    .order_by("id"),
    to_attr="active_assignments",
)


def register_rows(suggestions: list[Any]) -> list[SafeString]:
    """One <tr> per suggestion (with_list_data, `reply_overdue` set by the view). Written with
    escape() on each value rather than format_html() per cell, and the badges of the states
    once: about 0.1 ms a row before, a third of that now."""
    labels = choice_labels(
        {
            "no": _("No."),
            "deputy": _("Lead deputy"),
            "category": _("Category"),
            "units": _("Handling units"),
            "state": _("State"),
            "received": _("Received"),
            "due": _("Reply due"),
        }.items()
    )
    lead = f" <small>({escape(_('lead'))})</small>"
    co = f" <small>({escape(_('co-handler'))})</small>"
    key, recess, confidential = (
        badge(_("Key"), "danger"),
        badge(_("Recess"), "info"),
        badge(_("Confidential"), "neutral"),
    )
    overdue = f" {badge(_('Overdue'), 'overdue')}"
    detail = reverse("suggestions:detail", args=[0])[:-2]  # "/suggestions/" + pk + "/"
    categories = choice_labels(Category.choices)
    states: dict[str, str] = {}  # each state's badge, written once
    rows = []
    for s in suggestions:
        flags = (
            (f" {key}" if s.is_key else "")
            + (f" {recess}" if s.period == Period.RECESS else "")
            + (f" {confidential}" if s.confidential else "")
        )
        units = "".join(
            f"<div>{escape(a.unit.name)}{lead if a.is_lead else co if a.is_co else ''}</div>"
            for a in s.active_assignments
        )
        deputy = s.lead_deputy
        delegation = escape(deputy.delegation.name) if deputy.delegation_id else ""
        state = states.get(s.state)
        if state is None:
            state = states[s.state] = state_badge(s)
        category = categories.get(s.category)
        if category is None:
            category = escape(s.get_category_display())
        rows.append(
            mark_safe(
                "<tr>"
                f'<td class="num nowrap" data-label="{labels["no"]}">'
                f"{escape(f'{s.year}-{s.number}') if s.number else ''}</td>"
                f'<td class="primary"><a href="{escape(detail)}{s.pk}/">{escape(s.title)}</a>'
                f"{flags}</td>"
                f'<td class="nowrap" data-label="{labels["deputy"]}">{escape(deputy.name)}'
                f'<div class="muted">{delegation}</div></td>'
                f'<td data-label="{labels["category"]}">{category}</td>'
                f'<td data-label="{labels["units"]}">{units}</td>'
                f'<td class="nowrap" data-label="{labels["state"]}">{state}</td>'
                f'<td class="nowrap" data-label="{labels["received"]}">'
                f"{_date(s.submitted_at)}</td>"
                f'<td class="nowrap" data-label="{labels["due"]}">{_date(s.reply_due)}'
                f"{overdue if s.reply_overdue else ''}</td>"
                "</tr>"
            )
        )
    return rows


def _date(value: Any) -> str:
    """As the template's `|date:"Y-m-d"`: a time in the current time zone, nothing for None."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        from django.utils import timezone

        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")


def score_rows(scores: list[Any], *, show_rank: bool) -> list[SafeString]:
    """One <tr> per unit of the scores page (scoring.UnitScore with `breakdown` set): the cells
    _score_table.html wrote with three includes a row, a fifth of the page's time in
    templates (issue 18). Numbers are localized as the template localized them."""
    labels = choice_labels(
        {
            "rank": _("Rank"),
            "cases": _("Cases"),
            "promises": _("Promises"),
            "on_time": _("On time"),
            "communication": _("Communication"),
            "evaluation": _("Evaluations"),
            "rehandling": _("Re-handling"),
            "score": _("Score"),
        }.items()
    )
    dash = '<span class="muted">—</span>'
    grades = escape(_("satisfied / basically satisfied / dissatisfied"))

    def points(value: Any, part: int, whole: int) -> str:  # _points.html
        if value is None:
            return dash
        return f'{localize(value)}<div class="muted nowrap">{part}/{whole}</div>'

    rows = []
    for us in scores:
        b = us.breakdown
        rank = (
            f'<td class="num" data-label="{labels["rank"]}">'
            f"<strong>{localize(us.rank)}</strong></td>"
            if show_rank
            else ""
        )
        reason = f'<div class="muted">{escape(us.reason)}</div>' if us.reason else ""
        evaluation = (
            dash
            if b["evaluation"] is None
            else f'{localize(b["evaluation"])}<div class="muted nowrap" title="{grades}">'
            f"{us.satisfied}/{us.basically_satisfied}/{us.dissatisfied}</div>"
        )
        sent_back = ngettext("%(counter)s sent back", "%(counter)s sent back", us.rehandled)
        rehandling = (
            dash
            if b["rehandling"] is None
            else f'{localize(b["rehandling"])}<div class="muted nowrap">'
            f"{escape(sent_back % {'counter': us.rehandled})}</div>"
        )
        rows.append(
            mark_safe(
                f"\n      <tr>\n        {rank}\n"
                f'        <td class="primary">{escape(us.unit.name)}{reason}</td>\n'
                f'        <td class="num" data-label="{labels["cases"]}">'
                f"{localize(us.cases)}</td>\n"
                f'        <td class="num" data-label="{labels["promises"]}">'
                f"{points(b['promises'], us.promises_done, us.promises_due)}</td>\n"
                f'        <td class="num" data-label="{labels["on_time"]}">'
                f"{points(b['on_time'], us.on_time, us.replies_due)}</td>\n"
                f'        <td class="num" data-label="{labels["communication"]}">'
                f"{points(b['communication'], us.communicated, us.replies_due)}</td>\n"
                f'        <td class="num" data-label="{labels["evaluation"]}">{evaluation}</td>\n'
                f'        <td class="num" data-label="{labels["rehandling"]}">{rehandling}</td>\n'
                f'        <td class="num" data-label="{labels["score"]}">'
                f"<strong>{localize(us.score)}</strong></td>\n"
                "      </tr>\n    "
            )
        )
    return rows
