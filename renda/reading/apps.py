from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadingConfig(AppConfig):
    name = "renda.reading"
    label = "reading"
    verbose_name = _("Reading help")

    def ready(self) -> None:
        from renda.core.navigation import STATIONS, add_menu_item
        from renda.reading import themes_rules  # noqa: F401  (the hot topics' permission)

        add_menu_item(_("Hot topics"), "reading:themes", {"staff", "leader"}, 45, group=STATIONS)
