"""Unit scores (评分通报): the ranking, units not ranked, the formula, the year selector."""

from __future__ import annotations

import datetime
from fractions import Fraction
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from renda.suggestions import actions as A
from renda.suggestions import scoring
from renda.suggestions.supervision.views_register import SCORE_COMPONENTS

from .handling import assigned, evaluated, on, replied

D = datetime.date


def sole(cast, submit, unit, title: str):
    return assigned(submit, cast["staff"], D(2024, 3, 1), [A.UnitPart(unit, "sole")], title=title)


@pytest.fixture
def year_2024(cast, org, submit):
    """Three cases for the transport bureau (ranked), one for the education bureau (not)."""
    for i in range(3):
        s = sole(cast, submit, org["unit"], f"交通{i}")
        replied(s, cast["handler"], D(2024, 4, 1), "A")
        evaluated(s, cast["deputy"], D(2024, 4, 20), "satisfied" if i else "basic")
    late = sole(cast, submit, org["other_unit"], "教育")
    replied(late, cast["other_handler"], D(2024, 7, 1), "A")  # after its 1 June due date


def test_the_ranking_shows_each_component_and_the_total(client, cast, congress, year_2024):
    client.force_login(cast["leader"])
    with on(D(2024, 8, 1)):
        response = client.get(reverse("suggestions:unit_scores"), {"year": "2024"})
        expected = scoring.unit_scores(congress=congress, year=2024)
    [ranked] = response.context["ranked"]
    assert ranked.unit.name == "晋中市交通运输局" and ranked.rank == 1
    assert ranked.score == expected[0].score
    assert ranked.breakdown == expected[0].points()
    html = response.content.decode()
    assert str(ranked.score) in html
    assert "3/3" in html  # replies on time, out of those due


def test_units_under_the_minimum_are_listed_apart_with_the_reason(client, cast, year_2024):
    client.force_login(cast["staff"])
    with on(D(2024, 8, 1)):
        response = client.get(reverse("suggestions:unit_scores"), {"year": "2024"})
    [unranked] = response.context["unranked"]
    assert unranked.unit.name == "晋中市教育局" and unranked.rank is None
    assert unranked.reason and unranked.reason in response.content.decode()


def test_points_above_a_components_weight_are_explained_by_the_scaling(
    client, cast, org, year_2024
):
    """No promise is due yet: promises (weight 40) are not measured, the other 60 are scaled
    up to 100, so replies on time show 33.33 where 20 is their weight; the page says so."""
    client.force_login(cast["staff"])
    with on(D(2024, 8, 1)):
        response = client.get(reverse("suggestions:unit_scores"), {"year": "2024"})
    [ranked] = response.context["ranked"]
    assert ranked.breakdown["on_time"] > scoring.WEIGHTS["on_time"]
    assert ranked.measured_weight == 60 and str(ranked.scale) == "1.67"
    scaled = {us.unit.pk: missing for us, missing in response.context["scaled"]}
    assert set(scaled) == {org["unit"].pk, org["other_unit"].pk}
    promises = next(label for key, label, _r in SCORE_COMPONENTS if key == "promises")
    assert scaled[org["unit"].pk] == [promises]
    html = response.content.decode()
    assert 'href="#scaled"' in html and 'id="scaled"' in html
    row = html[html.index(f'data-scaled-unit="{org["unit"].pk}"') :]
    row = row[: row.index("</tr>")]
    assert gettext("%(n)s of 100") % {"n": 60} in row and "× 1.67" in row


def test_nothing_is_said_of_scaling_when_every_component_is_measured():
    us = scoring.UnitScore(unit=None)  # type: ignore[arg-type]
    us.rates = dict.fromkeys(scoring.WEIGHTS, Fraction(1, 2))
    assert us.measured_weight == 100 and us.scale is None
    assert sum(v for v in us.points().values() if v is not None) == 50


def test_the_formula_is_explained_with_the_weights(client, cast, year_2024):
    client.force_login(cast["staff"])
    response = client.get(reverse("suggestions:unit_scores"))
    weights = [w for _label, w, _rate in response.context["components"]]
    assert weights == [40, 20, 10, 20, 10] and sum(weights) == 100
    assert 'id="formula"' in response.content.decode()


def test_the_year_selector_defaults_to_the_latest_year_and_rejects_others(client, cast, year_2024):
    client.force_login(cast["staff"])
    url = reverse("suggestions:unit_scores")
    assert client.get(url).context["year"] == 2024
    response = client.get(url, {"year": "1999"})
    assert response.context["year"] == 2024 and "year" in response.context["form"].errors


def test_handlers_and_deputies_do_not_see_the_scores(client, cast, year_2024):
    for role in ("handler", "deputy", "station"):
        client.force_login(cast[role])
        assert client.get(reverse("suggestions:unit_scores")).status_code == 403


def test_the_scores_query_count_does_not_grow_with_rows(client, cast, org, submit, third_unit):
    client.force_login(cast["staff"])
    url = reverse("suggestions:unit_scores")

    def queries() -> int:
        cache.clear()  # the computation's queries, not the cache's
        with on(D(2024, 8, 1)), CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"year": "2024"}).status_code == 200
        return len(ctx.captured_queries)

    def add(n: int) -> None:
        for i in range(n):
            unit = [org["unit"], org["other_unit"], third_unit][i % 3]
            handler = {org["unit"]: cast["handler"], org["other_unit"]: cast["other_handler"]}
            s = sole(cast, submit, unit, f"建议{i}")
            if unit in handler:
                replied(s, handler[unit], D(2024, 4, 1), "B", promises=[("承诺", D(2024, 6, 1))])

    add(3)
    queries()  # warm up
    few = queries()
    add(9)
    assert queries() == few <= 16


def test_the_scores_query_count_does_not_grow_with_re_handled_cases(client, cast, org, submit):
    """Each re-handled case rebuilds its first round's due date on the working-day calendar:
    the calendar is built once per request, not once per case (two holiday look-ups each)."""
    client.force_login(cast["staff"])
    url = reverse("suggestions:unit_scores")

    def queries() -> int:
        cache.clear()  # the computation's queries, not the cache's
        with on(D(2024, 12, 1)), CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"year": "2024"}).status_code == 200
        return len(ctx.captured_queries)

    def add(n: int) -> None:
        for i in range(n):
            s = sole(cast, submit, org["unit"], f"重办{i}")
            replied(s, cast["handler"], D(2024, 4, 1), "A")
            evaluated(s, cast["deputy"], D(2024, 4, 8), "dissatisfied")  # handled again

    add(2)
    queries()  # warm up
    few = queries()
    add(6)
    assert queries() == few <= 16


def test_the_scores_are_cached_until_the_next_event_and_never_stale(client, cast, org, submit):
    client.force_login(cast["staff"])
    url = reverse("suggestions:unit_scores")

    def get():
        with on(D(2024, 12, 1)), CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {"year": "2024"})
        return response, len(ctx.captured_queries)

    s = sole(cast, submit, org["unit"], "缓存")
    _first, computed = get()
    again, cached = get()
    assert cached < computed
    [row] = again.context["ranked"] + again.context["unranked"]
    assert row.replies_due == 1 and row.on_time == 0  # due 3 June, not replied
    replied(s, cast["handler"], D(2024, 5, 1), "A")  # an event: the cache no longer applies
    after, _n = get()
    [row] = after.context["ranked"] + after.context["unranked"]
    assert row.on_time == 1


def _figures(scores):
    return sorted(
        (
            us.unit.pk,
            us.cases,
            us.replies_due,
            us.on_time,
            us.communicated,
            us.satisfied,
            us.basically_satisfied,
            us.dissatisfied,
            us.rehandled,
            us.promises_due,
            us.promises_done,
            us.score,
        )
        for us in scores
    )


def test_the_first_rounds_counted_by_the_database_match_the_case_by_case_reference(
    cast, congress, org, submit, third_unit
):
    """The cases still in their first round are counted from one row of values each (issue
    18: no model objects, no calendar); the result is the case-by-case reading's, figure for
    figure: on time, late, not due yet, each evaluation, re-handled
    cases, a unit that never replied."""
    unit, other = org["unit"], org["other_unit"]
    a = sole(cast, submit, unit, "按时")
    replied(a, cast["handler"], D(2024, 4, 1), "B", promises=[("承诺", D(2024, 6, 1))])
    evaluated(a, cast["deputy"], D(2024, 4, 20), "satisfied")
    b = sole(cast, submit, unit, "基本满意")
    replied(b, cast["handler"], D(2024, 5, 1), "A")
    evaluated(b, cast["deputy"], D(2024, 5, 20), "basic")
    c = sole(cast, submit, other, "逾期")
    replied(c, cast["other_handler"], D(2024, 7, 1), "A", contact_day=D(2024, 6, 20))
    sole(cast, submit, other, "未答复")  # due 3 June, never replied: judged late, no contact
    sole(cast, submit, third_unit, "未到期")  # judged on 1 May: not due yet
    d = sole(cast, submit, unit, "重办")
    replied(d, cast["handler"], D(2024, 4, 1), "A")
    evaluated(d, cast["deputy"], D(2024, 4, 8), "dissatisfied")  # handled again (Python)
    for day in (D(2024, 5, 1), D(2024, 12, 1)):
        by_sql = scoring._compute(congress, 2024, day)
        by_case = scoring._compute(congress, 2024, day, first_rounds_in_sql=False)
        assert _figures(by_sql) == _figures(by_case)
    assert {us.unit.pk for us in by_sql} == {unit.pk, other.pk, third_unit.pk}


# The rows as _score_table.html wrote them with a template (and _points.html) each, before
# rows.score_rows() wrote them in Python (issue 18): the page must not change by a character.
TEMPLATE_ROWS = (Path(__file__).parent / "score_rows_before.html").read_text()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_rows_written_in_python_are_the_templates_rows(cast, congress, year_2024, language):
    from django.template import Context, Template
    from django.utils import translation

    from renda.suggestions.supervision.rows import score_rows

    with on(D(2024, 8, 1)):
        scores = scoring.unit_scores(congress=congress, year=2024)
    scores[0].rehandled = 2  # a plural
    scores[-1].reason = "<b>少于3件</b>"  # escaped as the template escaped it
    for us in scores:
        us.breakdown = us.points()
    scores[-1].breakdown["evaluation"] = None  # the dash
    assert any(us.rank for us in scores) and any(us.rank is None for us in scores)
    with translation.override(language):
        for show_rank in (True, False):
            expected = Template(TEMPLATE_ROWS).render(
                Context({"scores": scores, "show_rank": show_rank})
            )
            assert "".join(score_rows(scores, show_rank=show_rank)) == expected
