"""Constituents' opinions (群众意见建议) and the Open311 client keys that send them; the rules
of an opinion's handling are in workflow.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OpinionCategory(models.TextChoices):
    """What a constituent's opinion is about; the codes are the Open311 service codes."""

    ROADS = "roads", _("Roads and transport")  # 道路交通
    HOUSING = "housing", _("Housing and property")  # 住房物业
    ENVIRONMENT = "environment", _("Environment and sanitation")  # 环境卫生
    WATER = "water", _("Water, power and heating")  # 水电暖气
    EDUCATION = "education", pgettext_lazy("opinion category", "Education")  # 教育
    HEALTH = "health", _("Health and medical care")  # 医疗卫生
    SOCIAL = "social", _("Social security and employment")  # 社保就业
    AGRICULTURE = "agriculture", _("Agriculture and villages")  # 农业农村
    SAFETY = "safety", _("Public safety")  # 公共安全
    GOVERNANCE = "governance", _("Administration and services")  # 政务服务
    OTHER = "other", _("Other")


class OpinionSource(models.TextChoices):
    STATION = "station", _("Recorded at a station")  # 站内登记
    ONLINE = "online", _("Submitted online")  # 网上提交
    APP = "app", _("Through an Open311 application")
    QR = "qr", _("Scanned a QR code")  # 扫码反映: a station's or a deputy's poster


class OpinionState(models.TextChoices):
    RECORDED = "recorded", _("Recorded")  # 已登记
    RESOLVED = "resolved", _("Resolved on the spot")  # 当场解决
    REFERRED = "referred", _("Referred to a unit")  # 已转办
    ANSWERED = "answered", _("Answered by the unit")  # 已答复
    CLOSED = "closed", _("Closed, constituent told")  # 已反馈办结
    DISMISSED = "dismissed", _("Dismissed")  # 不予受理


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")  # 满意
    BASIC = "basic", _("Basically satisfied")  # 基本满意
    DISSATISFIED = "dissatisfied", _("Dissatisfied")  # 不满意


class AnswerKind(models.TextChoices):
    """What the unit's answer does for the constituent; only a solved problem is resolved."""

    SOLVED = "solved", _("Solved")  # 已解决
    PLANNED = "planned", _("Planned: to be solved later")  # 列入计划逐步解决
    EXPLAINED = "explained", _("Explained: cannot be solved now")  # 解释说明


class ToldBy(models.TextChoices):
    PHONE = "phone", _("Phone call")
    MESSAGE = "message", _("Text message")
    VISIT = "visit", _("Visit")
    IN_PERSON = "in_person", _("At the station")
    RECEIPT = "receipt", _("Online, by the receipt code")


class ApiClientKey(models.Model):
    """An Open311 api_key: identifies a station's or an app's submissions. Only its SHA-256
    digest is stored."""

    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    station = models.ForeignKey(
        "org.ContactStation",
        verbose_name=_("contact station"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    digest = models.CharField(max_length=64, unique=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Open311 client key")
        verbose_name_plural = _("Open311 client keys")
        ordering = ["congress", "name"]

    def __str__(self) -> str:
        return self.name


class ConstituentOpinion(models.Model):  # 群众意见建议
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    station = models.ForeignKey(
        "org.ContactStation",
        verbose_name=_("contact station"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="constituent_opinions",
    )
    source = models.CharField(_("source"), max_length=10, choices=OpinionSource.choices)
    client_key = models.ForeignKey(
        ApiClientKey, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The deputy whose poster was scanned (码上见代表); the station is the deputy's.
    deputy = models.ForeignKey(
        "org.Deputy",
        verbose_name=_("deputy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.CharField(_("category"), max_length=20, choices=OpinionCategory.choices)
    place = models.CharField(_("place"), max_length=200, blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    content = models.TextField(_("content"))
    attributes = models.JSONField(_("further answers"), default=dict, blank=True)
    # Personal data: shown to staff and the station's operators only.
    contact_name = models.CharField(_("name"), max_length=40, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    receipt_code = models.CharField(_("receipt code"), max_length=20, unique=True)
    # The constituent asked for text messages (the receipt code, the outcome) at contact_phone.
    sms_opt_in = models.BooleanField(_("text messages asked for"), default=False)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=OpinionState.choices,
        default=OpinionState.RECORDED,
        db_index=True,
    )
    received_at = models.DateTimeField(_("received at"), db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "org.HandlingUnit",
        verbose_name=_("handling unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="constituent_opinions",
    )
    referred_at = models.DateTimeField(_("referred at"), null=True, blank=True)
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answer_kind = models.CharField(
        _("answer kind"), max_length=10, choices=AnswerKind.choices, blank=True
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # What the constituent is told: the on-the-spot resolution, or the answer as passed on.
    outcome = models.TextField(_("outcome"), blank=True)
    told_by = models.CharField(_("told by"), max_length=10, choices=ToldBy.choices, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices, blank=True)
    rating_comment = models.TextField(_("comment on the outcome"), blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("constituent's opinion")
        verbose_name_plural = _("constituents' opinions")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["congress", "received_at"]),
            models.Index(fields=["congress", "state"]),
            models.Index(fields=["unit", "state"]),
        ]

    def __str__(self) -> str:
        return self.content[:40]


def opinion_photo_path(instance: models.Model, filename: str) -> str:
    return f"opinions/{instance.opinion_id}/{filename}"  # type: ignore[attr-defined]


class OpinionPhoto(models.Model):
    """A photo the constituent sent with the opinion, re-encoded without its metadata; private:
    only who keeps or handles the opinion sees it, never a public page."""

    opinion = models.ForeignKey(ConstituentOpinion, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("file"), upload_to=opinion_photo_path)
    thumbnail = models.FileField(_("thumbnail"), upload_to=opinion_photo_path, blank=True)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


def resolved_q() -> Q:
    """Resolved (已解决): on the spot, or closed after a unit's answer that solved it."""
    return Q(state=OpinionState.RESOLVED) | Q(
        state=OpinionState.CLOSED, answer_kind=AnswerKind.SOLVED
    )
