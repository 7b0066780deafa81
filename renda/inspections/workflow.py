"""A problem found at an inspection site, as a case: recorded by the staff of the congress
whose part it is; referred to the unit responsible with a date to rectify by; the unit reports
its rectification (整改情况) with evidence; the staff verify it: rectified, or partly or not
rectified and back to the unit with a new date. Overdue ones reach the unit's "what waits for
me", `renda remind` and the rectification board."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.models import Event
from renda.core.settings_registry import Setting
from renda.core.workflow import EventKind, Transition, Workflow, describe_choice
from renda.inspections.models import Problem, Verdict
from renda.inspections.models import ProblemState as S
from renda.inspections.rules import handles_problem, staff_of_problem

Names = Mapping[str, Mapping[Any, str]]


def _referred(event: Event, names: Names) -> str:
    data = event.data or {}
    unit = names.get("unit", {}).get(data.get("unit"), "")
    due = data.get("due")
    if not due:
        return unit
    return str(_("%(unit)s, rectify by %(date)s") % {"unit": unit, "date": due})


OPEN = frozenset({S.FOUND, S.RECTIFYING, S.REPORTED})
# Referred to its unit and not yet rectified: the unit owes a report.
RECTIFYING = frozenset({S.RECTIFYING})
DONE = frozenset({S.RECTIFIED})

SETTINGS = [
    Setting(
        "inspection_rectify_days",
        60,
        _("Days a unit has by default to rectify a problem found at an inspection"),
    ),
    Setting(
        "inspection_verify_working_days",
        10,
        _("Working days the staff have to verify a unit's rectification report"),
    ),
]

PROBLEM = Workflow(
    "inspection_problem",
    model=Problem,
    states=S,
    settings=SETTINGS,
    case_arg="problem",
    tones={
        S.FOUND: "info",
        S.RECTIFYING: "warning",
        S.REPORTED: "info",
        S.RECTIFIED: "success",
    },
    groups={"open": OPEN, "rectifying": RECTIFYING, "done": DONE},
    refs={"unit": "org.HandlingUnit"},
    transitions=[
        Transition(
            "refer",
            {S.FOUND},
            S.RECTIFYING,
            staff_of_problem,
            _("Refer to the unit"),
            past=_("Referred to the unit"),
            done=_("The problem is referred; the unit is told and must rectify it by the date."),
            describe=_referred,
        ),
        Transition(
            "report",
            {S.RECTIFYING},
            S.REPORTED,
            handles_problem,
            _("Report the rectification"),
            past=_("Rectification reported"),
            done=_("Your rectification report is sent to the staff to verify."),
        ),
        Transition(
            "verify",
            {S.REPORTED},
            (S.RECTIFIED, S.RECTIFYING),
            staff_of_problem,
            _("Verify the rectification"),
            past=_("Rectification verified"),
            done=_("The verification is recorded."),
            describe=describe_choice(Verdict, "verdict"),
        ),
    ],
    events=[EventKind("record", _("Problem recorded"))],
    order=["refer", "report", "verify"],
)
