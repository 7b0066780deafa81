"""Read endpoints for the organisation: congresses, units, stations, points and deputies.

Everything is scoped to the caller's congress: another congress's rows are never listed, and
asking for one by id answers 404 as if it did not exist.
"""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from renda.core.api import Pages, RowId, congress_of, payload_row
from renda.core.predicates import has_station
from renda.org import queries
from renda.org.models import ContactStation, Deputy, HandlingUnit
from renda.org.schemas import (
    CollectionPointOut,
    CongressDetailOut,
    CongressOut,
    ContactPointOut,
    DeputyDetailOut,
    DeputyOut,
    StationDetailOut,
    StationOut,
    UnitDetailOut,
    UnitOut,
)

router = Router(tags=["organisation"])


def _search() -> Any:
    # A search longer than this is no name: refuse it rather than scan for it.
    return Field(None, min_length=1, max_length=100, description="Part of a name")


def payload_station(user: Any, pk: int | None) -> ContactStation:
    """The contact station a payload names among the caller's congress's, else the operator's
    own (for the domains' APIs that record something at a station): 422 otherwise."""
    if pk is None and has_station(user):
        pk = user.station_id
    return payload_row(
        ContactStation.objects.filter(congress_id=user.congress_id),
        pk,
        "station",
        _("No such contact station in your congress."),
    )


def _directory(request: HttpRequest) -> int:
    """The caller's congress, whose directory they may read."""
    congress_id = congress_of(request)
    if not request.user.has_perm("org.view_directory"):
        raise PermissionDenied
    return congress_id


@router.get("/congresses", response=list[CongressOut], summary="The caller's congress and below")
@paginate(Pages)
def congress_list(request: HttpRequest) -> Any:
    return queries.congresses(_directory(request))


@router.get(
    "/congresses/{congress_id}", response=CongressDetailOut, summary="A congress and those under it"
)
def congress_detail(request: HttpRequest, congress_id: int) -> Any:
    return get_object_or_404(queries.congress_detail(_directory(request)), pk=congress_id)


class UnitFilters(Schema):
    kind: HandlingUnit.Kind | None = None
    q: str | None = _search()


@router.get("/units", response=list[UnitOut], summary="Handling units (承办单位)")
@paginate(Pages)
def unit_list(request: HttpRequest, filters: Query[UnitFilters]) -> Any:
    return queries.units(_directory(request), kind=filters.kind, q=filters.q)


@router.get("/units/{unit_id}", response=UnitDetailOut, summary="A unit, with its officer count")
def unit_detail(request: HttpRequest, unit_id: int) -> Any:
    return get_object_or_404(queries.units(_directory(request)), pk=unit_id)


class StationFilters(Schema):
    area: RowId | None = Field(None, description="The county-level congress of the area")
    q: str | None = _search()


@router.get("/stations", response=list[StationOut], summary="Contact stations (代表联络站)")
@paginate(Pages)
def station_list(request: HttpRequest, filters: Query[StationFilters]) -> Any:
    return queries.stations(_directory(request), area=filters.area, q=filters.q)


@router.get(
    "/stations/{station_id}",
    response=StationDetailOut,
    summary="A station, with its contact points and their collection points",
)
def station_detail(request: HttpRequest, station_id: int) -> Any:
    return get_object_or_404(queries.station_detail(_directory(request)), pk=station_id)


class ContactPointFilters(Schema):
    station: RowId | None = None
    area: RowId | None = Field(None, description="The county-level congress of the area")
    q: str | None = _search()


@router.get(
    "/contact-points",
    response=list[ContactPointOut],
    summary="Legislative contact points (基层立法联系点)",
)
@paginate(Pages)
def contact_point_list(request: HttpRequest, filters: Query[ContactPointFilters]) -> Any:
    return queries.contact_points(
        _directory(request), station=filters.station, area=filters.area, q=filters.q
    )


class CollectionPointFilters(Schema):
    contact_point: RowId | None = None
    q: str | None = _search()


@router.get(
    "/collection-points",
    response=list[CollectionPointOut],
    summary="Information collection points (信息采集点)",
)
@paginate(Pages)
def collection_point_list(request: HttpRequest, filters: Query[CollectionPointFilters]) -> Any:
    return queries.collection_points(
        _directory(request), contact_point=filters.contact_point, q=filters.q
    )


class DeputyFilters(Schema):
    delegation: RowId | None = None
    station: RowId | None = None
    electoral_unit: RowId | None = None
    term: int | None = Field(None, ge=1, le=999, description="The term's number, e.g. 5")
    party: str | None = Field(None, max_length=40)
    gender: Literal["M", "F"] | None = None
    is_standing_committee_member: bool | None = None
    status: Deputy.Status | None = None
    q: str | None = Field(
        None, min_length=1, max_length=100, description="Part of a name, card number or post"
    )


@router.get(
    "/deputies",
    response=list[DeputyOut],
    summary="Deputies (代表); phone and ID number masked unless you may see them",
)
@paginate(Pages)
def deputy_list(request: HttpRequest, filters: Query[DeputyFilters]) -> Any:
    return queries.deputies(_directory(request), _deputy_filters(filters))


@router.get(
    "/deputies/{deputy_id}",
    response=DeputyDetailOut,
    summary="A deputy; phone, ID number and birth date only if you may see them",
)
def deputy_detail(request: HttpRequest, deputy_id: int) -> Any:
    return get_object_or_404(queries.deputies(_directory(request)), pk=deputy_id)


def _deputy_filters(f: DeputyFilters) -> queries.DeputyFilters:
    return queries.DeputyFilters(
        q=f.q or "",
        delegation=f.delegation,
        station=f.station,
        electoral_unit=f.electoral_unit,
        term=f.term,
        party=f.party or "",
        gender=f.gender or "",
        standing_committee=f.is_standing_committee_member,
        status=f.status or "",
    )
