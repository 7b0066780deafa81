"""Admin for the stations' work and constituents' opinions: read-only, scoped to the congress;
changes go through the actions (the pages and the API), which check the rules and leave events.

Constituents' contact details and receipt codes are masked for whoever the rule
`stations.view_opinion_contact` does not let see them (asked of the rule itself, so a
superuser without a role is no exception); photos are linked through the permission-checked
page, never by their media URL.
"""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from renda.core.admin import ReadOnlyInline, ScopedReadOnlyAdmin
from renda.core.privacy import mask_phone
from renda.stations.models import (
    Activity,
    ActivityAttendance,
    ApiClientKey,
    AttendeeForum,
    ConstituentOpinion,
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


# --- constituents' opinions ---------------------------------------------------------------------


@admin.register(ApiClientKey)
class ApiClientKeyAdmin(ScopedReadOnlyAdmin):
    """Keys without their digests: a key is shown once, when issued."""

    fields = ["name", "station", "active", "created_by", "created_at", "last_used_at"]
    list_display = ["name", "station", "active", "created_by", "created_at", "last_used_at"]
    list_filter = ["active"]
    list_select_related = ["station", "created_by"]
    search_fields = ["name"]


def _mask_name(name: str) -> str:
    return f"{name[:1]}{'*' * max(len(name) - 1, 1)}" if name else ""


def _mask_email(email: str) -> str:
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if email else ""


def _mask_code(code: str) -> str:
    return f"{code[:2]}{'*' * max(len(code) - 2, 1)}" if code else ""


# The private fields and how each is masked.
PRIVATE = {
    "contact_name": _mask_name,
    "contact_phone": mask_phone,
    "contact_email": _mask_email,
    "receipt_code": _mask_code,
}


def _private_columns(request: HttpRequest, fields: list[str]) -> list[Any]:
    """Read-only columns showing each field whole to who may see it, masked to others; made
    per request, so that the rule is asked with this request's user."""

    def column(field: str) -> Any:
        def shown(obj: ConstituentOpinion) -> str:
            value = str(getattr(obj, field) or "")
            if rules.has_perm("stations.view_opinion_contact", request.user, obj):
                return value
            return PRIVATE[field](value)

        shown.__name__ = f"{field}_shown"
        label = getattr(ConstituentOpinion._meta.get_field(field), "verbose_name", field)
        return admin.display(description=label)(shown)

    return [column(f) for f in fields]


@admin.register(ConstituentOpinion)
class ConstituentOpinionAdmin(ScopedReadOnlyAdmin):
    list_display = ["__str__", "received_at", "category", "station", "source", "state", "unit"]
    list_filter = [
        "state",
        "category",
        "source",
        ("station", ONLY_LISTED),
        ("unit", ONLY_LISTED),
    ]
    list_select_related = ["station", "unit"]
    # Never the contact fields: a search would tell who may not see them whether they match.
    search_fields = ["content", "place"]
    date_hierarchy = "received_at"
    exclude = list(PRIVATE)

    def get_list_display(self, request: HttpRequest) -> Any:
        columns = _private_columns(request, ["contact_name", "contact_phone"])
        return [*super().get_list_display(request), *columns]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [*super().get_readonly_fields(request, obj), *_private_columns(request, [*PRIVATE])]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).select_related("congress", "station", "unit")
