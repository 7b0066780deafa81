"""The demo year's suggestions with the matter each was written about (its topic), as the
labelled set of similar cases: `renda demo --matters FILE`, then `renda routing similar --csv
FILE`. Two suggestions of one topic are about the same matter (并案), whatever their place and
wording; the builder is replayed (it is deterministic) to know each one's topic."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

from renda.demo.suggestion_texts import TOPICS
from renda.demo.suggestions import _Builder
from renda.suggestions.models import Suggestion


def write_matters(path: Path, *, today: datetime.date) -> int:
    b = _Builder(today=today)
    scripts = b.year_2024()
    rows = {
        (s.lead_deputy_id, s.title): s
        for s in Suggestion.objects.filter(congress=b.city, year=2024).only(
            "pk", "title", "body", "lead_deputy_id"
        )
    }
    written = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id", "text", "matter", "place", "unit", "category"])
        for script in scripts:
            row = rows.get((script.lead.pk, script.title))
            if row is not None:
                t = script.topic
                text = f"{row.title}\n{row.body}"
                out.writerow([row.pk, text, TOPICS.index(t), script.place, t.unit, t.category])
                written += 1
    return written
