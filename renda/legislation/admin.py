"""Admin for legislation: every case row read-only and scoped to the congress; changes go
through the actions (the pages, the API, the import-draft command), which leave events."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from renda.core.admin import CongressScopedAdmin, ReadOnlyAdmin
from renda.legislation.models import (
    AgendaTopic,
    Consultation,
    DraftVersion,
    Opinion,
    Regulation,
    StageDocument,
    TopicAnswer,
    TopicSolicitation,
)


class CaseAdmin(ReadOnlyAdmin, CongressScopedAdmin):
    """A case row: staff of its congress read it here, nobody changes it here."""


class ShownInline(admin.TabularInline):
    """Rows of a case shown under it: every field read-only, none added or deleted."""

    extra = 0
    can_delete = False
    max_num = 0  # no empty rows to add

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.fields


class StageDocumentInline(ShownInline):
    model = StageDocument
    fields = ["stage", "title", "name", "size", "uploaded_at"]


@admin.register(Regulation)
class RegulationAdmin(CaseAdmin):
    list_display = ["title", "kind", "plan_year", "state", "adopted_on", "promulgated_on"]
    list_filter = ["state", "kind", "plan_year"]
    list_select_related = ["drafting_body"]
    search_fields = ["title"]
    inlines = [StageDocumentInline]


@admin.register(DraftVersion)
class DraftVersionAdmin(CaseAdmin):
    list_display = ["title", "regulation", "number", "label", "articles", "imported_at"]
    list_select_related = ["regulation"]
    search_fields = ["title", "regulation__title"]
    exclude = ["source_text"]  # long; read it from the draft's page or export it


@admin.register(Consultation)
class ConsultationAdmin(CaseAdmin):
    list_display = ["title", "opens_on", "closes_on", "state", "for_public", "for_deputies"]
    list_filter = ["state"]
    list_select_related = ["version"]
    search_fields = ["title"]
    date_hierarchy = "opens_on"


@admin.register(Opinion)
class OpinionAdmin(CaseAdmin):
    list_display = ["receipt_code", "consultation", "article", "source", "state", "submitted_at"]
    list_filter = ["state", "source"]
    list_select_related = ["consultation", "article"]
    search_fields = ["receipt_code", "text"]
    date_hierarchy = "submitted_at"
    show_full_result_count = False


class AgendaTopicInline(ShownInline):
    model = AgendaTopic
    fields = ["order", "title", "description"]


@admin.register(TopicSolicitation)
class TopicSolicitationAdmin(CaseAdmin):
    list_display = ["meeting_title", "meeting_date", "deadline", "state"]
    list_filter = ["state"]
    search_fields = ["meeting_title"]
    inlines = [AgendaTopicInline]


@admin.register(TopicAnswer)
class TopicAnswerAdmin(CaseAdmin):
    congress_path = "topic__solicitation__congress"
    list_display = ["topic", "deputy", "answered_at"]
    list_select_related = ["topic", "deputy__person"]
