"""Hot topics (民意热点) measured on the demo year: coherence against the topics the demo wrote
each opinion from, stability between runs and with the rows shuffled, and time.

    .venv/bin/renda demo            # once
    .venv/bin/python bench/themes_demo.py [--thresholds 0.15,0.2,0.25,0.3] [--scale 10]

Each demo opinion is one of 21 topics (renda/demo/data/station.json) said in the constituent's
own words with a place; the topic is recovered here by the template whose words it shares
most (the place left out) and checked to be unambiguous. Per month of 2024 the opinions are
grouped as the page groups them; printed per threshold (JSON): themes, texts counted in a
theme, purity (share of counted texts whose theme's most common topic is theirs), topics split
over more than one theme, and the adjusted Rand index. Then the timing of a month, the year
as one period, and `--scale` times the year (texts re-placed in other townships).
Not part of `make test`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--thresholds", default="0.15,0.2,0.25,0.3,0.35")
    parser.add_argument("--scale", type=int, default=2)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
    import django

    django.setup()
    from sklearn.metrics import adjusted_rand_score

    from renda.accounts.models import User
    from renda.demo.station_texts import OPINION_TOPICS
    from renda.reading import themes
    from renda.reading.themes_registry import Filters, Row
    from renda.routing.engine import similarities

    user = User.objects.get(username="staff")
    congress = user.congress
    places = themes.place_words(congress)
    templates = [t.content.replace("{place}", "") for t in OPINION_TOPICS]

    def topic_of(rows: list[Row]) -> dict[tuple[str, int], int]:
        found, ambiguous = {}, 0
        for r in rows:
            text = r.text.replace(r.noise[0], "") if r.noise else r.text
            scores = similarities(text, templates)
            best = max(range(len(scores)), key=scores.__getitem__)
            second = sorted(scores)[-2]
            ambiguous += scores[best] - second < 0.1
            found[r.key] = best
        assert ambiguous == 0, f"{ambiguous} opinions match two topics"
        return found

    out: dict[str, object] = {"thresholds": {}}
    months = []
    for m in range(1, 13):
        start, end = themes.month(2024, m)
        rows = themes.collect(
            user=user, congress=congress, filters=Filters(start, end), kinds=["opinion"]
        )
        months.append((rows, topic_of(rows)))
    for t in [float(x) for x in args.thresholds.split(",")]:
        per = []
        for rows, topic in months:
            g = themes.group(rows, threshold=t, places=places)
            majority = split = 0
            owner: dict[int, set[int]] = {}
            labels_true, labels_pred = [], []
            for theme in g.themes:
                counts = Counter(topic[k] for k in theme.members)
                majority += counts.most_common(1)[0][1]
                for k in theme.members:
                    owner.setdefault(topic[k], set()).add(theme.number)
                    labels_true.append(topic[k])
                    labels_pred.append(theme.number)
            split = sum(1 for s in owner.values() if len(s) > 1)
            per.append(
                {
                    "texts": g.total,
                    "themes": len(g.themes),
                    "counted": g.counted,
                    "purity": majority / g.counted if g.counted else 1.0,
                    "split_topics": split,
                    "ari": adjusted_rand_score(labels_true, labels_pred),
                }
            )
        out["thresholds"][str(t)] = {  # type: ignore[index]
            "months": 12,
            "texts_per_month": round(statistics.mean(p["texts"] for p in per), 1),
            "themes_per_month": round(statistics.mean(p["themes"] for p in per), 1),
            "counted_share": round(
                sum(p["counted"] for p in per) / sum(p["texts"] for p in per), 4
            ),
            "purity": round(statistics.mean(p["purity"] for p in per), 4),
            "worst_purity": round(min(p["purity"] for p in per), 4),
            "split_topics_per_month": round(statistics.mean(p["split_topics"] for p in per), 2),
            "ari": round(statistics.mean(p["ari"] for p in per), 4),
        }

    # Stability: twice, and with the rows shuffled (three seeds), the same themes.
    rows, _ = months[5]
    first = themes.group(rows, places=places)
    again = themes.group(list(rows), places=places)
    shuffled = []
    for seed in (1, 2, 3):
        mixed = list(rows)
        random.Random(seed).shuffle(mixed)
        shuffled.append(themes.group(mixed, places=places))
    out["stable_same_input"] = first == again
    out["stable_shuffled"] = all(s == first for s in shuffled)

    # Time: the page's call (both periods read from the database, grouped), best of 2.
    def timed(filters: Filters, kinds: list[str] | None = None) -> tuple[float, int]:
        best = float("inf")
        for _ in range(2):
            t0 = time.perf_counter()
            h = themes.hot_topics(user=user, congress=congress, filters=filters, kinds=kinds or ())
            best = min(best, time.perf_counter() - t0)
        return round(best, 3), h.grouping.total

    start, end = themes.month(2024, 6)
    out["time_month_2024_06"] = timed(Filters(start, end))
    start, end = themes.month(2024, 1)
    out["time_month_2024_01_with_suggestions"] = timed(Filters(start, end))
    out["time_year_2024_as_one_period"] = timed(
        Filters(themes.month(2024, 1)[0], themes.month(2024, 12)[1])
    )
    # A larger city: the year's texts `scale` times, each copy in another township.
    year = [r for rows, _ in months for r in rows]
    towns = sorted({r.noise[0] for r in year if r.noise})
    big = []
    for copy in range(args.scale):
        for r in year:
            town = towns[(towns.index(r.noise[0]) + copy) % len(towns)] if r.noise else ""
            text = r.text.replace(r.noise[0], town) if r.noise else r.text
            big.append(
                Row(
                    **{
                        **r.__dict__,
                        "pk": r.pk + copy * 10_000_000,
                        "text": text,
                        "noise": (town,) if town else (),
                    }
                )
            )
    for n in sorted({len(year), len(big)}):
        sample = big[:n]
        t0 = time.perf_counter()
        g = themes.group(sample, places=places)
        out[f"time_group_{n}_texts"] = [round(time.perf_counter() - t0, 3), len(g.themes)]
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
