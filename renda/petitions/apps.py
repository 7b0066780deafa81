from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "renda.petitions"
    label = "petitions"
    verbose_name = _("Petitions")

    def ready(self) -> None:
        from renda.core.navigation import add_menu_item
        from renda.petitions import (
            actions,  # noqa: F401  (binds the actions to the workflow)
            routing,  # noqa: F401  (texts for routing, similar cases)
        )

        # The register is the petitions office's; other staff find nothing there (the pages
        # ask the rules, the menu only the role).
        add_menu_item(_("Petitions"), "petitions:register", {"staff"}, order=41)
        add_menu_item(_("Key petitions"), "petitions:key", {"leader"}, order=41)
        add_menu_item(_("Petitions to answer"), "petitions:unit", {"handler"}, order=41)
        add_menu_item(
            _("Petitions from my constituency"), "petitions:station", {"deputy"}, order=41
        )
        add_menu_item(_("Petition online"), "petitions:public_new", {"public"}, order=42)
        add_menu_item(_("Follow my petition"), "petitions:public_track", {"public"}, order=43)
