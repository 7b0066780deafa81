"""A real browser: staff send deliberation opinions to a unit; its officer marks a point done
and reports what was done on a phone; staff open a poll; a member votes; staff close it."""

from __future__ import annotations

from typing import Any

import pytest

from renda.core.tests import test_browser as layout
from renda.suggestions.tests.test_browser import DESKTOP, log_out, open_action, submit_action

browser = layout.browser
static_files = layout.static_files
log_in = layout.log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("static_files"),
]


def test_opinions_sent_answered_point_by_point_and_polled(
    browser: Any, live_server: Any, cast: dict[str, Any], heard: Any, org: dict[str, Any]
) -> None:
    from renda.core.models import Poll
    from renda.supervision import actions as A
    from renda.supervision.models import DeliberationOpinion

    opinion = A.opinion_draft(
        report=heard, actor=cast["staff"], unit=org["unit"], text="意见", points=["一", "二"]
    )
    base = live_server.url
    page = browser.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    url = f"{base}/supervision/opinions/{opinion.pk}/"

    # 1. Staff record the council's approval and send the opinions (the default deadline).
    log_in(page, base, "staff")
    page.goto(url)
    open_action(page, "approve")
    submit_action(page, "approve")
    open_action(page, "send")
    submit_action(page, "send")
    log_out(page, base)

    # 2. The unit's officer, on a phone, marks a point done and reports what was done.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    handler = phone.new_page()
    log_in(handler, base, "handler")
    handler.goto(url)
    with handler.expect_navigation():
        handler.locator("[data-point] form").first.locator("input[name=note]").fill("已完成")
        handler.locator("[data-point] form").first.locator("button").click()
    open_action(handler, "answer")
    handler.fill("#id_answer-answer", "研究处理情况报告")
    submit_action(handler, "answer")
    opinion.refresh_from_db()
    assert opinion.state == "answered" and opinion.points.filter(done_on__isnull=False).count() == 1

    # 3. Staff open a poll; the member votes; staff close it and see the results.
    log_in(page, base, "staff")
    page.goto(url)
    with page.expect_navigation():
        page.click("#poll button[type=submit]")
    log_out(page, base)
    log_in(page, base, "leader")
    page.goto(url)
    page.check("[data-vote] input[value=satisfied]")
    with page.expect_navigation():
        page.click("[data-vote] button[type=submit]")
    log_out(page, base)
    log_in(page, base, "staff")
    page.goto(url)
    with page.expect_navigation():
        page.click("#poll .button-danger")
    poll = Poll.objects.get()
    assert poll.closed_at is not None and poll.votes.count() == 1
    assert DeliberationOpinion.objects.get().poll == poll
