"""Supervision (监督) by the standing committee: the year's plan (年度监督工作计划), the reports
it hears (听取审议报告) with their research beforehand, the deliberation opinions (审议意见)
sent to the government or body and their points tracked to done, and special inquiries
(专题询问) of departments with satisfaction polls. The rules are in workflow.py.

The inspections app links its inspections to plan items and has its inspection report heard
as a Report of kind INSPECTION (it imports this app; this app never imports it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext.db.models.manager import RelatedManager


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted by the chair's council")


class SupervisionPlan(models.Model):  # 年度监督工作计划
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    state = models.CharField(
        _("state"), max_length=10, choices=PlanState.choices, default=PlanState.DRAFT
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_at_meeting = models.CharField(_("adopted at"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"))

    if TYPE_CHECKING:
        items: RelatedManager[PlanItem]

    class Meta:
        verbose_name = _("supervision plan")
        verbose_name_plural = _("supervision plans")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "year"], name="supervision_plan_once")
        ]

    def __str__(self) -> str:
        return self.title


class PlanKind(models.TextChoices):
    HEAR = "hear", _("Hear and deliberate a report")  # 听取审议
    INSPECT = "inspect", _("Law-enforcement inspection")  # 执法检查
    RESEARCH = "research", _("Thematic research")  # 专题调研
    INQUIRE = "inquire", _("Special inquiry")  # 专题询问


class PlanItem(models.Model):  # one item of the year's plan
    plan = models.ForeignKey(SupervisionPlan, on_delete=models.CASCADE, related_name="items")
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=10, choices=PlanKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.ForeignKey(
        "org.Body",
        verbose_name=_("committee in charge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    month = models.PositiveSmallIntegerField(_("month planned"))
    meeting = models.CharField(_("meeting it goes to"), max_length=200, blank=True)
    # Added during the year, after the plan was adopted (e.g. on the party committee's request).
    added_during_year = models.BooleanField(_("added during the year"), default=False)
    added_reason = models.CharField(_("why it was added"), max_length=200, blank=True)
    dropped = models.BooleanField(_("dropped"), default=False)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan", "month", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_item_number_once")
        ]

    def __str__(self) -> str:
        return self.title


class ReportKind(models.TextChoices):
    SPECIAL = "special", _("Special work report")  # 专项工作报告
    PLAN = "plan", _("Economic and social development plan")  # 计划执行情况
    BUDGET = "budget", _("Budget execution")  # 预算执行情况
    FINAL_ACCOUNTS = "final_accounts", _("Final accounts")  # 决算
    BUDGET_ADJUSTMENT = "budget_adjustment", _("Budget adjustment plan")  # 预算调整方案
    AUDIT = "audit", _("Audit work report")  # 审计工作报告
    AUDIT_RECTIFICATION = "audit_rectification", _("Rectification of audit findings")  # 审计整改
    STATE_ASSETS = "state_assets", _("State-owned assets: comprehensive report")  # 国资综合报告
    STATE_ASSETS_SPECIAL = "state_assets_special", _("State-owned assets: special report")
    DEBT = "debt", _("Government debt")  # 政府债务
    ENVIRONMENT = "environment", _("Environment and environmental targets")  # 环境状况
    COURT = "court", _("Special report of the court")  # 法院专项报告
    PROCURATORATE = "procuratorate", _("Special report of the procuratorate")  # 检察院专项报告
    REGULATION = "regulation", _("Implementation of a local regulation")  # 法规实施情况
    INSPECTION = "inspection", _("Inspection report")  # 执法检查报告 (from the inspections app)
    ECONOMY = "economy", _("Economic situation analysis")  # 经济形势分析会议


class ReportState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RESEARCHED = "researched", _("Researched")  # 会前调研
    HEARD = "heard", _("Heard")  # 听取审议


class Report(models.Model):  # 听取审议的报告
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=25, choices=ReportKind.choices)
    title = models.CharField(_("title"), max_length=200)
    state = models.CharField(
        _("state"), max_length=12, choices=ReportState.choices, default=ReportState.PLANNED
    )
    plan_item = models.ForeignKey(
        PlanItem,
        verbose_name=_("plan item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    # The body that reports (the government, the court…) and the one the opinions go to.
    unit = models.ForeignKey(
        "org.HandlingUnit",
        verbose_name=_("reporting body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Departments that report too (the economic situation meeting hears nine).
    units = models.ManyToManyField(
        "org.HandlingUnit", verbose_name=_("departments reporting"), blank=True, related_name="+"
    )
    body = models.ForeignKey(
        "org.Body",
        verbose_name=_("committee in charge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    presenter = models.CharField(_("presented by"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    month_planned = models.PositiveSmallIntegerField(_("month planned"), null=True, blank=True)
    researched_on = models.DateField(_("researched on"), null=True, blank=True)
    findings = models.TextField(_("research findings"), blank=True)  # 调研发现
    heard_on = models.DateField(_("heard on"), null=True, blank=True)
    meeting = models.CharField(_("meeting"), max_length=200, blank=True)
    agenda_item_id = models.PositiveBigIntegerField(null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    if TYPE_CHECKING:
        opinions: RelatedManager[DeliberationOpinion]
        asset_figures: RelatedManager[AssetFigure]

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-year", "heard_on", "id"]
        indexes = [
            models.Index(fields=["congress", "year", "state"]),
            models.Index(fields=["congress", "heard_on"]),
        ]

    def __str__(self) -> str:
        return self.title


class AssetCategory(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise state assets")  # 企业国有资产
    FINANCIAL = "financial", _("Financial state assets")  # 金融企业国有资产
    ADMINISTRATIVE = "administrative", _("Administrative and institutional assets")  # 行政事业性
    NATURAL = "natural", _("Natural resource assets")  # 国有自然资源资产


class AssetFigure(models.Model):  # the state-assets figures the government submits, by category
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="asset_figures")
    category = models.CharField(_("category"), max_length=15, choices=AssetCategory.choices)
    # 亿元 (hundred million yuan), as the government's report gives them.
    assets = models.DecimalField(
        _("total assets (100 million yuan)"), max_digits=12, decimal_places=2
    )
    liabilities = models.DecimalField(
        _("total liabilities (100 million yuan)"), max_digits=12, decimal_places=2, default=0
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("state-assets figure")
        verbose_name_plural = _("state-assets figures")
        ordering = ["report", "category"]
        constraints = [
            models.UniqueConstraint(fields=["report", "category"], name="asset_figure_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.assets}"

    @property
    def net_assets(self) -> object:
        return self.assets - self.liabilities


class OpinionState(models.TextChoices):
    DRAFTED = "drafted", _("Drafted")  # 起草
    APPROVED = "approved", _("Approved by the chair's council")  # 主任会议通过
    SENT = "sent", _("Sent, awaiting the report on what was done")  # 交办
    ANSWERED = "answered", _("Answered, to assess")  # 研究处理情况报告
    FOLLOWED_UP = "followed_up", _("Followed up, awaiting a further report")  # 跟踪监督
    CLOSED = "closed", _("Closed")


class Assessment(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASIC = "basic", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


class DeliberationOpinion(models.Model):  # 审议意见
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="opinions")
    unit = models.ForeignKey(
        "org.HandlingUnit", verbose_name=_("sent to"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    state = models.CharField(
        _("state"), max_length=12, choices=OpinionState.choices, default=OpinionState.DRAFTED
    )
    drafted_at = models.DateTimeField(_("drafted at"))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer = models.TextField(_("report on what was done"), blank=True)  # 研究处理情况报告
    assessment = models.CharField(
        _("assessment"), max_length=15, choices=Assessment.choices, blank=True
    )
    assessment_note = models.TextField(_("assessment note"), blank=True)
    rounds = models.PositiveSmallIntegerField(_("follow-up rounds"), default=0)
    poll = models.OneToOneField(
        "core.Poll",
        verbose_name=_("satisfaction poll"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)

    if TYPE_CHECKING:
        points: RelatedManager[OpinionPoint]

    class Meta:
        verbose_name = _("deliberation opinions")
        verbose_name_plural = _("deliberation opinions")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["congress", "state", "due_date"]),
            models.Index(fields=["unit", "state"]),
        ]

    def __str__(self) -> str:
        return self.title


class OpinionPoint(models.Model):  # one point of the opinions, tracked to done (like promises)
    opinion = models.ForeignKey(
        DeliberationOpinion, on_delete=models.CASCADE, related_name="points"
    )
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("point"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_note = models.TextField(_("what was done"), blank=True)

    class Meta:
        verbose_name = _("opinion point")
        verbose_name_plural = _("opinion points")
        ordering = ["opinion", "number"]
        constraints = [
            models.UniqueConstraint(fields=["opinion", "number"], name="opinion_point_once")
        ]

    def __str__(self) -> str:
        return self.text[:40]


class InquiryState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")  # 询问会举行
    CLOSED = "closed", _("Closed")  # results and follow-up recorded


class Inquiry(models.Model):  # 专题询问
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    topic = models.TextField(_("topic"), blank=True)
    plan_item = models.ForeignKey(
        PlanItem,
        verbose_name=_("plan item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=InquiryState.choices, default=InquiryState.PLANNED
    )
    meeting = models.CharField(_("meeting"), max_length=200, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    results = models.TextField(_("results and follow-up"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created at"))

    if TYPE_CHECKING:
        units: RelatedManager[InquiryUnit]

    class Meta:
        verbose_name = _("special inquiry")
        verbose_name_plural = _("special inquiries")
        ordering = ["-year", "-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class InquiryMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")  # 现场询问
    WRITTEN = "written", _("In writing")  # 书面询问


class InquiryUnit(models.Model):  # a department asked at an inquiry
    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(
        "org.HandlingUnit", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    mode = models.CharField(_("how"), max_length=10, choices=InquiryMode.choices)
    respondent = models.CharField(_("answered by"), max_length=60, blank=True)  # the head
    poll = models.OneToOneField(
        "core.Poll",
        verbose_name=_("satisfaction poll"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    if TYPE_CHECKING:
        questions: RelatedManager[InquiryQuestion]

    class Meta:
        verbose_name = _("department asked")
        verbose_name_plural = _("departments asked")
        ordering = ["inquiry", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "unit"], name="inquiry_unit_once")
        ]

    def __str__(self) -> str:
        return str(self.unit_id)


class InquiryQuestion(models.Model):  # a member's question and the head's answer
    inquiry_unit = models.ForeignKey(
        InquiryUnit, on_delete=models.CASCADE, related_name="questions"
    )
    asker = models.CharField(_("asked by"), max_length=60)
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    asked_at = models.DateTimeField(_("asked at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("inquiry question")
        verbose_name_plural = _("inquiry questions")
        ordering = ["inquiry_unit", "asked_at", "id"]

    def __str__(self) -> str:
        return self.question[:40]
