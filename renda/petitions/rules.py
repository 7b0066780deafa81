"""Who may do what with a petition, and who sees which (one Scope: a predicate and a filter).

The petitions office (信访室) handles petitions: its officers (PetitionOfficer) register,
accept, supervise and alone see who petitioned. Leaders see the key cases, a handling unit what
was forwarded or assigned to it, a deputy what was passed to their contact station; the
petitioner follows their own by the receipt code, without an account."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Exists, OuterRef, Q

from renda.core.predicates import (
    Clause,
    Scope,
    has_deputyship,
    has_unit,
    is_leader,
    is_staff,
    leader_of_congress,
    same_congress,
)


@rules.predicate
def is_officer(user: Any) -> bool:
    """Staff of the petitions office (asked once per user: kept on the user object, through
    request.user's lazy wrapper too, so a page's permission check and its list's scope ask
    once)."""
    if not is_staff(user):
        return False
    cached = getattr(user, "_petitions_officer", None)
    if cached is None:
        from renda.petitions.models import PetitionOfficer

        cached = PetitionOfficer.objects.filter(
            user_id=user.pk, congress_id=user.congress_id
        ).exists()
        user._petitions_officer = cached
    return bool(cached)


officer_of_congress = is_officer & same_congress


@rules.predicate
def _directly(user: Any, petition: Any) -> bool:
    return bool(petition is not None and petition.unit_id is None)


@rules.predicate
def _of_its_unit(user: Any, petition: Any) -> bool:
    return bool(petition is not None and has_unit(user) and petition.unit_id == user.unit_id)


# Who handles it now: the unit it was forwarded or assigned to, or the office itself.
handles_petition = same_congress & (_of_its_unit | (is_officer & _directly))


@rules.predicate
def is_supervisor(user: Any, petition: Any) -> bool:
    """The leader supervising a key case (督办)."""
    return bool(
        petition is not None
        and petition.is_key
        and leader_of_congress(user, petition)
        and petition.supervisor_id == user.pk
    )


def _station_of(user: Any) -> int | None:
    deputy = getattr(user, "deputy", None) if has_deputyship(user) else None
    return getattr(deputy, "station_id", None)


@rules.predicate
def passed_to_my_station(user: Any, petition: Any) -> bool:
    """A deputy of a contact station the petition was passed to."""
    station = _station_of(user)
    if petition is None or station is None:
        return False
    return petition.referrals.filter(station_id=station).exists()


follows_up = same_congress & passed_to_my_station


@rules.predicate
def is_petitioner(user: Any, petition: Any = None) -> bool:
    """The petitioner: whoever holds the receipt code, without an account."""
    return not getattr(user, "is_authenticated", False)


@rules.predicate
def _is_key(user: Any, petition: Any) -> bool:
    return bool(petition is not None and petition.is_key)


def _congress(user: Any) -> Q:
    return Q(congress_id=user.congress_id)


def _passed(user: Any) -> Any:
    from renda.petitions.models import StationReferral

    station = _station_of(user)
    referred = StationReferral.objects.filter(petition=OuterRef("pk"), station_id=station)
    return _congress(user) & Q(Exists(referred))


SEE_PETITION = Scope(
    Clause(is_officer, _congress),
    Clause(is_leader, lambda u: _congress(u) & Q(is_key=True), same_congress & _is_key),
    Clause(has_unit, lambda u: _congress(u) & Q(unit_id=u.unit_id), same_congress & _of_its_unit),
    Clause(has_deputyship, _passed, follows_up),
)
SEE_PETITION.register("petitions.view_petition", "petitions.Petition")

rules.add_perm("petitions.view_petitioner", officer_of_congress)
rules.add_perm("petitions.manage", is_officer)
rules.add_perm("petitions.view_key", is_officer | is_leader)
rules.add_perm("petitions.view_unit", has_unit)
rules.add_perm("petitions.view_station", has_deputyship)
rules.add_perm("petitions.view_overdue", is_officer | is_leader)
