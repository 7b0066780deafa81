from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "renda.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from renda.audit import signals  # noqa: F401  (logins, logouts, model changes)
        from renda.core.navigation import add_menu_item

        add_menu_item(_("Audit trail"), "audit:trail", {"auditor"}, order=90)
