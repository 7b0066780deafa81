"""Every write on performance records and scoring rules, each in a transaction with its event."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.uploads import check_upload
from renda.core.workflow import ActionForbidden, ActionInvalid, record_event
from renda.org.models import Congress, Deputy
from renda.performance.models import MANUAL_KINDS, ActKind, ManualEntry, ScoringRule

MAX_NOTES = 5_000


def manual_entry_create(
    *,
    actor: Any,
    deputy: Deputy,
    kind: str,
    date: datetime.date,
    title: str,
    notes: str = "",
    evidence: Any = None,
) -> ManualEntry:
    """Staff record an act no module records (session attendance, an inspection…), with its
    evidence (a scan of the sign-in sheet, a photo)."""
    if not actor.has_perm("performance.manage_entries", deputy):
        raise ActionForbidden(_("Only staff of the congress record deputies' acts."))
    if kind not in MANUAL_KINDS:
        raise ActionInvalid(
            _("Acts of this kind are recorded where they happen, not here."), field="kind"
        )
    if date > timezone.localdate():
        raise ActionInvalid(_("The date cannot be in the future."), field="date")
    title = (title or "").strip()
    if not title or len(title) > 200:
        raise ActionInvalid(_("Enter a title of at most 200 characters."), field="title")
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES:
        raise ActionInvalid(_("The notes are too long."), field="notes")
    checked = check_upload(evidence, field="evidence") if evidence is not None else None
    with transaction.atomic():
        entry = ManualEntry.objects.create(
            congress_id=deputy.congress_id,
            deputy=deputy,
            year=date.year,
            kind=kind,
            date=date,
            title=title,
            notes=notes,
            evidence=checked.file if checked else None,
            evidence_name=checked.name if checked else "",
            entered_by=actor,
        )
        record_event(
            case=entry,
            action="create",
            actor=actor,
            data={"deputy": deputy.pk, "kind": kind, "date": date.isoformat()},
        )
    return entry


def manual_entry_delete(*, actor: Any, entry: ManualEntry) -> None:
    """Staff remove an entry made in error; its creation and deletion stay in the history."""
    if not actor.has_perm("performance.manage_entries", entry):
        raise ActionForbidden(_("Only staff of the congress record deputies' acts."))
    with transaction.atomic():
        record_event(
            case=entry,
            action="delete",
            actor=actor,
            data={"deputy": entry.deputy_id, "kind": entry.kind, "title": entry.title},
        )
        if entry.evidence:
            path = entry.evidence.name
            storage = entry.evidence.storage
            transaction.on_commit(lambda: storage.delete(path))
        entry.delete()


@dataclass(frozen=True)
class RuleInput:
    kind: str
    points: Any
    cap: Any = None
    weight: Any = 1


def scoring_rules_set(*, actor: Any, congress: Congress, rules: Iterable[RuleInput]) -> None:
    """Staff configure the congress's scoring rules; the list replaces the previous one."""
    if not actor.has_perm("performance.configure_rules", congress):
        raise ActionForbidden(_("Only staff of the congress configure the scoring rules."))
    rows = [_rule(congress, r) for r in rules]
    if len({r.kind for r in rows}) != len(rows):
        raise ActionInvalid(_("Each kind of act has one rule."), field="rules")
    with transaction.atomic():
        ScoringRule.objects.filter(congress=congress).delete()
        ScoringRule.objects.bulk_create(rows)
        for rule in ScoringRule.objects.filter(congress=congress):
            record_event(
                case=rule,
                action="configure",
                actor=actor,
                data={"kind": rule.kind, "points": rule.points, "cap": rule.cap, "w": rule.weight},
            )


def _rule(congress: Congress, r: RuleInput) -> ScoringRule:
    if r.kind not in ActKind.values:
        raise ActionInvalid(_("Unknown kind of act: %(kind)s") % {"kind": r.kind}, field="rules")
    points = _decimal(r.points, MAX_POINTS)
    cap = None if r.cap in (None, "") else _decimal(r.cap, MAX_POINTS)
    weight = _decimal(r.weight, MAX_WEIGHT)
    return ScoringRule(congress=congress, kind=r.kind, points=points, cap=cap, weight=weight)


# What the columns hold (two decimals): points and caps below 10,000, weights below 100.
MAX_POINTS = Decimal("9999.99")
MAX_WEIGHT = Decimal("99.99")


def _decimal(value: Any, limit: Decimal) -> Decimal:
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        raise ActionInvalid(_("Enter a number."), field="rules") from None
    # Compared before rounding: a huge number cannot be rounded to two decimals.
    if not d.is_finite() or d < 0 or d >= limit + Decimal("0.005"):
        raise ActionInvalid(
            _("Enter a number between 0 and %(max)s.") % {"max": limit}, field="rules"
        )
    return d.quantize(Decimal("0.01"))
