"""Reads of the organisation for the JSON API, scoped to one congress and prefetched."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from renda.org.models import (
    CollectionPoint,
    Congress,
    ContactStation,
    Deputy,
    HandlingUnit,
    LegislativeContactPoint,
)


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


def congresses(congress_id: int) -> QuerySet[Congress]:
    return Congress.objects.filter(pk__in=visible_congress_ids(congress_id)).select_related(
        "parent"
    )


def congress_detail(congress_id: int) -> QuerySet[Congress]:
    return congresses(congress_id).prefetch_related(
        Prefetch("children", queryset=Congress.objects.order_by("code"))
    )


def units(congress_id: int, *, kind: str | None = None, q: str | None = None) -> QuerySet[Any]:
    qs = HandlingUnit.objects.filter(congress_id=congress_id).select_related("parent")
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
    return qs


def unit_detail(congress_id: int) -> QuerySet[Any]:
    return units(congress_id).annotate(
        officer_count=Count("officers", filter=Q(officers__is_active=True))
    )


def stations(congress_id: int, *, area: int | None = None, q: str | None = None) -> QuerySet[Any]:
    qs = ContactStation.objects.filter(congress_id=congress_id).select_related("area", "centre")
    if area is not None:
        qs = qs.filter(area_id=area)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(township__icontains=q) | Q(address__icontains=q))
    return qs.annotate(deputy_count=Count("deputies", filter=Q(deputies__status="active")))


def station_detail(congress_id: int) -> QuerySet[Any]:
    points = LegislativeContactPoint.objects.select_related("area").prefetch_related(
        Prefetch("collection_points", queryset=CollectionPoint.objects.order_by("name"))
    )
    return stations(congress_id).prefetch_related(Prefetch("contact_points", queryset=points))


def contact_points(
    congress_id: int, *, station: int | None = None, area: int | None = None, q: str | None = None
) -> QuerySet[Any]:
    qs = LegislativeContactPoint.objects.filter(congress_id=congress_id).select_related(
        "station", "area"
    )
    if station is not None:
        qs = qs.filter(station_id=station)
    if area is not None:
        qs = qs.filter(area_id=area)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs.annotate(collection_point_count=Count("collection_points"))


def collection_points(
    congress_id: int, *, contact_point: int | None = None, q: str | None = None
) -> QuerySet[Any]:
    qs = CollectionPoint.objects.filter(congress_id=congress_id).select_related("contact_point")
    if contact_point is not None:
        qs = qs.filter(contact_point_id=contact_point)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs


def deputies(congress_id: int, **filters: Any) -> QuerySet[Any]:
    """Deputies of the congress; `filters` are the API's (None means "any")."""
    qs = Deputy.objects.filter(congress_id=congress_id).select_related(
        "person", "term", "electoral_unit", "delegation", "station"
    )
    exact = {
        "delegation": "delegation_id",
        "station": "station_id",
        "electoral_unit": "electoral_unit_id",
        "party": "person__party",
        "gender": "person__gender",
        "is_standing_committee_member": "is_standing_committee_member",
        "status": "status",
        "term": "term__number",
    }
    for name, lookup in exact.items():
        value = filters.get(name)
        if value is not None and value != "":
            qs = qs.filter(**{lookup: value})
    q = filters.get("q")
    if q:
        qs = qs.filter(
            Q(person__name__icontains=q)
            | Q(card_number__icontains=q)
            | Q(person__occupation__icontains=q)
        )
    return qs
