"""Reading help's sentences are whole translatable strings: no full stop, comma or colon is
written outside them, so the Chinese pages read 第1条、第3条。 and not 第1条, 第3条. (the
translation decides the punctuation of the whole sentence)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from renda.reading.templatetags import reading_check

from .conftest import SKIPS_TWO

pytestmark = pytest.mark.django_db
TEMPLATES = Path(reading_check.__file__).parents[1] / "templates" / "reading"
# What may stand outside a translation: the breadcrumbs' arrow and the separating dot.
SYMBOLS = {"›", "·"}


def _text_outside_translations(source: str) -> list[str]:
    source = re.sub(r"\{%\s*blocktranslate.*?\{%\s*endblocktranslate\s*%\}", "", source, flags=re.S)
    for pattern in (r"\{#.*?#\}", r"\{%.*?%\}", r"\{\{.*?\}\}", r"<(script|style).*?</\1>"):
        source = re.sub(pattern, "", source, flags=re.S)
    return [t.strip() for t in re.split(r"<[^>]*>", source) if t.strip()]


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_no_words_or_punctuation_outside_translations(template):
    left = _text_outside_translations((TEMPLATES / template).read_text())
    assert set(left) <= SYMBOLS, left


def test_the_summary_is_one_sentence_with_its_own_full_stop(cast, suggestion):
    client = Client()
    client.force_login(cast["handler"])
    url = reverse("reading:check_draft", args=["suggestion", suggestion.pk])
    response = client.post(
        url, {"check_field": "text", "text": SKIPS_TWO}, HTTP_ACCEPT_LANGUAGE="en"
    )
    summary = re.search(r'data-check-summary="missing">(.*?)</p>', response.content.decode())
    assert summary is not None and summary.group(1) == "1 point is not answered: point 2."


def test_the_points_named_are_joined_as_the_language_joins_a_list(monkeypatch):
    checks = [SimpleNamespace(point=SimpleNamespace(number=n)) for n in (1, 3)]
    with translation.override("en"):
        assert reading_check.points_named(checks) == "point 1, point 3"
    assert reading_check.points_named(checks) == "第1条、第3条"  # the default language
    chinese = {"point %(number)s": "第%(number)s条"}
    monkeypatch.setattr(reading_check, "gettext", lambda m: chinese.get(m, m))
    separator = {("list separator", ", "): "、"}
    monkeypatch.setattr(reading_check, "pgettext", lambda c, m: separator.get((c, m), m))
    assert reading_check.points_named(checks) == "第1条、第3条"
