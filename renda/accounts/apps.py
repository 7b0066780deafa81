from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "renda.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from renda.accounts import policy, revocation  # noqa: F401 - connect their receivers
        from renda.accounts.middleware import mark_refreshed

        user_logged_in.connect(mark_refreshed, dispatch_uid="renda_session_refreshed")
