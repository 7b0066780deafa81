from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "renda.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from renda.search.registry import discover

        # Each app's search.py registers its documents and connects the signals that keep
        # their index rows current.
        discover()
