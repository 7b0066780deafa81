"""Read a draft from a Word (.docx) file, or from an upload that may be .docx or plain text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any, BinaryIO

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree
from lxml.etree import XMLSyntaxError

from .parser import Draft, DraftError, ParseProblem, parse_bytes, parse_text

# A .docx is a zip that may carry images; its text is still bound by MAX_DRAFT_BYTES.
MAX_DOCX_BYTES = 20 * 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc (and .xls, .ppt)


def _read(file: BinaryIO | str | Path | bytes) -> bytes:
    if isinstance(file, bytes):
        return file
    if isinstance(file, str | Path):
        return Path(file).read_bytes()
    # One byte past the limit is enough to refuse the file without reading all of it.
    return file.read(MAX_DOCX_BYTES + 1)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {
    "w": W[1:-1],
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}

_TEXT_BOXES = etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback)]", namespaces=NS)
_TEXT_NODES = etree.XPath(".//w:t | .//w:br | .//w:cr | .//w:tab", namespaces=NS)
_OWN_PARAGRAPH = etree.XPath("ancestor::w:p[1]", namespaces=NS)
_PICTURES = etree.XPath(".//pic:pic", namespaces=NS)


class _Body:
    """The text of a document's body in reading order: paragraphs, the text boxes anchored in
    them, tables row by row (a merged cell once), content controls; with the lines of
    auto-numbered paragraphs."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.numbered: list[tuple[int, str]] = []

    def block(self, element: Any) -> None:
        if element.tag == W + "p":
            self.paragraph(element)
        elif element.tag == W + "tbl":
            for row in element.iterchildren(W + "tr"):
                for cell in row.iterchildren(W + "tc"):
                    merge = cell.find(f"{W}tcPr/{W}vMerge")
                    if merge is not None and merge.get(W + "val") != "restart":
                        continue  # the rest of a vertically merged cell: read once
                    for child in cell.iterchildren():
                        self.block(child)
        elif element.tag == W + "sdt":
            content = element.find(W + "sdtContent")
            for child in content.iterchildren() if content is not None else ():
                self.block(child)

    def paragraph(self, element: Any) -> None:
        text = "".join(t.text or "" for t in _own_text(element))
        properties = element.find(W + "pPr")
        if properties is not None and properties.find(W + "numPr") is not None and text.strip():
            self.numbered.append((len(self.lines) + 1, text.strip()))
        # A manual line break (Shift+Enter) inside a paragraph reads as a new line.
        self.lines.extend(text.split("\n"))
        # Text boxes anchored here (Word writes one twice: a drawing and a VML fallback).
        for box in _TEXT_BOXES(element):
            for child in box.iterchildren():
                self.block(child)


def _own_text(paragraph: Any) -> list[Any]:
    """The paragraph's text runs, breaks as newlines and tabs as spaces, not its text boxes'."""
    found = []
    for node in _TEXT_NODES(paragraph):
        if _OWN_PARAGRAPH(node)[0] is not paragraph:
            continue  # a text box's paragraph, read on its own
        if node.tag in (W + "br", W + "cr"):
            node = _Text("\n")
        elif node.tag == W + "tab":
            node = _Text(" ")
        found.append(node)
    return found


class _Text:
    def __init__(self, text: str) -> None:
        self.text = text


def _skipped(document: Any) -> list[ParseProblem]:
    """What the reader leaves out, said once each: headers and footers, notes, comments,
    pictures."""
    problems = []
    headers = set()
    for section in document.sections:
        parts = [section.header, section.footer, section.first_page_header]
        parts += [section.first_page_footer, section.even_page_header, section.even_page_footer]
        for part in parts:
            if part.is_linked_to_previous:
                continue
            text = " ".join(p.text.strip() for p in part.paragraphs if p.text.strip())
            if text:
                headers.add(text)
    if headers:
        sample = sorted(headers)[0]
        problems.append(ParseProblem(0, sample, "docx_skipped_headers", {"n": str(len(headers))}))
    package = document.part.package
    names = {str(part.partname) for part in package.iter_parts()}
    if {"/word/footnotes.xml", "/word/endnotes.xml"} & names and _has_notes(package):
        problems.append(ParseProblem(0, "", "docx_skipped_notes"))
    if "/word/comments.xml" in names:
        problems.append(ParseProblem(0, "", "docx_skipped_comments"))
    pictures = len(_PICTURES(document.element.body))
    if pictures:
        problems.append(ParseProblem(0, "", "docx_skipped_images", {"n": str(pictures)}))
    return problems


def _has_notes(package: Any) -> bool:
    """Real notes, beyond the two separator notes every footnotes part holds."""
    for part in package.iter_parts():
        notes = str(part.partname) in ("/word/footnotes.xml", "/word/endnotes.xml")
        if notes and part.blob.count(b"<w:footnote ") + part.blob.count(b"<w:endnote ") > 2:
            return True
    return False


def parse_docx(file: BinaryIO | str | Path | bytes) -> Draft:
    """Parse a .docx: its body's paragraphs, tables and text boxes in reading order; what is
    not read (headers and footers, notes, comments, pictures) is reported."""
    data = _read(file)
    if len(data) > MAX_DOCX_BYTES:
        raise DraftError("too_large", size=len(data), limit=MAX_DOCX_BYTES)
    if data.startswith(_OLE_MAGIC):
        raise DraftError("old_doc")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as e:
        raise DraftError("not_docx") from e
    body = _Body()
    for element in document.element.body.iterchildren():
        body.block(element)
    draft = parse_text("\n".join(body.lines), join_wrapped_lines=False)
    # Word's list numbering is not in the text, so 第一条 or （一） may be missing: say so.
    draft.problems.extend(
        ParseProblem(line_no, text, "word_numbering") for line_no, text in body.numbered
    )
    draft.problems.extend(_skipped(document))
    draft.problems.sort(key=lambda problem: problem.line_no)
    return draft


def parse_upload(data: bytes) -> Draft:
    """Parse an uploaded file, telling .docx from plain text by its content, not its name."""
    if data.startswith(_ZIP_MAGIC):
        return parse_docx(data)
    if data.startswith(_OLE_MAGIC):
        raise DraftError("old_doc")
    return parse_bytes(data)
