"""The test-only Ticket's API: a router whose action routes core builds from the declaration,
on an API of its own (mounted by caseapp/urls.py)."""

from typing import Any

from django.http import Http404
from ninja import NinjaAPI, Router, Schema

from renda.api import add_error_handlers
from renda.core.api import BearerToken, CaseRoutes, add_case_routes
from renda.core.tests.caseapp import actions  # noqa: F401  (binds the actions)
from renda.core.tests.caseapp.models import Ticket
from renda.core.tests.caseapp.workflow import TICKET

router = Router()


class TicketOut(Schema):
    id: int
    title: str
    state: str
    answer: str
    unit_id: int | None


def _ticket(user: Any, pk: int) -> Ticket:
    ticket = Ticket.objects.filter(pk=pk, congress_id=user.congress_id).first()
    if ticket is None:
        raise Http404
    return ticket


add_case_routes(
    router,
    CaseRoutes(
        path="/tickets",
        name="ticket",
        workflow=TICKET,
        load=_ticket,
        show=_ticket,
        response=TicketOut,
        tag="tickets",
        id_name="ticket_id",
    ),
)

api = NinjaAPI(title="tickets", urls_namespace="caseapp-api", auth=BearerToken())
add_error_handlers(api)
api.add_router("/", router)
