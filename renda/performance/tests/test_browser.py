"""A real browser: a station's operator logs a reception day on a phone and the deputy finds it
in their performance record and score, on a phone; staff enter the session's attendance for a
whole delegation at once.

Same setup as renda/core/tests/test_browser.py (Debian's Chromium through Playwright against
pytest-django's live server; skipped without /usr/bin/chromium unless CI is set).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from renda.core.tests import test_browser as layout

browser = layout.browser
static_files = layout.static_files
log_in = layout.log_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("static_files"),
]


def fits_the_screen(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_reception_day_logged_on_a_phone_is_in_the_deputys_record_and_score(
    browser: Any, live_server: Any, cast: dict[str, Any], org: dict[str, Any]
) -> None:
    base = live_server.url
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    log_in(page, base, "station")
    page.goto(f"{base}/stations/activities/log/")
    assert page.locator("input[name=kind][value=reception]").is_checked()
    title = page.input_value("#id_title")
    page.locator("[data-station-deputies] label", has_text="李秀兰").click()
    page.fill("#id_constituents_received", "14")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/stations/activities/" in page.url
    context.close()

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    log_in(page, base, "deputy")
    page.click("[data-nav-toggle]")
    with page.expect_navigation():
        page.click("nav.sidebar a[href='/performance/mine/']")
    section = page.locator("section[data-kind=reception]")
    assert section.count() == 1 and title in section.inner_text()
    assert page.inner_text("[data-constituents] .stat-value") == "14"
    assert page.inner_text("[data-kind-count=reception] .stat-value") == "1"
    assert fits_the_screen(page)

    with page.expect_navigation():
        page.click("main .perf-nav a[href*='/performance/mine/score/']")
    row = page.locator("tr[data-line=reception]")
    assert row.locator("td.formula").is_visible()  # the phone's one-line computation
    assert not row.locator("td.detail").first.is_visible()
    assert page.inner_text("[data-score-total]") == "3"  # the default rules: 3 a reception
    assert fits_the_screen(page)
    context.close()


def test_staff_enter_the_sessions_attendance_for_a_whole_delegation(
    browser: Any, live_server: Any, cast: dict[str, Any], org: dict[str, Any]
) -> None:
    from renda.performance.models import ManualEntry

    base = live_server.url
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    log_in(page, base, "staff")
    page.goto(f"{base}/performance/entries/new/")
    page.fill("[data-picker-search]", "榆次区代表团")
    page.click("[data-pick-all]")
    assert page.inner_text("[data-picker-count]") == "2"
    page.select_option("#id_kind", "session")
    page.fill("#id_date", timezone.localdate().isoformat())
    page.fill("#id_title", "出席市五届人大四次会议")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith(f"/performance/entries/?year={timezone.localdate().year}")
    assert {e.deputy.person.name for e in ManualEntry.objects.all()} == {"李秀兰", "王建国"}
    assert page.locator("tr[data-entry]").count() == 2
    context.close()
