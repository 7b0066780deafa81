"""The Chinese catalogue is complete, and pages follow the visitor's language."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

PO = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_chinese_translation():
    catalogue = polib.pofile(str(PO))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == [], f"untranslated: {untranslated[:10]}"
    assert fuzzy == [], f"fuzzy: {fuzzy[:10]}"


def test_the_compiled_catalogue_is_not_older_than_the_source():
    mo = PO.with_suffix(".mo")
    assert mo.exists(), "run compilemessages"
    compiled = polib.mofile(str(mo))
    source = polib.pofile(str(PO))
    assert {e.msgid for e in source.translated_entries()} <= {e.msgid for e in compiled}


@pytest.mark.parametrize(
    "language, present, absent",
    [
        ("en", ["Log in", "Demo accounts", "Congress Service Platform"], ["登录"]),
        ("zh-hans", ["登录", "演示账户", "人大履职服务平台"], ["Demo accounts"]),
    ],
)
def test_the_login_page_speaks_the_browsers_language(client, db, language, present, absent):
    html = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for text in present:
        assert text in html
    for text in absent:
        assert text not in html


@pytest.mark.parametrize(
    "language, present",
    [
        ("en", ["Waiting for me", "Deputies", "Holiday calendar", "Log out"]),
        ("zh-hans", ["我的待办", "代表", "节假日日历", "退出登录", "晋中市人大 履职服务平台"]),
    ],
)
def test_a_staff_home_page_speaks_the_browsers_language(client, cast, language, present):
    client.force_login(cast["staff"])
    html = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for text in present:
        assert text in html


def test_chinese_is_the_default_language(client, db):
    html = client.get(reverse("core:home")).content.decode()
    assert 'lang="zh-Hans"' in html
    assert "人大履职服务平台" in html


def test_the_language_switch_sets_the_language(client, db):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("accounts:login")}
    )
    assert response.status_code == 302
    assert "Log in" in client.get(reverse("accounts:login")).content.decode()
