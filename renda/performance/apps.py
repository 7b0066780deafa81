"""The performance app: deputies' performance records and their evaluation (履职档案, 履职评价)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "renda.performance"
    label = "performance"
    verbose_name = _("Deputy performance")

    def ready(self) -> None:
        from renda.performance import menu  # noqa: F401  (menu entries)
