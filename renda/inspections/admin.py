"""Admin for inspections: read-only and scoped to the congress (every change goes through the
actions and leaves its event)."""

from __future__ import annotations

from django.contrib import admin

from renda.core.admin import ScopedReadOnlyAdmin
from renda.inspections.models import Inspection, Problem


@admin.register(Inspection)
class InspectionAdmin(ScopedReadOnlyAdmin):
    list_display = ["year", "number", "title", "kind", "starts_on", "joint"]
    list_filter = ["year", "kind", "joint"]
    search_fields = ["title", "subject"]


@admin.register(Problem)
class ProblemAdmin(ScopedReadOnlyAdmin):
    list_display = ["inspection", "number", "unit", "state", "due_on"]
    list_filter = ["state"]
    list_select_related = ["inspection", "unit"]
