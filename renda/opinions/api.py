"""The opinions API: recording and listing constituents' opinions, one route per action of
the declaration (core.api builds them: 403, 409 and 422 come from the action), and the
constituent's receipt lookup and rating, without a token."""

# No `from __future__ import annotations`: django-ninja reads the path and payload types from
# the evaluated annotations of the endpoints.

from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from renda.core.api import CaseRoutes, Pages, PkPath, RowId, add_case_routes, caller
from renda.core.workflow import history
from renda.opinions import actions as A
from renda.opinions.models import OpinionCategory, OpinionSource, OpinionState
from renda.opinions.queries import opinion_by_receipt, opinions_visible_to, with_opinion_data
from renda.opinions.schemas import (
    OpinionDetailOut,
    OpinionIn,
    OpinionOut,
    RateIn,
    ReceiptOut,
)
from renda.opinions.workflow import OPINION
from renda.org.api import payload_station

router = Router(tags=["stations"])


class YearFilter(Schema):
    year: int | None = Field(None, ge=1900, le=9999)
    station: RowId | None = Field(None, description="A contact station's id")


# --- constituents' opinions ---------------------------------------------------------------------


class OpinionFilters(YearFilter):
    state: OpinionState | None = None
    category: OpinionCategory | None = None
    source: OpinionSource | None = None
    unit: RowId | None = Field(None, description="A handling unit's id")
    overdue: bool | None = Field(None, description="Only those whose answer is overdue")


@router.get(
    "/constituent-opinions",
    response=list[OpinionOut],
    summary="Constituents' opinions (群众意见建议); contact details only for staff and the station",
)
@paginate(Pages)
def opinion_list(request: HttpRequest, filters: Query[OpinionFilters]) -> Any:
    qs = opinions_visible_to(caller(request))
    if filters.year:
        qs = qs.filter(received_at__year=filters.year)
    for name in ("station", "state", "category", "source", "unit"):
        value = getattr(filters, name)
        if value:
            qs = qs.filter(**{f"{name}_id" if name in ("station", "unit") else name: value})
    if filters.overdue is not None:
        late = {"state": OpinionState.REFERRED, "answer_due__lt": timezone.localdate()}
        qs = qs.filter(**late) if filters.overdue else qs.exclude(**late)
    # The station's and unit's names, not the congress (no field of a row shows it; issue 18).
    return qs.select_related("station", "unit").order_by("-received_at", "-id")


def _opinion(user: Any, pk: int) -> Any:
    opinion = with_opinion_data(opinions_visible_to(user)).filter(pk=pk).first()
    if opinion is None:
        raise Http404
    return opinion


def _opinion_detail(user: Any, pk: int) -> Any:
    opinion = _opinion(user, pk)
    opinion.events = list(history(opinion))
    return opinion


@router.get("/constituent-opinions/{opinion_id}", response=OpinionDetailOut)
def opinion_detail(request: HttpRequest, opinion_id: PkPath) -> Any:
    return _opinion_detail(caller(request), opinion_id)


@router.post(
    "/constituent-opinions",
    response={201: OpinionDetailOut},
    summary="A station's operator (or staff) records what a constituent raised",
)
def opinion_create(request: HttpRequest, payload: OpinionIn) -> Any:
    user = caller(request)
    opinion = A.opinion_record(
        actor=user,
        station=payload_station(user, payload.station),
        category=payload.category,
        content=payload.content,
        constituent=A.Constituent(
            name=payload.contact_name, phone=payload.contact_phone, email=payload.contact_email
        ),
        place=A.Place(address=payload.place, lat=payload.lat, long=payload.long),
        received_at=payload.received_at,
        sms_opt_in=payload.sms_opt_in,
    )
    return Status(201, _opinion_detail(user, opinion.pk))


# One route per action of the declaration, with its payload; "rate" is the constituent's,
# through the receipt code below.
add_case_routes(
    router,
    CaseRoutes(
        path="/constituent-opinions",
        name="constituent_opinion",
        workflow=OPINION,
        load=_opinion,
        show=_opinion_detail,
        response=OpinionDetailOut,
        tag="stations",
        id_name="opinion_id",
        elsewhere={
            "rate": gettext_lazy("The constituent rates the outcome, with the receipt code.")
        },
    ),
)


# --- the constituent, by the receipt code ---------------------------------------------------------


def _by_receipt(code: str) -> Any:
    opinion = opinion_by_receipt(code[:40])
    if opinion is None:
        raise Http404  # a wrong code: the same answer as for a code that never existed
    return opinion


@router.get(
    "/constituent-opinions/receipt/{code}",
    auth=None,
    response=ReceiptOut,
    summary="Follow one's opinion by its receipt code: state and outcome, no account needed",
    tags=["public"],
)
def opinion_receipt(request: HttpRequest, code: str) -> Any:
    return _by_receipt(code)


@router.post(
    "/constituent-opinions/receipt/{code}/rating",
    auth=None,
    response=ReceiptOut,
    summary="The constituent rates the outcome, once",
    tags=["public"],
)
def opinion_rating(request: HttpRequest, code: str, payload: RateIn) -> Any:
    opinion = _by_receipt(code)
    A.opinion_rate(opinion=opinion, rating=payload.rating, comment=payload.comment)
    return _by_receipt(code)
