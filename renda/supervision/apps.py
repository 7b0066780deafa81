from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "renda.supervision"
    label = "supervision"
    verbose_name = _("Supervision")

    def ready(self) -> None:
        from renda.supervision import (
            actions,  # noqa: F401  (binds the actions to the workflows)
            agenda,  # noqa: F401  (what a meeting that hears a report does to it)
        )
