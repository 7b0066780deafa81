"""Deputy performance: what staff add to a record by hand, and the congress's scoring rules."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.acts import ActKind

# What staff enter by hand: acts no module records (session attendance, inspections organised
# by the standing committee…). Everything else comes from its own module and is never typed
# in twice.
MANUAL_KINDS = (ActKind.SESSION, ActKind.INSPECTION, ActKind.OTHER)


def evidence_path(instance: models.Model, filename: str) -> str:
    return f"performance/{instance.congress_id}/{instance.year}/{filename}"  # type: ignore[attr-defined]


class ManualEntry(models.Model):  # 履职登记: an act staff record with its evidence
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    deputy = models.ForeignKey(
        "org.Deputy",
        verbose_name=_("deputy"),
        on_delete=models.PROTECT,
        related_name="performance_entries",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=ActKind.choices)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, blank=True)
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("performance entry")
        verbose_name_plural = _("performance entries")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["congress", "year", "deputy"])]

    def __str__(self) -> str:
        return self.title


class ScoringRule(models.Model):  # 评分规则: points per act of a kind, a yearly cap, a weight
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of act"), max_length=20, choices=ActKind.choices)
    points = models.DecimalField(_("points each"), max_digits=6, decimal_places=2)
    cap = models.DecimalField(
        _("cap per year"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("At most this many points a year from this kind; empty: no cap."),
    )
    weight = models.DecimalField(_("weight"), max_digits=4, decimal_places=2, default=Decimal(1))

    class Meta:
        verbose_name = _("scoring rule")
        verbose_name_plural = _("scoring rules")
        ordering = ["congress", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "kind"], name="scoring_rule_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.points}"
