from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SupervisionConfig(AppConfig):
    name = "renda.supervision"
    label = "supervision"
    verbose_name = _("Supervision")

    def ready(self) -> None:
        from renda.core.navigation import add_menu_item
        from renda.supervision import (
            actions,  # noqa: F401  (binds the actions to the workflows)
            agenda,  # noqa: F401  (what a meeting that hears a report does to it)
        )

        add_menu_item(
            pgettext_lazy("supervision menu", "Supervision"),
            "supervision:home",
            {"staff", "leader"},
            order=35,
        )
        add_menu_item(_("Deliberation opinions"), "supervision:opinions", {"handler"}, order=35)
        add_menu_item(_("Special inquiries"), "supervision:inquiries", {"handler"}, order=36)
        add_menu_item(_("Supervision reports"), "supervision:public", {"public"}, order=35)
