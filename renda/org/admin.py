"""Admin for the organisation: staff keep their own congress's directory here."""

from __future__ import annotations

from django.contrib import admin

from renda.core.admin import CongressScopedAdmin
from renda.org.models import (
    Body,
    CollectionPoint,
    Congress,
    ContactStation,
    Delegation,
    Deputy,
    ElectoralUnit,
    HandlingUnit,
    LegislativeContactPoint,
    LiaisonCentre,
    Person,
    Session,
    Term,
)

ONLY_LISTED = admin.RelatedOnlyFieldListFilter  # filter choices from the scoped rows only


@admin.register(Congress)
class CongressAdmin(CongressScopedAdmin):
    congress_path = ""  # a congress is its own scope (with its county-level children)
    list_display = ["name", "short_name", "code", "level", "parent"]
    list_filter = ["level"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "code", "region"]


@admin.register(Term)
class TermAdmin(CongressScopedAdmin):
    list_display = ["__str__", "number", "start_date", "end_date"]
    list_select_related = ["congress"]


@admin.register(Session)
class SessionAdmin(CongressScopedAdmin):
    list_display = ["__str__", "start_date", "end_date"]
    list_select_related = ["term"]
    choice_select_related = {"term": ("congress",)}
    date_hierarchy = "start_date"


@admin.register(Body)
class BodyAdmin(CongressScopedAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


@admin.register(HandlingUnit)
class HandlingUnitAdmin(CongressScopedAdmin):
    list_display = ["name", "kind", "parent", "head", "phone", "active"]
    list_filter = ["kind", "active"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "head"]


@admin.register(Person)
class PersonAdmin(CongressScopedAdmin):
    list_display = ["name", "gender", "ethnicity", "party", "occupation"]
    list_filter = ["gender", "party"]
    search_fields = ["name", "occupation"]


@admin.register(ElectoralUnit)
class ElectoralUnitAdmin(CongressScopedAdmin):
    list_display = ["name", "electing_congress"]
    list_select_related = ["electing_congress"]
    search_fields = ["name"]


@admin.register(Delegation)
class DelegationAdmin(CongressScopedAdmin):
    list_display = ["name", "electoral_unit"]
    list_select_related = ["electoral_unit"]
    search_fields = ["name"]


@admin.register(LiaisonCentre)
class LiaisonCentreAdmin(CongressScopedAdmin):
    list_display = ["name", "area", "established_on"]
    list_select_related = ["area"]
    search_fields = ["name", "address"]


@admin.register(ContactStation)
class ContactStationAdmin(CongressScopedAdmin):
    list_display = ["name", "area", "centre", "township", "phone", "closed_on"]
    list_filter = [("area", ONLY_LISTED)]
    list_select_related = ["area", "centre"]
    search_fields = ["name", "township", "address"]


@admin.register(LegislativeContactPoint)
class LegislativeContactPointAdmin(CongressScopedAdmin):
    list_display = ["name", "station", "area", "established_on", "closed_on"]
    list_select_related = ["station", "area"]
    search_fields = ["name"]


@admin.register(CollectionPoint)
class CollectionPointAdmin(CongressScopedAdmin):
    list_display = ["name", "contact_point", "established_on", "closed_on"]
    list_select_related = ["contact_point"]
    search_fields = ["name", "contact_point__name"]


@admin.register(Deputy)
class DeputyAdmin(CongressScopedAdmin):
    list_display = [
        "name",
        "card_number",
        "term",
        "electoral_unit",
        "delegation",
        "station",
        "is_standing_committee_member",
        "status",
    ]
    list_filter = [
        "status",
        "is_standing_committee_member",
        ("delegation", ONLY_LISTED),
        ("station", ONLY_LISTED),
    ]
    list_select_related = ["person", "term__congress", "electoral_unit", "delegation", "station"]
    search_fields = ["person__name", "card_number"]
    choice_select_related = {"term": ("congress",)}
