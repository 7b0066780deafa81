"""Template helpers of the performance pages: points as people write them."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def points(value: Decimal | int | None) -> str:
    """10.00 → "10", 13.50 → "13.5", never "1E+1"; None → "—"."""
    if value is None:
        return "—"
    if not value:
        return "0"
    return f"{Decimal(value).normalize():f}"
