from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "renda.figures"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("The year in figures")

    def ready(self) -> None:
        from renda.core.navigation import PUBLIC, add_menu_item
        from renda.figures import rules  # noqa: F401  (registers the permissions)

        add_menu_item(_("Cockpit"), "figures:cockpit", {"staff", "leader"}, order=1, group="")
        add_menu_item(
            _("The year in figures"), "figures:stats", {"staff", "leader"}, order=2, group=""
        )
        add_menu_item(_("Figures and open data"), "figures:public", {PUBLIC}, order=48)
