from django import template

from renda.core import llm

register = template.Library()


@register.simple_tag
def llm_configured() -> bool:
    """`{% llm_configured as llm_on %}`: whether a language model is set up (core.llm)."""
    return llm.configured()
