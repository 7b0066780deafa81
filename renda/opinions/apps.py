"""The opinions app: constituents' opinions (群众意见建议) and Open311."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "renda.opinions"
    label = "opinions"
    verbose_name = _("Constituents' opinions")

    def ready(self) -> None:
        from renda.opinions import (  # noqa: F401
            actions,  # binds each action to its transition (the declaration comes with it)
            menu,  # menu entries
            reading,  # the reply check: the text an answer addresses
            routing,  # texts for routing and similar cases
        )
