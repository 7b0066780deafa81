"""`renda stats` counts the year's constituents' opinions from rows."""

from __future__ import annotations

import io
import json

from django.core.management import call_command

from renda.opinions import actions as A

from .conftest import D, on


def test_the_years_opinion_figures_are_counted_from_rows(cast, org, record):
    with on(D(2024, 6, 3)):
        resolved, referred, dismissed = record(), record(), record()
        A.opinion_resolve(opinion=resolved, actor=cast["station"], outcome="已解决")
        A.opinion_refer(opinion=referred, actor=cast["station"], unit=org["unit"])
        A.opinion_dismiss(opinion=dismissed, actor=cast["station"], reason="广告")
    with on(D(2023, 6, 1)):
        record()

    out = io.StringIO()
    call_command("stats", year=2024, congress="jz", json=True, stdout=out)
    figures = json.loads(out.getvalue())
    assert {k: figures[k] for k in ("constituent_opinions", "constituent_opinions_resolved")} == {
        "constituent_opinions": 2,  # the dismissed one is no opinion
        "constituent_opinions_resolved": 1,
    }
