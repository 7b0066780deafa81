"""Contact stations' work (代表联络站): activities, duty records with photos and trainings.
Constituents' opinions are the opinions app's; standing committee meetings deputies attend
without a vote, with their forums, the meetings app's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from renda.org.models import Deputy


class ActivityKind(models.TextChoices):
    STUDY = "study", _("Study")  # 集中学习
    BRIEFING = "briefing", _("Briefing")  # 情况通报
    RESEARCH = "research", _("Research")  # 调研
    RECEPTION = "reception", pgettext_lazy("activity kind", "Reception day")  # 接待选民日
    INSPECTION = "inspection", _("Inspection visit")  # 视察
    OTHER = "other", _("Other activity")


class Activity(models.Model):  # 联络站活动
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    station = models.ForeignKey(
        "org.ContactStation",
        verbose_name=_("contact station"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    date = models.DateField(_("date"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    deputies: models.ManyToManyField[Deputy, ActivityAttendance] = models.ManyToManyField(
        "org.Deputy",
        through="ActivityAttendance",
        verbose_name=_("deputies"),
        related_name="station_activities",
    )
    constituents_received = models.PositiveIntegerField(_("constituents received"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("station activity")
        verbose_name_plural = _("station activities")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["congress", "date"])]

    def __str__(self) -> str:
        return self.title


class ActivityAttendance(models.Model):  # a deputy taking part in an activity
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendances")
    deputy = models.ForeignKey(
        "org.Deputy", verbose_name=_("deputy"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("activity attendance")
        verbose_name_plural = _("activity attendances")
        ordering = ["activity", "deputy"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "deputy"], name="activity_deputy_once")
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.deputy_id}"


class DutyRecord(models.Model):  # 履职信息: what a deputy or a station did, with photos
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    deputy = models.ForeignKey(
        "org.Deputy",
        verbose_name=_("deputy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duty_records",
    )
    station = models.ForeignKey(
        "org.ContactStation",
        verbose_name=_("contact station"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duty_records",
    )
    date = models.DateField(_("date"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("duty record")
        verbose_name_plural = _("duty records")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deputy__isnull=False) | Q(station__isnull=False),
                name="duty_record_has_author",
            )
        ]

    def __str__(self) -> str:
        return self.title


def duty_photo_path(instance: models.Model, filename: str) -> str:
    return f"stations/duty/{instance.record_id}/{filename}"  # type: ignore[attr-defined]


class DutyPhoto(models.Model):
    record = models.ForeignKey(DutyRecord, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("file"), upload_to=duty_photo_path)
    # A small JPEG for lists, made when the photo is re-encoded (empty for older photos).
    thumbnail = models.FileField(_("thumbnail"), upload_to=duty_photo_path, blank=True)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Training(models.Model):  # 代表培训
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("start date"), db_index=True)
    end_date = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    deputies: models.ManyToManyField[Deputy, TrainingAttendance] = models.ManyToManyField(
        "org.Deputy",
        through="TrainingAttendance",
        verbose_name=_("deputies trained"),
        related_name="trainings",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="training_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title


class TrainingAttendance(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="attendances")
    deputy = models.ForeignKey(
        "org.Deputy", verbose_name=_("deputy"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("training attendance")
        verbose_name_plural = _("training attendances")
        ordering = ["training", "deputy"]
        constraints = [
            models.UniqueConstraint(fields=["training", "deputy"], name="training_deputy_once")
        ]

    def __str__(self) -> str:
        return f"{self.training_id}: {self.deputy_id}"


class CorrectionState(models.TextChoices):
    PENDING = "pending", _("waiting for staff")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")


class Correction(models.Model):  # 更正申请: a correction asked for after the window
    """A correction of an activity or a duty record asked for by who recorded it after the
    correction window: staff approve it (it is then applied, with its event) or refuse it."""

    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="corrections"
    )
    duty_record = models.ForeignKey(
        DutyRecord, null=True, blank=True, on_delete=models.CASCADE, related_name="corrections"
    )
    changes = models.JSONField(_("changes"))  # field -> the new value, as the API takes it
    reason = models.TextField(_("reason"))
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=CorrectionState.choices,
        default=CorrectionState.PENDING,
        db_index=True,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.TextField(_("staff's note"), blank=True)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["congress", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(activity__isnull=False) | Q(duty_record__isnull=False),
                name="correction_has_record",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pk}: {self.state}"

    @property
    def record(self) -> Activity | DutyRecord:
        return self.activity or self.duty_record  # type: ignore[return-value]
