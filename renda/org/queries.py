"""Reads of the organisation (congresses, deputies, handling units, contact stations, contact
and collection points), scoped to one congress, for the directory pages and the JSON API alike.

Each list is built so that its query count does not grow with the rows shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from renda.org.models import (
    CollectionPoint,
    Congress,
    ContactStation,
    Delegation,
    Deputy,
    HandlingUnit,
    LegislativeContactPoint,
    Level,
)

DEPUTY_SORTS = {
    "card": ("card_number",),
    "-card": ("-card_number",),
    "name": ("person__name", "card_number"),
    "-name": ("-person__name", "card_number"),
}


def visible_congress_ids(congress_id: int) -> list[int]:
    """The congress and every congress below it (city → counties → townships).

    The table holds a few dozen rows, so one query and a walk in Python beat a query per level.
    """
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Congress.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found: list[int] = []
    todo = [congress_id]
    while todo:
        pk = todo.pop()
        if pk in found:  # a cycle in bad data must not loop forever
            continue
        found.append(pk)
        todo.extend(children.get(pk, []))
    return found


def public_congress() -> Congress | None:
    """The congress the public pages speak for: the city's (the first by code)."""
    return Congress.objects.filter(level=Level.CITY).order_by("code").first()


def congresses(congress_id: int) -> QuerySet[Congress]:
    return Congress.objects.filter(pk__in=visible_congress_ids(congress_id)).select_related(
        "parent"
    )


def congress_detail(congress_id: int) -> QuerySet[Congress]:
    return congresses(congress_id).prefetch_related(
        Prefetch("children", queryset=Congress.objects.order_by("code"))
    )


@dataclass(frozen=True)
class DeputyFilters:
    """The directory's filter bar and the API's query parameters; rows may be given as
    objects or ids."""

    q: str = ""
    delegation: Delegation | int | None = None
    station: ContactStation | int | None = None
    electoral_unit: int | None = None
    term: int | None = None  # the term's number
    party: str = ""
    gender: str = ""
    standing_committee: bool | None = None
    also_level: str = ""  # a deputy who is also a deputy at this level (五级代表)
    status: str = ""
    sort: str = "card"


def deputies(congress: Congress | int, filters: DeputyFilters | None = None) -> QuerySet[Deputy]:
    f = filters or DeputyFilters()
    qs = Deputy.objects.filter(congress=congress).select_related(
        "person", "term", "delegation", "station", "electoral_unit"
    )
    if f.q:
        qs = qs.filter(
            Q(person__name__icontains=f.q)
            | Q(card_number__icontains=f.q)
            | Q(person__occupation__icontains=f.q)
        )
    if f.delegation is not None:
        qs = qs.filter(delegation=f.delegation)
    if f.station is not None:
        qs = qs.filter(station=f.station)
    if f.electoral_unit is not None:
        qs = qs.filter(electoral_unit_id=f.electoral_unit)
    if f.term is not None:
        qs = qs.filter(term__number=f.term)
    if f.party:
        qs = qs.filter(person__party=f.party)
    if f.gender:
        qs = qs.filter(person__gender=f.gender)
    if f.standing_committee is not None:
        qs = qs.filter(is_standing_committee_member=f.standing_committee)
    if f.also_level:
        # Exists, not a join: a person with two deputyships at that level stays one row.
        qs = qs.filter(
            Exists(
                Deputy.objects.filter(person_id=OuterRef("person_id"), congress__level=f.also_level)
            )
        )
    if f.status:
        qs = qs.filter(status=f.status)
    return qs.order_by(*DEPUTY_SORTS.get(f.sort, DEPUTY_SORTS["card"]))


# What the directory's rows show (rows.py): not the person's ID number, address or photo, the
# term or the electoral unit (issue 18).
DEPUTY_COLUMNS = (
    "card_number",
    "status",
    "is_standing_committee_member",
    "person__name",
    "person__gender",
    "person__party",
    "person__occupation",
    "person__phone",
    "delegation__name",
    "station__name",
)


def deputy_columns(qs: QuerySet[Deputy]) -> QuerySet[Deputy]:
    """deputies() as the directory's rows show them: DEPUTY_COLUMNS only."""
    return (
        qs.select_related(None)
        .select_related("person", "delegation", "station")
        .only(*DEPUTY_COLUMNS)
    )


def deputy(congress: Congress | int, pk: int) -> Deputy:
    """One deputy of this congress (Deputy.DoesNotExist for another congress's)."""
    return Deputy.objects.select_related(
        "person",
        "term",
        "congress",
        "delegation",
        "station",
        "station__area",
        "electoral_unit",
        "electoral_unit__electing_congress",
    ).get(congress=congress, pk=pk)


def other_deputyships(deputy: Deputy) -> QuerySet[Deputy]:
    """The same person's deputyships at other levels or terms (五级代表), highest level first."""
    return (
        Deputy.objects.filter(person_id=deputy.person_id)
        .exclude(pk=deputy.pk)
        .select_related("congress", "term", "delegation")
        .order_by("congress__level", "-term__number")
    )


def deputy_filter_options(congress: Congress | int) -> dict[str, Any]:
    """What the deputies' filter bar offers: this congress's delegations, stations, parties."""
    parties = (
        Deputy.objects.filter(congress=congress)
        .exclude(person__party="")
        .values_list("person__party", flat=True)
        .distinct()
        .order_by("person__party")
    )
    return {
        "delegations": Delegation.objects.filter(congress=congress).order_by("name"),
        "stations": ContactStation.objects.filter(congress=congress).order_by("name"),
        "parties": list(parties),
    }


def units(
    congress: Congress | int, *, kind: str | None = "", q: str | None = ""
) -> QuerySet[HandlingUnit]:
    """Units with their active officers counted."""
    qs = (
        HandlingUnit.objects.filter(congress=congress)
        .select_related("parent")
        .annotate(
            officers_count=Count(
                "officers",
                filter=Q(officers__role="handler", officers__is_active=True),
                distinct=True,
            )
        )
    )
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
    return qs.order_by("kind", "name")


def _stations(
    congress: Congress | int, *, area: Congress | int | None = None, q: str | None = None
) -> QuerySet[ContactStation]:
    qs = (
        ContactStation.objects.filter(congress=congress)
        .select_related("area", "centre")
        .annotate(
            deputies_count=Count(
                "deputies", filter=Q(deputies__status=Deputy.Status.ACTIVE), distinct=True
            )
        )
    )
    if area is not None:
        qs = qs.filter(area=area)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(township__icontains=q) | Q(address__icontains=q))
    return qs.order_by("area__code", "name")


def stations(
    congress: Congress | int, *, area: Congress | int | None = None, q: str | None = None
) -> QuerySet[ContactStation]:
    """Stations with their deputies and open contact points counted."""
    points = LegislativeContactPoint.objects.annotate(
        collection_points_count=Count(
            "collection_points", filter=Q(collection_points__closed_on__isnull=True)
        )
    ).order_by("name")
    return _stations(congress, area=area, q=q).prefetch_related(
        Prefetch("contact_points", queryset=points)
    )


def station_detail(congress: Congress | int) -> QuerySet[ContactStation]:
    """Stations with their contact points and each point's collection points."""
    points = LegislativeContactPoint.objects.select_related("area").prefetch_related(
        Prefetch("collection_points", queryset=CollectionPoint.objects.order_by("name"))
    )
    return _stations(congress).prefetch_related(Prefetch("contact_points", queryset=points))


def contact_points(
    congress: Congress | int,
    *,
    station: int | None = None,
    area: int | None = None,
    q: str | None = None,
) -> QuerySet[LegislativeContactPoint]:
    qs = LegislativeContactPoint.objects.filter(congress=congress).select_related("station", "area")
    if station is not None:
        qs = qs.filter(station_id=station)
    if area is not None:
        qs = qs.filter(area_id=area)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs.annotate(collection_point_count=Count("collection_points"))


def collection_points(
    congress: Congress | int, *, contact_point: int | None = None, q: str | None = None
) -> QuerySet[CollectionPoint]:
    qs = CollectionPoint.objects.filter(congress=congress).select_related("contact_point")
    if contact_point is not None:
        qs = qs.filter(contact_point_id=contact_point)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs


def station_areas(congress: Congress | int) -> QuerySet[Congress]:
    """The county-level areas that have contact stations of this congress."""
    return Congress.objects.filter(
        pk__in=ContactStation.objects.filter(congress=congress).values("area")
    ).order_by("code")


def congress_counts(congress: Congress | int) -> dict[str, int]:
    """The staff home page's figures: serving deputies, active units, open stations and points
    (one query of counts, not one each)."""
    serving = {"status": Deputy.Status.ACTIVE}
    still_open = {"closed_on__isnull": True}
    counts = {
        "deputies": _count(Deputy, **serving),
        "standing_committee": _count(Deputy, **serving, is_standing_committee_member=True),
        "units": _count(HandlingUnit, active=True),
        "stations": _count(ContactStation, **still_open),
        "contact_points": _count(LegislativeContactPoint, **still_open),
        "collection_points": _count(CollectionPoint, **still_open),
    }
    pk = congress.pk if isinstance(congress, Congress) else congress
    # Named apart from the congress's own relations (`deputies`, `units`…).
    row = Congress.objects.filter(pk=pk).values(**{f"n_{k}": v for k, v in counts.items()})
    found: Any = row.first() or {}
    return {key: int(found.get(f"n_{key}") or 0) for key in counts}


def _count(model: Any, **filters: Any) -> Coalesce:
    """The congress's rows of `model` matching `filters`, counted in a subquery."""
    rows = (
        model.objects.filter(congress=OuterRef("pk"), **filters)
        .order_by()
        .values("congress")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def unit_officers(unit: HandlingUnit) -> QuerySet[Any]:
    return unit.officers.filter(role="handler", is_active=True).order_by("last_name", "first_name")


def station_deputies(station: ContactStation) -> QuerySet[Deputy]:
    return (
        Deputy.objects.filter(station=station, status=Deputy.Status.ACTIVE)
        .select_related("person", "congress")
        .order_by("card_number")
    )


# --- deputies to pick (who attended a training, a meeting, an activity) ----------------------

Group = tuple[str, list[tuple[int, str]]]


def deputies_to_pick(
    congress_id: int, *, include: set[int] | None = None, exclude: set[int] | None = None
) -> QuerySet[Deputy]:
    """Serving deputies of the congress (and those in `include`, who may have left since)."""
    serving = Q(status=Deputy.Status.ACTIVE)
    if include:
        serving |= Q(pk__in=include)
    qs = Deputy.objects.filter(Q(congress_id=congress_id) & serving)
    if exclude:
        qs = qs.exclude(pk__in=exclude)
    return qs.select_related("person", "delegation", "station")


def grouped(deputies: QuerySet[Deputy], by: str) -> list[Group]:
    """(group name, [(id, name)]) by delegation or by station, groups and deputies in order."""
    groups: dict[str, list[tuple[int, str]]] = {}
    none_label = "—"
    for d in deputies.order_by(F(f"{by}__name").asc(nulls_last=True), "card_number"):
        owner = getattr(d, by)
        groups.setdefault(owner.name if owner else none_label, []).append((d.pk, d.person.name))
    return list(groups.items())
