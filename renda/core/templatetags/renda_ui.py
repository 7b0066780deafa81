"""Small template helpers shared by every page: state badges, personal-data masking and the
label colon of the page's language."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import pgettext

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


@register.simple_tag
def colon() -> str:
    """What follows a label before its value: ": " in English, the full-width "：" in Chinese
    (`{% translate "Place" %}{% colon %}{{ place }}`)."""
    return pgettext("label separator", ": ")
