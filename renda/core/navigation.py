"""The main menu, per role, grouped by area. Apps add their entries in their AppConfig.ready().

An entry may name its area (`group=`) and a count of what waits for the user there
(`waiting=fn(user) -> int`, fetched by the page after it loads: core:menu_counts); an entry
without a group goes to its URL namespace's area, and one whose namespace has none (home,
notifications) stays at the top.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, pgettext_lazy

PUBLIC = "public"

# The areas of the menu, in their order.
SUGGESTIONS = "suggestions"  # 建议议案
LEGISLATION = "legislation"  # 立法
SUPERVISION = "supervision"  # 监督
STATIONS = "stations"  # 联络站与群众意见
PERFORMANCE = "performance"  # 履职
SETTINGS = "settings"  # 组织与设置
GROUPS: dict[str, str | Promise] = {
    SUGGESTIONS: pgettext_lazy("menu area", "Suggestions and motions"),
    LEGISLATION: pgettext_lazy("menu area", "Legislation"),
    SUPERVISION: pgettext_lazy("menu area", "Supervision"),
    STATIONS: pgettext_lazy("menu area", "Stations and constituents' opinions"),
    PERFORMANCE: pgettext_lazy("menu area", "Deputies' performance"),
    SETTINGS: pgettext_lazy("menu area", "Organisation and settings"),
}
# The area of an entry registered without one, by its URL's namespace.
NAMESPACE_GROUPS = {
    "suggestions": SUGGESTIONS,
    "legislation": LEGISLATION,
    "meetings": SUPERVISION,
    "filings": SUPERVISION,
    "figures": SUPERVISION,
    "stations": STATIONS,
    "opinions": STATIONS,
    "petitions": STATIONS,
    "performance": PERFORMANCE,
    "org": SETTINGS,
}
# Entries whose namespace's area is not theirs.
NAME_GROUPS = {
    "core:calendar": SETTINGS,
    "opinions:keys": SETTINGS,
    "stations:training_list": PERFORMANCE,
    "stations:duty_list": PERFORMANCE,
}

Waiting = Callable[[Any], int]


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str]  # roles that see it; "public" is the anonymous visitor
    order: int = 100
    group: str = ""
    waiting: Waiting | None = field(default=None, compare=False)


_ITEMS: list[MenuItem] = []
_WAITING: dict[str, Waiting] = {}


def count_waiting(url_name: str, waiting: Waiting) -> None:
    """Count what waits at the entries of `url_name`, whoever added them."""
    _WAITING[url_name] = waiting


def deadlines_in(app_label: str) -> Waiting:
    """What waits: the user's open deadlines on the cases of `app_label` (core.deadlines)."""

    def count(user: Any) -> int:
        from renda.core.deadlines import waiting_for

        return waiting_for(user).filter(content_type__app_label=app_label).count()

    return count


def _waiting(item: MenuItem) -> Waiting | None:
    return item.waiting or _WAITING.get(item.url_name)


def add_menu_item(
    label: str | Promise,
    url_name: str,
    roles: set[str],
    order: int = 100,
    *,
    group: str | None = None,
    waiting: Waiting | None = None,
) -> None:
    """Add an entry; `group`: one of GROUPS (by default its namespace's area), `waiting`:
    the number of things that wait for the user there, shown beside it."""
    if group is None:
        group = NAME_GROUPS.get(url_name) or NAMESPACE_GROUPS.get(url_name.split(":")[0], "")
    if group and group not in GROUPS:
        raise ValueError(f"unknown menu group {group!r}")
    item = MenuItem(label, url_name, frozenset(roles), order, group, waiting)
    if item not in _ITEMS:
        _ITEMS.append(item)


def _role(user: Any) -> str:
    if user is None or not user.is_authenticated:
        return PUBLIC
    return getattr(user, "role", "") or ""


def menu_for(user: Any) -> list[dict[str, Any]]:
    """The user's entries, in order, each with its url, group and waiting count."""
    return [dict(i) for i in _menu(_role(user))[0]]


def menu_and_sections(user: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The user's entries and their sections (grouped_menu), shared by every request of the
    same role: read them, never change them (menu_for gives copies to change)."""
    return _menu(_role(user))


# The menus built, per role (and URL configuration, and entries registered): the
# entries and their URLs are fixed once the apps are loaded, so a page's menu costs no
# reverse() of each entry (issue 18: about 1 ms a page).
_MENUS: dict[tuple[Any, ...], tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
# The sidebar's HTML, per role and language: (fixed text, entry name) pieces, the entry's
# `class="active"` put in between for the page shown.
_SIDEBARS: dict[tuple[Any, ...], list[tuple[str, str | None]]] = {}


def _menu_key(role: str) -> tuple[Any, ...]:
    # The entries' list itself and its length: entries added later (or a test's own list)
    # build a menu of their own.
    entries = (id(_ITEMS), len(_ITEMS))
    return (role, get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF, *entries)


def _menu(role: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    key = _menu_key(role)
    menu = _MENUS.get(key)
    if menu is None:
        items = _build_menu(role)
        menu = _MENUS[key] = (items, grouped_menu(items))
    return menu


def _build_menu(role: str) -> list[dict[str, Any]]:
    items = []
    for item in sorted(_ITEMS, key=lambda i: i.order):
        if role in item.roles:
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            items.append(
                {
                    "label": item.label,
                    "url": url,
                    "name": item.url_name,
                    "group": item.group,
                    # Counted by waiting_for() on a request of its own (menu-counts.js), so
                    # that the menu costs no query on every page.
                    "counts": _waiting(item) is not None and role != PUBLIC,
                }
            )
    return items


def sidebar(user: Any, view_name: str | None) -> SafeString:
    """The sidebar's menu sections (base.html), the entry of `view_name` marked as the page
    shown; written once per role and language, not a template pass per entry."""
    role = _role(user)
    key = (*_menu_key(role), get_language())
    pieces = _SIDEBARS.get(key)
    if pieces is None:
        pieces = _SIDEBARS[key] = _sidebar_pieces(_menu(role)[1])
    active = ' class="active" aria-current="page"'
    return mark_safe("".join(text + (active if name == view_name else "") for text, name in pieces))


def _sidebar_pieces(sections: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    """base.html's sidebar sections as its template wrote them, cut before each entry's
    `class="active"`."""
    pieces: list[tuple[str, str | None]] = []
    text = ""
    for section in sections:
        if not section["items"]:
            continue
        labelled = bool(section["label"])
        text += "\n    "
        if labelled:
            text += format_html(
                '<h2 class="nav-group" id="nav-{}">{}</h2>', section["key"], section["label"]
            )
        text += '\n    <ul class="nav-list"'
        if labelled:
            text += format_html(' aria-labelledby="nav-{}"', section["key"])
        text += ">\n      "
        for item in section["items"]:
            text += format_html('\n      <li><a href="{}"', item["url"])
            pieces.append((text, item["name"]))
            count = (
                format_html(
                    ' <span class="nav-count" data-waiting-for="{}" hidden></span>', item["name"]
                )
                if item["counts"]
                else ""
            )
            text = format_html(">{}{}</a></li>\n      ", item["label"], count)
        text += "\n    </ul>\n    "
    pieces.append((text, None))
    return pieces


def menu_counts(user: Any) -> dict[str, int]:
    """What waits for the user at each of their entries that counts it."""
    role = _role(user)
    if role == PUBLIC:
        return {}
    counts = {}
    for item in _ITEMS:
        waiting = _waiting(item)
        if waiting is not None and role in item.roles and item.url_name not in counts:
            counts[item.url_name] = int(waiting(user))
    return counts


def grouped_menu(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries without an area first, then one section per area in GROUPS' order; a
    menu with a single area is not split."""
    top = [i for i in items if not i["group"]]
    sections: list[dict[str, Any]] = []
    for key, label in GROUPS.items():
        mine = [i for i in items if i["group"] == key]
        if mine:
            sections.append({"key": key, "label": label, "items": mine})
    if len(sections) <= 1:
        return [{"key": "", "label": "", "items": items}]
    return [{"key": "", "label": "", "items": top}, *sections]
