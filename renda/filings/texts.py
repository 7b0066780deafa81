"""A normative document's full text, from the electronic text an issuing body files: Word
(.docx, python-docx), PDF (pypdf) or plain text, kept in the register for the search."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from renda.core.uploads import MB, CheckedUpload, check_upload
from renda.core.workflow import ActionInvalid

ELECTRONIC = frozenset({"docx", "pdf", "txt"})
MAX_BYTES = 20 * MB
# A register entry keeps at most this much text (a long code of rules is well under it).
MAX_CHARS = 500_000


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _docx(file: Any) -> str:
    from docx import Document

    doc = Document(file)
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _pdf(file: Any) -> str:
    from pypdf import PdfReader

    reader = PdfReader(file)
    if reader.is_encrypted:
        raise ValueError("encrypted")
    return "\n".join((page.extract_text() or "") for page in reader.pages)


def _txt(file: Any) -> str:
    raw: bytes = file.read()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("not a known encoding")


READERS = {"docx": _docx, "pdf": _pdf, "txt": _txt}


def check_electronic_text(upload: Any, *, field: str = "electronic") -> CheckedUpload:
    """The electronic text: .docx, .pdf or .txt, checked by content and size."""
    return check_upload(upload, allowed=ELECTRONIC, max_bytes=MAX_BYTES, field=field)


def extract_text(upload: Any, *, field: str = "electronic") -> str:
    """The text of an uploaded electronic text (checked first); a file that cannot be read
    is refused, naming the field, and nothing is stored."""
    checked = check_electronic_text(upload, field=field)
    reader = READERS[extension(checked.name)]
    upload.seek(0)
    try:
        text = reader(upload)
    except Exception:  # a damaged or encrypted file: any reader error is bad input
        raise ActionInvalid(
            _("%(name)s could not be read; file it again as .docx, .pdf or .txt.")
            % {"name": checked.name},
            field=field,
        ) from None
    finally:
        upload.seek(0)
    text = "\n".join(line.rstrip() for line in text.replace("\x00", "").splitlines()).strip()
    if not text:
        raise ActionInvalid(
            _("%(name)s holds no text (a scanned image?): file the text itself.")
            % {"name": checked.name},
            field=field,
        )
    return text[:MAX_CHARS]
