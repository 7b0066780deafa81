"""Checking what a user typed, for every domain's actions: refusals name the field at fault."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.text import strip_invisible
from renda.core.workflow import ActionInvalid


def require_text(
    value: str | None,
    field: str,
    label: str,
    *,
    max_length: int | None = None,
    required: bool = True,
) -> str:
    """The text stripped (invisible characters count as whitespace); refused when empty (if
    required), too long, or holding NUL bytes, which PostgreSQL cannot store in a text column."""
    value = strip_invisible(value or "").strip()  # zero-width characters are whitespace
    if "\x00" in value:
        raise ActionInvalid(
            _("%(field)s contains invalid characters.") % {"field": label}, field=field
        )
    if required and not value:
        raise ActionInvalid(_("%(field)s is required.") % {"field": label}, field=field)
    if max_length and len(value) > max_length:
        raise ActionInvalid(
            _("%(field)s is too long (at most %(n)d characters).")
            % {"field": label, "n": max_length},
            field=field,
        )
    return value


def require_choice(value: str, choices: Any, field: str) -> str:
    """One of a TextChoices' values."""
    if value not in choices.values:
        raise ActionInvalid(
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(choices.values)}, field=field
        )
    return value


def not_future(day: datetime.date, field: str) -> datetime.date:
    if day > timezone.localdate():
        raise ActionInvalid(_("The date cannot be in the future."), field=field)
    return day
