"""The test-only Ticket's workflow: assign (staff), reply (the unit's handler), note (anyone)."""

from __future__ import annotations

from typing import Any

import rules

from renda.core.predicates import has_role, is_staff, same_congress
from renda.core.tests.caseapp.models import Ticket
from renda.core.workflow import Transition, Workflow

T = Ticket.State


@rules.predicate
def is_handler_of_ticket_unit(user: Any, ticket: Any) -> bool:
    return bool(
        ticket is not None
        and getattr(user, "role", "") == "handler"
        and user.unit_id
        and user.unit_id == ticket.unit_id
        and user.congress_id == ticket.congress_id
    )


staff_of_congress = is_staff & same_congress

TICKET = Workflow(
    "ticket",
    states=T,
    transitions=[
        Transition("assign", {T.OPEN}, T.ASSIGNED, staff_of_congress, "Assign"),
        Transition("reply", {T.ASSIGNED}, T.DONE, is_handler_of_ticket_unit, "Reply"),
        Transition("note", set(T.values), None, has_role & same_congress, "Note"),
    ],
)
