"""The rows of the registers of decisions and of appointment proposals written out in Python:
the same HTML as their templates' rows wrote (a template row cost about 0.3 ms, with a loop of
persons or amended decisions in each; issue 18). Pinned character for character by
tests/test_rows.py, which keeps the old template rows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from renda.core.rowcells import choice_labels, detail_prefix, escaped, state_badges, ymd
from renda.core.templatetags.renda_ui import badge
from renda.meetings.models import (
    DecisionKind,
    MeetingKind,
    MeetingState,
    NominationAction,
    Outcome,
    Proposer,
)


def proposal_rows(proposals: Iterable[Any]) -> SafeString:
    """appointments/list.html's rows: one <tr> per proposal, its persons prefetched."""
    received, persons, state = escaped(_("Received"), _("Persons"), _("State"))
    outcomes = {
        Outcome.PASSED: f" {badge(_('Passed'), 'success')}",
        Outcome.FAILED: f" {badge(_('Not passed'), 'danger')}",
    }
    proposers = choice_labels(Proposer.choices)
    actions = choice_labels(NominationAction.choices)
    detail = detail_prefix("meetings:proposal")
    states = state_badges()
    out = []
    for p in proposals:
        people = "".join(
            f"<div>{actions.get(n.action) or escape(n.get_action_display())} "
            f'{escape(n.appointee.name)} <small class="muted">{escape(str(n.office))}</small>'
            f"{outcomes.get(n.outcome, '')}</div>"
            for n in p.nominations.all()
        )
        proposer = proposers.get(p.proposer) or escape(p.get_proposer_display())
        out.append(
            f'\n      <tr data-proposal="{p.pk}">\n'
            f'        <td class="primary"><a href="{detail}{p.pk}/">{escape(p.title)}</a>'
            f'<div class="muted">{proposer}</div></td>\n'
            f'        <td class="nowrap" data-label="{received}">{ymd(p.received_on)}</td>\n'
            f'        <td data-label="{persons}">{people}</td>\n'
            f'        <td class="nowrap" data-label="{state}">{states(p)}</td>\n'
            "      </tr>"
        )
    return mark_safe("".join(out))


def decision_rows(decisions: Iterable[Any]) -> SafeString:
    """decisions/list.html's rows: one <tr> per decision, what it amends and repeals
    prefetched and its meeting joined."""
    number, adopted, votes, state = escaped(_("No."), _("Adopted"), _("Votes"), _("State"))
    amends, repeals = _("Amends %(title)s"), _("Repeals %(title)s")
    kinds = choice_labels(DecisionKind.choices)
    detail = detail_prefix("meetings:decision")
    states = state_badges()
    out = []
    for d in decisions:
        related = "".join(
            f'<div class="meta">{amends % {"title": escape(a.title)}}</div>' for a in d.amends.all()
        ) + "".join(
            f'<div class="meta">{repeals % {"title": escape(r.title)}}</div>'
            for r in d.repeals.all()
        )
        meeting = f'<div class="meta">{escape(d.item.meeting.title)}</div>' if d.item else ""
        counted = (
            f"{d.votes_for}/{d.votes_against}/{d.votes_abstain}" if d.votes_for is not None else "—"
        )
        kind = kinds.get(d.kind) or escape(d.get_kind_display())
        out.append(
            f'\n      <tr data-decision="{d.pk}">\n'
            f'        <td class="num" data-label="{number}">'
            f"{f'{d.year}-{d.number}' if d.number else ''}</td>\n"
            f'        <td class="primary"><a href="{detail}{d.pk}/">{escape(d.title)}</a> '
            f'<small class="muted">{kind}</small>{related}</td>\n'
            f'        <td class="nowrap" data-label="{adopted}">'
            f"{ymd(d.adopted_on) or '—'}{meeting}</td>\n"
            f'        <td class="nowrap" data-label="{votes}">{counted}</td>\n'
            f'        <td class="nowrap" data-label="{state}">{states(d)}</td>\n'
            "      </tr>"
        )
    return mark_safe("".join(out))


def meeting_rows(meetings: Iterable[Any], *, mine: set[int], show_presence: bool) -> SafeString:
    """list.html's rows: one <tr> per meeting (with_counts' figures), marked where the user is
    expected, with the members present where the user may read the attendance."""
    dates, place, items, present, state = escaped(
        _("Dates"), _("Place"), _("Items"), _("Present"), _("State")
    )
    marked = f" {badge(_('Mine'), 'info')}"
    kinds = choice_labels(MeetingKind.choices)
    detail = detail_prefix("meetings:detail")
    states = state_badges()
    out = []
    for m in meetings:
        presence = ""
        if show_presence:
            held = m.state in (MeetingState.IN_SESSION, MeetingState.CLOSED)
            presence = (
                f'<td class="num" data-label="{present}">'
                f"{m.members_present if held else '—'}/{m.members_total}</td>"
            )
        until = f" – {m.end_date.strftime('%m-%d')}" if m.end_date != m.start_date else ""
        kind = kinds.get(m.kind) or escape(m.get_kind_display())
        out.append(
            f'\n<tr data-meeting="{m.pk}">\n'
            f'  <td class="primary"><a href="{detail}{m.pk}/">{escape(m.title)}</a>'
            f'{marked if m.pk in mine else ""}<div class="muted">{kind}</div></td>\n'
            f'  <td class="nowrap" data-label="{dates}">{ymd(m.start_date)}{until}</td>\n'
            f'  <td data-label="{place}">{escape(m.place) or "—"}</td>\n'
            f'  <td class="num" data-label="{items}">{m.items_total}</td>\n'
            f"  {presence}\n"
            f'  <td class="nowrap" data-label="{state}">{states(m)}</td>\n'
            "</tr>"
        )
    return mark_safe("".join(out))
