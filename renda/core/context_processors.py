"""What every page's layout needs: the user's navigation and unread count."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from renda.core.navigation import menu_and_sections
from renda.core.notifications import unread_count


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    items, sections = menu_and_sections(user)
    signed_in = user is not None and user.is_authenticated
    return {
        "nav_items": items,
        "nav_sections": sections,
        "unread_notifications": unread_count(user) if signed_in else 0,
    }
