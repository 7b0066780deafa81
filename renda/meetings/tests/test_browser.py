"""A real browser: staff open a vote from their desk, three members vote from their phones,
and the hall's projector shows the result without being reloaded.

Drives Debian's Chromium through Playwright against the live server (skipped locally without
/usr/bin/chromium, a failure in CI). With RENDA_SCREENSHOTS=1 it also refreshes the docs'
screenshots of the paperless meeting on a tablet and of the projector."""

from __future__ import annotations

import datetime
import os
import re

import pytest
from playwright.sync_api import expect

# The browser, the static files and logging in are set up as for the layout's browser test.
from renda.core.tests import test_browser as layout
from renda.meetings import actions as A
from renda.meetings.models import Vote

browser = layout.browser
static_files = layout.static_files
log_in = layout.log_in
SCREENSHOTS = layout.SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("static_files"),
]
PASSWORD = "x-long-password"  # the members fixture's password
TABLET = {"width": 1024, "height": 1366}


@pytest.fixture
def sitting(cast, org, members):
    """A meeting in session today with a named vote prepared on its one item."""
    staff = cast["staff"]
    meeting = A.meeting_plan(
        actor=staff,
        term=org["term"],
        kind="standing_committee",
        start_date=datetime.date.today(),
        place="市人大常委会会议室",
    )
    item = A.item_add(
        meeting=meeting, actor=staff, kind="decision", title="关于推进节水型城市建设的决定"
    )
    A.meeting_fix_agenda(meeting=meeting, actor=staff)
    A.meeting_record_attendance(
        meeting=meeting, actor=staff, presences={u.deputy_id: ("present", "") for u in members}
    )
    A.meeting_open(meeting=meeting, actor=staff)
    vote = A.vote_prepare(
        item=item, actor=staff, subject="表决：关于推进节水型城市建设的决定", method="named"
    )
    return meeting, vote


def test_members_vote_from_phones_and_the_projector_shows_the_result(
    live_server,
    browser,
    static_files,
    cast,
    members,
    sitting,  # noqa: F811
):
    meeting, vote = sitting
    base = live_server.url
    hall = browser.new_context(viewport={"width": 1600, "height": 900}, locale="zh-CN")
    projector = hall.new_page()
    log_in(projector, base, "staff", "correct-horse-battery")
    projector.goto(f"{base}/meetings/{meeting.pk}/projector/")
    assert "关于推进节水型城市建设的决定" in projector.inner_text("[data-item]")

    desk = browser.new_context(locale="zh-CN").new_page()
    log_in(desk, base, "staff", "correct-horse-battery")
    desk.goto(f"{base}/meetings/votes/{vote.pk}/")
    desk.click("#action-open button[type=submit]")
    desk.wait_for_url(re.compile(rf".*/meetings/votes/{vote.pk}/$"))

    for user, choice in zip(members[:3], ["for", "for", "against"], strict=True):
        phone = browser.new_context(
            viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN"
        ).new_page()
        log_in(phone, base, user.username, PASSWORD)
        phone.goto(f"{base}/meetings/{meeting.pk}/vote-now/")
        phone.check(f"input[name=cast-choice][value={choice}]")
        phone.click("#action-cast button[type=submit]")
        phone.wait_for_selector("[data-voted]")
        phone.context.close()

    # While the vote is open the hall sees how many have voted, not the result.
    # (a locator, not wait_for_function: the page's CSP forbids evaluating strings)
    expect(projector.locator("[data-voted]")).to_have_text("3", timeout=10_000)
    desk.goto(f"{base}/meetings/votes/{vote.pk}/")
    desk.click("#action-close button[type=submit]")
    # Closing a vote is irreversible: the desk confirms it on the page that follows.
    desk.click("form.form button.button-danger[type=submit]")
    projector.wait_for_selector("[data-closed]:not(.hidden)", timeout=10_000)
    assert projector.inner_text("[data-for]") == "2"
    assert projector.inner_text("[data-against]") == "1"
    assert "未通过" in projector.inner_text("[data-verdict]")  # 2 of 5: not a majority of all
    assert Vote.objects.get(pk=vote.pk).passed is False
    if os.environ.get("RENDA_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        projector.screenshot(path=str(SCREENSHOTS / "meetings-projector.png"))
        tablet = browser.new_context(viewport=TABLET, locale="zh-CN").new_page()
        log_in(tablet, base, members[0].username, PASSWORD)
        tablet.goto(f"{base}/meetings/{meeting.pk}/")
        tablet.screenshot(path=str(SCREENSHOTS / "meetings-tablet.png"))
        tablet.goto(f"{base}/meetings/votes/{vote.pk}/")
        tablet.screenshot(path=str(SCREENSHOTS / "meetings-vote-tablet.png"))
