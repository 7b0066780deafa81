"""Admin for the stations' work: read-only, scoped to the congress; changes go through the
actions (the pages and the API), which check the rules and leave events. Photos are linked
through the permission-checked page, never by their media URL.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from renda.core.admin import ReadOnlyInline, ScopedReadOnlyAdmin
from renda.stations.models import (
    Activity,
    ActivityAttendance,
    DutyPhoto,
    DutyRecord,
    Training,
    TrainingAttendance,
)

ONLY_LISTED = admin.RelatedOnlyFieldListFilter  # filter choices from the scoped rows only


class _DeputyRowsInline(ReadOnlyInline):
    """Rows naming a deputy, with the name loaded in the same query."""

    fields = ["deputy"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).select_related("deputy__person")


# --- activities ---------------------------------------------------------------------------------


class ActivityAttendanceInline(_DeputyRowsInline):
    model = ActivityAttendance


@admin.register(Activity)
class ActivityAdmin(ScopedReadOnlyAdmin):
    list_display = ["date", "title", "station", "kind", "constituents_received", "recorded_by"]
    list_filter = ["kind", ("station", ONLY_LISTED)]
    list_select_related = ["station", "recorded_by"]
    search_fields = ["title", "notes", "station__name"]
    date_hierarchy = "date"
    inlines = [ActivityAttendanceInline]


@admin.register(ActivityAttendance)
class ActivityAttendanceAdmin(ScopedReadOnlyAdmin):
    congress_path = "activity__congress"
    list_display = ["activity", "deputy"]
    list_select_related = ["activity", "deputy__person"]
    search_fields = ["activity__title", "deputy__person__name"]


# --- duty records -------------------------------------------------------------------------------


def _photo_link(photo: DutyPhoto) -> str:
    if not photo.pk:
        return ""
    url = reverse("stations:duty_photo", args=[photo.record_id, photo.pk])
    return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, photo.name)


class DutyPhotoInline(ReadOnlyInline):
    model = DutyPhoto
    fields = ["photo", "size", "content_type"]
    readonly_fields = ["photo"]

    @admin.display(description=_("photo"))
    def photo(self, obj: DutyPhoto) -> str:
        return _photo_link(obj)


@admin.register(DutyRecord)
class DutyRecordAdmin(ScopedReadOnlyAdmin):
    list_display = ["date", "title", "deputy", "station", "uploaded_by", "uploaded_at"]
    list_filter = [("station", ONLY_LISTED)]
    list_select_related = ["deputy__person", "station", "uploaded_by"]
    search_fields = ["title", "text", "deputy__person__name", "station__name"]
    date_hierarchy = "date"
    inlines = [DutyPhotoInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).select_related("deputy__person", "station")


@admin.register(DutyPhoto)
class DutyPhotoAdmin(ScopedReadOnlyAdmin):
    congress_path = "record__congress"
    fields = ["record", "photo", "name", "size", "content_type"]
    readonly_fields = ["photo"]
    list_display = ["name", "record", "size", "content_type"]
    list_select_related = ["record"]
    search_fields = ["name", "record__title"]

    @admin.display(description=_("photo"))
    def photo(self, obj: DutyPhoto) -> str:
        return _photo_link(obj)


# --- trainings ---------------------------------------------------------------------------------


class TrainingAttendanceInline(_DeputyRowsInline):
    model = TrainingAttendance


@admin.register(Training)
class TrainingAdmin(ScopedReadOnlyAdmin):
    """A training, listed with how many deputies attended."""

    list_display = ["title", "start_date", "end_date", "place", "attendees"]
    search_fields = ["title", "place"]
    date_hierarchy = "start_date"
    inlines = [TrainingAttendanceInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).annotate(attendee_count=Count("attendances"))

    @admin.display(description=_("deputies trained"), ordering="attendee_count")
    def attendees(self, obj: Any) -> int:
        return int(obj.attendee_count)


@admin.register(TrainingAttendance)
class TrainingAttendanceAdmin(ScopedReadOnlyAdmin):
    congress_path = "training__congress"
    list_display = ["training", "deputy"]
    list_filter = [("training", ONLY_LISTED)]
    list_select_related = ["training", "deputy__person"]
    search_fields = ["training__title", "deputy__person__name"]
