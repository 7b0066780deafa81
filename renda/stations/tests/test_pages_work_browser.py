"""A real browser on a phone: a station's operator logs a reception day with two of the
station's deputies and one from elsewhere, and a deputy who took part finds it in their list.

Same setup as renda/core/tests/test_browser.py (Debian's Chromium through Playwright against
pytest-django's live server; skipped without /usr/bin/chromium unless CI is set).
"""

from __future__ import annotations

from typing import Any

import pytest

from renda.core.tests import test_browser as layout

browser = layout.browser
static_files = layout.static_files
log_in = layout.log_in

PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("static_files"),
]


def test_an_operator_logs_a_reception_day_on_a_phone_and_the_deputy_sees_it(
    browser: Any, live_server: Any, cast: dict[str, Any], org: dict[str, Any]
) -> None:
    from renda.stations.models import Activity

    elsewhere = org["deputy2"]
    elsewhere.station = org["other_station"]
    elsewhere.save()
    base = live_server.url
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    log_in(page, base, "station")
    page.goto(f"{base}/stations/activities/log/")
    # Reception day is chosen already, with its usual title and today's date.
    assert page.locator("input[name=kind][value=reception]").is_checked()
    title = page.input_value("#id_title")
    assert title
    page.click("label[for=id_kind_1]")  # study: the title follows the kind
    assert page.input_value("#id_title") not in ("", title)
    page.click("label[for=id_kind_0]")
    assert page.input_value("#id_title") == title
    page.locator("[data-station-deputies] label", has_text="李秀兰").click()
    page.click("details.more-deputies summary")
    page.fill("[data-picker-search]", "王建")
    page.locator("label[data-name=王建国]").click()
    assert page.inner_text("[data-picker-count]") == "2"
    page.fill("#id_constituents_received", "-1")
    page.click("main form button[type=submit]")
    # The refusal is beside the field; the ticks are kept.
    assert page.locator(".has-error #id_constituents_received").count() == 1
    assert page.locator("input[name=deputies]:checked").count() == 2
    assert not Activity.objects.exists()
    page.fill("#id_constituents_received", "14")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    activity = Activity.objects.get()
    assert page.url.endswith(f"/stations/activities/{activity.pk}/")
    assert page.inner_text("[data-figure=constituents]") == "14"
    assert set(activity.deputies.all()) == {org["deputy"], elsewhere}
    context.close()

    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    log_in(page, base, "deputy2")
    page.goto(f"{base}/stations/activities/")
    row = page.locator("table.table-stack tbody tr")
    assert row.count() == 1 and title in row.inner_text()
    assert page.inner_text("[data-total=constituents]") == "14"
    context.close()
