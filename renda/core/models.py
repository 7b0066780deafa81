"""The workflow core's tables: events, deadlines, notifications and the holiday calendar."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from renda.core.text import phrase


class AppendOnlyError(Exception):
    pass


class EventQuerySet(models.QuerySet["Event"]):
    """Events are never changed or deleted in bulk either."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("events are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("events are append-only")

    def purge_demo(self) -> int:
        """The one exception: `renda demo` deletes the demo congresses' history to rebuild it."""
        from django.conf import settings

        if settings.PRODUCTION:
            raise AppendOnlyError("events are never deleted in production")
        return self._raw_delete(self.db)


class Event(models.Model):
    """One action taken on a case: who, when, from which state to which, with what.

    Append-only: the history of events is the source for timelines, statistics and the
    deputies' performance records, so it is never edited or deleted.
    """

    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=60)
    from_state = models.CharField(_("from state"), max_length=40, blank=True)
    to_state = models.CharField(_("to state"), max_length=40, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), db_index=True)
    comment = models.TextField(_("comment"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "at"]),
            models.Index(fields=["congress", "action", "at"]),
            models.Index(fields=["actor", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} @ {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("events are append-only")


class Deadline(models.Model):
    """A date by which someone must act on a case. `renda remind` warns before and after it."""

    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=40)
    # What is due, as the untranslated message (gettext_noop) and its values: shown in the
    # viewer's language (see `label`), not the language of whoever opened it.
    what = models.CharField(_("what is due"), max_length=200)
    params = models.JSONField(_("values"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"))
    # Who must act: one user, the officers of a unit, the operators of a station, or a role
    # of the congress (e.g. all staff).
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    responsible_unit = models.ForeignKey(
        "org.HandlingUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    responsible_station = models.ForeignKey(
        "org.ContactStation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    responsible_role = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    soon_warned_at = models.DateTimeField(null=True, blank=True)
    overdue_warned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["congress", "closed_at", "due_date"]),
            models.Index(fields=["content_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.due_date})"

    @property
    def label(self) -> str:
        """What is due, in the current language, as a phrase that sentences are built around
        ("Waiting for you: <label>, by <date>."): it never ends in a full stop or a comma."""
        text = gettext(self.what)
        if not self.params:
            return phrase(text)
        try:
            return phrase(text % self.params)
        except (KeyError, TypeError, ValueError):  # a translation that lost a placeholder
            return phrase(self.what % self.params)


class Notification(models.Model):
    """An in-app message to one user; also e-mailed when the user has an address."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "created_at"])]

    def __str__(self) -> str:
        return self.title


class HolidayNotice(models.Model):
    """A year's holiday arrangement as published by the State Council (国务院办公厅通知).

    Entered by staff for a year the bundled calendar does not cover yet. National, so it
    belongs to no single congress; `entered_by` says who typed it in.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("notice title"), max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("holiday notice")
        verbose_name_plural = _("holiday notices")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"


class HolidayDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday")
        WORKDAY = "workday", _("Make-up workday")

    notice = models.ForeignKey(HolidayNotice, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("holiday"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("holiday or make-up day")
        verbose_name_plural = _("holidays and make-up days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class Satisfaction(models.TextChoices):
    """The three answers of a satisfaction poll (满意度测评) and of a deputy's evaluation."""

    SATISFIED = "satisfied", _("Satisfied")  # 满意
    BASIC = "basic", _("Basically satisfied")  # 基本满意
    DISSATISFIED = "dissatisfied", _("Dissatisfied")  # 不满意


class Poll(models.Model):
    """A satisfaction poll (满意度测评) of standing committee members on one subject: a key
    suggestion's handling, a department at a special inquiry, the answer to deliberation
    opinions. One engine for every domain (renda/core/polls.py); the case it belongs to (whose
    timeline records it and whose deadlines ask members to vote) is named generically, the
    domain's own row points at its poll."""

    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("title"), max_length=200)
    report = models.TextField(_("report heard"), blank=True)
    url = models.CharField(_("link"), max_length=200, blank=True)  # where members vote
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("satisfaction poll")
        verbose_name_plural = _("satisfaction polls")
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["congress", "closed_at"]),
        ]

    def __str__(self) -> str:
        return self.title


class PollVote(models.Model):
    """One member's vote; pages and reports show a poll's counts, never who voted how."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("vote"), max_length=15, choices=Satisfaction.choices)
    voted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("poll vote")
        verbose_name_plural = _("poll votes")
        constraints = [models.UniqueConstraint(fields=["poll", "voter"], name="poll_vote_once")]

    def __str__(self) -> str:
        return self.get_result_display()


# The outbox and the channel preferences live in their own module (notifications by e-mail, SMS).
from renda.core.models_notify import Channel as Channel  # noqa: E402
from renda.core.models_notify import NotificationPreference as NotificationPreference  # noqa: E402
from renda.core.models_notify import OutboxStatus as OutboxStatus  # noqa: E402
from renda.core.models_notify import OutgoingMessage as OutgoingMessage  # noqa: E402
