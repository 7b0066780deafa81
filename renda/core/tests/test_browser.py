"""A real browser: staff log in through the form, search the deputies and open one.

Drives Debian's Chromium through Playwright against pytest-django's live server. Without
/usr/bin/chromium the test is skipped locally and fails in CI (the CI variable is set).
With RENDA_SCREENSHOTS=1 it also refreshes docs/screenshots/ (desktop and phone).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(settings.BASE_DIR).parent / "docs" / "screenshots"
PASSWORD = "correct-horse-battery"  # the cast fixture's password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI needs /usr/bin/chromium (apt-get install chromium fonts-noto-cjk)")
        pytest.skip("no /usr/bin/chromium: apt-get install chromium fonts-noto-cjk")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def static_files(settings: Any) -> None:
    # The layout's CSS lives in renda/static/; make sure the live server finds it.
    folder = Path(settings.BASE_DIR) / "static"
    if folder not in [Path(d) for d in getattr(settings, "STATICFILES_DIRS", [])]:
        settings.STATICFILES_DIRS = [*getattr(settings, "STATICFILES_DIRS", []), folder]


def log_in(page: Any, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/")


DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def shoot_pages(
    browser: Any,
    base: str,
    pages: dict[str, dict[str, str]],
    *,
    prefix: str,
    password: str,
    full: tuple[str, ...] = (),
) -> None:
    """docs/screenshots/{prefix}-{name}-{desktop|phone}.png of each page, logged in as each
    user ("" for the public). `pages` maps a username to {name: path}; pages named in
    `full` are shot whole, the others as the first screen."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, viewport, mobile in (("desktop", DESKTOP, False), ("phone", PHONE, True)):
        for username, named in pages.items():
            context = browser.new_context(viewport=viewport, is_mobile=mobile, locale="zh-CN")
            page = context.new_page()
            if username:
                log_in(page, base, username, password=password)
            for name, path in named.items():
                response = page.goto(base + path)
                assert response is not None and response.status == 200, path
                page.screenshot(
                    path=str(SCREENSHOTS / f"{prefix}-{name}-{label}.png"), full_page=name in full
                )
            context.close()


def test_staff_logs_in_searches_a_deputy_and_opens_her_page(
    browser: Any, live_server: Any, cast: dict[str, Any], org: dict[str, Any], static_files: None
) -> None:
    base = live_server.url
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    log_in(page, base, "staff")
    assert page.locator(".brand").inner_text().replace("\n", " ").startswith("晋中市人大")
    assert page.locator("#waiting").is_visible()

    page.click('nav.sidebar >> text="代表"')  # exactly: not 代表培训 or 代表联络站
    page.fill("#id_q", "李秀")
    page.click("main form.filters button[type=submit]")
    rows = page.locator("table.table tbody tr")
    assert rows.count() == 1
    assert "李秀兰" in rows.first.inner_text()

    rows.first.locator("td.primary a").click()
    assert page.locator("h1").inner_text().startswith("李秀兰")
    assert page.locator("[data-field=phone]").inner_text() == "13835412345"  # staff: in full
    assert "榆次区代表团" in page.locator("main").inner_text()
    # The stylesheet is served and applied: the top bar is the deep red, not unstyled.
    colour = page.evaluate("getComputedStyle(document.querySelector('.topbar')).backgroundImage")
    assert "gradient" in colour
    context.close()


def test_a_handler_sees_the_phone_masked_and_the_phone_menu_works(
    browser: Any, live_server: Any, cast: dict[str, Any], org: dict[str, Any], static_files: None
) -> None:
    base = live_server.url
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    log_in(page, base, "handler")
    assert not page.locator("#sidebar").is_visible()  # folded on a phone
    page.click("[data-nav-toggle]")
    assert page.locator("#sidebar").is_visible()
    page.goto(f"{base}/directory/deputies/{org['deputy'].pk}/")
    assert page.locator("[data-field=phone]").inner_text() == "138****2345"
    context.close()


@pytest.mark.skipif(not os.environ.get("RENDA_SCREENSHOTS"), reason="set RENDA_SCREENSHOTS=1")
def test_screenshots_of_the_demo_year_for_the_docs(
    browser: Any, live_server: Any, static_files: None
) -> None:
    from renda.demo import build
    from renda.demo.places import CITY_CODE
    from renda.org.models import Deputy

    build(today=None)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    first = Deputy.objects.filter(congress__code=CITY_CODE).order_by("card_number").first()
    assert first is not None
    pages = {
        "home": "/",
        "deputies": "/directory/deputies/",
        "deputy": f"/directory/deputies/{first.pk}/",
    }
    for label, viewport, mobile in (
        ("desktop", {"width": 1366, "height": 900}, False),
        ("phone", {"width": 390, "height": 844}, True),
    ):
        context = browser.new_context(viewport=viewport, is_mobile=mobile, locale="zh-CN")
        page = context.new_page()
        page.goto(f"{base}/accounts/login/")
        page.screenshot(path=str(SCREENSHOTS / f"login-{label}.png"))
        log_in(page, base, "staff", password=settings.DEMO_PASSWORD)
        for name, path in pages.items():
            page.goto(base + path)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"))
        context.close()
