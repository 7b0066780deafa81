"""A list's `q=` reads at most RANK_AT_MOST ids through the index (engine.listed), those of the
newest years first, and says so when more matched: beside the page's count, and as `capped` in
the API list. Uncapped, it finds what the unbounded filter (engine.words_filter) found. Runs
on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from renda.search import engine
from renda.suggestions.models import Suggestion
from renda.suggestions.tests.test_api import Caller

pytestmark = pytest.mark.django_db

NOW = timezone.localdate().year
YEARS = [NOW - 5, NOW - 4, NOW - 3, NOW - 2, NOW - 1, NOW]


@pytest.fixture(autouse=True)
def rare_words(monkeypatch):
    """No word is frequent() (a test database has no statistics worth reading): the list
    reads at once, then a year at a time when capped; and no statistics query is counted."""
    monkeypatch.setitem(engine._STATS, "at", float("inf"))
    monkeypatch.setitem(engine._STATS, "holders", {})


@pytest.fixture
def parking(submit):
    """Six suggestions on parking, one a year over six years, and one on buses."""
    made = []
    for year in YEARS:
        s = submit(title=f"关于{year}年规范停车管理的建议", body="老城区停车混乱。")
        s.year = year
        s.save()  # the index row follows (its year, its key)
        made.append(s)
    submit(title="关于增开夜班公交的建议", body="夜间出行不便。")
    return made


def register_page(client, user, **params):
    client.force_login(user)
    return client.get(reverse("suggestions:register"), params)


def test_past_the_bound_the_register_lists_the_newest_years_and_says_so(
    client, cast, parking, monkeypatch
):
    monkeypatch.setattr(engine, "RANK_AT_MOST", 3)
    response = register_page(client, cast["staff"], q="停车")
    assert sorted(s.year for s in response.context["page_obj"]) == YEARS[-3:]
    html = response.content.decode()
    assert 'class="capped-note"' in html and "3" in response.context["capped_note"]
    # A year chosen narrows the words to it: not capped.
    response = register_page(client, cast["staff"], q="停车", year=str(YEARS[0]))
    assert [s.pk for s in response.context["page_obj"]] == [parking[0].pk]
    assert 'class="capped-note"' not in response.content.decode()


def test_within_the_bound_the_register_says_nothing_more(client, cast, parking, monkeypatch):
    monkeypatch.setattr(engine, "RANK_AT_MOST", 6)
    response = register_page(client, cast["staff"], q="停车")
    assert {s.pk for s in response.context["page_obj"]} == {s.pk for s in parking}
    assert not response.context["capped_note"]


def test_the_api_list_says_capped(cast, parking, monkeypatch):
    monkeypatch.setattr(engine, "RANK_AT_MOST", 3)
    body = Caller(cast["staff"]).get("/suggestions", q="停车").json()
    assert body["capped"] is True and body["count"] == 3
    assert sorted(item["year"] for item in body["items"]) == YEARS[-3:]
    monkeypatch.setattr(engine, "RANK_AT_MOST", 6)
    body = Caller(cast["staff"]).get("/suggestions", q="停车").json()
    assert body["capped"] is False and body["count"] == 6
    # A list without words is never capped.
    assert Caller(cast["staff"]).get("/suggestions").json()["capped"] is False


def test_the_bound_counts_only_what_the_list_shows(cast, parking, submit, monkeypatch):
    """A deputy's own suggestion is found though the congress holds more of the words than
    the bound (the deputy's key is read, not the congress's newest)."""
    mine = submit(author=cast["deputy2"], title="关于小区停车位的建议", body="停车位不足。")
    mine.year = YEARS[0]
    mine.save()
    monkeypatch.setattr(engine, "RANK_AT_MOST", 1)
    found = engine.listed("suggestion", "停车", reader=cast["deputy2"])
    assert found.ids == [mine.pk] and not found.capped
    # The public's lists read the published only: none here.
    assert engine.listed("suggestion", "停车").ids == []


@pytest.mark.parametrize("q", ["停车", "老城区 停车", "公交", "夜间", "停车 夜间", "无此词"])
def test_uncapped_the_bound_finds_what_the_unbounded_filter_found(cast, parking, q):
    staff = cast["staff"]
    old = Suggestion.objects.filter(congress_id=staff.congress_id)
    old = old.filter(engine.words_filter("suggestion", q))
    found = engine.listed("suggestion", q, reader=staff)
    assert not found.capped and sorted(found.ids) == sorted(old.values_list("pk", flat=True))
    for year in (YEARS[0], NOW):
        old_year = old.filter(year=year).values_list("pk", flat=True)
        assert sorted(engine.listed("suggestion", q, reader=staff, year=year).ids) == sorted(
            old_year
        )


def test_a_query_without_words_finds_nothing(cast, parking):
    assert engine.listed("suggestion", "，。", reader=cast["staff"]) == engine.Listed([], False)


def test_the_capped_register_reads_a_constant_number_of_queries(
    client, cast, parking, submit, monkeypatch
):
    monkeypatch.setattr(engine, "RANK_AT_MOST", 3)
    register_page(client, cast["staff"], q="停车")  # sessions, caches: the first request's own
    with CaptureQueriesContext(connection) as few:
        register_page(client, cast["staff"], q="停车")
    for year in YEARS:
        s = submit(title=f"关于{year}年停车收费的建议", body="停车收费不透明。")
        s.year = year
        s.save()
    with CaptureQueriesContext(connection) as more:
        register_page(client, cast["staff"], q="停车")
    assert len(more) == len(few)
    # The index is read once (the ids then a literal list): on PostgreSQL at once and then
    # a year at a time (capped), on SQLite in one query.
    reads = [q["sql"] for q in more.captured_queries if "search_searchdocument" in q["sql"]]
    assert len(reads) == (2 if connection.vendor == "postgresql" else 1)


def test_the_openapi_schema_documents_capped(client):
    document = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/suggestions", "/api/v1/petitions", "/api/v1/public/suggestions"):
        ok = document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        name = ok["schema"]["$ref"].rsplit("/", 1)[-1]
        capped = document["components"]["schemas"][name]["properties"]["capped"]
        assert capped["type"] == "boolean" and "1,000" in capped["description"]


def test_a_units_list_reads_its_own_key(client, cast, parking, assigned, monkeypatch):
    """The handler's list of assignments finds its case by its words through the unit's key,
    however many of the congress's texts hold them too."""
    assigned.body += " 停车"
    assigned.save()
    monkeypatch.setattr(engine, "RANK_AT_MOST", 1)
    client.force_login(cast["handler"])
    response = client.get(reverse("suggestions:unit"), {"q": "停车", "show": "all"})
    assert [a.suggestion_id for a in response.context["page_obj"]] == [assigned.pk]
    assert not response.context["capped_note"]


def test_the_ids_go_to_the_count_and_the_page_as_one_parameter(client, cast, parking):
    """Issue 18: `pk__in` bound each of up to a thousand ids as its own parameter, for the
    count and again for the page (about 40 ms of the capped register's CPU at scale); on
    PostgreSQL the ids are one array, `= ANY(%s)`. Elsewhere `IN`, as before."""
    with CaptureQueriesContext(connection) as queries:
        response = register_page(client, cast["staff"], q="停车")
    assert {s.pk for s in response.context["page_obj"]} == {s.pk for s in parking}
    where = [
        q["sql"].split("WHERE", 1)[1]
        for q in queries
        if 'FROM "suggestions_suggestion"' in q["sql"] and 'suggestion"."id"' in q["sql"]
    ]
    if connection.vendor == "postgresql":
        assert all("= ANY(" in w and " IN (" not in w for w in where)
    else:
        assert all(" IN (" in w for w in where)
    assert len(where) == 2  # the count and the page


def test_no_ids_is_no_rows_and_no_query(cast, parking):
    found = engine.Listed([], False)
    with CaptureQueriesContext(connection) as queries:
        assert Suggestion.objects.filter(found.q()).count() == 0
        assert list(Suggestion.objects.filter(found.q())) == []
    assert not queries.captured_queries
    # Beside another condition in an OR, the empty list drops out rather than empty the list.
    either = Suggestion.objects.filter(found.q() | engine.Q(pk=parking[0].pk))
    assert [s.pk for s in either] == [parking[0].pk]


def test_a_chosen_year_is_read_through_its_key_not_the_year_column_on_postgresql(cast, parking):
    """Issue 18: with the year's key in the tsquery, a condition on the `year` column beside
    it made PostgreSQL AND the GIN bitmap with the btree bitmap of every document of that
    kind and year (opinions of a year at scale: 48-76 ms where the key alone took 4-13 ms).
    The list and the search page find the same year's documents either way."""
    year = YEARS[1]
    with CaptureQueriesContext(connection) as queries:
        found = engine.listed("suggestion", "停车", reader=cast["staff"], year=year)
        results = engine.search(cast["staff"], "停车", year=year)
    assert found.ids == [parking[1].pk] and not found.capped
    assert [h.object_id for h in results.hits] == [parking[1].pk]
    bound = f"LIMIT {engine.RANK_AT_MOST + 1}"  # the bounded reads, not the page's ranking
    index_reads = [q["sql"] for q in queries if bound in q["sql"]]
    assert index_reads
    for sql in index_reads:
        if connection.vendor == "postgresql":
            assert f"y:{year}" in sql and '"year" =' not in sql
        else:
            assert '"year" =' in sql  # SQLite has no keys in a tsquery: the column
