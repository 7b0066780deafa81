"""The layout around every page: menu per role, header, error pages."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse


def menu(client, user) -> list[str]:
    client.force_login(user)
    return [item["name"] for item in client.get(reverse("core:home")).context["nav_items"]]


def test_staff_menu_has_the_directory_and_the_holiday_calendar(client, cast):
    names = menu(client, cast["staff"])
    assert {"core:home", "org:deputies", "org:units", "org:stations", "core:calendar"} <= set(names)
    assert names[0] == "core:home"


@pytest.mark.parametrize("role", ["leader", "deputy", "handler", "station"])
def test_other_roles_have_no_holiday_calendar_in_their_menu(client, cast, role):
    assert "core:calendar" not in menu(client, cast[role])


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_sidebar_marks_the_page_shown_in_the_users_language(client, cast, language):
    """The sidebar is written once per role and language (core.navigation.sidebar): each page
    still marks its own entry, and each language gets its own labels."""
    from django.utils import translation
    from django.utils.html import escape

    client.force_login(cast["staff"])
    for name in ("core:home", "org:deputies"):
        html = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert html.count('aria-current="page"') == 1
        assert f'<a href="{reverse(name)}" class="active" aria-current="page">' in html
    response = client.get(reverse("org:deputies"), HTTP_ACCEPT_LANGUAGE=language)
    with translation.override(language):
        labels = [escape(i["label"]) for s in response.context["nav_sections"] for i in s["items"]]
    html = response.content.decode()
    assert labels and all(f">{label}<" in html or f">{label} <" in html for label in labels)


def test_the_header_shows_name_role_and_a_post_logout(client, cast):
    client.force_login(cast["staff"])
    html = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "张伟" in html and ">Staff<" in html
    assert 'method="post" action="/accounts/logout/"' in html


def test_forbidden_pages_use_the_403_template(client, cast):
    client.force_login(cast["handler"])
    response = client.get(reverse("core:holiday_notice", args=[2027]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "You may not do this" in response.content.decode()


def test_the_500_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "500" in html and "renda/css/renda.css" in html


def test_an_unknown_address_gets_the_404_page(client, db):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
