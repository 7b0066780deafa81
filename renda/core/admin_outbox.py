"""Admin for the outbox (the log of e-mails and text messages sent) and the channel
preferences: read-only; the phone or address is masked for whoever does not run the gateway
(`core.view_outbox_recipient`), and reading it whole is written to the audit trail."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from renda.audit.records import shown
from renda.core.admin import CongressScopedAdmin, ReadOnlyAdmin
from renda.core.models import Channel, NotificationPreference, OutgoingMessage
from renda.core.privacy import mask_phone
from renda.core.sms import parts


def masked_recipient(row: OutgoingMessage) -> str:
    if row.channel == Channel.SMS:
        return mask_phone(row.to)
    local, _at, domain = row.to.partition("@")
    return f"{local[:1]}***@{domain}"


@admin.register(OutgoingMessage)
class OutgoingMessageAdmin(ReadOnlyAdmin, CongressScopedAdmin):
    """Staff see their congress's users' messages; messages to the public (no account) only
    the superuser and the system administrator."""

    congress_path = "recipient__congress"
    list_display = [
        "created_at",
        "channel",
        "kind",
        "recipient",
        "to_masked",
        "status",
        "attempts",
        "next_try",
        "sent_at",
    ]
    list_filter = ["status", "channel", "kind"]
    list_select_related = ["recipient"]
    search_fields = ["key", "recipient__username"]
    show_full_result_count = False  # the log grows without bound
    detail = [
        "key",
        "channel",
        "kind",
        "urgent",
        "recipient",
        "to_masked",
        "subject",
        "text",
        "message_parts",
        "status",
        "attempts",
        "next_try",
        "last_error",
        "created_at",
        "sent_at",
    ]
    readonly_fields = [*detail, "to"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        """The whole phone or address for who may see it (and the audit trail notes it)."""
        if obj is not None and rules.has_perm("core.view_outbox_recipient", request.user):
            shown(obj, "to")
            return [("to" if f == "to_masked" else f) for f in self.detail]
        return list(self.detail)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        user: Any = request.user
        if user.is_superuser or rules.has_perm("core.view_outbox_recipient", user):
            # CongressScopedAdmin kept only the own congress's users; add the public's.
            base = admin.ModelAdmin.get_queryset(self, request)
            if user.is_superuser:
                return base
            return base.filter(Q(recipient__congress_id=user.congress_id) | Q(recipient=None))
        return qs

    @admin.display(description=_("to"))
    def to_masked(self, row: OutgoingMessage) -> str:
        return masked_recipient(row)

    @admin.display(description=_("parts"))
    def message_parts(self, row: OutgoingMessage) -> int | str:
        return parts(row.text) if row.channel == Channel.SMS else "—"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin, CongressScopedAdmin):
    """Each user sets their own (Notification settings); shown here, changed by nobody."""

    congress_path = "user__congress"
    list_display = ["user", "email_kinds", "sms_kinds", "quiet_start", "quiet_end", "updated_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__last_name"]
