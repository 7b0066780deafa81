"""Masking personal data for roles that do not need it."""

from __future__ import annotations

import re
from collections.abc import Iterable


def mask_phone(phone: str) -> str:
    """138****5678: keep the first 3 and last 4 digits."""
    digits = phone.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


def mask_id_number(id_number: str) -> str:
    """140702********1234: keep the region code (6) and the last 4 characters."""
    value = id_number.strip()
    if len(value) < 10:
        return "*" * len(value)
    return f"{value[:6]}{'*' * (len(value) - 10)}{value[-4:]}"


# Phone and ID numbers typed into a free text (a suggestion's body, an opinion): masked before
# the text is indexed for search or leaves the server for a language model.
_PHONE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_LANDLINE_RE = re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)")
_ID_RE = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")
NAME_MASK = "某某"


def mask_personal(text: str) -> str:
    """`text` with the mobile phones and ID numbers in it masked (mask_phone, mask_id_number)."""
    text = _ID_RE.sub(lambda m: mask_id_number(m.group()), text)
    return _PHONE_RE.sub(lambda m: mask_phone(m.group()), text)


def mask_outgoing(text: str, *, names: Iterable[str] = ()) -> str:
    """A text about to leave the server (for a language model): mask_personal, landline numbers
    too, and each of the persons' `names` as 某某."""
    text = _LANDLINE_RE.sub(lambda m: mask_phone(m.group()), mask_personal(text))
    known = sorted({n.strip() for n in names if len(n.strip()) >= 2}, key=len, reverse=True)
    if not known:
        return text
    return re.sub("|".join(re.escape(n) for n in known), NAME_MASK, text)
