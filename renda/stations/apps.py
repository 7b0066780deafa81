"""The stations app: contact stations' work (代表联络站): activities, duty records and
trainings."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationsConfig(AppConfig):
    name = "renda.stations"
    label = "stations"
    verbose_name = _("Contact stations")

    def ready(self) -> None:
        from renda.stations import (  # noqa: F401
            menu,  # menu entries
            workflow,  # what the timeline says of each record's events
        )
