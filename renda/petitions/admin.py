"""Admin for petitions: the petitions office's officers are kept here by whoever holds the
model permissions; petitions are read-only and scoped to the congress (their changes go through
the actions), and who petitioned is not shown here at all (the office reads it on its pages)."""

from __future__ import annotations

from django.contrib import admin

from renda.core.admin import CongressScopedAdmin, ScopedReadOnlyAdmin
from renda.petitions.models import Petition, PetitionOfficer


@admin.register(PetitionOfficer)
class PetitionOfficerAdmin(CongressScopedAdmin):
    list_display = ["user", "since"]
    list_select_related = ["user"]
    choice_select_related = {"user": ()}


@admin.register(Petition)
class PetitionAdmin(ScopedReadOnlyAdmin):
    list_display = ["year", "number", "title", "channel", "state", "unit", "is_key"]
    list_filter = ["year", "state", "channel", "category", "is_key"]
    list_select_related = ["unit"]
    search_fields = ["title"]
    date_hierarchy = "received_at"
    exclude = ["receipt_code", "content"]
