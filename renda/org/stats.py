"""The organisation's figures for a year: what existed in it, counted from rows."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from renda.core.stats import statistic, year_bounds
from renda.org.models import (
    CollectionPoint,
    ContactStation,
    Deputy,
    HandlingUnit,
    LegislativeContactPoint,
)


def _existing_in(qs: QuerySet[Any], year: int) -> QuerySet[Any]:
    first, last = year_bounds(year)
    return qs.filter(established_on__lte=last).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=first)
    )


@statistic("legislative_contact_points", label=_("Legislative contact points"))
def legislative_contact_points(congress: Any, year: int) -> int:
    return _existing_in(LegislativeContactPoint.objects.filter(congress=congress), year).count()


@statistic("collection_points", label=_("Information collection points"))
def collection_points(congress: Any, year: int) -> int:
    return _existing_in(CollectionPoint.objects.filter(congress=congress), year).count()


@statistic("contact_stations", label=_("Contact stations"))
def contact_stations(congress: Any, year: int) -> int:
    return _existing_in(ContactStation.objects.filter(congress=congress), year).count()


@statistic("deputies", label=_("Deputies"))
def deputies(congress: Any, year: int) -> int:
    """Deputies who served at some time during the year."""
    first, last = year_bounds(year)
    return (
        Deputy.objects.filter(congress=congress, elected_on__lte=last)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first))
        .count()
    )


@statistic("handling_units", label=_("Handling units"))
def handling_units(congress: Any, year: int) -> int:
    return HandlingUnit.objects.filter(congress=congress, active=True).count()
