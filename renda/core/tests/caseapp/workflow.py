"""The test-only Ticket's declaration: assign (staff), reply (the unit's handler), note
(anyone of the congress), and an expiry the system takes when nobody assigned it in time."""

from __future__ import annotations

import datetime
from typing import Any

import rules
from django.db.models import QuerySet

from renda.core.predicates import has_role, of_unit, same_congress, staff_of_congress
from renda.core.settings_registry import Setting
from renda.core.tests.caseapp.models import Ticket
from renda.core.workflow import EventKind, Scheduled, Transition, Workflow, is_system

T = Ticket.State

is_handler_of_ticket_unit = of_unit("unit_id") & same_congress


def _expired(today: datetime.date) -> QuerySet[Ticket]:
    return Ticket.objects.filter(state=T.OPEN, expires_on__lt=today)


def _describe_assign(event: Any, names: Any) -> str:
    return names["unit"].get(event.data.get("unit"), "")


@rules.predicate
def _anyone_of_congress(user: Any, ticket: Any) -> bool:
    return bool(has_role(user) and same_congress(user, ticket))


TICKET = Workflow(
    "ticket",
    model=Ticket,
    states=T,
    tones={T.OPEN: "info", T.ASSIGNED: "warning", T.DONE: "success"},
    groups={"active": {T.OPEN, T.ASSIGNED}},
    transitions=[
        Transition(
            "assign",
            {T.OPEN},
            T.ASSIGNED,
            staff_of_congress,
            "Assign",
            done="The ticket is assigned.",
            past="Assigned",
            describe=_describe_assign,
        ),
        Transition("reply", {T.ASSIGNED}, T.DONE, is_handler_of_ticket_unit, "Reply"),
        Transition("note", set(T.values), None, _anyone_of_congress, "Note", style="secondary"),
        Transition("expire", {T.OPEN}, T.DONE, is_system, "Expired", system=True),
    ],
    events=[EventKind("open", "Opened", actor_label="the public")],
    order=["reply", "assign", "note"],
    refs={"unit": "org.HandlingUnit"},
    settings=[Setting("ticket_reply_days", 7, "Days a unit has to reply to a ticket")],
    schedule=[Scheduled("expire", _expired)],
)
