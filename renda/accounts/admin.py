"""Admin for users (with their role in one congress) and API tokens (secret never shown)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from renda.accounts.models import ApiToken, User
from renda.accounts.revocation import end_sessions, revoke_tokens
from renda.core.admin import CongressScopedAdmin, ReadOnlyAdmin
from renda.core.predicates import is_secadmin

ROLE_FIELDS = ("congress", "role", "title", "phone", "body", "deputy", "unit", "station")
# Only a superuser or the security administrator lets someone into the admin or hands out
# permissions; only a superuser makes a superuser.
ESCALATING_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")
# Separation of duties (三员分立): the system administrator keeps the accounts (names, contact,
# active or not) and gives no rights; the security administrator gives the rights (role,
# groups, permissions) and edits nobody's account details.
RIGHTS_FIELDS = ("role", "body", "deputy", "unit", "station", *ESCALATING_FIELDS)
ACCOUNT_FIELDS = ("username", "first_name", "last_name", "email", "title", "phone", "is_active")


@admin.register(User)
class UserAdmin(CongressScopedAdmin, DjangoUserAdmin):
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),  # always set; the stubs allow None
        (_("Role in the congress"), {"fields": ROLE_FIELDS}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Role in the congress"), {"fields": ROLE_FIELDS}),
    )
    list_display = ["username", "__str__", "role", "congress", "unit", "station", "is_active"]
    list_filter = ["role", "is_active", "is_staff", ("unit", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["congress", "unit", "station"]
    search_fields = ["username", "last_name", "first_name", "email", "phone"]
    choice_select_related = {"deputy": ("person",)}

    actions = ["end_access"]

    @admin.action(
        description=_("Sign out everywhere: end their sessions and revoke their API tokens"),
        permissions=["change"],
    )
    def end_access(self, request: HttpRequest, queryset: Any) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        sessions, tokens = end_sessions(ids), revoke_tokens(ids)
        self.message_user(
            request,
            _("%(sessions)d sessions ended and %(tokens)d API tokens revoked.")
            % {"sessions": sessions, "tokens": tokens},
        )

    def get_queryset(self, request: HttpRequest) -> Any:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.exclude(is_superuser=True)  # nor their passwords, through this admin

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = tuple(super().get_readonly_fields(request, obj))
        user = request.user
        if user.is_superuser:
            return readonly
        if is_secadmin(user):
            return (*readonly, "is_superuser", *(ACCOUNT_FIELDS if obj is not None else ()))
        return (*readonly, *dict.fromkeys((*ESCALATING_FIELDS, *RIGHTS_FIELDS)))


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin, CongressScopedAdmin):
    """Tokens are issued by the API's login; only their metadata is shown, never the digest.

    Deleting one is allowed: it revokes a token at once (a lost phone, a leaver).
    """

    congress_path = "user__congress"
    fields = ("user", "created_at", "expires_at", "last_used_at")
    readonly_fields = fields
    list_display = ["user", "created_at", "expires_at", "last_used_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__last_name"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return admin.ModelAdmin.has_delete_permission(self, request, obj)
