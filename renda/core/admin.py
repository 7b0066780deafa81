"""Admin for the workflow core's tables, and the mixin that keeps staff inside their congress."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from renda.core.models import (
    Deadline,
    Event,
    HolidayDay,
    HolidayNotice,
    Notification,
    Poll,
    PollVote,
)


def congress_scope(queryset: QuerySet[Any], user: Any, *, field_name: str = "") -> QuerySet[Any]:
    """The rows of `queryset` a non-superuser may pick: those of their own congress.

    Congresses themselves: the user's own, plus its children (the county-level areas that
    stations and electoral units point at) except for a field named "congress", which is
    always the user's own.
    """
    if user.is_superuser:
        return queryset
    congress_id = getattr(user, "congress_id", None)
    if not congress_id:
        return queryset.none()
    model = queryset.model
    if model._meta.label == "org.Congress":
        if field_name == "congress":
            return queryset.filter(pk=congress_id)
        return queryset.filter(Q(pk=congress_id) | Q(parent_id=congress_id))
    names = {f.name for f in model._meta.get_fields()}
    if "congress" in names:
        return queryset.filter(congress_id=congress_id)
    return queryset


class CongressScopedAdmin(admin.ModelAdmin):
    """Staff who are not superusers see and pick only their own congress's rows.

    `congress_path` leads from the model to its congress ("" for Congress itself);
    `choice_select_related` names, per foreign key, what its choices' labels need, so a form
    with many choices stays one query per field.
    """

    congress_path: str = "congress"
    choice_select_related: dict[str, tuple[str, ...]] = {}

    def scope_filter(self, congress_id: int) -> Q:
        if not self.congress_path:
            return Q(pk=congress_id) | Q(parent_id=congress_id)
        return Q(**{f"{self.congress_path}_id": congress_id})

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        user: Any = request.user
        if user.is_superuser:
            return qs
        if not getattr(user, "congress_id", None):
            return qs.none()
        return qs.filter(self.scope_filter(user.congress_id))

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        queryset = getattr(formfield, "queryset", None)
        if formfield is not None and queryset is not None:
            qs = congress_scope(queryset, request.user, field_name=db_field.name)
            related = self.choice_select_related.get(db_field.name)
            formfield.queryset = qs.select_related(*related) if related else qs
        return formfield

    def formfield_for_manytomany(
        self, db_field: models.ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        queryset = getattr(formfield, "queryset", None)
        if formfield is not None and queryset is not None:
            formfield.queryset = congress_scope(queryset, request.user)
        return formfield


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the platform's own actions: shown, never added or edited here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ScopedReadOnlyAdmin(ReadOnlyAdmin, CongressScopedAdmin):
    """Shown to staff of the congress, changed by nobody here: the domain apps' tables, whose
    changes go through the actions (rules checked, events left)."""


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    # The same refusals as the read-only admins: shown, never added, changed or deleted.
    has_add_permission = ReadOnlyAdmin.has_add_permission
    has_change_permission = ReadOnlyAdmin.has_change_permission
    has_delete_permission = ReadOnlyAdmin.has_delete_permission


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin, CongressScopedAdmin):
    """The append-only history: nobody, not even a superuser, changes or deletes it."""

    list_display = ["at", "action", "from_state", "to_state", "actor", "content_type", "object_id"]
    list_filter = ["content_type"]
    list_select_related = ["actor", "content_type"]
    search_fields = ["action", "comment", "actor__username", "actor__last_name"]
    date_hierarchy = "at"
    show_full_result_count = False  # the history grows without bound


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin, CongressScopedAdmin):
    list_display = ["label", "kind", "due_date", "closed_at", "content_type", "object_id"]
    list_filter = ["kind", ("closed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["content_type"]
    search_fields = ["label", "kind"]
    date_hierarchy = "due_date"


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin, CongressScopedAdmin):
    congress_path = "recipient__congress"
    list_display = ["title", "recipient", "created_at", "read_at", "emailed_at"]
    list_filter = [
        ("read_at", admin.EmptyFieldListFilter),
        ("emailed_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["recipient"]
    search_fields = ["title", "recipient__username", "recipient__last_name"]
    show_full_result_count = False


class HolidayDayInline(admin.TabularInline):
    model = HolidayDay
    extra = 0
    fields = ["date", "kind", "name"]


@admin.register(HolidayNotice)
class HolidayNoticeAdmin(admin.ModelAdmin):
    """National, so not scoped to a congress; says who typed each notice in."""

    list_display = ["year", "title", "entered_by", "entered_at"]
    list_select_related = ["entered_by"]
    search_fields = ["title"]
    readonly_fields = ["entered_by", "entered_at"]
    inlines = [HolidayDayInline]

    def save_model(self, request: HttpRequest, obj: HolidayNotice, form: Any, change: bool) -> None:
        if not change:
            obj.entered_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)


admin.site.site_header = _("renda administration")
admin.site.site_title = _("renda administration")


@admin.register(Poll)
class PollAdmin(ReadOnlyAdmin, CongressScopedAdmin):
    list_display = ["title", "content_type", "opened_at", "closed_at"]
    list_filter = ["content_type"]
    search_fields = ["title"]


@admin.register(PollVote)
class PollVoteAdmin(ReadOnlyAdmin, CongressScopedAdmin):
    """Votes without their voters: pages and reports show a poll's counts, never who voted how."""

    congress_path = "poll__congress"
    fields = ["poll", "result", "voted_at"]
    list_display = ["poll", "result", "voted_at"]
    list_filter = ["result"]
    list_select_related = ["poll"]


# The outbox and the channel preferences (notifications by e-mail and SMS).
from renda.core import admin_outbox  # noqa: E402,F401
