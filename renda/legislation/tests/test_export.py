"""Exporting a stored version through `renda export-draft`: the same text back, and Akoma
Ntoso that validates against the OASIS schema."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from lxml import etree

from renda.legislation.actions.drafts import import_draft
from renda.legislation.drafts.akn import AKN_NS, validate_akn
from renda.legislation.drafts.parser import parse_text

from .conftest import SAMPLES
from .test_text_export import READABLE_SAMPLES, without_whitespace


def export(version_id: int, fmt: str) -> str:
    out = io.StringIO()
    call_command("export_draft", str(version_id), "--format", fmt, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("sample", READABLE_SAMPLES)
def test_text_export_gives_back_the_imported_text_up_to_whitespace(cast, congress, sample):
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    version = import_draft(actor=cast["staff"], congress=congress, text=text)

    exported = export(version.pk, "text")

    assert without_whitespace(exported) == without_whitespace(text)
    assert parse_text(exported).articles() == parse_text(text).articles()


@pytest.mark.parametrize("sample", READABLE_SAMPLES)
def test_akn_export_validates_against_the_schema(cast, congress, sample):
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    version = import_draft(actor=cast["staff"], congress=congress, text=text)

    xml = export(version.pk, "akn").encode("utf-8")

    assert validate_akn(xml) == []
    root = etree.fromstring(xml)
    articles = root.findall(f".//{{{AKN_NS}}}article")
    assert len(articles) == version.articles


def test_export_of_an_unknown_version_is_refused(db):
    with pytest.raises(CommandError, match="no draft version"):
        export(999, "text")
