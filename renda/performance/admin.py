"""Admin for the performance tables: read-only, scoped to the congress; entries and rules change
through the pages and the API, whose actions check the rules and leave events."""

from __future__ import annotations

from django.contrib import admin

from renda.core.admin import ScopedReadOnlyAdmin
from renda.performance.models import ManualEntry, ScoringRule


@admin.register(ManualEntry)
class ManualEntryAdmin(ScopedReadOnlyAdmin):
    list_display = ["date", "deputy", "kind", "title", "evidence_name", "entered_by", "entered_at"]
    list_filter = ["year", "kind"]
    list_select_related = ["deputy__person", "entered_by"]
    search_fields = ["title", "notes", "deputy__person__name", "deputy__card_number"]
    date_hierarchy = "date"


@admin.register(ScoringRule)
class ScoringRuleAdmin(ScopedReadOnlyAdmin):
    list_display = ["kind", "points", "cap", "weight"]
    list_filter = ["kind"]
