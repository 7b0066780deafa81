"""Decisions and resolutions (决定, 决议) of the standing committee: drafted, put to a
meeting's vote, adopted with their number and date, published, and kept in a register with
what they amend or repeal."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    DECISION = "decision", _("Decision")  # 决定
    RESOLUTION = "resolution", _("Resolution")  # 决议


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Draft")  # 草案
    TABLED = "tabled", _("On a meeting's agenda")  # 提请审议
    ADOPTED = "adopted", _("Adopted")  # 表决通过
    REJECTED = "rejected", _("Not adopted")  # 未通过
    IN_FORCE = "in_force", _("In force")  # 已公布施行
    AMENDED = "amended", _("Amended")  # 已修改
    REPEALED = "repealed", _("Repealed")  # 已废止


class Decision(models.Model):
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=DecisionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    state = models.CharField(
        _("state"), max_length=10, choices=DecisionState.choices, default=DecisionState.DRAFT
    )
    drafted_by = models.ForeignKey(
        "org.Body",
        verbose_name=_("drafted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Numbered within the congress and year once adopted (〔2024〕第N号).
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("against"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("abstain"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    amends = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="amended_by", verbose_name=_("amends")
    )
    repeals = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="repealed_by", verbose_name=_("repeals")
    )

    class Meta:
        verbose_name = _("decision or resolution")
        verbose_name_plural = _("decisions and resolutions")
        ordering = ["-year", "-number", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "year", "number"], name="decision_number_once"
            )
        ]
        indexes = [models.Index(fields=["congress", "state"])]

    def __str__(self) -> str:
        return self.title
