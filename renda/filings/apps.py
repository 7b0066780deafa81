from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilingsConfig(AppConfig):
    name = "renda.filings"
    label = "filings"
    verbose_name = _("Filing review of normative documents")

    def ready(self) -> None:
        from renda.core.navigation import add_menu_item
        from renda.filings import (
            actions,  # noqa: F401  (binds the actions to the workflows)
            agenda,  # noqa: F401  (what a meeting that hears the annual report does to it)
            history,  # noqa: F401  (the register's own history)
        )

        add_menu_item(_("Filing review"), "filings:home", {"staff", "leader"}, order=40)
        add_menu_item(_("Normative document filings"), "filings:filings", {"handler"}, order=40)
        add_menu_item(_("Normative documents"), "filings:public", {"public"}, order=40)
        add_menu_item(_("Propose a document review"), "filings:propose", {"public"}, order=41)
