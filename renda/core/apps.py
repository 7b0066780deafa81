from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "renda.core"
    label = "core"
    verbose_name = _("Workflow core")

    def ready(self) -> None:
        from renda.core import checks  # noqa: F401  (registers the production checks)
        from renda.core.navigation import add_menu_item, count_waiting, deadlines_in

        signed_in = {"staff", "leader", "deputy", "handler", "station"}
        add_menu_item(_("Home"), "core:home", signed_in | {"public"}, order=0)
        add_menu_item(_("Notifications"), "core:notifications", signed_in, order=90)
        add_menu_item(_("Holiday calendar"), "core:calendar", {"staff"}, order=95)

        # What waits beside the menu's entries: the user's open deadlines on each app's cases
        # (core.deadlines), by the entries' URL names.
        for app, names in {
            "suggestions": ("suggestions:unit", "suggestions:mine"),
            "opinions": ("opinions:opinions", "opinions:opinion_station", "opinions:opinion_unit"),
            "legislation": ("legislation:topic_list", "legislation:consultations"),
            "meetings": ("meetings:list",),
            "filings": ("filings:home", "filings:filings"),
            "petitions": ("petitions:register", "petitions:key", "petitions:unit"),
        }.items():
            for name in names:
                count_waiting(name, deadlines_in(app))
