"""Petitions (信访) to the standing committee: the petitions office's officers, the petitions
with their petitioners (private), the leaders' instructions on key cases, the deputies a
petition is passed to and their follow-up; the rules are in workflow.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext.db.models.manager import RelatedManager


class PetitionOfficer(models.Model):  # 信访工作人员: the staff of the petitions office
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="petitions_officer",
    )
    since = models.DateField(_("since"))

    class Meta:
        verbose_name = _("petitions officer")
        verbose_name_plural = _("petitions officers")
        ordering = ["congress", "since"]

    def __str__(self) -> str:
        return str(self.user)


class Channel(models.TextChoices):
    LETTER = "letter", _("Letter")  # 来信
    VISIT = "visit", _("Visit to the office")  # 来访
    PHONE = "phone", _("Phone call")  # 来电
    ONLINE = "online", _("Online")  # 网上信访


class PetitionCategory(models.TextChoices):
    LAND = "land", _("Land and housing expropriation")
    LABOUR = "labour", _("Labour and social security")
    URBAN = "urban", _("Urban construction and management")
    JUDICIAL = "judicial", _("Courts and procuratorates")
    ENVIRONMENT = "environment", _("Environment")
    EDUCATION_HEALTH = "education_health", _("Education and health")
    AGRICULTURE = "agriculture", _("Agriculture and villages")
    TRANSPORT = "transport", _("Transport")
    OTHER = "other", _("Other")


class PetitionState(models.TextChoices):
    RECEIVED = "received", _("Received, to accept")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    HANDLING = "handling", _("Being handled")
    ANSWERED = "answered", _("Answered")
    REVIEW_REQUESTED = "review_requested", _("Review requested")
    REVIEWED = "reviewed", _("Reviewed")
    CLOSED = "closed", _("Concluded")


class HandlingMode(models.TextChoices):
    DIRECT = "direct", _("Handled by the petitions office")  # 直接办理
    FORWARD = "forward", _("Forwarded to the body competent")  # 转送
    ASSIGN = "assign", _("Assigned, with a report required")  # 交办


class AnswerResult(models.TextChoices):
    """The handling opinion (处理意见) of the 信访工作条例."""

    SUPPORTED = "supported", _("Supported")  # 予以支持
    EXPLAINED = "explained", _("Explained")  # 解释说明
    NOT_SUPPORTED = "not_supported", _("Not supported")  # 不予支持


class ReviewResult(models.TextChoices):
    UPHELD = "upheld", _("The answer stands")  # 维持
    CHANGED = "changed", _("The answer is changed")  # 变更


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASIC = "basic", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


class Petition(models.Model):  # 信访事项
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    receipt_code = models.CharField(_("receipt code"), max_length=20, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    received_at = models.DateTimeField(_("received at"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("matter"), max_length=200)
    content = models.TextField(_("what the petitioner asks"))
    category = models.CharField(_("category"), max_length=20, choices=PetitionCategory.choices)
    area = models.ForeignKey(
        "org.Congress",
        verbose_name=_("county-level area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    people = models.PositiveSmallIntegerField(_("number of people"), default=1)  # 集体访: 5+
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("repeats the petition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repeats",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=PetitionState.choices, default=PetitionState.RECEIVED
    )
    accept_due = models.DateField(_("to decide by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("what the petitioner was told"), blank=True)
    mode = models.CharField(_("handling"), max_length=10, choices=HandlingMode.choices, blank=True)
    unit = models.ForeignKey(
        "org.HandlingUnit",
        verbose_name=_("handling unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answer_due = models.DateField(_("to answer by"), null=True, blank=True)
    extended_days = models.PositiveSmallIntegerField(_("days of extension"), default=0)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    answer = models.TextField(_("written answer"), blank=True)
    answer_result = models.CharField(
        _("handling opinion"), max_length=20, choices=AnswerResult.choices, blank=True
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The last day to ask for a review (复查) of the answer, or a re-examination (复核).
    window_ends = models.DateField(_("review may be asked until"), null=True, blank=True)
    review_round = models.PositiveSmallIntegerField(_("review round"), default=0)  # 1 复查, 2 复核
    review_reason = models.TextField(_("why a review is asked"), blank=True)
    review_due = models.DateField(_("review due"), null=True, blank=True)
    review_body = models.CharField(_("reviewing body"), max_length=100, blank=True)
    review_answer = models.TextField(_("review opinion"), blank=True)
    review_result = models.CharField(
        _("review result"), max_length=10, choices=ReviewResult.choices, blank=True
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # 督办: a key case a standing committee leader supervises.
    is_key = models.BooleanField(_("key case"), default=False)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervising leader"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices, blank=True)
    rating_comment = models.TextField(_("comment on the rating"), blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)

    if TYPE_CHECKING:
        petitioners: RelatedManager[Petitioner]
        instructions: RelatedManager[Instruction]
        referrals: RelatedManager[StationReferral]
        follow_ups: RelatedManager[DeputyFollowUp]

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "year", "number"], name="petition_number_once"
            )
        ]
        indexes = [
            models.Index(fields=["congress", "state", "received_at"]),
            models.Index(fields=["congress", "unit", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.number:03d} {self.title}"

    @property
    def collective(self) -> bool:
        """集体访: five people or more."""
        return self.people >= 5


class Petitioner(models.Model):  # 信访人: private, for the petitions office only
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="petitioners")
    name = models.CharField(_("name"), max_length=40)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("petitioner")
        verbose_name_plural = _("petitioners")
        ordering = ["petition", "id"]

    def __str__(self) -> str:
        return self.name


class Instruction(models.Model):  # 领导批示 on a key case, and what was done on it
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="instructions")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("instruction"))
    given_at = models.DateTimeField(_("given at"))
    follow_up = models.TextField(_("what was done"), blank=True)
    followed_up_at = models.DateTimeField(null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("instruction")
        verbose_name_plural = _("instructions")
        ordering = ["petition", "given_at", "id"]

    def __str__(self) -> str:
        return self.text[:40]


class StationReferral(models.Model):  # a petition passed to the deputies of a contact station
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="referrals")
    station = models.ForeignKey(
        "org.ContactStation",
        verbose_name=_("contact station"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    referred_at = models.DateTimeField(_("passed on at"))
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("petition passed to a station")
        verbose_name_plural = _("petitions passed to stations")
        ordering = ["petition", "referred_at"]
        constraints = [
            models.UniqueConstraint(fields=["petition", "station"], name="petition_station_once")
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} → {self.station_id}"


class DeputyFollowUp(models.Model):  # 代表跟进: a deputy's act in their performance record
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="follow_ups")
    deputy = models.ForeignKey(
        "org.Deputy", verbose_name=_("deputy"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))
    notes = models.TextField(_("what the deputy did"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deputy's follow-up")
        verbose_name_plural = _("deputies' follow-ups")
        ordering = ["petition", "date", "id"]
        indexes = [models.Index(fields=["deputy", "date"])]

    def __str__(self) -> str:
        return f"{self.deputy_id} {self.date}"
