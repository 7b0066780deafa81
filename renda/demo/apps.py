"""The demo year (2024 of the Jinzhong city congress): `renda demo` builds it, refused in
production. An app of its own so that nothing of the platform's kernel depends on it."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "renda.demo"
    label = "demo"
    verbose_name = _("Demo year")
