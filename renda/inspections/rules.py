"""Who may do what with inspections and their problems, and who sees which (Scopes: a
predicate and a filter side by side).

The city congress's staff run an item and see all of it; in a joint item (上下联动) each county
congress that joined adds its own sites and problems and sees its part only. Leaders read; the
deputies of the team read the items they joined; a handling unit sees the problems referred to
it and alone reports their rectification."""

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
    of_unit,
    same_congress,
    staff_of_congress,
)

is_reader = is_staff | is_leader


def _joined(congress_id: Any, inspection: Any) -> bool:
    """The congress took part in the (joint) inspection (asked once per inspection object)."""
    if inspection is None or not congress_id:
        return False
    cache = inspection.__dict__.setdefault("_joined_by", {})
    if congress_id not in cache:
        from renda.inspections.models import Part

        cache[congress_id] = bool(inspection.joint) and (
            Part.objects.filter(inspection_id=inspection.pk, congress_id=congress_id).exists()
        )
    return bool(cache[congress_id])


@rules.predicate
def county_of_item(user: Any, inspection: Any) -> bool:
    """Of a county congress that joined this item (its part only)."""
    return _joined(getattr(user, "congress_id", None), inspection)


# The city congress's staff run the item: its team, parties, phases, aspects and report.
manages_inspection = staff_of_congress
# Who adds sites and problems: the item's staff, and each county's staff within its part.
records_in = is_staff & (same_congress | county_of_item)


@rules.predicate
def _team_deputy(user: Any, inspection: Any) -> bool:
    if inspection is None or not has_deputyship(user):
        return False
    return inspection.members.filter(deputy_id=user.deputy_id).exists()


def _item_rows(user: Any) -> Q:
    from renda.inspections.models import Part

    joined = Part.objects.filter(inspection=OuterRef("pk"), congress_id=user.congress_id)
    return Q(congress_id=user.congress_id) | Q(Exists(joined), joint=True)


def _team_rows(user: Any) -> Q:
    from renda.inspections.models import Member

    return Q(Exists(Member.objects.filter(inspection=OuterRef("pk"), deputy_id=user.deputy_id)))


SEE_INSPECTION = Scope(
    Clause(is_reader, _item_rows, same_congress | county_of_item),
    Clause(has_deputyship, _team_rows, _team_deputy),
)
SEE_INSPECTION.register("inspections.view_inspection", "inspections.Inspection")


# --- a part of an item: sites, problems, aspects (rows with the congress that recorded them)


@rules.predicate
def city_of_row(user: Any, row: Any) -> bool:
    """The item's own congress: it sees every part."""
    return bool(row is not None and row.inspection.congress_id == user.congress_id)


# A county's staff see and act on their congress's part; the city sees all of it.
sees_part = same_congress | city_of_row


def _part_rows(user: Any) -> Q:
    return Q(congress_id=user.congress_id) | Q(inspection__congress_id=user.congress_id)


def _team_part_rows(user: Any) -> Q:
    from renda.inspections.models import Member

    team = Member.objects.filter(inspection=OuterRef("inspection_id"), deputy_id=user.deputy_id)
    return Q(Exists(team))


@rules.predicate
def _team_deputy_of_row(user: Any, row: Any) -> bool:
    return bool(row is not None and _team_deputy(user, row.inspection))


SEE_SITE = Scope(
    Clause(is_reader, _part_rows, sees_part),
    Clause(has_deputyship, _team_part_rows, _team_deputy_of_row),
)
SEE_SITE.register("inspections.view_site", "inspections.Site")


@rules.predicate
def _referred(user: Any, problem: Any) -> bool:
    return bool(problem is not None and problem.state != "found")


unit_of_problem = of_unit("unit_id")


def _unit_rows(user: Any) -> Q:
    return Q(unit_id=user.unit_id) & ~Q(state="found")


SEE_PROBLEM = Scope(
    Clause(is_reader, _part_rows, sees_part),
    Clause(has_unit, _unit_rows, unit_of_problem & _referred),
    Clause(has_deputyship, _team_part_rows, _team_deputy_of_row),
)
SEE_PROBLEM.register("inspections.view_problem", "inspections.Problem")

# The problem's transitions: the staff of the congress that recorded it refer and verify, the
# unit it was referred to reports its rectification.
staff_of_problem = staff_of_congress
handles_problem = unit_of_problem

rules.add_perm("inspections.view_list", is_reader)
rules.add_perm("inspections.add_inspection", is_staff)
rules.add_perm("inspections.view_board", is_reader)
rules.add_perm("inspections.view_unit", has_unit)
rules.add_perm("inspections.view_mine", has_deputyship)
rules.add_perm("inspections.change_inspection", manages_inspection)
rules.add_perm("inspections.record", records_in)
rules.add_perm("inspections.export", is_reader & (same_congress | county_of_item))
