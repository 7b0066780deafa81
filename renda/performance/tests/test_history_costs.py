"""The rankings at a province's scale (issue 18): the year list does not read every act of
every year (one query of each source's first and last row, not a UNION of every act's year);
the rankings are computed once and kept in the cache until the data changes — a new act (an
event), a change in the admin (its log) or other rules — and read back page by page, filter
by filter, as computed."""

from __future__ import annotations

import datetime

from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.accounts.models import User
from renda.org.models import Delegation
from renda.performance.actions import RuleInput, manual_entry_create, scoring_rules_set
from renda.performance.models import ActKind, ScoringRule
from renda.performance.record import years_of_congress
from renda.performance.scoring import DEFAULT_RULES

from .conftest import html, text
from .test_scoring import delegations  # noqa: F401  (fixture)

D = datetime.date
K = ActKind


def test_the_congress_years_are_one_query_of_first_and_last_rows(congress):
    with CaptureQueriesContext(connection) as ctx:
        years_of_congress(congress.pk)
    [sql] = [q["sql"].upper() for q in ctx.captured_queries]
    assert "UNION" not in sql and "DISTINCT" not in sql
    assert "LIMIT 1" in sql


# --- the rankings, kept in the cache until the data changes ------------------------------------

RANKINGS = reverse("performance:rankings")


def scores(client, url: str = RANKINGS + "?year=2024&group=") -> dict[str, str]:
    """{deputy: score} over every group's ranking, as the pages show them."""
    found = {}
    for pk in (delegation.pk for delegation in Delegation.objects.all()):
        found.update(_scores_of(client, f"{url}{pk}"))
    found.update(_scores_of(client, f"{url}0"))  # no delegation
    return found


def _scores_of(client, url: str) -> dict[str, str]:
    page = html(client.get(url))
    return {
        text(row.xpath(".//td[@class='primary']/a")[0]): text(row.xpath(".//a[@data-total]")[0])
        for row in page.xpath("//tr[@data-deputy]")
    }


def queries_of(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def test_the_second_reading_comes_from_the_cache(in_2024, login, delegations):  # noqa: F811
    client = login("staff")
    computed = queries_of(client, RANKINGS + "?year=2024")
    cached = queries_of(client, RANKINGS + "?year=2024")
    assert any("suggestions_suggestion" in sql for sql in computed)
    assert not any("suggestions_suggestion" in sql for sql in cached)  # no source read again
    assert len(cached) < len(computed) - 10


def test_a_new_act_shows_in_the_rankings_at_once(in_2024, login, cast, congress, delegations):  # noqa: F811
    """An act recorded through its action leaves an event: the next reading is a new key."""
    scoring_rules_set(
        actor=cast["staff"],
        congress=congress,
        rules=[RuleInput(K.SUGGESTION, 5), RuleInput(K.TRAINING, 4), RuleInput(K.SESSION, 10)],
    )
    client = login("staff")
    assert scores(client)["钱进"] == "0"
    manual_entry_create(
        actor=cast["staff"],
        deputy=delegations["qian"],
        kind=K.SESSION,
        date=D(2024, 1, 10),
        title="出席市十五届人大四次会议",
    )
    assert scores(client)["钱进"] == "10"


def test_an_admin_change_of_delegation_shows_in_the_rankings_at_once(
    in_2024,
    login,
    client,
    delegations,  # noqa: F811
):
    """A deputy moved to another delegation in the admin leaves no event, but the admin logs
    the change (LogEntry), which is part of the data's version."""
    staff = login("staff")
    sun = delegations["third"]
    other = delegations["other"]
    before = _scores_of(staff, RANKINGS + f"?year=2024&group={other.pk}")
    assert "孙立" not in before
    root = User.objects.create_superuser("root", password="root-password-long", email="")
    client.force_login(root)
    url = reverse("admin:org_deputy_change", args=[sun.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: (value.pk if hasattr(value, "pk") else value)
        for name, value in form.initial.items()
        if value is not None
    }
    data["delegation"] = other.pk
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert LogEntry.objects.filter(object_id=str(sun.pk)).exists()
    after = _scores_of(staff, RANKINGS + f"?year=2024&group={other.pk}")
    assert after == {"赵敏": "4", "孙立": "4"}


def test_rules_set_back_to_the_defaults_show_in_the_rankings_at_once(
    in_2024,
    login,
    cast,
    congress,
    delegations,  # noqa: F811
):
    """Setting no rules (back to the defaults) writes no event: the rules in force are part of
    the cache key."""
    scoring_rules_set(actor=cast["staff"], congress=congress, rules=[RuleInput(K.SUGGESTION, 7)])
    client = login("staff")
    assert scores(client)["李秀兰"] == "7"  # the congress's 7 a suggestion
    scoring_rules_set(actor=cast["staff"], congress=congress, rules=[])
    assert ScoringRule.objects.filter(congress=congress).count() == 0
    assert scores(client)["李秀兰"] == str(DEFAULT_RULES[K.SUGGESTION][0])


def test_cached_rankings_page_and_filter_as_computed_ones(in_2024, api, delegations):  # noqa: F811
    """Paging, the group filter and the grouping read from the cache as when computed."""
    staff = api("staff")
    calls = [
        {"year": 2024, "page": 2, "page_size": 2},
        {"year": 2024, "group": delegations["other"].pk},
        {"year": 2024, "by": "station"},
    ]
    computed = []
    for params in calls:
        cache.clear()
        computed.append(staff.get("/performance/rankings", **params).json())
    cached = [staff.get("/performance/rankings", **params).json() for params in calls]
    assert cached == computed
    assert [i["deputy"]["name"] for i in cached[0]["items"]] == ["王建国", "孙立"]
