"""Password rules of our own."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class NotDemoPasswordValidator:
    """The demo year's shared password is never a real password."""

    def validate(self, password: str, user: object = None) -> None:
        if password == settings.DEMO_PASSWORD:
            raise ValidationError(_("This is the demo password; choose your own."), code="demo")

    def get_help_text(self) -> str:
        return _("Your password cannot be the demo password.")
