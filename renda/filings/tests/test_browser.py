"""A real browser: an issuing body's officer files a document with its files, and staff
register it and review it to "no problem". With RENDA_SCREENSHOTS=1 it also refreshes
docs/screenshots/filings-*.png from the demo year (same setup as the suggestions' browser test:
Debian's Chromium through Playwright against the live server)."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.conf import settings

from renda.core.tests import test_browser as layout
from renda.suggestions.tests.test_browser import DESKTOP, log_out, open_action, submit_action

from .conftest import docx_bytes, pdf_bytes

browser = layout.browser
static_files = layout.static_files
log_in = layout.log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("static_files"),
]


def test_an_issuing_body_files_and_staff_review_it_to_no_problem(
    browser: Any, live_server: Any, cast: dict[str, Any], issuer: Any, tmp_path: Any
) -> None:
    from renda.filings.models import Filing, Review

    paths = {}
    for purpose, name, data in (
        ("report", "备案报告.pdf", pdf_bytes("Filing report")),
        ("official", "正式文本.pdf", pdf_bytes("Official text")),
        ("explanation", "起草说明.txt", "起草说明：依据上位法。".encode()),
        ("electronic", "电子文本.docx", docx_bytes()),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        paths[purpose] = str(path)

    base = live_server.url
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()

    # 1. The handler's unit files its document.
    log_in(page, base, "handler")
    page.click("nav.sidebar a[href='/filings/filings/']")
    with page.expect_navigation():
        page.click("a[href='/filings/filings/new/']")
    page.fill("#id_number", "晋中交发〔2026〕8号")
    page.fill("#id_title", "晋中市城市道路停车管理办法")
    page.fill("#id_issued_on", "2026-11-20")
    page.fill("#id_published_on", "2026-11-25")
    for purpose, path in paths.items():
        page.set_input_files(f"#id_{purpose}", path)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    filing = Filing.objects.get()
    assert page.url == f"{base}/filings/filings/{filing.pk}/"
    assert page.locator("[data-field=text]").inner_text().startswith("第一条 为了规范城市道路停车")
    log_out(page, base)

    # 2. Staff register it: the document enters the register, its review opens.
    log_in(page, base, "staff")
    page.goto(f"{base}/filings/filings/{filing.pk}/")
    submit_action(page, "register")
    review = Review.objects.get(filing=filing)
    with page.expect_navigation():
        page.click(f"#reviews a[href='/filings/reviews/{review.pk}/']")

    # 3. They record the three checks and conclude: no problem.
    for aspect in ("legality", "consistency", "appropriateness"):
        open_action(page, "record_check")
        page.select_option("#id_record_check-aspect", aspect)
        page.check("input[name='record_check-result'][value='ok']")
        submit_action(page, "record_check")
    open_action(page, "conclude")
    page.fill("#id_conclude-summary", "经审查，未发现问题。")
    submit_action(page, "conclude")
    review.refresh_from_db()
    assert review.state == "no_problem"
    assert page.locator("#checks li").count() == 3
    steps = page.locator("#timeline li").evaluate_all("els => els.map(e => e.dataset.action)")
    assert steps == ["open", "record_check", "record_check", "record_check", "conclude"]
    context.close()


@pytest.mark.skipif(not os.environ.get("RENDA_SCREENSHOTS"), reason="set RENDA_SCREENSHOTS=1")
def test_screenshots_of_the_filing_review_pages_for_the_docs(
    browser: Any, live_server: Any
) -> None:
    from renda.demo import build
    from renda.filings.models import AnnualReport, Filing, Review

    build(today=None)
    corrected = Review.objects.get(state="corrected")
    to_register = Filing.objects.filter(state="filed").order_by("-filed_at").first()
    assert to_register is not None
    report = AnnualReport.objects.get(year=2024)
    layout.shoot_pages(
        browser,
        live_server.url,
        {
            "staff": {
                "home": "/filings/",
                "filing": f"/filings/filings/{to_register.pk}/",
                "review": f"/filings/reviews/{corrected.pk}/",
                "register": "/filings/register/",
                "report": f"/filings/reports/{report.pk}/",
            },
            "handler": {"unit": "/filings/filings/"},
            "": {"public": "/filings/public/", "propose": "/filings/public/propose/"},
        },
        prefix="filings",
        password=settings.DEMO_PASSWORD,
        full=("review",),
    )
