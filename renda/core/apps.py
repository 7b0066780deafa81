from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "renda.core"
    label = "core"
    verbose_name = _("Workflow core")

    def ready(self) -> None:
        from renda.core import checks  # noqa: F401  (registers the production checks)
