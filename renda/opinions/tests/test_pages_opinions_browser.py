"""A real browser follows a constituent's opinion: the operator records it on a phone at the
reception desk and refers it, the unit answers, the operator tells the constituent and closes
it, and the constituent follows it by the receipt code and rates the outcome.

Same setup as renda/core/tests/test_browser.py (skipped without /usr/bin/chromium unless CI is
set). With RENDA_SCREENSHOTS=1 it also refreshes docs/screenshots/opinions-*.png from the demo
year.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.conf import settings

# The browser, static files, logging in and the action helpers are those of the suggestions'
# browser test (our opinion pages fold each action's form the same way).
from renda.core.tests import test_browser as layout
from renda.suggestions.tests import test_browser as suggestions

browser = suggestions.browser
static_files = suggestions.static_files
log_in = suggestions.log_in
open_action = suggestions.open_action
SCREENSHOTS = suggestions.SCREENSHOTS
DESKTOP, PHONE = suggestions.DESKTOP, suggestions.PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("static_files"),
]


def log_out(page: Any, base: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/")
    assert page.locator("body.anonymous").count() == 1


def submit_action(page: Any, action: str) -> None:
    open_action(page, action)
    suggestions.submit_action(page, action)


def test_an_opinion_from_the_reception_desk_to_the_constituents_rating(
    browser: Any, live_server: Any, cast: dict[str, Any], org: dict[str, Any]
) -> None:
    from renda.opinions.models import ConstituentOpinion

    base = live_server.url
    phone = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
    page = phone.new_page()

    # 1. The operator records it on a phone: the outcome box shows only when resolving.
    log_in(page, base, "station")
    page.goto(f"{base}/stations/opinions/record/")
    assert page.locator("[data-outcome]").is_hidden()
    page.check("#id_resolve_now")
    assert page.locator("[data-outcome]").is_visible()
    page.uncheck("#id_resolve_now")
    page.select_option("#id_category", "roads")
    page.fill("#id_content", "锦纶路与迎宾街交叉口红绿灯时间太短，老人过马路来不及。")
    page.fill("#id_place", "榆次区锦纶路与迎宾街交叉口")
    page.fill("#id_contact_name", "赵大妈")
    page.fill("#id_contact_phone", "13812345678")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    opinion = ConstituentOpinion.objects.get()
    code = page.locator("#just-recorded [data-receipt]").inner_text().strip()
    assert code == opinion.receipt_code and opinion.state == "recorded"

    # 2. From its page, refers it to the transport bureau.
    with page.expect_navigation():
        page.click(f"#just-recorded a[href$='/stations/opinions/{opinion.pk}/']")
    open_action(page, "refer")
    page.select_option("#id_refer-unit", str(org["unit"].pk))
    submit_action(page, "refer")
    opinion.refresh_from_db()
    assert opinion.state == "referred"
    log_out(page, base)

    # 3. The unit finds it in its list and answers; it never sees the contact details.
    log_in(page, base, "handler")
    page.goto(f"{base}/stations/opinions/unit/")
    with page.expect_navigation():
        page.click(f"tr[data-opinion='{opinion.pk}'] td.primary a")
    assert "13812345678" not in page.content() and "赵大妈" not in page.content()
    open_action(page, "answer")
    page.check("input[name='answer-kind'][value='solved']")
    page.fill("#id_answer-answer", "已将该路口行人绿灯延长至35秒。")
    submit_action(page, "answer")
    log_out(page, base)

    # 4. The operator tells the constituent by phone and closes it.
    log_in(page, base, "station")
    page.goto(f"{base}/stations/opinions/station/")
    assert page.locator(f"tr[data-opinion='{opinion.pk}']").count() == 1
    page.goto(f"{base}/stations/opinions/{opinion.pk}/")
    open_action(page, "close")
    page.check("input[name='close-told_by'][value='phone']")
    submit_action(page, "close")
    opinion.refresh_from_db()
    assert opinion.state == "closed"
    steps = page.locator("#timeline li").evaluate_all("els => els.map(e => e.dataset.action)")
    assert steps == ["record", "refer", "answer", "close"]
    log_out(page, base)

    # 5. The constituent, on their phone, follows it by the code and rates the outcome.
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.click("#public-services a[href='/stations/public/opinions/track/']")
    page.fill("#id_code", code.lower())
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "35秒" in page.locator("#my-opinion").inner_text()
    page.check("input[name='rating'][value='satisfied']")
    with page.expect_navigation():
        page.click("#rate button[type=submit]")
    assert page.locator("[data-rating='satisfied']").count() == 1
    opinion.refresh_from_db()
    assert opinion.rating == "satisfied"
    phone.close()


def test_the_public_submits_and_keeps_the_receipt(
    browser: Any, live_server: Any, org: dict[str, Any]
) -> None:
    from renda.opinions.models import ConstituentOpinion

    base = live_server.url
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{base}/stations/public/opinions/new/")
    page.select_option("#id_category", "environment")
    page.fill("#id_content", "东关街夜市油烟扰民。")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    shown = page.locator("[data-receipt]").inner_text().strip()
    assert shown == ConstituentOpinion.objects.get().receipt_code
    context.close()


@pytest.mark.skipif(not os.environ.get("RENDA_SCREENSHOTS"), reason="set RENDA_SCREENSHOTS=1")
def test_screenshots_of_the_opinion_pages_for_the_docs(browser: Any, live_server: Any) -> None:
    from renda.accounts.models import User
    from renda.demo import build
    from renda.opinions.queries import opinions_visible_to

    build(today=None)
    base = live_server.url
    station = User.objects.get(username="station")
    handler = User.objects.get(username="handler")
    answered = opinions_visible_to(station).filter(state="answered").first()
    referred = opinions_visible_to(handler).filter(state="referred").first()
    pages: dict[str, dict[str, str]] = {
        "station": {
            "record": "/stations/opinions/record/",
            "station": "/stations/opinions/station/",
        },
        "handler": {"unit": "/stations/opinions/unit/"},
        "staff": {"register": "/stations/opinions/?year=2024", "keys": "/stations/keys/"},
        "": {
            "submit": "/stations/public/opinions/new/",
            "track": "/stations/public/opinions/track/",
        },
    }
    if answered is not None:
        pages["station"]["detail"] = f"/stations/opinions/{answered.pk}/"
    if referred is not None:
        pages["handler"]["unit-detail"] = f"/stations/opinions/{referred.pk}/"
    layout.shoot_pages(
        browser,
        base,
        pages,
        prefix="opinions",
        password=settings.DEMO_PASSWORD,
        full=("detail", "unit-detail"),
    )
