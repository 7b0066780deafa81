"""A document's full text, read from the electronic text filed: Word, PDF or plain text;
damaged, empty or disguised files are refused naming the field."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.core.workflow import ActionInvalid
from renda.filings.texts import extract_text

from .conftest import TEXT, docx_bytes, pdf_bytes


def test_text_is_read_from_a_word_document():
    assert extract_text(SimpleUploadedFile("文本.docx", docx_bytes())) == TEXT


def test_text_is_read_from_a_pdf():
    text = extract_text(SimpleUploadedFile("文本.pdf", pdf_bytes("Article 1 Parking")))
    assert "Article 1 Parking" in text


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_plain_text_in_utf8_or_gb18030(encoding):
    assert extract_text(SimpleUploadedFile("文本.txt", TEXT.encode(encoding))) == TEXT


@pytest.mark.parametrize(
    "name, data",
    [
        ("文本.pdf", b"%PDF-1.4\nnot really a pdf"),
        ("文本.docx", b"PK\x03\x04 not really a zip"),
        ("文本.doc", b"\xd0\xcf\x11\xe0 old word"),  # not a type whose text we read
        ("文本.pdf", b"MZ\x90\x00"),  # an executable calling itself a PDF
        ("文本.txt", b""),
    ],
)
def test_unreadable_files_are_refused_naming_the_field(name, data):
    with pytest.raises(ActionInvalid) as error:
        extract_text(SimpleUploadedFile(name, data), field="electronic")
    assert error.value.field == "electronic"


def test_a_document_without_text_is_refused():
    with pytest.raises(ActionInvalid) as error:
        extract_text(SimpleUploadedFile("扫描件.docx", docx_bytes("")))
    assert "没有文字内容" in str(error.value.message)
