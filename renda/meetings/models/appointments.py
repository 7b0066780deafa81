"""Appointments and removals (任免): the offices the standing committee fills, the persons
proposed, the proposals and each person's vote, statement, law exam and oath, and the
register of who holds which office since when."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Office(models.Model):  # 职务: a post the standing committee appoints to
    class Organization(models.TextChoices):
        GOVERNMENT = "government", _("People's government")  # 人民政府
        COURT = "court", _("Intermediate people's court")  # 中级人民法院
        PROCURATORATE = "procuratorate", _("People's procuratorate")  # 人民检察院
        CONGRESS = "congress", _("Standing committee and its bodies")  # 人大常委会
        SUPERVISORY = "supervisory", _("Supervisory commission")  # 监察委员会

    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    organization = models.CharField(_("organization"), max_length=20, choices=Organization.choices)
    organization_name = models.CharField(_("organization's name"), max_length=100)
    title = models.CharField(_("office"), max_length=100)  # 副市长, 审判员…
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["organization", "organization_name", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "organization_name", "title"], name="office_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_name}{self.title}"


class Appointee(models.Model):  # 任免对象: a person proposed for appointment or removal
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=40)
    gender = models.CharField(
        _("gender"), max_length=1, choices=[("M", _("Male")), ("F", _("Female"))]
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=20, blank=True)
    party = models.CharField(_("party"), max_length=40, blank=True)
    education = models.CharField(_("education"), max_length=60, blank=True)
    summary = models.TextField(_("career summary"), blank=True)  # 简历

    class Meta:
        verbose_name = _("person proposed")
        verbose_name_plural = _("persons proposed")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Proposer(models.TextChoices):
    MAYOR = "mayor", _("The mayor")  # 市长
    COURT = "court", _("The court's president")  # 中级人民法院院长
    PROCURATOR = "procurator", _("The procurator-general")  # 人民检察院检察长
    CHAIR_COUNCIL = "chair_council", _("The chair's council")  # 主任会议


class ProposalState(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("appointment proposal", "Received")  # 收到提请
    REVIEWED = "reviewed", _("Reviewed by the chair's council")  # 主任会议审议
    TABLED = "tabled", _("On a meeting's agenda")  # 提请常委会审议
    DECIDED = "decided", _("Decided")  # 已表决


class AppointmentProposal(models.Model):  # 提请任免: one letter proposing one or more persons
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    proposer = models.CharField(_("proposed by"), max_length=20, choices=Proposer.choices)
    title = models.CharField(_("title"), max_length=200)
    received_on = models.DateField(_("received on"))
    state = models.CharField(
        _("state"), max_length=10, choices=ProposalState.choices, default=ProposalState.RECEIVED
    )
    review_note = models.TextField(_("chair's council's review"), blank=True)
    item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("appointment proposal")
        verbose_name_plural = _("appointment proposals")
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return self.title


class NominationAction(models.TextChoices):
    APPOINT = "appoint", pgettext_lazy("appointment", "Appoint")  # 任命
    REMOVE = "remove", pgettext_lazy("appointment", "Remove")  # 免职
    RESIGN = "resign", pgettext_lazy("appointment", "Accept resignation")  # 接受辞职
    DISMISS = "dismiss", pgettext_lazy("appointment", "Dismiss")  # 撤职


class Outcome(models.TextChoices):
    PENDING = "pending", _("Not voted yet")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Not passed")


class Nomination(models.Model):  # one person of a proposal, voted on by name or secretly
    proposal = models.ForeignKey(
        AppointmentProposal, on_delete=models.CASCADE, related_name="nominations"
    )
    appointee = models.ForeignKey(
        Appointee, verbose_name=_("person"), on_delete=models.PROTECT, related_name="nominations"
    )
    action = models.CharField(_("action"), max_length=10, choices=NominationAction.choices)
    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="nominations"
    )
    current_office = models.CharField(_("current office"), max_length=200, blank=True)
    statement_on = models.DateField(_("statement made on"), null=True, blank=True)  # 供职发言
    law_exam_on = models.DateField(_("law exam taken on"), null=True, blank=True)  # 法律知识考试
    law_exam_passed = models.BooleanField(_("law exam passed"), null=True, blank=True)
    vote = models.ForeignKey(
        "meetings.Vote", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    oath_on = models.DateField(_("oath taken on"), null=True, blank=True)  # 宪法宣誓

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["proposal", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.appointee} · {self.office}"


class Tenure(models.Model):  # who holds which office since when (Popolo membership)
    appointee = models.ForeignKey(Appointee, on_delete=models.PROTECT, related_name="tenures")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="tenures")
    start_date = models.DateField(_("since"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    appointed_by = models.ForeignKey(
        Nomination, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_by = models.ForeignKey(
        Nomination, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tenure")
        verbose_name_plural = _("tenures")
        ordering = ["office", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="tenure_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.appointee} · {self.office}"
