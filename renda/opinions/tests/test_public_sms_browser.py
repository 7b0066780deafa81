"""In a real browser: a constituent ticks "短信通知我受理编号和办理结果" without a phone (the
error stands beside the box), gives one, and the receipt code goes out through the console SMS
backend only after the submission committed; a handler sets SMS on their settings page.
With RENDA_SCREENSHOTS=1 it refreshes docs/screenshots/sms-*.png."""

from __future__ import annotations

import os
from typing import Any

import pytest

from renda.core.models import NotificationPreference
from renda.core.tests.test_browser import (  # noqa: F401
    SCREENSHOTS,
    browser,
    log_in,
    static_files,
)
from renda.opinions.models import ConstituentOpinion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(page: Any, name: str) -> None:
    if os.environ.get("RENDA_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"sms-{name}.png"), full_page=True)


def test_the_public_opts_in_and_gets_the_receipt_code_by_console_sms(
    browser: Any,  # noqa: F811
    live_server: Any,
    org: Any,
    static_files: None,  # noqa: F811
    settings: Any,
    capsys: Any,
) -> None:
    settings.SMS_BACKEND = "renda.core.sms_backends.ConsoleBackend"
    settings.NOTIFY_QUIET_HOURS = ""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/stations/public/opinions/new/")
    page.select_option("#id_category", "environment")
    page.fill("#id_content", "东关街夜市油烟扰民。")
    page.check("#id_sms_opt_in")
    page.click("main form button[type=submit]")
    error = page.locator("#id_sms_opt_in_errors")
    assert error.is_visible()
    assert page.locator("#id_content").input_value() == "东关街夜市油烟扰民。"  # kept
    assert page.locator("#id_sms_opt_in").is_checked()
    error.scroll_into_view_if_needed()
    shoot(page, "public-opt-in-error")
    assert not ConstituentOpinion.objects.exists()
    assert "SMS to" not in capsys.readouterr().out

    page.fill("#id_contact_phone", "13700001234")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/public/opinions/received/")
    opinion = ConstituentOpinion.objects.get()
    assert opinion.receipt_code in page.content()
    printed = capsys.readouterr().out
    assert f"SMS to 13700001234: 【{settings.SMS_SIGN}】" in printed
    assert opinion.receipt_code in printed
    context.close()


def test_a_handler_turns_on_sms_and_is_told_beside_the_field_to_give_a_number(
    browser: Any,  # noqa: F811
    live_server: Any,
    cast: Any,
    static_files: None,  # noqa: F811
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    log_in(page, live_server.url, "handler")
    page.goto(f"{live_server.url}/notifications/")
    page.click("main .page-actions a[href='/accounts/notifications/']")
    page.check("#id_sms_case")
    page.click("main form button[type=submit]")
    assert page.locator("#id_phone_errors").is_visible()
    shoot(page, "settings-error")
    page.fill("#id_phone", "13812345678")
    page.click("main form button[type=submit]")
    assert page.locator(".alert-success").is_visible()
    shoot(page, "settings")
    assert NotificationPreference.objects.get(user=cast["handler"]).sms_kinds == ["case"]
    context.close()
