"""The audit trail (安全审计): who logged in, failed, left, was issued or lost a token, saw a
person's unmasked data, downloaded personal data, or changed accounts, roles and settings.

Append-only like the workflow core's events: nobody changes or deletes a record through the
app, and `renda audit_purge` alone removes records older than the retention period."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import AppendOnlyError

__all__ = ["AppendOnlyError", "Kind", "PasswordHistory", "Record"]


class Kind(models.TextChoices):
    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logout")
    SECOND_FACTOR_FAILED = "otp_failed", _("Wrong two-factor code")
    SECOND_FACTOR_SET = "otp_set", _("Two-factor login set up or removed")
    PASSWORD_CHANGED = "password", _("Password changed")
    TOKEN_ISSUED = "token_issued", _("API token issued")
    TOKEN_REVOKED = "token_revoked", _("API token revoked")
    PERSONAL_DATA = "personal_data", _("Personal data viewed")
    DOWNLOAD = "download", _("Export or download")
    ADMIN_CHANGE = "admin_change", _("Change in the administration")
    PERMISSION_CHANGE = "permission", _("Role or permission change")
    SETTINGS_CHANGE = "settings", _("Settings change")
    BACKUP = "backup", _("Backup or restore")
    LANGUAGE_MODEL = "llm", _("Language model call")


class RecordQuerySet(models.QuerySet["Record"]):
    """Never changed or deleted in bulk either."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("audit records are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit records are append-only")

    def purge_before(self, cutoff: Any) -> int:
        """The one way out: `renda audit_purge` removes what the retention period no longer
        asks to keep (the caller checks the cutoff against the setting)."""
        return self.filter(at__lt=cutoff)._raw_delete(self.db)


class Record(models.Model):
    """One security-relevant act. The actor and congress are kept as plain ids (no database
    constraint, nothing cascades): the record outlives the account it names."""

    at = models.DateTimeField(_("at"), db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # The name as typed (a failed login names no account) or the actor's at the time.
    username = models.CharField(_("user name"), max_length=150, blank=True)
    congress = models.ForeignKey(
        "org.Congress",
        verbose_name=_("congress"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=200, blank=True)
    target = models.CharField(_("about"), max_length=200, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["kind", "at"]),
            models.Index(fields=["actor", "at"]),
            models.Index(fields=["congress", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.username} @ {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("audit records are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("audit records are append-only")


class PasswordHistory(models.Model):
    """The hashes of a user's past passwords (for "not one of the last five") and who chose
    each: a password set by an administrator must be changed at the next login."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history"
    )
    password = models.CharField(max_length=128)  # the hash, as Django stores it
    set_at = models.DateTimeField(db_index=True)
    chosen_by_owner = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("past password")
        verbose_name_plural = _("past passwords")
        ordering = ["-set_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.set_at:%Y-%m-%d}"
