from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "renda.inspections"
    label = "inspections"
    verbose_name = _("Inspections and research")

    def ready(self) -> None:
        from renda.core.navigation import add_menu_item
        from renda.inspections import actions  # noqa: F401  (binds the actions to the workflow)

        add_menu_item(_("Inspections"), "inspections:list", {"staff", "leader"}, order=44)
        add_menu_item(_("Rectification board"), "inspections:board", {"staff", "leader"}, order=45)
        add_menu_item(_("Problems to rectify"), "inspections:unit", {"handler"}, order=44)
        add_menu_item(_("Inspections I joined"), "inspections:mine", {"deputy"}, order=44)
