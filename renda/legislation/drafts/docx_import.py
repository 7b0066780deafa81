"""Read a draft from a Word (.docx) file, or from an upload that may be .docx or plain text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import BinaryIO

import docx
from docx.opc.exceptions import PackageNotFoundError
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


def parse_docx(file: BinaryIO | str | Path | bytes) -> Draft:
    """Parse the body paragraphs of a .docx (tables, headers and notes are not read)."""
    data = _read(file)
    if len(data) > MAX_DOCX_BYTES:
        raise DraftError("too_large", size=len(data), limit=MAX_DOCX_BYTES)
    if data.startswith(_OLE_MAGIC):
        raise DraftError("old_doc")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as e:
        raise DraftError("not_docx") from e
    lines: list[str] = []
    numbered: list[tuple[int, str]] = []  # (line number, text) of auto-numbered paragraphs
    for paragraph in document.paragraphs:
        text = paragraph.text
        properties = paragraph._p.pPr
        if properties is not None and properties.numPr is not None and text.strip():
            numbered.append((len(lines) + 1, text.strip()))
        # A manual line break (Shift+Enter) inside a paragraph reads as a new line.
        lines.extend(text.split("\n"))
    draft = parse_text("\n".join(lines), join_wrapped_lines=False)
    # Word's list numbering is not in the text, so 第一条 or （一） may be missing: say so.
    draft.problems.extend(
        ParseProblem(line_no, text, "word_numbering") for line_no, text in numbered
    )
    draft.problems.sort(key=lambda problem: problem.line_no)
    return draft


def parse_upload(data: bytes) -> Draft:
    """Parse an uploaded file, telling .docx from plain text by its content, not its name."""
    if data.startswith(_ZIP_MAGIC):
        return parse_docx(data)
    if data.startswith(_OLE_MAGIC):
        raise DraftError("old_doc")
    return parse_bytes(data)
