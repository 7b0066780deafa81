"""The test-only Ticket's page: everything but the template comes from core."""

from __future__ import annotations

from typing import Any

from renda.core.pages import CasePage
from renda.core.tests.caseapp import actions  # noqa: F401  (binds the actions)
from renda.core.tests.caseapp.models import Ticket
from renda.core.tests.caseapp.workflow import TICKET


class TicketPage(CasePage):
    workflow = TICKET
    template = "caseapp/ticket.html"
    url_name = "ticket"
    act_url_name = "ticket_act"
    case_name = "ticket"

    def find(self, user: Any, pk: int) -> Ticket | None:
        return Ticket.objects.filter(pk=pk, congress_id=user.congress_id).first()


page = TicketPage()
