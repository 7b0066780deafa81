from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "renda.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from renda.core.navigation import add_menu_item

        everyone = {"staff", "leader", "deputy", "handler", "station"}
        add_menu_item(_("Deputies"), "org:deputies", everyone, order=60)
        add_menu_item(_("Handling units"), "org:units", everyone, order=61)
        add_menu_item(_("Contact stations"), "org:stations", everyone, order=62)
