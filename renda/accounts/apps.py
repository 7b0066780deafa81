from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "renda.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from renda.accounts import policy  # noqa: F401  (the steps decided at login)
