"""Admin for suggestions and motions: read-only, scoped to the congress; changes go through
the actions (the pages and the API), which check the rules and leave events."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from renda.core.admin import ReadOnlyInline, ScopedReadOnlyAdmin
from renda.suggestions.models import (
    Assignment,
    Attachment,
    Contact,
    CoSigner,
    Evaluation,
    Extension,
    Motion,
    Promise,
    Reply,
    Suggestion,
)


class CoSignerInline(ReadOnlyInline):
    model = CoSigner
    fields = ["deputy", "confirmed_at", "declined_at"]


class AssignmentInline(ReadOnlyInline):
    model = Assignment
    fields = ["unit", "role", "part", "assigned_at", "contest_state", "active"]


class ReplyInline(ReadOnlyInline):
    model = Reply
    fields = ["unit", "handling_round", "category", "signer", "replied_at"]


class EvaluationInline(ReadOnlyInline):
    model = Evaluation
    fields = ["handling_round", "result", "comment", "evaluated_at"]


@admin.register(Suggestion)
class SuggestionAdmin(ScopedReadOnlyAdmin):
    list_display = ["year", "number", "title", "lead_deputy", "period", "state", "is_key"]
    list_filter = ["year", "state", "period", "category", "is_key", "confidential"]
    list_select_related = ["lead_deputy__person"]
    search_fields = ["title", "body"]
    date_hierarchy = "submitted_at"
    inlines = [CoSignerInline, AssignmentInline, ReplyInline, EvaluationInline]

    def get_queryset(self, request: HttpRequest) -> Any:
        # The inlines' and the form's labels read these; without them, one query per row.
        return (
            super()
            .get_queryset(request)
            .select_related("lead_deputy__person", "session__term", "supervising_body")
        )


@admin.register(Motion)
class MotionAdmin(ScopedReadOnlyAdmin):
    list_display = ["year", "number", "title", "lead_deputy", "delegation", "state", "committee"]
    list_filter = ["year", "state"]
    list_select_related = ["lead_deputy__person", "delegation", "committee"]
    search_fields = ["title", "body"]


@admin.register(Assignment)
class AssignmentAdmin(ScopedReadOnlyAdmin):
    congress_path = "suggestion__congress"
    list_display = ["suggestion", "unit", "role", "assigned_at", "contest_state", "active"]
    list_filter = ["role", "contest_state", "active"]
    list_select_related = ["suggestion", "unit"]
    search_fields = ["suggestion__title", "unit__name"]


@admin.register(Contact)
class ContactAdmin(ScopedReadOnlyAdmin):
    congress_path = "suggestion__congress"
    list_display = ["suggestion", "unit", "method", "date", "people"]
    list_filter = ["method"]
    list_select_related = ["suggestion", "unit"]
    search_fields = ["suggestion__title", "notes"]
    date_hierarchy = "date"


@admin.register(Reply)
class ReplyAdmin(ScopedReadOnlyAdmin):
    congress_path = "suggestion__congress"
    list_display = ["suggestion", "unit", "handling_round", "category", "signer", "replied_at"]
    list_filter = ["category", "handling_round"]
    list_select_related = ["suggestion", "unit"]
    search_fields = ["suggestion__title", "text"]
    date_hierarchy = "replied_at"


@admin.register(Promise)
class PromiseAdmin(ScopedReadOnlyAdmin):
    list_display = ["text", "unit", "suggestion", "due_date", "done_at"]
    list_filter = [("done_at", admin.EmptyFieldListFilter)]
    list_select_related = ["unit", "suggestion"]
    search_fields = ["text", "suggestion__title"]
    date_hierarchy = "due_date"


@admin.register(Evaluation)
class EvaluationAdmin(ScopedReadOnlyAdmin):
    congress_path = "suggestion__congress"
    list_display = ["suggestion", "handling_round", "result", "deputy", "evaluated_at"]
    list_filter = ["result", "handling_round"]
    list_select_related = ["suggestion", "deputy__person"]
    search_fields = ["suggestion__title", "comment"]


@admin.register(Extension)
class ExtensionAdmin(ScopedReadOnlyAdmin):
    congress_path = "suggestion__congress"
    list_display = ["suggestion", "unit", "state", "old_due", "new_due", "requested_at"]
    list_filter = ["state"]
    list_select_related = ["suggestion", "unit"]
    search_fields = ["suggestion__title", "reason"]


@admin.register(Attachment)
class AttachmentAdmin(ScopedReadOnlyAdmin):
    congress_path = "suggestion__congress"
    list_display = ["name", "suggestion", "purpose", "size", "uploaded_at"]
    list_filter = ["purpose"]
    list_select_related = ["suggestion"]
    search_fields = ["name", "suggestion__title"]
