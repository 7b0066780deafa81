"""A real phone-sized browser, without JavaScript, opens the address decoded from a deputy's
QR code poster, finds the form pre-filled with the deputy and their station, attaches a photo
and sends it: the opinion lands in the station's queue naming the deputy, counted as scanned.

Same setup as renda/opinions/tests/test_pages_opinions_browser.py. With RENDA_SCREENSHOTS=1 it
also writes docs/screenshots/opinion-scanned-phone.png.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from renda.core.tests.images import image_bytes
from renda.opinions.tests.test_qr_posters import decoded_urls
from renda.suggestions.tests import test_browser as suggestions

browser = suggestions.browser
static_files = suggestions.static_files
PHONE = suggestions.PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("static_files"),
]


def test_a_scanned_deputy_poster_on_a_phone_without_javascript(
    browser: Any, live_server: Any, org: dict[str, Any], tmp_path: Path
) -> None:
    from docx import Document

    from renda.opinions.models import ConstituentOpinion, OpinionPhoto
    from renda.opinions.posters import deputy_poster, posters_docx

    settings.MEDIA_ROOT = tmp_path
    deputy, station = org["deputy"], org["station"]
    [scanned] = decoded_urls(Document(io.BytesIO(posters_docx([deputy_poster(deputy)]))))
    address = scanned.replace(settings.SITE_URL, live_server.url, 1)

    context = browser.new_context(
        viewport=PHONE, is_mobile=True, locale="zh-CN", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(address)
    assert page.locator("[data-scanned]").count() == 1
    assert page.locator("#id_deputy").input_value() == str(deputy.pk)
    assert page.locator("#id_station").input_value() == str(station.pk)
    # Usable on a phone: nothing wider than the screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width

    page.select_option("#id_category", "roads")
    page.fill("#id_content", "锦纶路东段路灯不亮已经两周，晚上行人看不清路。")
    page.fill("#id_place", "榆次区锦纶路东段")
    photo = tmp_path / "路灯.jpg"
    photo.write_bytes(image_bytes("JPEG", (640, 480)))
    page.set_input_files("#id_photos", str(photo))
    if os.environ.get("RENDA_SCREENSHOTS"):
        target = suggestions.SCREENSHOTS / "opinion-scanned-phone.png"
        page.locator("main").screenshot(path=str(target))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/stations/public/opinions/received/" in page.url

    opinion = ConstituentOpinion.objects.get()
    assert (opinion.station, opinion.deputy, opinion.source) == (station, deputy, "qr")
    assert OpinionPhoto.objects.filter(opinion=opinion).count() == 1
    assert opinion.receipt_code in page.content()
    context.close()
