"""A real browser: the co-signer search finds a deputy by name before their delegation, and an
irreversible step (withdrawing) is confirmed in a browser with JavaScript switched off.

Same setup as renda/core/tests/test_browser.py (Debian's Chromium through Playwright against
pytest-django's live server; skipped without /usr/bin/chromium unless CI is set).
"""

from __future__ import annotations

import datetime
import os
from typing import Any

import pytest
from django.utils import timezone

from renda.core.tests import test_browser as layout

browser = layout.browser
static_files = layout.static_files
log_in = layout.log_in

DESKTOP = {"width": 1366, "height": 900}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("static_files"),
]


def _more_deputies(org: dict[str, Any]) -> None:
    """Four more in the deputy's delegation, two more in another."""
    from renda.org.models import Delegation, Deputy, Person

    other = Delegation.objects.create(
        congress=org["delegation"].congress, name="太谷区代表团", electoral_unit=None
    )
    for i, (name, delegation) in enumerate(
        [
            ("刘辉荣", org["delegation"]),
            ("刘辉", org["delegation"]),
            ("张丽", org["delegation"]),
            ("赵刚", org["delegation"]),
            ("孙明", other),
            ("周红", other),
        ]
    ):
        person = Person.objects.create(congress=org["delegation"].congress, name=name, gender="M")
        Deputy.objects.create(
            congress=person.congress,
            term=org["term"],
            person=person,
            card_number=f"0600{i:02d}",
            electoral_unit=org["electoral_unit"],
            delegation=delegation,
            station=org["station"],
            elected_on=datetime.date(2021, 9, 1),
        )


def _shown(page: Any) -> list[str]:
    return [
        n.strip()
        for n in page.eval_on_selector_all(
            "[data-picker] label[data-name]",
            "ls => ls.filter(l => l.offsetParent !== null).map(l => l.dataset.name)",
        )
    ]


def test_the_co_signer_search_finds_the_name_before_the_delegation(
    browser: Any, live_server: Any, cast: dict[str, Any], org: dict[str, Any]
) -> None:
    _more_deputies(org)
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    log_in(page, live_server.url, "deputy")
    page.goto(f"{live_server.url}/suggestions/write/")
    everyone = _shown(page)
    assert len(everyone) == 7  # all but the deputy writing
    page.fill("[data-picker-search]", "刘辉荣")
    assert _shown(page) == ["刘辉荣"]  # that deputy, not their delegation
    page.fill("[data-picker-search]", "刘辉")
    assert sorted(_shown(page)) == sorted(["刘辉荣", "刘辉"])
    page.fill("[data-picker-search]", "太谷区代表团")  # a delegation's name: its deputies
    assert sorted(_shown(page)) == sorted(["孙明", "周红"])
    page.fill("[data-picker-search]", "太谷")  # no name matches: the delegation
    assert sorted(_shown(page)) == sorted(["孙明", "周红"])
    page.fill("[data-picker-search]", "刘辉荣")
    page.press("[data-picker-search]", "Enter")  # Enter filters; it does not send the form
    page.wait_for_timeout(300)
    assert page.url.endswith("/suggestions/write/") and _shown(page) == ["刘辉荣"]
    page.fill("[data-picker-search]", "")
    assert len(_shown(page)) == 7
    context.close()


def test_withdrawing_is_confirmed_without_javascript(
    browser: Any, live_server: Any, cast: dict[str, Any], org: dict[str, Any], submit: Any
) -> None:
    from renda.suggestions import actions as A
    from renda.suggestions.models import Suggestion

    from .handling import assigned

    s = assigned(
        submit,
        cast["staff"],
        timezone.localdate(),
        [A.UnitPart(org["unit"], "sole")],
    )
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, "deputy")
    page.goto(f"{live_server.url}/suggestions/{s.pk}/")
    details = page.locator("details#action-withdraw")
    assert details.get_attribute("open") is None  # folded: not the default
    details.locator("summary").click()
    page.fill("#id_withdraw-reason", "问题已解决。")
    with page.expect_navigation():
        page.click("#action-withdraw button[type=submit]")
    step = page.locator("[data-confirm-step]")
    assert step.count() == 1 and "问题已解决。" in step.inner_text()
    if os.environ.get("RENDA_SCREENSHOTS"):
        page.screenshot(path=str(layout.SCREENSHOTS / "confirm-withdraw.png"), full_page=True)
    s.refresh_from_db()
    assert s.state == "assigned"
    # Cancel goes back with nothing changed; confirming takes it.
    with page.expect_navigation():
        step.locator("a.button-secondary").click()
    assert page.url.endswith(f"/suggestions/{s.pk}/")
    assert Suggestion.objects.get(pk=s.pk).state == "assigned"
    page.locator("details#action-withdraw summary").click()
    page.fill("#id_withdraw-reason", "问题已解决。")
    with page.expect_navigation():
        page.click("#action-withdraw button[type=submit]")
    with page.expect_navigation():
        page.click("[data-confirm-step] button[type=submit]")
    assert page.url.endswith(f"/suggestions/{s.pk}/")
    assert Suggestion.objects.get(pk=s.pk).state == "withdrawn"
    context.close()
