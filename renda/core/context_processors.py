"""What every page's layout needs: the user's navigation and unread count."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from renda.core.navigation import grouped_menu, menu_for
from renda.core.notifications import unread_count


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        items = menu_for(None)
        return {"nav_items": items, "nav_sections": grouped_menu(items), "unread_notifications": 0}
    items = menu_for(user)
    return {
        "nav_items": items,
        "nav_sections": grouped_menu(items),
        "unread_notifications": unread_count(user),
    }
