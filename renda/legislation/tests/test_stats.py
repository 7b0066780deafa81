"""`renda stats`: regulations made and revised by adoption date, opinions received and adopted."""

from __future__ import annotations

import io
import json

from django.core.cache import cache
from django.core.management import call_command

from renda.core.stats import compute
from renda.legislation.actions.consultations import consultation_create, consultation_open
from renda.legislation.actions.opinions import (
    GatheredOpinion,
    opinion_batch_submit,
    opinion_handle,
    opinion_moderate,
    opinion_submit_deputy,
    opinion_submit_public,
)
from renda.legislation.actions.regulations import regulation_advance, regulation_create

from .conftest import D, on

KEYS = ("regulations_made", "regulations_revised", "draft_opinions", "draft_opinions_adopted")


def adopted(cast, congress, title, kind, day):
    with on(day):
        r = regulation_create(congress=congress, actor=cast["staff"], title=title, kind=kind)
        steps = ["start_drafting", "first_reading"]
        steps += ["adopt"] if kind == "amendment" else ["second_reading", "adopt"]
        for action in steps:
            regulation_advance(regulation=r, action=action, actor=cast["staff"])
    return r


def test_the_years_figures_are_counted_from_rows(
    cast, congress, version, consultation, contact_point
):
    cache.clear()
    adopted(cast, congress, "条例一", "new", D(2024, 4, 25))
    adopted(cast, congress, "条例二", "new", D(2024, 12, 31))
    adopted(cast, congress, "条例三", "new", D(2025, 1, 2))  # next year
    adopted(cast, congress, "修正", "amendment", D(2024, 6, 27))
    adopted(cast, congress, "修订", "revision", D(2024, 8, 29))
    with on(D(2023, 10, 1)):
        regulation_create(congress=congress, actor=cast["staff"], title="只在计划中")

    with on(D(2024, 3, 5)):
        published = opinion_submit_public(
            consultation=consultation, text="意见", client_ip="1.2.3.4"
        )
        opinion_submit_public(consultation=consultation, text="待审", client_ip="1.2.3.4")
        spam = opinion_submit_public(consultation=consultation, text="广告", client_ip="1.2.3.4")
        deputy = opinion_submit_deputy(consultation=consultation, actor=cast["deputy"], text="意见")
        batch = opinion_batch_submit(
            consultation=consultation,
            actor=cast["station"],
            contact_point=contact_point,
            opinions=[GatheredOpinion(text=f"意见{i}", source="seminar") for i in range(3)],
        )
    opinion_moderate(opinion=published, actor=cast["staff"], publish=True)
    opinion_moderate(opinion=spam, actor=cast["staff"], publish=False, reason="广告")
    opinion_handle(opinion=deputy, actor=cast["staff"], outcome="adopted")
    opinion_handle(opinion=batch[0], actor=cast["staff"], outcome="partly_adopted", reason="部分")
    opinion_handle(opinion=batch[1], actor=cast["staff"], outcome="not_adopted", reason="不采纳")

    figures = compute(congress, 2024)

    # published public (1) + deputy (1) + seminar (3); not the unmoderated nor the rejected.
    assert {k: figures[k] for k in KEYS} == {
        "regulations_made": 2,
        "regulations_revised": 2,
        "draft_opinions": 5,
        "draft_opinions_adopted": 2,
    }
    assert {k: compute(congress, 2025)[k] for k in KEYS}["regulations_made"] == 1


def test_the_stats_command_prints_the_legislation_keys(congress):
    out = io.StringIO()
    call_command("stats", "--year", "2024", "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert {k: figures[k] for k in KEYS} == dict.fromkeys(KEYS, 0)


def test_an_opinion_counts_in_the_year_it_was_received_in_shanghai(cast, congress, version):
    with on(D(2024, 12, 31)):
        c = consultation_create(version=version, actor=cast["staff"])
        consultation_open(consultation=c, actor=cast["staff"])
    with on(D(2025, 1, 1), hour=1):  # still 2024 in UTC
        opinion_submit_deputy(consultation=c, actor=cast["deputy"], text="新年意见")
    assert compute(congress, 2024)["draft_opinions"] == 0
    assert compute(congress, 2025)["draft_opinions"] == 1
