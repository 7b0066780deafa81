"""The stations app: contact stations' work and constituents' opinions (代表联络站)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationsConfig(AppConfig):
    name = "renda.stations"
    label = "stations"
    verbose_name = _("Contact stations and constituents")

    def ready(self) -> None:
        from renda.stations import (  # noqa: F401  (menu entries)
            menu_opinions,
            menu_work,
            workflow,  # noqa: F401  (the declaration and its settings)
        )
