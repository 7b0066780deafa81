"""Users, their role in one congress, and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Staff")  # officers of the standing committee's working bodies
    LEADER = "leader", _("Leader")  # standing committee members, chair's council
    DEPUTY = "deputy", _("Deputy")
    HANDLER = "handler", _("Handler")  # officer of a handling unit
    STATION = "station", _("Station operator")
    # Separation of duties (三员分立): three administrators, none of whom does the others' work.
    SYSADMIN = "sysadmin", _("System administrator")  # 系统管理员: accounts, organisation
    SECADMIN = "secadmin", _("Security administrator")  # 安全管理员: roles, rights, 2FA
    AUDITOR = "auditor", _("Security auditor")  # 安全审计员: reads the audit trail


class User(AbstractUser):
    """A person who logs in. Acts only inside one congress, in one role.

    The public (not logged in) is the sixth role and has no row here.
    """

    congress = models.ForeignKey(
        "org.Congress",
        verbose_name=_("congress"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, blank=True)
    title = models.CharField(_("post"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    body = models.ForeignKey(
        "org.Body",
        verbose_name=_("working body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    deputy = models.ForeignKey(
        "org.Deputy",
        verbose_name=_("deputyship"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    unit = models.ForeignKey(
        "org.HandlingUnit",
        verbose_name=_("handling unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officers",
    )
    station = models.ForeignKey(
        "org.ContactStation",
        verbose_name=_("contact station"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="operators",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=Q(role="") | Q(congress__isnull=False),
                name="user_role_needs_congress",
            ),
            models.CheckConstraint(
                condition=~Q(role="deputy") | Q(deputy__isnull=False),
                name="user_deputy_needs_deputyship",
            ),
            models.CheckConstraint(
                condition=~Q(role="handler") | Q(unit__isnull=False),
                name="user_handler_needs_unit",
            ),
            models.CheckConstraint(
                condition=~Q(role="station") | Q(station__isnull=False),
                name="user_station_needs_station",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        # Chinese names: family name first, no space.
        return f"{self.last_name}{self.first_name}".strip()

    @property
    def display_name(self) -> str:
        return str(self)


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(32)

    @staticmethod
    def digest_of(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()
