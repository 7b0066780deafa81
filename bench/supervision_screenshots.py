"""Screenshots of the suggestion supervision pages for the docs, from a running demo server.

    DATABASE_URL=sqlite:////tmp/ssup.sqlite3 DEBUG=1 .venv/bin/renda runserver 8105
    .venv/bin/python bench/supervision_screenshots.py http://127.0.0.1:8105

Writes docs/screenshots/supervision-*.png (desktop width). Needs /usr/bin/chromium.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PASSWORD = "renda-demo"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/")


def shoot(page: Page, base: str, path: str, name: str) -> None:
    page.goto(base + path)
    page.screenshot(path=str(OUT / f"supervision-{name}.png"), full_page=True)
    print(name, page.url)


def main(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for who in ("staff", "leader"):
            context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
            page = context.new_page()
            log_in(page, base, who)
            if who == "staff":
                shoot(page, base, "/suggestions/supervision/review/", "review")
                shoot(page, base, "/suggestions/supervision/overdue/", "overdue")
                shoot(page, base, "/suggestions/supervision/scores/?year=2024", "scores")
            page.goto(base + "/suggestions/supervision/key/")
            page.screenshot(path=str(OUT / f"supervision-key-{who}.png"), full_page=True)
            # The first key suggestion with an open poll, as this user sees it.
            links = page.locator("a[href*='/suggestions/supervision/key/']").all()
            hrefs = [h for h in (a.get_attribute("href") or "" for a in links)]
            target = next((h for h in hrefs if re.search(r"/key/\d+/", h)), None)
            if target:
                shoot(page, base, target.split("#")[0], f"poll-{who}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8105")
