"""Password rules of our own."""

from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class NotDemoPasswordValidator:
    """The demo year's shared password is never a real password."""

    def validate(self, password: str, user: object = None) -> None:
        if password == settings.DEMO_PASSWORD:
            raise ValidationError(_("This is the demo password; choose your own."), code="demo")

    def get_help_text(self) -> str:
        return _("Your password cannot be the demo password.")


class ComplexityValidator:
    """At least three kinds of character among: small and capital Latin letters, digits,
    other letters (Chinese characters) and symbols (等保: 口令复杂度)."""

    def __init__(self, kinds: int = 3) -> None:
        self.kinds = kinds

    @staticmethod
    def kinds_in(password: str) -> int:
        found = set()
        for ch in password:
            if ch.isascii() and ch.islower():
                found.add("lower")
            elif ch.isascii() and ch.isupper():
                found.add("upper")
            elif ch.isdigit():
                found.add("digit")
            elif ch.isalpha():
                found.add("letter")
            else:
                found.add("symbol")
        return len(found)

    def validate(self, password: str, user: object = None) -> None:
        if self.kinds_in(password) < self.kinds:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _(
            "Your password must mix at least three of: small letters, capital letters, digits, "
            "Chinese characters and symbols."
        )


class PasswordHistoryValidator:
    """Not one of the last PASSWORD_HISTORY passwords; and every password set is remembered
    (its hash), with whether its owner chose it (see renda.accounts.policy)."""

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or getattr(user, "pk", None) is None or not settings.PASSWORD_HISTORY:
            return
        from renda.audit.models import PasswordHistory

        past = list(
            PasswordHistory.objects.filter(user=user)
            .order_by("-set_at", "-id")
            .values_list("password", flat=True)[: settings.PASSWORD_HISTORY]
        )
        if not past and user.password:
            past = [user.password]
        if any(check_password(password, old) for old in past):
            raise ValidationError(
                _("You used this password recently: choose one you have not used."),
                code="password_reused",
            )

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is None or getattr(user, "pk", None) is None:
            return
        from renda.audit.models import PasswordHistory

        PasswordHistory.objects.create(user=user, password=user.password, set_at=timezone.now())

    def get_help_text(self) -> str:
        return ngettext(
            "Your password cannot be your last one.",
            "Your password cannot be one of your last %(count)d.",
            settings.PASSWORD_HISTORY,
        ) % {"count": settings.PASSWORD_HISTORY}
