"""The main menu, per role. Apps add their entries in their AppConfig.ready()."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

PUBLIC = "public"


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str]  # roles that see it; "public" is the anonymous visitor
    order: int = 100


_ITEMS: list[MenuItem] = []


def add_menu_item(label: str | Promise, url_name: str, roles: set[str], order: int = 100) -> None:
    item = MenuItem(label, url_name, frozenset(roles), order)
    if item not in _ITEMS:
        _ITEMS.append(item)


def menu_for(user: Any) -> list[dict[str, Any]]:
    role = getattr(user, "role", "") if user is not None and user.is_authenticated else PUBLIC
    items = []
    for item in sorted(_ITEMS, key=lambda i: i.order):
        if role in item.roles:
            try:
                items.append(
                    {"label": item.label, "url": reverse(item.url_name), "name": item.url_name}
                )
            except NoReverseMatch:
                continue
    return items
