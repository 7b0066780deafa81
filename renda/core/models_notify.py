"""The tables behind notifications by e-mail and SMS: the outbox (every message to send, its
attempts and its result, which is also the log) and each user's channel preferences."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")  # to be sent at next_try (quiet hours, a retry)
    SENDING = "sending", _("Being sent")  # claimed by one worker until next_try
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")  # every attempt failed; nobody tries again


class OutgoingMessage(models.Model):
    """One e-mail or text message to send. The key (a notification and its channel, or a
    constituent's opinion and the step) is unique: the same message is never queued twice;
    a worker claims a row with a conditional update, so two workers never both send it."""

    key = models.CharField(_("key"), max_length=100, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=20, blank=True)
    notification = models.ForeignKey(
        "core.Notification", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Personal data: a phone or an address. Masked in the admin for whoever does not run it.
    to = models.CharField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    # Urgent messages are not held for the quiet hours.
    urgent = models.BooleanField(_("urgent"), default=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_try = models.DateTimeField(_("next try"))
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_try"], name="core_outbox_due")]

    def __str__(self) -> str:
        return self.key


class NotificationPreference(models.Model):
    """How one user wants to be told: in the application always; by e-mail and SMS for the
    kinds listed; e-mail and SMS held during the quiet hours (none when both are empty)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_kinds = models.JSONField(_("by e-mail"), default=list, blank=True)
    sms_kinds = models.JSONField(_("by text message"), default=list, blank=True)
    quiet_start = models.TimeField(
        _("quiet hours from"), null=True, blank=True, default=datetime.time(22, 0)
    )
    quiet_end = models.TimeField(
        _("quiet hours until"), null=True, blank=True, default=datetime.time(7, 0)
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)
