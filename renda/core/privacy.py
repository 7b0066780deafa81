"""Masking personal data for roles that do not need it."""

from __future__ import annotations


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
