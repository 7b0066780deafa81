"""Small template helpers shared by every page: badges and case state badges, personal-data
masking and the label colon of the page's language."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import pgettext

from renda.core.forms import filter_bar as forms_filter_bar
from renda.core.navigation import sidebar
from renda.core.privacy import mask_id_number, mask_phone
from renda.core.workflow import workflow_for

register = template.Library()


@register.simple_tag
def layout_url(name: str) -> str:
    """`{% url name %}` for a URL without arguments, reversed once per process: the layout's
    dozen links (base.html) cost about 1.5 ms a page reversed each time (issue 18)."""
    return _reversed(name, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=128)
def _reversed(name: str, prefix: str, urlconf: Any) -> str:
    return reverse(name, urlconf=urlconf)


TONES = frozenset({"success", "warning", "danger", "neutral", "info", "overdue"})


@register.simple_tag
def badge(text: object, tone: str = "neutral") -> SafeString:
    """`{% badge _("Overdue") "overdue" %}`: a coloured state label (unknown tones are neutral)."""
    return format_html(
        '<span class="badge badge-{}">{}</span>', tone if tone in TONES else "neutral", text
    )


@register.simple_tag
def state_badge(case: Any, state: str | None = None) -> SafeString:
    """`{% state_badge s %}`: a case's state as a badge, coloured as its declaration says
    (Workflow.tones); `{% state_badge s state %}` for another state of the same case type
    (a row read with values(), say: pass the model class or any case of it)."""
    flow = workflow_for(case)
    if flow is None:
        raise ValueError(f"{type(case).__name__} has no workflow declaration")
    current = str(state if state is not None else flow.state_of(case))
    return format_html(
        '<span class="badge badge-{}" data-state="{}">{}</span>',
        flow.tone(current),
        current,
        flow.state_label(current),
    )


@register.simple_tag(takes_context=True)
def sidebar_menu(context: Any) -> SafeString:
    """base.html's menu sections for the signed-in user, the page shown marked."""
    match = getattr(context.get("request"), "resolver_match", None)
    return sidebar(context.get("user"), match.view_name if match else None)


@register.simple_tag(takes_context=True)
def filter_bar(context: Any) -> SafeString:
    """org/_filter_fields.html: the filter bar of the context's `form` (core.forms.filter_bar)."""
    return forms_filter_bar(context["form"], context.get("request"))


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
