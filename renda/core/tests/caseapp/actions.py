"""The test-only Ticket's actions, each bound to its transition."""

from __future__ import annotations

from typing import Any

from renda.core.inputs import require_text
from renda.core.tests.caseapp.models import Ticket
from renda.core.tests.caseapp.schemas import AssignIn, NoteIn, ReplyIn
from renda.core.tests.caseapp.workflow import TICKET
from renda.core.workflow import perform


@TICKET.action("assign", payload=AssignIn)
def ticket_assign(*, ticket: Ticket, actor: Any, unit: Any, comment: str = "") -> Ticket:
    def apply(t: Ticket) -> Ticket:
        t.unit = unit
        return t

    return perform(
        TICKET,
        case=ticket,
        action="assign",
        actor=actor,
        comment=comment,
        data={"unit": unit.pk},
        apply=apply,
    )


@TICKET.action("reply", payload=ReplyIn)
def ticket_reply(*, ticket: Ticket, actor: Any, answer: str) -> Ticket:
    answer = require_text(answer, "answer", "Answer")

    def apply(t: Ticket) -> Ticket:
        t.answer = answer
        return t

    return perform(TICKET, case=ticket, action="reply", actor=actor, apply=apply)


@TICKET.action("note", payload=NoteIn)
def ticket_note(*, ticket: Ticket, actor: Any, comment: str) -> Any:
    comment = require_text(comment, "comment", "Comment")
    return perform(TICKET, case=ticket, action="note", actor=actor, comment=comment)


@TICKET.action("expire")
def ticket_expire(*, ticket: Ticket, actor: Any) -> Any:
    return perform(TICKET, case=ticket, action="expire", actor=actor)
