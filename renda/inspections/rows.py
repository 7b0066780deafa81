"""The rows of the inspection lists written out in Python: the same HTML as the templates
_item_rows.html and _problem_rows.html wrote (a template row cost about 0.3 ms, a tenth of the
page at 30 rows; issue 18). Pinned character for character by
tests/test_rows.py, which keeps the old template rows."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from renda.core.rowcells import choice_labels, detail_prefix, state_badges, ymd
from renda.core.templatetags.renda_ui import badge
from renda.inspections.models import InspectionKind, ProblemState


def _labels(**texts: str) -> dict[str, str]:
    return {k: escape(v) for k, v in texts.items()}


def item_rows(items: Iterable[Any]) -> SafeString:
    """_item_rows.html: one <tr> per item (with_list_data's figures)."""
    labels = _labels(
        starts=_("Starts on"),
        sites=_("Sites"),
        problems=_("Problems"),
        rectified=_("Rectified"),
        recommendations=_("Recommendations"),
    )
    joint = f" {badge(_('Joint work'), 'info')}"
    in_aspects = _("%(r)s in %(a)s aspects")
    kinds = choice_labels(InspectionKind.choices)
    detail = detail_prefix("inspections:inspection")
    out = []
    for i in items:
        committee = f" · {escape(i.committee.name)}" if i.committee else ""
        recs = in_aspects % {"r": i.n_recommendations, "a": i.n_aspects}
        out.append(
            f'\n<tr data-inspection="{i.pk}">\n'
            f'  <td class="primary"><a href="{detail}{i.pk}/">{escape(i.title)}</a>'
            f"{joint if i.joint else ''}<div><small>"
            f"{kinds.get(i.kind) or escape(i.get_kind_display())} · {escape(i.subject)}"
            f"{committee}</small></div></td>\n"
            f'  <td class="nowrap" data-label="{labels["starts"]}">{ymd(i.starts_on)}</td>\n'
            f'  <td class="num" data-label="{labels["sites"]}" data-sites>{i.n_sites}</td>\n'
            f'  <td class="num" data-label="{labels["problems"]}" data-problems>'
            f"{i.n_problems}</td>\n"
            f'  <td class="num" data-label="{labels["rectified"]}" data-rectified>'
            f"{i.n_rectified}</td>\n"
            f'  <td class="num" data-label="{labels["recommendations"]}">'
            f"{recs if i.n_recommendations else ''}</td>\n"
            "</tr>"
        )
    out.append("\n")
    return mark_safe("".join(out))


def problem_rows(problems: Iterable[Any], *, today: datetime.date) -> SafeString:
    """_problem_rows.html: one <tr> per problem (problem_list_data's joins)."""
    labels = _labels(
        site=_("Site"), unit=_("Responsible unit"), state=_("State"), due=_("Rectify by")
    )
    number = escape(_("No."))
    overdue = f" {badge(_('Overdue'), 'danger')}"
    row_overdue = ' class="row-overdue"'
    detail = detail_prefix("inspections:problem")
    states = state_badges()
    out = []
    for p in problems:
        late = p.state == ProblemState.RECTIFYING and p.due_on and p.due_on < today
        site = p.site
        area = f"<div><small>{escape(site.area.short_name)}</small></div>" if site.area else ""
        due = f"{ymd(p.due_on)}{overdue if late else ''}" if p.due_on else ""
        out.append(
            f'\n<tr data-problem="{p.pk}"{row_overdue if late else ""}>\n'
            f'  <td class="primary"><a href="{detail}{p.pk}/">'
            f"{escape(Truncator(p.description).chars(80))}</a><div><small>"
            f"{escape(p.inspection.title)} · {number}{p.number}</small></div></td>\n"
            f'  <td data-label="{labels["site"]}">{escape(site.name)}{area}</td>\n'
            f'  <td data-label="{labels["unit"]}">{escape(p.unit.name)}</td>\n'
            f'  <td class="nowrap" data-label="{labels["state"]}">{states(p)}</td>\n'
            f'  <td class="nowrap" data-label="{labels["due"]}">{due}</td>\n'
            "</tr>"
        )
    out.append("\n")
    return mark_safe("".join(out))
