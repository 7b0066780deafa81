"""A real browser: a petitioner petitions online without an account, keeps the receipt code,
and later follows the answer by it and rates it. With RENDA_SCREENSHOTS=1 it also refreshes
docs/screenshots/petitions-*.png from the demo year (Debian's Chromium through Playwright
against the live server, as the other browser tests)."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.conf import settings

from renda.core.tests import test_browser as layout
from renda.suggestions.tests.test_browser import DESKTOP, PHONE

browser = layout.browser
static_files = layout.static_files

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("static_files"),
]


def test_a_petitioner_submits_online_and_follows_the_answer_by_the_receipt_code(
    browser: Any, live_server: Any, cast: dict[str, Any], office: Any, org: dict[str, Any]
) -> None:
    from django.core.cache import cache

    from renda.petitions import actions as A
    from renda.petitions.models import Petition

    cache.clear()
    base = live_server.url
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
    page = context.new_page()

    # 1. On a phone, without an account, from the public home page's services.
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.click("main a[href='/petitions/public/new/']")
    page.fill("#id_title", "反映公交站台长期被占用")
    page.select_option("#id_category", "transport")
    page.fill("#id_content", "锦纶街道公交站台长期被摊贩占用，乘客只能在机动车道候车。")
    page.fill("#id_name", "孙悦")
    page.fill("#id_phone", "13612345678")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    code = page.locator("[data-receipt]").inner_text().strip()
    petition = Petition.objects.get()
    assert code == petition.receipt_code and petition.channel == "online"

    # 2. Meanwhile the petitions office forwards it and the unit answers.
    A.petition_accept(
        petition=petition,
        actor=office,
        mode="forward",
        unit=org["unit"],
        note="已转送市交通运输局。",
    )
    A.petition_answer(
        petition=petition,
        actor=cast["handler"],
        result="supported",
        text="已清理占道摊贩，并设置隔离护栏。",
    )

    # 3. Another day, on another device: the code shows the answer; the petitioner rates it.
    context.close()
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{base}/petitions/public/track/")
    page.fill("#id_code", code.lower())
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "已清理占道摊贩" in page.locator("[data-answer]").inner_text()
    assert "孙悦" not in page.locator("main").inner_text()
    page.check("input[name='rating'][value='satisfied']")
    with page.expect_navigation():
        page.click("#rate button[type=submit]")
    assert page.locator("[data-rating=satisfied]").count() == 1
    petition.refresh_from_db()
    assert petition.rating == "satisfied"
    context.close()


@pytest.mark.skipif(not os.environ.get("RENDA_SCREENSHOTS"), reason="set RENDA_SCREENSHOTS=1")
def test_screenshots_of_the_petition_pages_for_the_docs(browser: Any, live_server: Any) -> None:
    from renda.demo import build
    from renda.petitions.models import Petition

    build(today=None)
    key = Petition.objects.filter(is_key=True, year=2024).order_by("number").first()
    handled = Petition.objects.filter(state="handling", unit__name__endswith="交通运输局").first()
    assert key is not None and handled is not None
    layout.shoot_pages(
        browser,
        live_server.url,
        {
            "staff": {
                "register": "/petitions/",
                "petition": f"/petitions/{key.pk}/",
                "overdue": "/petitions/overdue/",
            },
            "leader": {"key": "/petitions/key/"},
            "handler": {"unit": "/petitions/unit/", "unit-petition": f"/petitions/{handled.pk}/"},
            "": {"new": "/petitions/public/new/"},
        },
        prefix="petitions",
        password=settings.DEMO_PASSWORD,
        full=("petition",),
    )
    # The petitioner's view: the code is posted, so it is typed in as the petitioner does.
    answered = Petition.objects.filter(state="answered").order_by("-answered_at").first()
    assert answered is not None
    for label, viewport, mobile in (("desktop", DESKTOP, False), ("phone", PHONE, True)):
        context = browser.new_context(viewport=viewport, is_mobile=mobile, locale="zh-CN")
        page = context.new_page()
        page.goto(f"{live_server.url}/petitions/public/track/")
        page.fill("#id_code", answered.receipt_code)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        page.screenshot(path=str(layout.SCREENSHOTS / f"petitions-track-{label}.png"))
        context.close()
