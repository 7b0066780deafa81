"""Routing's tables: the models trained on each congress's history, and every proposal with
what staff chose, so that the share of proposals accepted as given can be followed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainedModel(models.Model):
    """A classifier learned from a congress's past decisions (`renda routing train`), kept in
    the database (not in git, not on one server's disk)."""

    class Target(models.TextChoices):
        UNIT = "unit", _("Handling unit")
        CATEGORY = "category", _("Category")

    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of case"), max_length=20)
    target = models.CharField(_("proposes"), max_length=10, choices=Target.choices)
    pipeline = models.CharField(_("pipeline"), max_length=30)
    samples = models.PositiveIntegerField(_("examples"))
    labels = models.PositiveIntegerField(_("labels"))
    blob = models.BinaryField()
    trained_at = models.DateTimeField(_("trained at"))

    class Meta:
        verbose_name = _("trained routing model")
        verbose_name_plural = _("trained routing models")
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "kind", "target"], name="routing_model_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.target} {self.trained_at:%Y-%m-%d}"


class Method(models.TextChoices):
    MODEL = "model", _("Learned from past assignments")
    KEYWORDS = "keywords", _("Keyword rules")


class Proposal(models.Model):
    """What routing proposed for one case when staff decided, and what they chose."""

    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of case"), max_length=20)
    object_id = models.PositiveIntegerField()
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    proposed_units = models.JSONField(default=list)  # [[unit id, confidence], ...] best first
    proposed_category = models.CharField(max_length=30, blank=True)
    chosen_units = models.JSONField(default=list)  # [unit id, ...] the lead first
    chosen_category = models.CharField(max_length=30, blank=True)
    unit_accepted = models.BooleanField(_("unit accepted as given"))
    category_accepted = models.BooleanField(_("category accepted as given"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), db_index=True)

    class Meta:
        verbose_name = _("routing proposal")
        verbose_name_plural = _("routing proposals")
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["congress", "kind", "decided_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
