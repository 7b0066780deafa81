"""Admin for constituents' opinions and Open311 client keys: read-only, scoped to the
congress; changes go through the actions (the pages and the API), which check the rules and
leave events.

Constituents' contact details and receipt codes are masked for whoever the rule
`opinions.view_opinion_contact` does not let see them (asked of the rule itself, so a
superuser without a role is no exception).
"""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from renda.core.admin import ScopedReadOnlyAdmin
from renda.core.privacy import mask_phone
from renda.opinions.models import ApiClientKey, ConstituentOpinion

ONLY_LISTED = admin.RelatedOnlyFieldListFilter  # filter choices from the scoped rows only


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
            if rules.has_perm("opinions.view_opinion_contact", request.user, obj):
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
