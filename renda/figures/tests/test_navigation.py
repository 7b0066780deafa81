"""The menu grouped by area, with counts of what waits; entries added without a group still
work and go to their namespace's area."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.core import navigation
from renda.core.navigation import add_menu_item, grouped_menu, menu_for


def test_an_entry_added_without_a_group_goes_to_its_namespaces_area(monkeypatch):
    monkeypatch.setattr(navigation, "_ITEMS", [])
    add_menu_item("Meetings", "meetings:list", {"staff"}, 30)
    add_menu_item("Home", "core:home", {"staff"}, 0)
    add_menu_item("Keys", "opinions:keys", {"staff"}, 48)
    groups = {i.url_name: i.group for i in navigation._ITEMS}
    assert groups == {"meetings:list": "supervision", "core:home": "", "opinions:keys": "settings"}
    with pytest.raises(ValueError):
        add_menu_item("X", "core:home", {"staff"}, group="nowhere")


def test_the_staff_menu_is_grouped_by_area_in_order(cast):
    sections = grouped_menu(menu_for(cast["staff"]))
    assert sections[0]["key"] == ""
    assert "core:home" in [i["name"] for i in sections[0]["items"]]
    keys = [s["key"] for s in sections[1:]]
    assert keys == [k for k in navigation.GROUPS if k in keys]
    assert {
        "suggestions",
        "legislation",
        "supervision",
        "stations",
        "performance",
        "settings",
    } <= set(keys)
    # One way to each page: every url once.
    urls = [i["url"] for s in sections for i in s["items"]]
    assert len(urls) == len(set(urls))


def test_the_menu_counts_what_waits_on_a_request_of_its_own(client, cast, org):
    from renda.suggestions.models import Suggestion

    client.force_login(cast["staff"])
    Suggestion.objects.create(
        congress=cast["staff"].congress,
        lead_deputy=org["deputy"],
        title="等待审查",
        body="内容",
        category="economy",
        year=2024,
        period="session",
        state="submitted",
        submitted_at=timezone.now(),
    )
    html = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-waiting-for="suggestions:supervision" hidden' in html
    assert 'id="nav-suggestions"' in html and "menu-counts.js" in html
    counts = client.get(reverse("core:menu_counts")).json()
    assert counts["suggestions:supervision"] == 1
    client.force_login(cast["leader"])
    assert client.get(reverse("core:menu_counts")).json()["suggestions:supervision"] == 0


def test_the_counts_are_for_signed_in_users_only(client, db):
    assert client.get(reverse("core:menu_counts")).status_code == 302


def test_the_public_menu_offers_the_public_figures(db):
    assert "figures:public" in [i["name"] for i in menu_for(None)]
