"""The suggestions overview: the year's figures from renda.core.stats and the queue counts."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.core.stats import compute
from renda.suggestions import actions as A

from .conftest import at
from .handling import assigned

D = datetime.date


def test_the_overview_shows_the_years_figures_and_what_waits(client, cast, org, submit, congress):
    assigned(submit, cast["staff"], D(2024, 3, 1), [A.UnitPart(org["unit"], "sole")])
    submit(title="待审查", at=at(2024, 3, 2))
    client.force_login(cast["staff"])
    response = client.get(reverse("suggestions:supervision"), {"year": "2024"})
    figures = dict(response.context["figures"])
    expected = compute(congress, 2024)
    assert list(figures.values())[0] == expected["suggestions"] == 1
    assert response.context["counts"] == {"review": 1, "assign": 0, "requests": 0}
    html = response.content.decode()
    for name in ("register", "overdue_board", "key_suggestions", "unit_scores", "motion_board"):
        assert reverse(f"suggestions:{name}") in html


def test_leaders_see_the_figures_without_the_staff_queues(client, cast):
    client.force_login(cast["leader"])
    response = client.get(reverse("suggestions:supervision"))
    assert response.status_code == 200 and response.context["counts"] is None
    assert reverse("suggestions:review_queue") not in response.content.decode()


def test_the_overview_query_count_does_not_grow_with_rows(client, cast, org, submit):
    client.force_login(cast["staff"])
    url = reverse("suggestions:supervision")

    def queries() -> int:
        cache.clear()  # scores are cached until the next event: measure the computing
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"year": "2024"}).status_code == 200
        return len(ctx.captured_queries)

    def add(n: int) -> None:
        for i in range(n):
            assigned(
                submit,
                cast["staff"],
                D(2024, 3, 1),
                [A.UnitPart(org["unit"], "sole")],
                title=f"{i}",
            )

    add(1)
    queries()  # warm up
    few = queries()
    add(5)
    assert queries() == few


def test_the_overviews_figures_are_cached_until_the_next_event_never_stale(
    client, cast, org, submit, congress
):
    """The overview reads the year's figures as the figures page does (stats.figures, kept
    until the data changes): shown again it computes nothing, and the next case assigned (an
    event) shows at once."""
    assigned(submit, cast["staff"], D(2024, 3, 1), [A.UnitPart(org["unit"], "sole")])
    client.force_login(cast["staff"])
    url = reverse("suggestions:supervision")

    def first_figure() -> int:
        return list(dict(client.get(url, {"year": "2024"}).context["figures"]).values())[0]

    cache.clear()
    assert first_figure() == 1
    with CaptureQueriesContext(connection) as ctx:
        assert first_figure() == 1
    counted = [q for q in ctx.captured_queries if "suggestions_motion" in q["sql"]]
    assert not counted  # the motions' figure (and every other) came from the cache
    assigned(submit, cast["staff"], D(2024, 3, 5), [A.UnitPart(org["unit"], "sole")], title="新")
    assert first_figure() == 2 == compute(congress, 2024)["suggestions"]
