"""A real browser walks a suggestion through its six steps, each person logging in in turn.

Same setup as renda/core/tests/test_browser.py: Debian's Chromium through Playwright against
pytest-django's live server; skipped without /usr/bin/chromium unless CI is set. With
RENDA_SCREENSHOTS=1 it also refreshes docs/screenshots/suggestions-*.png from the demo year.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.conf import settings

# The browser, the static files and logging in are set up as for the layout's browser test.
from renda.core.tests import test_browser as layout

browser = layout.browser
static_files = layout.static_files
log_in = layout.log_in
SCREENSHOTS = layout.SCREENSHOTS

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("static_files"),
]


def log_out(page: Any, base: str) -> None:
    with page.expect_navigation():
        page.click("form.logout-form button[type=submit]")
    page.goto(f"{base}/")
    assert page.locator("body.anonymous").count() == 1


def submit_action(page: Any, action: str) -> None:
    """Send one action's form and wait for the page to come back."""
    with page.expect_navigation():
        page.click(f"#action-{action} button[type=submit]")
    assert page.locator("[data-conflict]").count() == 0
    assert page.locator(".field-errors").count() == 0


def open_action(page: Any, action: str) -> None:
    details = page.locator(f"details#action-{action}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def test_a_suggestion_goes_through_the_six_steps_in_the_pages(
    browser: Any, live_server: Any, cast: dict[str, Any], org: dict[str, Any]
) -> None:
    from renda.suggestions.models import Suggestion

    base = live_server.url
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()

    # 1. The deputy writes and submits.
    log_in(page, base, "deputy")
    page.click("nav.sidebar a[href='/suggestions/write/']")
    page.fill("#id_title", "关于增开大学城公交线路的建议")
    page.select_option("#id_category", "transport")
    page.fill("#id_body", "大学城与老城区之间公交班次少，建议增开直达线路。")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    s = Suggestion.objects.get()
    assert page.url == f"{base}/suggestions/{s.pk}/"
    assert s.state == "submitted"
    log_out(page, base)

    # 2. Staff accept it and assign it to the handler's unit.
    log_in(page, base, "staff")
    page.goto(f"{base}/suggestions/{s.pk}/")
    submit_action(page, "accept")
    open_action(page, "assign")
    page.check("#id_assign-mode_0")  # sole handling
    page.select_option("#id_assign-units-0-unit", str(org["unit"].pk))
    submit_action(page, "assign")
    s.refresh_from_db()
    assert s.state == "assigned" and s.number == 1
    log_out(page, base)

    # 3. The handler finds it in the unit's list, records a contact and replies (A).
    log_in(page, base, "handler")
    page.click("nav.sidebar a[href='/suggestions/unit/']")
    with page.expect_navigation():
        page.click(f"tr[data-suggestion='{s.pk}'] td.primary a")
    assert page.locator("[data-field=phone]").inner_text() == "13835412345"
    open_action(page, "communicate")
    page.fill("#id_communicate-people", "李秀兰代表；交通局王科长")
    page.fill("#id_communicate-notes", "当面沟通线路规划思路。")
    submit_action(page, "communicate")
    open_action(page, "reply")
    page.fill("#id_reply-text", "经研究，我局已于本月增开大学城直达线路。")
    page.check("input[name='reply-category'][value='A']")
    page.fill("#id_reply-signer", "赵局长")
    submit_action(page, "reply")
    s.refresh_from_db()
    assert s.state == "replied"
    log_out(page, base)

    # 4. The deputy reads the reply and is satisfied.
    log_in(page, base, "deputy")
    page.goto(f"{base}/suggestions/{s.pk}/")
    assert "增开大学城直达线路" in page.locator("#replies").inner_text()
    open_action(page, "evaluate")
    page.check("input[name='evaluate-result'][value='satisfied']")
    submit_action(page, "evaluate")
    s.refresh_from_db()
    assert s.state == "evaluated"

    steps = page.locator("#timeline li").evaluate_all("els => els.map(e => e.dataset.action)")
    for step in ("submit", "accept", "assign", "communicate", "reply", "evaluate"):
        assert step in steps
    assert page.locator("#timeline").inner_text().count("→") >= 4  # the state changes
    context.close()


@pytest.mark.skipif(not os.environ.get("RENDA_SCREENSHOTS"), reason="set RENDA_SCREENSHOTS=1")
def test_screenshots_of_the_suggestion_pages_for_the_docs(browser: Any, live_server: Any) -> None:
    from renda.accounts.models import User
    from renda.demo import build
    from renda.suggestions.queries import visible_to

    build(today=None)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    deputy = User.objects.get(username="deputy")
    # The deputy's suggestion with the longest history: the page with its timeline.
    shown = visible_to(deputy).filter(state__in=["replied", "evaluated"]).order_by("-year").first()
    assert shown is not None
    pages = {
        "deputy": {
            "mine": "/suggestions/mine/",
            "write": "/suggestions/write/",
            "detail": f"/suggestions/{shown.pk}/",
        },
        "handler": {"unit": "/suggestions/unit/"},
        "": {"public": "/suggestions/public/"},
    }
    for label, viewport, mobile in (("desktop", DESKTOP, False), ("phone", PHONE, True)):
        for username, named in pages.items():
            context = browser.new_context(viewport=viewport, is_mobile=mobile, locale="zh-CN")
            page = context.new_page()
            if username:
                log_in(page, base, username, password=settings.DEMO_PASSWORD)
            for name, path in named.items():
                page.goto(base + path)
                page.screenshot(
                    path=str(SCREENSHOTS / f"suggestions-{name}-{label}.png"),
                    full_page=name == "detail",
                )
            context.close()
