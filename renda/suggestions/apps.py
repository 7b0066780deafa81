from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    name = "renda.suggestions"
    label = "suggestions"
    verbose_name = _("Suggestions and motions")

    def ready(self) -> None:
        from renda.core.navigation import add_menu_item
        from renda.suggestions import (
            actions,  # noqa: F401  (binds the actions to the workflow)
            agenda,  # noqa: F401  (key suggestions' polls at the meeting hearing their report)
            reading,  # noqa: F401  (the reply check: the text a reply answers)
            routing,  # noqa: F401  (texts for routing, similar cases)
        )
        from renda.suggestions.supervision import menu  # noqa: F401  (staff and leaders' entries)

        add_menu_item(_("My suggestions"), "suggestions:mine", {"deputy"}, order=10)
        add_menu_item(_("Submit a suggestion"), "suggestions:write", {"deputy"}, order=11)
        add_menu_item(_("Suggestions to handle"), "suggestions:unit", {"handler"}, order=10)
        add_menu_item(
            _("Published suggestions and replies"), "suggestions:public", {"public"}, order=20
        )
