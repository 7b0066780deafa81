"""Small template helpers shared by every page: state badges and personal-data masking."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from renda.core.privacy import mask_id_number, mask_phone

register = template.Library()

TONES = frozenset({"success", "warning", "danger", "neutral", "info", "overdue"})


@register.simple_tag
def badge(text: object, tone: str = "neutral") -> SafeString:
    """`{% badge _("Overdue") "overdue" %}`: a coloured state label (unknown tones are neutral)."""
    return format_html(
        '<span class="badge badge-{}">{}</span>', tone if tone in TONES else "neutral", text
    )


@register.filter
def masked_phone(value: str | None) -> str:
    return mask_phone(value or "")


@register.filter
def masked_id_number(value: str | None) -> str:
    return mask_id_number(value or "")
