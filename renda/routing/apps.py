from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutingConfig(AppConfig):
    name = "renda.routing"
    label = "routing"
    verbose_name = _("Routing and similar cases")

    def ready(self) -> None:
        from renda.core.navigation import add_menu_item

        add_menu_item(_("Routing proposals"), "routing:accepted", {"staff", "leader"}, order=80)
