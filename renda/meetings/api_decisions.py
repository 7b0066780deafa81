"""The API of decisions and resolutions and of appointments: the registers for staff and
leaders, one route per action (built from the declarations), the published decisions for
anyone, and the register of appointments as Popolo JSON (no token needed)."""

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from renda.core.api import CaseRoutes, Pages, PkPath, add_case_routes, caller
from renda.meetings import (
    actions_decisions,  # noqa: F401  (binds the actions)
    popolo,
)
from renda.meetings.models import AppointmentProposal, Decision, DecisionState
from renda.meetings.queries import proposal_row_data
from renda.meetings.rules import SEE_DECISION, SEE_PROPOSAL
from renda.meetings.workflow import DECISION, PROPOSAL

router = Router(tags=["decisions and appointments"])
PUBLISHED = (DecisionState.IN_FORCE, DecisionState.AMENDED, DecisionState.REPEALED)


class DecisionOut(Schema):
    id: int
    kind: str
    title: str
    text: str
    state: str
    year: int | None
    number: int | None
    adopted_on: datetime.date | None
    published_on: datetime.date | None
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None
    amends: list[int]
    repeals: list[int]

    @staticmethod
    def resolve_amends(obj: Any) -> list[int]:
        return [d.pk for d in obj.amends.all()]

    @staticmethod
    def resolve_repeals(obj: Any) -> list[int]:
        return [d.pk for d in obj.repeals.all()]


class DecisionDetailOut(DecisionOut):
    available_actions: list[str]


class DecisionFilters(Schema):
    state: DecisionState | None = None
    year: int | None = Field(None, ge=1900, le=9999)


@router.get("/decisions", response=list[DecisionOut], summary="Decisions and resolutions")
@paginate(Pages)
def decision_list(request: HttpRequest, filters: Query[DecisionFilters]) -> Any:
    qs = SEE_DECISION.rows(caller(request), Decision.objects.all())
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.year:
        qs = qs.filter(year=filters.year)
    return qs.prefetch_related("amends", "repeals").order_by("-year", "-number", "-id")


def _decision(user: Any, pk: int) -> Decision:
    found = SEE_DECISION.rows(user, Decision.objects.all()).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _decision_detail(user: Any, pk: int) -> Decision:
    decision = _decision(user, pk)
    shown: Any = decision
    shown.available_actions = [t.action for t in DECISION.available(user, decision)]
    return decision


@router.get("/decisions/{decision_id}", response=DecisionDetailOut)
def decision_detail(request: HttpRequest, decision_id: PkPath) -> Any:
    return _decision_detail(caller(request), decision_id)


add_case_routes(
    router,
    CaseRoutes(
        path="/decisions",
        name="decision",
        workflow=DECISION,
        load=_decision,
        show=_decision_detail,
        response=DecisionDetailOut,
        tag="decisions and appointments",
        id_name="decision_id",
    ),
)


@router.get(
    "/public/decisions",
    auth=None,
    response=list[DecisionOut],
    summary="Published decisions and resolutions, for anyone",
    tags=["public"],
)
@paginate(Pages)
def public_decision_list(request: HttpRequest) -> Any:
    qs = Decision.objects.filter(state__in=PUBLISHED).prefetch_related("amends", "repeals")
    return qs.order_by("-year", "-number", "-id")


class NominationOut(Schema):
    id: int
    person: str
    action: str
    office: str
    outcome: str
    decided_on: datetime.date | None
    oath_on: datetime.date | None

    @staticmethod
    def resolve_person(obj: Any) -> str:
        return obj.appointee.name

    @staticmethod
    def resolve_office(obj: Any) -> str:
        return str(obj.office)


class ProposalOut(Schema):
    id: int
    proposer: str
    title: str
    received_on: datetime.date
    state: str
    nominations: list[NominationOut]
    available_actions: list[str] = []

    @staticmethod
    def resolve_nominations(obj: Any) -> list[Any]:
        return list(obj.nominations.all())


def _proposals(user: Any) -> Any:
    return SEE_PROPOSAL.rows(user, AppointmentProposal.objects.all()).prefetch_related(
        "nominations__appointee", "nominations__office"
    )


@router.get("/appointment-proposals", response=list[ProposalOut], summary="Appointment proposals")
@paginate(Pages)
def proposal_list(request: HttpRequest) -> Any:
    qs = SEE_PROPOSAL.rows(caller(request), AppointmentProposal.objects.all())
    return proposal_row_data(qs).order_by("-received_on", "-id")


def _proposal(user: Any, pk: int) -> AppointmentProposal:
    found = _proposals(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _proposal_detail(user: Any, pk: int) -> AppointmentProposal:
    proposal = _proposal(user, pk)
    shown: Any = proposal
    shown.available_actions = [t.action for t in PROPOSAL.available(user, proposal)]
    return proposal


@router.get("/appointment-proposals/{proposal_id}", response=ProposalOut)
def proposal_detail(request: HttpRequest, proposal_id: PkPath) -> Any:
    return _proposal_detail(caller(request), proposal_id)


add_case_routes(
    router,
    CaseRoutes(
        path="/appointment-proposals",
        name="appointment_proposal",
        workflow=PROPOSAL,
        load=_proposal,
        show=_proposal_detail,
        response=ProposalOut,
        tag="decisions and appointments",
        id_name="proposal_id",
    ),
)


class PopoloFilters(Schema):
    congress: str | None = Field(None, max_length=40, description="A congress's code")


@router.get(
    "/popolo/appointments",
    auth=None,
    summary="The register of appointments as Popolo JSON (persons, organizations, posts, "
    "memberships), for anyone",
    tags=["public"],
)
def popolo_export(request: HttpRequest, filters: Query[PopoloFilters]) -> Any:
    return popolo.export(filters.congress)
