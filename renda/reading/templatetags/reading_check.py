"""The reply check's template tags: whether a language model is set up, and the points a
summary names, joined as the language joins a list."""

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.translation import gettext, pgettext

from renda.core import llm

register = template.Library()


@register.simple_tag
def llm_configured() -> bool:
    """`{% llm_configured as llm_on %}`: whether a language model is set up (core.llm)."""
    return llm.configured()


@register.simple_tag
def points_named(checks: Iterable[Any]) -> str:
    """`{% points_named check.missing as named %}`: "point 1, point 3", in Chinese
    "第1条、第3条" (the list separator is translated, not a Latin comma)."""
    names = [gettext("point %(number)s") % {"number": c.point.number} for c in checks]
    return pgettext("list separator", ", ").join(names)
