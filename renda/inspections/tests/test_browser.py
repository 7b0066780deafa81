"""A real browser: staff record a problem at a site and refer it; the unit's officer reports
its rectification with a photo; staff verify it; the inspection's figures change. With
RENDA_SCREENSHOTS=1 it also refreshes docs/screenshots/inspections-*.png from the demo year
(Debian's Chromium through Playwright against the live server, as the other browser tests)."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.conf import settings

from renda.core.tests import test_browser as layout
from renda.suggestions.tests.test_browser import DESKTOP

from .conftest import PNG

browser = layout.browser
static_files = layout.static_files

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("static_files"),
]


def _figure(page: Any, name: str) -> str:
    return page.locator(f"[data-figure={name}] .stat-value").inner_text().strip()


def test_a_problem_is_recorded_referred_rectified_with_a_photo_and_verified(
    browser: Any, live_server: Any, cast: dict[str, Any], org: dict[str, Any], item, site, tmp_path
) -> None:
    from renda.inspections.models import Problem

    base = live_server.url
    item_url = f"{base}/inspections/{item.pk}/"
    staff = browser.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    layout.log_in(staff, base, "staff")

    # 1. Staff record a problem found at the site, and refer it to the unit.
    staff.goto(item_url)
    assert (_figure(staff, "problems"), _figure(staff, "rectified")) == ("0", "0")
    with staff.expect_navigation():
        staff.click(f"a[href='/inspections/{item.pk}/problems/new/']")
    staff.select_option("#id_site", str(site.pk))
    staff.select_option("#id_unit", str(org["unit"].pk))
    staff.fill("#id_description", "冷链食品进货查验记录不全。")
    with staff.expect_navigation():
        staff.click("main form button[type=submit]")
    problem = Problem.objects.get()
    staff.fill("#id_refer-due_on", "2099-06-30")
    with staff.expect_navigation():
        staff.click("#action-refer button[type=submit]")
    problem.refresh_from_db()
    assert problem.state == "rectifying"

    # 2. The unit's officer finds it among the unit's problems and reports, with a photo.
    photo = tmp_path / "整改后.png"
    photo.write_bytes(PNG)
    handler = browser.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    layout.log_in(handler, base, "handler")
    handler.goto(f"{base}/inspections/unit/")
    with handler.expect_navigation():
        handler.click(f"[data-problem='{problem.pk}'] td.primary a")
    handler.fill("#id_report-text", "已建立冷链食品进货查验台账，并组织培训。")
    handler.set_input_files("#id_report-photos", str(photo))
    with handler.expect_navigation():
        handler.click("#action-report button[type=submit]")
    assert handler.locator("[data-rectification] .photos img").count() == 1
    problem.refresh_from_db()
    assert problem.state == "reported"

    # 3. Staff verify it; the inspection's figures change.
    staff.goto(f"{base}/inspections/problems/{problem.pk}/")
    staff.check("input[name='verify-verdict'][value='rectified']")
    with staff.expect_navigation():
        staff.click("#action-verify button[type=submit]")
    problem.refresh_from_db()
    assert (problem.state, problem.verdict) == ("rectified", "rectified")
    staff.goto(item_url)
    assert (_figure(staff, "problems"), _figure(staff, "rectified")) == ("1", "1")
    assert staff.locator("[data-all-rectified]").count() == 1


@pytest.mark.skipif(not os.environ.get("RENDA_SCREENSHOTS"), reason="set RENDA_SCREENSHOTS=1")
def test_screenshots_of_the_inspection_pages_for_the_docs(browser: Any, live_server: Any) -> None:
    from renda.demo import build
    from renda.inspections.models import Inspection, Problem

    build(today=None)
    food = Inspection.objects.get(year=2024, title__startswith="食品安全法")
    joint = Inspection.objects.filter(year=2024, joint=True, title__contains="人居").get()
    overdue = Problem.objects.filter(state="rectifying", unit__name__endswith="交通运输局").first()
    reported = Problem.objects.filter(state="reported", rectifications__isnull=False).first()
    assert overdue is not None and reported is not None
    layout.shoot_pages(
        browser,
        live_server.url,
        {
            "staff": {
                "list": "/inspections/",
                "food": f"/inspections/{food.pk}/",
                "joint": f"/inspections/{joint.pk}/",
                "board": "/inspections/board/?show=overdue",
                "verify": f"/inspections/problems/{reported.pk}/",
            },
            "staff-yuci": {"county": f"/inspections/{joint.pk}/problems/?show=all"},
            "handler": {
                "unit": "/inspections/unit/",
                "rectify": f"/inspections/problems/{overdue.pk}/",
            },
            "deputy": {"mine": "/inspections/mine/"},
        },
        prefix="inspections",
        password=settings.DEMO_PASSWORD,
        full=("food", "joint"),
    )
