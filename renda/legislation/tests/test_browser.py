"""A real browser: the public comments on an article without an account and gets a receipt;
staff publish and adopt it; the public looks the receipt up and sees "adopted".

Same setup as renda/core/tests/test_browser.py: Debian's Chromium through Playwright against
pytest-django's live server; skipped without /usr/bin/chromium unless CI is set. With
RENDA_SCREENSHOTS=1 it also saves docs/screenshots/legislation-*.png.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.core.cache import cache

# The browser, the static files and logging in are set up as for the layout's browser test.
from renda.core.tests import test_browser as layout

from .conftest import SAMPLES

browser = layout.browser
static_files = layout.static_files
log_in = layout.log_in
SCREENSHOTS = layout.SCREENSHOTS

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SHOOT = bool(os.environ.get("RENDA_SCREENSHOTS"))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("static_files"),
]

# The second version: a few words changed, an article reworded, a paragraph added.
REVISIONS = [
    ("保持整洁、完好、美观。", "保持整洁、安全、完好、美观。"),
    ("不得擅自搭建、堆放物品", "不得擅自搭建、堆放物品、设置广告"),
    ("应当一店一牌", "原则上一店一牌"),
]


def shoot(page: Any, name: str, *, full: bool = False) -> None:
    if SHOOT:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"legislation-{name}.png"), full_page=full)


@pytest.fixture
def consulted(cast: dict[str, Any], congress: Any, contact_point: Any) -> Any:
    """A city regulation's draft (chapters and sections), open for comment from today, and a
    second version drafted already (for the comparison and the change an opinion led to)."""
    from renda.legislation.actions.consultations import consultation_create, consultation_open
    from renda.legislation.actions.drafts import import_draft
    from renda.legislation.actions.opinions import (
        GatheredOpinion,
        opinion_batch_submit,
        opinion_submit_deputy,
    )

    staff = cast["staff"]
    text = (SAMPLES / "chapters_sections_city.txt").read_text(encoding="utf-8")
    first = import_draft(actor=staff, congress=congress, text=text, label="草案")
    revised = text
    for old, new in REVISIONS:
        revised = revised.replace(old, new)
    second = import_draft(
        actor=staff, regulation=first.regulation, text=revised, label="草案修改稿"
    )
    c = consultation_create(
        version=first, actor=staff, title="晋中市城市市容和环境卫生管理条例（草案）公开征求意见"
    )
    consultation_open(consultation=c, actor=staff)
    cache.clear()
    # A few opinions of every source, so the lists and the report have something to show.
    article7 = first.nodes.get(kind="article", number=7)
    opinion_submit_deputy(
        consultation=c, actor=cast["deputy"], text="建议增加“安全”要求。", article=article7
    )
    opinion_batch_submit(
        consultation=c,
        actor=cast["station"],
        contact_point=contact_point,
        opinions=[
            GatheredOpinion(
                text="商户希望招牌规格更灵活。",
                source="seminar",
                article=first.nodes.get(kind="article", number=12),
            ),
            GatheredOpinion(
                text="建议明确门前三包责任。",
                source="collection_point",
                collection_point=contact_point.collection_points.first(),
            ),
        ],
    )
    return c, first, second


def test_the_public_comments_staff_adopt_and_the_public_sees_it(
    browser: Any, live_server: Any, cast: dict[str, Any], consulted: Any
) -> None:
    from renda.legislation.models import Opinion

    consultation, first, second = consulted
    article = first.nodes.get(kind="article", number=8)
    base = live_server.url

    # The public, no account: comment on article 8.
    public = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = public.new_page()
    page.goto(f"{base}/legislation/")
    page.click(f"[data-draft='{first.pk}'] td.primary a")
    page.click(f"[data-comment-on='{article.pk}']")
    box = page.locator(f"#a{article.pk} #comment")
    assert box.is_visible()
    assert box.locator("#id_article").input_value() == str(article.pk)
    page.fill("#id_text", "建议明确空调外机的安装高度，避免滴水影响行人。")
    page.fill("#id_name", "王女士")
    page.evaluate(f"document.getElementById('a{article.pk}').scrollIntoView()")
    shoot(page, "draft-comment")
    with page.expect_navigation():
        box.locator("button[type=submit]").click()
    code = page.locator("[data-receipt]").inner_text().strip()
    opinion = Opinion.objects.get(receipt_code=code)
    assert opinion.article_id == article.pk and opinion.state == "pending_moderation"

    # Staff: publish it, then record it as adopted, linked to the article it changed.
    staff_context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    staff = staff_context.new_page()
    log_in(staff, base, "staff")
    staff.goto(f"{base}/legislation/moderation/")
    with staff.expect_navigation():
        staff.click(f"[data-publish='{opinion.pk}']")
    staff.goto(f"{base}/legislation/consultations/{consultation.pk}/opinions/")
    row = staff.locator(f"tr[data-opinion='{opinion.pk}']")
    row.locator("details.handle-box summary").click()
    row.locator(f"input[name='h{opinion.pk}-outcome'][value='adopted']").check()
    changed = second.nodes.get(kind="article", number=8)
    row.locator(f"select[name='h{opinion.pk}-led_to']").select_option(str(changed.pk))
    shoot(staff, "handling")
    with staff.expect_navigation():
        row.locator("button[type=submit]").click()
    assert staff.locator(f"tr[data-opinion='{opinion.pk}'] [data-state='adopted']").count() == 1

    staff.goto(f"{base}/legislation/consultations/{consultation.pk}/report/")
    assert staff.locator("[data-figure='adopted'] .stat-value").inner_text() == "1"
    shoot(staff, "report", full=True)
    staff.goto(
        f"{base}/legislation/regulations/{first.regulation_id}/compare/?old={first.pk}&new={second.pk}"
    )
    assert staff.locator("[data-change='changed']").count() == 3
    assert staff.locator(".diff ins").count() >= 3
    shoot(staff, "compare")
    staff.goto(f"{base}/legislation/regulations/{first.regulation_id}/")
    shoot(staff, "regulation", full=True)
    staff_context.close()

    # The public looks the receipt up.
    page.goto(f"{base}/legislation/receipt/")
    page.fill("#id_code", code.lower())  # typed carelessly: still found
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("[data-receipt-result='adopted']").count() == 1
    assert "王女士" not in page.locator("main").inner_text()
    shoot(page, "receipt")
    public.close()

    # On a phone: the draft page, its contents folded above the text.
    phone = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
    page = phone.new_page()
    page.goto(f"{base}/legislation/drafts/{first.pk}/")
    assert page.locator(f"[data-comment-on='{article.pk}']").count() == 1
    shoot(page, "draft-phone")
    page.goto(f"{base}/legislation/drafts/{first.pk}/?article={article.pk}#a{article.pk}")
    assert page.locator("#comment").is_visible()
    shoot(page, "draft-comment-phone")
    phone.close()


def test_on_a_phone_an_article_opens_its_comment_form_in_place_and_the_receipt_copies(
    browser: Any, live_server: Any, consulted: Any
) -> None:
    """The per-article button is a finger's target (≥ 44 px) and opens the form under the
    article without loading the page again; the receipt code has a copy button. Without
    JavaScript the same button loads the page with the form there, and the code is shown
    selectable with no dead button."""
    consultation, first, _ = consulted
    article = first.nodes.get(kind="article", number=8)
    base = live_server.url
    phone = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
    phone.grant_permissions(["clipboard-read", "clipboard-write"])
    page = phone.new_page()
    page.goto(f"{base}/legislation/drafts/{first.pk}/")
    assert page.locator("[data-export='akn']").count() == 0  # staff's, not the public's
    button = page.locator(f"[data-comment-on='{article.pk}']")
    box = button.bounding_box()
    assert box is not None and box["height"] >= 44, box
    page.evaluate("window.notReloaded = true")
    button.click()
    form = page.locator(f"#a{article.pk} #comment")
    form.wait_for()
    assert page.evaluate("window.notReloaded === true")  # the same page: no reload
    assert form.locator("#id_article").input_value() == str(article.pk)
    assert article.label in form.locator("h3").inner_text()
    page.fill("#id_text", "建议明确空调外机的安装高度。")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    code = page.locator("[data-receipt]").inner_text().strip()
    page.click(f"[data-copy='{code}']")
    assert page.evaluate("navigator.clipboard.readText()") == code
    page.click("[data-follow]")
    assert page.locator("#id_code").input_value() == code
    assert page.locator("[data-receipt-result]").count() == 1
    phone.close()

    plain = browser.new_context(viewport=PHONE, is_mobile=True, java_script_enabled=False)
    page = plain.new_page()
    page.goto(f"{base}/legislation/drafts/{first.pk}/")
    with page.expect_navigation():
        page.click(f"[data-comment-on='{article.pk}']")
    form = page.locator(f"#a{article.pk} #comment")
    assert form.is_visible()
    page.fill("#id_text", "建议明确空调外机的安装高度。")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator("[data-copy]").is_hidden()
    assert page.locator("[data-receipt]").is_visible()
    plain.close()


def test_staff_are_offered_the_akoma_ntoso_export(
    browser: Any, live_server: Any, consulted: Any
) -> None:
    _, first, _ = consulted
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    log_in(page, live_server.url, "staff")
    page.goto(f"{live_server.url}/legislation/drafts/{first.pk}/")
    assert page.locator("[data-export='akn']").count() == 1
    context.close()
