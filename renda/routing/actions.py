"""Routing's writes: training a congress's models from its history (`renda routing train`,
from cron), and recording what staff chose against what was proposed."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from renda.org.models import Congress, HandlingUnit
from renda.routing import registry
from renda.routing.engine import DEFAULT, TextClassifier
from renda.routing.keywords import unit_keywords
from renda.routing.models import Proposal, TrainedModel
from renda.routing.proposals import propose


def train(*, congress: Congress, pipeline: str = DEFAULT) -> list[TrainedModel]:
    """One unit model and one category model per registered kind of case, learned from all
    the congress's past decisions; a kind with fewer than two labels keeps no model (its
    proposals come from keywords)."""
    saved = []
    for kind, source in sorted(registry.sources().items()):
        history = [h for h in source.history(congress.pk) if h.text.strip()]
        units = HandlingUnit.objects.filter(congress=congress).only("pk", "name")
        keywords = {
            TrainedModel.Target.UNIT: {str(u.pk): unit_keywords(u.name) for u in units},
            TrainedModel.Target.CATEGORY: dict(source.categories),
        }
        targets = {
            TrainedModel.Target.UNIT: [str(h.units[0]) if h.units else "" for h in history],
            TrainedModel.Target.CATEGORY: [h.category for h in history],
        }
        for target, labels in targets.items():
            rows = [(h.text, y) for h, y in zip(history, labels, strict=True) if y]
            if len({y for _, y in rows}) < 2:
                TrainedModel.objects.filter(congress=congress, kind=kind, target=target).delete()
                continue
            model = TextClassifier(pipeline).fit(
                [t for t, _ in rows], [y for _, y in rows], keywords[target]
            )
            with transaction.atomic():
                row, _ = TrainedModel.objects.update_or_create(
                    congress=congress,
                    kind=kind,
                    target=target,
                    defaults={
                        "pipeline": pipeline,
                        "samples": len(rows),
                        "labels": len(model.labels),
                        "blob": pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL),
                        "trained_at": timezone.now(),
                    },
                )
            saved.append(row)
    return saved


def record_decision(
    *,
    congress_id: int,
    kind: str,
    object_id: int,
    text: str,
    units: Sequence[int],
    category: str,
    actor: Any,
) -> Proposal:
    """What routing proposes for this case now, beside what staff chose (the lead unit
    first). Called by the domain inside the action's transaction: no decision without its
    record, no record of a decision that rolled back."""
    proposal = propose(congress_id=congress_id, kind=kind, text=text)
    chosen = [int(u) for u in units]
    return Proposal.objects.create(
        congress_id=congress_id,
        kind=kind,
        object_id=object_id,
        method=proposal.method,
        proposed_units=[[int(r.value), round(r.confidence, 4)] for r in proposal.units],
        proposed_category=proposal.category,
        chosen_units=chosen,
        chosen_category=category,
        unit_accepted=bool(chosen) and proposal.unit_ids[:1] == chosen[:1],
        category_accepted=bool(category) and proposal.category == category,
        decided_by=actor if getattr(actor, "pk", None) else None,
        decided_at=timezone.now(),
    )
