"""The petitions API: the petitions the caller may see (who petitioned masked unless the caller
is the petitions office), registering one (the office), one endpoint per action (built by core
from the declaration), and the petitioner's own routes by the receipt code (no token).

Thin on purpose: each endpoint looks the petition up among what the caller may see (404
otherwise) and calls one function of actions, which checks role (403), state (409) and input
(422)."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from renda.core.api import (
    CappedPages,
    CaseRoutes,
    PkPath,
    add_case_routes,
    caller,
    caller_congress,
    payload_row,
)
from renda.core.receipts import client_ip
from renda.core.workflow import history
from renda.org.models import Congress
from renda.petitions import actions as A
from renda.petitions import payloads  # noqa: F401  (the actions' payloads, for the routes)
from renda.petitions.identity import people_shown
from renda.petitions.models import Channel, PetitionCategory, PetitionState
from renda.petitions.payloads import RateIn, RequestReviewIn
from renda.petitions.queries import (
    filter_list,
    petition_by_receipt,
    visible_to,
    with_detail_data,
    with_list_data,
)
from renda.petitions.schemas import (
    PetitionDetailOut,
    PetitionIn,
    PetitionOut,
    PublicPetitionIn,
    ReceiptCreatedOut,
    ReceiptOut,
)
from renda.petitions.views_public import receiving_congress
from renda.petitions.workflow import PETITION
from renda.search.engine import Filtered

router = Router(tags=["petitions"])


class PetitionFilters(Schema):
    state: PetitionState | None = None
    channel: Channel | None = None
    category: PetitionCategory | None = None
    year: int | None = Field(None, ge=1900, le=9999)
    key: bool | None = None
    q: str | None = Field(None, min_length=1, max_length=100)


def _petition(user: Any, pk: int) -> Any:
    petition = visible_to(user).filter(pk=pk).select_related("congress", "unit").first()
    if petition is None:
        raise Http404
    return petition


def _detail(user: Any, pk: int) -> Any:
    p: Any = with_detail_data(visible_to(user)).filter(pk=pk).first()
    if p is None:
        raise Http404
    identity, p.people_shown = people_shown(p, user)
    p.petitioners_masked = not identity
    p.available_actions = [t.action for t in PETITION.available(user, p)]
    p.events = list(history(p))
    return p


@router.get("/petitions", response=list[PetitionOut], summary="Petitions (信访) the caller may see")
@paginate(CappedPages)
def petition_list(request: HttpRequest, filters: Query[PetitionFilters]) -> Any:
    user = caller(request)
    found = filter_list(visible_to(user), reader=user, **filters.dict())
    return Filtered(with_list_data(found.rows).order_by("-received_at", "-id"), found.capped)


@router.get("/petitions/{petition_id}", response=PetitionDetailOut)
def petition_detail(request: HttpRequest, petition_id: PkPath) -> Any:
    return _detail(caller(request), petition_id)


@router.post(
    "/petitions",
    response={201: PetitionDetailOut},
    summary="The petitions office registers a letter, a visit or a call",
)
def petition_create(request: HttpRequest, payload: PetitionIn) -> Any:
    user = caller(request)
    congress = caller_congress(user)
    area = None
    if payload.area is not None:
        area = payload_row(
            Congress.objects.filter(parent=congress),
            payload.area,
            "area",
            _("No such county-level area."),
        )
    petition = A.petition_register(
        actor=user,
        channel=payload.channel,
        received_at=payload.received_at,
        title=payload.title,
        content=payload.content,
        category=payload.category,
        petitioners=[A.Person(**p.dict()) for p in payload.petitioners],
        people=payload.people,
        area=area,
        place=payload.place,
    )
    return Status(201, _detail(user, petition.pk))


add_case_routes(
    router,
    CaseRoutes(
        path="/petitions",
        name="petition",
        workflow=PETITION,
        load=_petition,
        show=_detail,
        response=PetitionDetailOut,
        tag="petition actions",
        id_name="petition_id",
        elsewhere={"rate": gettext_lazy("The petitioner rates the answer, with the receipt code.")},
    ),
)


# --- the petitioner, by the receipt code ---------------------------------------------------


def _by_receipt(code: str) -> Any:
    petition = petition_by_receipt(code[:40])
    if petition is None:
        raise Http404  # a wrong code: the same answer as a code that never existed
    return petition


@router.post(
    "/public/petitions",
    auth=None,
    response={201: ReceiptCreatedOut},
    summary="Anyone petitions online (网上信访); answers the receipt code to follow it",
    tags=["public"],
)
def public_petition(request: HttpRequest, payload: PublicPetitionIn) -> Any:
    congress = receiving_congress()
    if congress is None:
        raise Http404
    area = None
    if payload.area is not None:
        area = payload_row(
            Congress.objects.filter(parent=congress),
            payload.area,
            "area",
            _("No such county-level area."),
        )
    petition = A.petition_submit_online(
        congress=congress,
        petitioner=A.Person(
            name=payload.name,
            phone=payload.phone,
            id_number=payload.id_number,
            address=payload.address,
        ),
        title=payload.title,
        content=payload.content,
        category=payload.category,
        area=area,
        place=payload.place,
        client_ip=client_ip(request),
    )
    return Status(201, petition)


@router.get(
    "/public/petitions/receipt/{code}",
    auth=None,
    response=ReceiptOut,
    summary="Follow one's petition by its receipt code",
    tags=["public"],
)
def public_receipt(request: HttpRequest, code: str) -> Any:
    return _by_receipt(code)


@router.post(
    "/public/petitions/receipt/{code}/rating",
    auth=None,
    response=ReceiptOut,
    summary="The petitioner rates the answer, once",
    tags=["public"],
)
def public_rating(request: HttpRequest, code: str, payload: RateIn) -> Any:
    A.petition_rate(
        petition=_by_receipt(code),
        actor=AnonymousUser(),
        rating=payload.rating,
        comment=payload.comment,
    )
    return _by_receipt(code)


@router.post(
    "/public/petitions/receipt/{code}/review",
    auth=None,
    response=ReceiptOut,
    summary="The petitioner asks for a review (复查) or a re-examination (复核) of the answer",
    tags=["public"],
)
def public_review(request: HttpRequest, code: str, payload: RequestReviewIn) -> Any:
    A.petition_request_review(
        petition=_by_receipt(code), actor=AnonymousUser(), reason=payload.reason
    )
    return _by_receipt(code)
