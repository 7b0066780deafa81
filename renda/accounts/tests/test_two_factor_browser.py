"""A real browser sets up two-factor login and logs in with a code computed here, as the
phone's authenticator app would (django-otp's own TOTP). With RENDA_SCREENSHOTS=1 it also
refreshes docs/screenshots/security-*.png."""

from __future__ import annotations

import os
from base64 import b32decode
from typing import Any

import pytest
from django_otp.oath import totp

from renda.core.tests.test_browser import SCREENSHOTS, browser, static_files  # noqa: F401

PASSWORD = "correct-horse-battery"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_from(secret: str, drift: int = 0) -> str:
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{totp(key, drift=drift):06d}"


def shoot(page: Any, name: str) -> None:
    if os.environ.get("RENDA_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"security-{name}.png"), full_page=True)


def test_staff_sets_up_an_authenticator_and_logs_in_with_its_code(
    browser: Any,  # noqa: F811
    live_server: Any,
    cast: dict[str, Any],
    static_files: None,  # noqa: F811
    settings: Any,
) -> None:
    settings.TWO_FACTOR_REQUIRED = True
    base = live_server.url
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    # Staff must set it up before anything else.
    page.wait_for_url(f"{base}/accounts/two-factor/**")
    assert page.locator(".qr-code svg").is_visible()
    shoot(page, "two-factor-setup")
    secret = page.locator("[data-secret]").inner_text()
    page.goto(f"{base}/suggestions/")
    assert "/accounts/two-factor/" in page.url  # nothing else opens
    page.fill("#id_code", code_from(secret))
    page.click("main form button[type=submit]")
    codes = page.locator("[data-recovery-codes] li")
    assert codes.count() == 10
    shoot(page, "recovery-codes")
    page.click("main .form-actions a.button")  # done
    page.wait_for_url(f"{base}/")

    # Log out, log in again: the password, then the app's next code.
    page.locator("form.logout-form button").click()
    page.wait_for_url(f"{base}/accounts/login/**")
    page.fill("#id_username", "staff")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/accounts/two-factor/verify/**")
    shoot(page, "two-factor-verify")
    page.fill("#id_code", "000000")
    page.click("main form button[type=submit]")
    assert page.locator(".field-errors").is_visible()
    page.wait_for_timeout(1100)  # django-otp's wait after a wrong code
    page.fill("#id_code", code_from(secret, drift=1))  # a code not used yet
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/")
    assert page.locator("#waiting").is_visible()
    context.close()


@pytest.mark.skipif(not os.environ.get("RENDA_SCREENSHOTS"), reason="set RENDA_SCREENSHOTS=1")
def test_screenshot_of_the_audit_trail(
    browser: Any,  # noqa: F811
    live_server: Any,
    cast: dict[str, Any],
    org: dict[str, Any],
    static_files: None,  # noqa: F811
) -> None:
    from django.test import Client

    from renda.accounts.models import User

    User.objects.create_user(
        "auditor", password=PASSWORD, congress=cast["staff"].congress, role="auditor"
    )
    visitor = Client(REMOTE_ADDR="10.0.3.17")
    visitor.post("/accounts/login/", {"username": "staff", "password": "guess-1"})
    visitor.post("/accounts/login/", {"username": "staff", "password": PASSWORD})
    visitor.get(f"/directory/deputies/{org['deputy'].pk}/")
    visitor.get("/meetings/decisions/register.xlsx")
    base = live_server.url
    for label, viewport in (("desktop", {"width": 1366, "height": 900}), ("phone", None)):
        size = viewport or {"width": 390, "height": 844}
        context = browser.new_context(viewport=size, is_mobile=viewport is None, locale="zh-CN")
        page = context.new_page()
        page.goto(f"{base}/accounts/login/")
        page.fill("#id_username", "auditor")
        page.fill("#id_password", PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{base}/")
        page.goto(f"{base}/audit/")
        assert page.locator("tr[data-kind=personal_data]").count() == 1
        shoot(page, f"audit-trail-{label}")
        context.close()
