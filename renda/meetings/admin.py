"""Admin for the meetings deputies attended without a vote: read-only, scoped to the congress;
changes go through the actions (the pages and the API), which check the rules and leave
events."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from renda.core.admin import ReadOnlyInline, ScopedReadOnlyAdmin
from renda.meetings.models import AttendeeForum, ForumOpinion, Meeting, MeetingAttendance

ONLY_LISTED = admin.RelatedOnlyFieldListFilter  # filter choices from the scoped rows only


class _DeputyRowsInline(ReadOnlyInline):
    """Rows naming a deputy, with the name loaded in the same query."""

    fields = ["deputy"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).select_related("deputy__person")


class MeetingAttendanceInline(_DeputyRowsInline):
    model = MeetingAttendance


class AttendeeForumInline(ReadOnlyInline):
    model = AttendeeForum
    fields = ["held_on", "summary"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(ScopedReadOnlyAdmin):
    """A meeting, listed with how many deputies attended it without a vote."""

    list_display = ["title", "kind", "start_date", "state", "attendees"]
    list_filter = ["kind", "state"]
    search_fields = ["title"]
    date_hierarchy = "start_date"
    inlines = [MeetingAttendanceInline, AttendeeForumInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).annotate(attendee_count=Count("attendances"))

    @admin.display(description=_("deputies attending"), ordering="attendee_count")
    def attendees(self, obj: Any) -> int:
        return int(obj.attendee_count)


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
