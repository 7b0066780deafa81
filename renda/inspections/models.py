"""Inspections and research (执法检查、专题调研、代表集中视察): the team, the county congresses
that join a city item (上下联动) with its phases, the sites visited (点位), the problems found at
them and referred to the unit responsible, the units' rectification reports (整改) and the
recommendations grouped in aspects; the problem's rules are in workflow.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext.db.models.manager import RelatedManager


class InspectionKind(models.TextChoices):
    LAW = "law", _("Law-enforcement inspection")  # 执法检查
    RESEARCH = "research", _("Thematic research")  # 专题调研
    VISIT = "visit", _("Deputies' inspection visit")  # 代表集中视察


class Inspection(models.Model):  # one inspection, research item or deputies' visit
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=10, choices=InspectionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    subject = models.CharField(_("law or topic"), max_length=200)
    committee = models.ForeignKey(
        "org.Body",
        verbose_name=_("committee in charge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    # 上下联动: county congresses join it, each adding its own sites and problems.
    joint = models.BooleanField(_("joint work with county congresses"), default=False)
    # The item of the year's supervision plan it carries out (监督工作计划), if any.
    plan_item = models.ForeignKey(
        "supervision.PlanItem",
        verbose_name=_("plan item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The inspection report as the standing committee hears it: a supervision Report of kind
    # "inspection", whose deliberation opinions follow supervision's workflow.
    heard_as = models.OneToOneField(
        "supervision.Report",
        verbose_name=_("heard as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report_title = models.CharField(_("report title"), max_length=200, blank=True)
    report_text = models.TextField(_("inspection report"), blank=True)
    report_on = models.DateField(_("report dated"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))

    if TYPE_CHECKING:
        members: RelatedManager[Member]
        parts: RelatedManager[Part]
        phases: RelatedManager[Phase]
        sites: RelatedManager[Site]
        problems: RelatedManager[Problem]
        aspects: RelatedManager[Aspect]

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "year", "number"], name="inspection_number_once"
            )
        ]
        indexes = [models.Index(fields=["congress", "year", "kind"])]

    def __str__(self) -> str:
        return self.title


class MemberRole(models.TextChoices):
    LEADER = "leader", _("Leads the team")  # 带队领导
    MEMBER = "member", _("Standing committee member")  # 常委会组成人员
    STAFF = "staff", _("Committee staff")  # 机关工作人员
    DEPUTY = "deputy", _("Deputy")  # 人大代表


class Member(models.Model):  # one person of the team
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(_("role in the team"), max_length=10, choices=MemberRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A deputy's participation is an act of their performance record (acts.py).
    deputy = models.ForeignKey(
        "org.Deputy",
        verbose_name=_("deputy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=40)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["inspection", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "deputy"],
                condition=models.Q(deputy__isnull=False),
                name="inspection_deputy_once",
            )
        ]
        indexes = [models.Index(fields=["deputy", "inspection"])]

    def __str__(self) -> str:
        return self.name


class Part(models.Model):  # a county congress's part of a joint item (上下联动)
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="parts")
    congress = models.ForeignKey(
        "org.Congress",
        verbose_name=_("county congress"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    joined_on = models.DateField(_("joined on"))

    class Meta:
        verbose_name = _("county part")
        verbose_name_plural = _("county parts")
        ordering = ["inspection", "congress"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "congress"], name="inspection_part_once")
        ]

    def __str__(self) -> str:
        return f"{self.inspection_id} · {self.congress_id}"


class Phase(models.Model):  # 分阶段: the phases of a joint item, with dates
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("phase"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["inspection", "number"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "number"], name="inspection_phase_once")
        ]

    def __str__(self) -> str:
        return self.title


class SiteKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")  # 企业
    MARKET = "market", _("Market or shop")  # 市场、商超
    INSTITUTION = "institution", _("Hospital, school or institution")  # 医院、学校、机构
    PROJECT = "project", _("Project or facility")  # 项目、设施
    VILLAGE = "village", _("Village or community")  # 村、社区
    AUTHORITY = "authority", _("Government department")  # 职能部门
    OTHER = "other", _("Other")


class VisitMode(models.TextChoices):
    OPEN = "open", _("Open visit")  # 明查
    UNANNOUNCED = "unannounced", _("Unannounced visit")  # 暗访


class Site(models.Model):  # 点位: a place visited
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="sites")
    # Who recorded it: the city congress, or the county congress of its part.
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(
        "org.Congress",
        verbose_name=_("county-level area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for a place under no county (the development zone)."),
    )
    name = models.CharField(_("site"), max_length=200)
    kind = models.CharField(_("kind of site"), max_length=20, choices=SiteKind.choices)
    mode = models.CharField(_("visit"), max_length=12, choices=VisitMode.choices)
    visited_on = models.DateField(_("visited on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["inspection", "visited_on", "id"]
        indexes = [models.Index(fields=["inspection", "congress"])]

    def __str__(self) -> str:
        return self.name


class ProblemState(models.TextChoices):
    FOUND = "found", _("Found, to refer")
    RECTIFYING = "rectifying", _("Being rectified")
    REPORTED = "reported", _("Reported, to verify")
    RECTIFIED = "rectified", _("Rectified")


class Verdict(models.TextChoices):
    RECTIFIED = "rectified", _("Rectified")  # 已整改
    PARTLY = "partly", _("Partly rectified")  # 部分整改
    NOT = "not", _("Not rectified")  # 未整改


class Problem(models.Model):  # 问题: found at a site, rectified by its unit
    # The congress whose staff recorded it (the city, or a county in a joint item).
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="problems")
    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="problems"
    )
    number = models.PositiveIntegerField(_("number"))
    description = models.TextField(_("problem found"))
    unit = models.ForeignKey(
        "org.HandlingUnit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=12, choices=ProblemState.choices, default=ProblemState.FOUND
    )
    found_on = models.DateField(_("found on"))
    due_on = models.DateField(_("rectify by"), null=True, blank=True)
    referred_at = models.DateTimeField(_("referred at"), null=True, blank=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"))

    if TYPE_CHECKING:
        photos: RelatedManager[Photo]
        rectifications: RelatedManager[Rectification]

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["inspection", "number"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "number"], name="problem_number_once")
        ]
        indexes = [
            models.Index(fields=["inspection", "congress", "state"]),
            models.Index(fields=["unit", "state", "due_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.description[:40]}"


class Rectification(models.Model):  # 整改情况: what the unit reports it did
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="rectifications")
    unit = models.ForeignKey("org.HandlingUnit", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("what was done"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported at"))

    class Meta:
        verbose_name = _("rectification report")
        verbose_name_plural = _("rectification reports")
        ordering = ["problem", "reported_at", "id"]

    def __str__(self) -> str:
        return self.text[:40]


def photo_path(instance: models.Model, filename: str) -> str:
    problem = instance.problem  # type: ignore[attr-defined]
    return f"inspections/{problem.inspection_id}/{problem.pk}/{filename}"


class Photo(models.Model):  # a photo of the problem found, or of its rectification
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="photos")
    rectification = models.ForeignKey(
        Rectification, null=True, blank=True, on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField(_("file"), upload_to=photo_path)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["problem", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class Aspect(models.Model):  # 方面: recommendations are grouped in aspects
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="aspects")
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("aspect"), max_length=200)

    if TYPE_CHECKING:
        recommendations: RelatedManager[Recommendation]

    class Meta:
        verbose_name = _("aspect")
        verbose_name_plural = _("aspects")
        ordering = ["inspection", "number"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "number"], name="inspection_aspect_once")
        ]

    def __str__(self) -> str:
        return self.title


class Recommendation(models.Model):  # 建议: one recommendation of an aspect
    aspect = models.ForeignKey(Aspect, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("recommendation"))

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["aspect", "number"]

    def __str__(self) -> str:
        return self.text[:40]
