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
    AttendeeForum,
    DutyPhoto,
    DutyRecord,
    ForumOpinion,
    MeetingAttendance,
    StandingMeeting,
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


# --- trainings and meetings ---------------------------------------------------------------------


class TrainingAttendanceInline(_DeputyRowsInline):
    model = TrainingAttendance


class _AttendedAdmin(ScopedReadOnlyAdmin):
    """A training or meeting, listed with how many deputies attended."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).annotate(attendee_count=Count("attendances"))


def _attendee_count(label: Any) -> Any:
    @admin.display(description=label, ordering="attendee_count")
    def attendees(obj: Any) -> int:
        return int(obj.attendee_count)

    return attendees


@admin.register(Training)
class TrainingAdmin(_AttendedAdmin):
    list_display = [
        "title",
        "start_date",
        "end_date",
        "place",
        _attendee_count(_("deputies trained")),
    ]
    search_fields = ["title", "place"]
    date_hierarchy = "start_date"
    inlines = [TrainingAttendanceInline]


@admin.register(TrainingAttendance)
class TrainingAttendanceAdmin(ScopedReadOnlyAdmin):
    congress_path = "training__congress"
    list_display = ["training", "deputy"]
    list_filter = [("training", ONLY_LISTED)]
    list_select_related = ["training", "deputy__person"]
    search_fields = ["training__title", "deputy__person__name"]


class MeetingAttendanceInline(_DeputyRowsInline):
    model = MeetingAttendance


class AttendeeForumInline(ReadOnlyInline):
    model = AttendeeForum
    fields = ["held_on", "summary"]
    show_change_link = True


@admin.register(StandingMeeting)
class StandingMeetingAdmin(_AttendedAdmin):
    list_display = ["title", "date", _attendee_count(_("deputies attending"))]
    search_fields = ["title"]
    date_hierarchy = "date"
    inlines = [MeetingAttendanceInline, AttendeeForumInline]


@admin.register(MeetingAttendance)
class MeetingAttendanceAdmin(ScopedReadOnlyAdmin):
    congress_path = "meeting__congress"
    list_display = ["meeting", "deputy"]
    list_filter = [("meeting", ONLY_LISTED)]
    list_select_related = ["meeting", "deputy__person"]
    search_fields = ["meeting__title", "deputy__person__name"]


class ForumOpinionInline(_DeputyRowsInline):
    model = ForumOpinion
    fields = ["deputy", "text"]


@admin.register(AttendeeForum)
class AttendeeForumAdmin(ScopedReadOnlyAdmin):
    congress_path = "meeting__congress"
    list_display = ["__str__", "meeting", "held_on"]
    list_select_related = ["meeting"]
    search_fields = ["meeting__title", "summary"]
    date_hierarchy = "held_on"
    inlines = [ForumOpinionInline]


@admin.register(ForumOpinion)
class ForumOpinionAdmin(ScopedReadOnlyAdmin):
    congress_path = "forum__meeting__congress"
    list_display = ["__str__", "deputy", "forum"]
    list_select_related = ["deputy__person", "forum__meeting"]
    search_fields = ["text", "deputy__person__name"]
