"""A real browser: a handler drafts a reply that skips a point, checks it and sees which point
before sending; sending stays possible (a warning, never a refusal), and the deputy then sees
the check beside the reply. Screenshot: docs/screenshots/reading-check-desktop.png.

Same setup as renda/core/tests/test_browser.py (Chromium through Playwright, pytest-django's
live server)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from renda.core.tests import test_browser as layout

from .conftest import SKIPS_TWO

browser = layout.browser
static_files = layout.static_files
log_in = layout.log_in
SCREENSHOTS = layout.SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("static_files"),
]


def test_a_handler_sees_the_skipped_point_before_sending(
    browser: Any, live_server: Any, cast: dict[str, Any], suggestion: Any
) -> None:
    from renda.suggestions import actions as A

    A.suggestion_communicate(
        suggestion=suggestion,
        actor=cast["handler"],
        method="meeting",
        date=timezone.localdate(suggestion.assigned_at),  # Beijing's day, not UTC's
        people="承办单位与领衔代表",
        notes="当面沟通办理思路。",
    )
    base = live_server.url
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    log_in(page, base, "handler")
    page.goto(f"{base}/suggestions/{suggestion.pk}/")
    details = page.locator("details#action-reply")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    page.fill("#id_reply-text", SKIPS_TWO)
    page.check("input[name='reply-category'][value='A']")
    page.fill("#id_reply-signer", "赵局长")
    page.click("[data-reading-check-button]")
    result = page.locator("[data-reading-check-result] [data-reading-check]")
    result.wait_for()
    assert page.url == f"{base}/suggestions/{suggestion.pk}/"  # shown in place, no new tab
    missing = result.locator("li[data-mark='missing']")
    assert missing.count() == 1 and missing.get_attribute("data-point") == "2"
    assert "偏远村庄增设公交站点" in missing.inner_text()
    assert result.locator("li[data-mark='answered']").count() == 2
    assert page.input_value("#id_reply-text") == SKIPS_TWO  # what was typed is kept
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.add_style_tag(content=".topbar { position: static; }")  # not over the form's top
    page.locator("details#action-reply").screenshot(
        path=str(SCREENSHOTS / "reading-check-desktop.png")
    )

    # A warning, never a refusal: the reply is sent as written.
    with page.expect_navigation():
        page.click("#action-reply .form-actions button[type=submit]")
    assert suggestion.replies.count() == 1
    context.close()

    # The deputy reads the check beside the reply.
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    log_in(page, base, "deputy")
    page.goto(f"{base}/suggestions/{suggestion.pk}/")
    shown = page.locator("#replies [data-reading-check]")
    assert shown.count() == 1 and shown.get_attribute("data-missing") == "1"
    context.close()
