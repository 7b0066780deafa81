"""Who sees a document through a key in its index row (registry.Seers): a handling unit its
cases, a station's operator its opinions, a deputy their own suggestions. The keys are written
in the transaction of every change of who handles a case (assignment, reassignment, referral,
return, a petition sent on), and the search meets the user's condition through them, not
through the lists' queries. A congress's documents are read a year at a time, newest first.
Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from renda.opinions import actions as OA
from renda.search import engine
from renda.search.engine import search
from renda.search.index import seers_of
from renda.search.models import SearchDocument
from renda.search.registry import SOURCES
from renda.search.tests.conftest import keys_against_lists
from renda.suggestions import actions as A
from renda.suggestions.models import Assignment, CoSigner

NOW = timezone.localdate().year


def seers(kind: str, object_id: int) -> set[str]:
    return set(SearchDocument.objects.get(kind=kind, object_id=object_id).seers.split())


def found(user, q: str) -> list[tuple[str, int]]:
    return sorted((h.kind, h.object_id) for h in search(user, q).hits)


def reassign(s, cast, org, unit):
    A.suggestion_contest(suggestion=s, actor=cast["handler"], reason="该事项属住建局职责。")
    a = Assignment.objects.get(suggestion=s, unit=org["unit"], active=True)
    A.suggestion_reassign(suggestion=s, actor=cast["staff"], assignment_id=a.pk, unit=unit)


def test_the_index_row_holds_the_units_handling_the_case_and_its_deputies(cast, org, assigned):
    lead = cast["deputy"].deputy_id
    assert seers("suggestion", assigned.pk) == {f"u:{org['unit'].pk}", f"d:{lead}"}


def test_a_reassignment_moves_the_case_to_the_new_units_search_in_its_transaction(
    cast, org, assigned, third_unit, third_handler
):
    with transaction.atomic():
        reassign(assigned, cast, org, third_unit)
        # Written by the reassignment itself, before anything commits.
        assert f"u:{third_unit.pk}" in seers("suggestion", assigned.pk)
        assert f"u:{org['unit'].pk}" not in seers("suggestion", assigned.pk)
        assert found(third_handler, "积水") == [("suggestion", assigned.pk)]
        assert found(cast["handler"], "积水") == []
        transaction.set_rollback(True)
    # Rolled back with it: the first unit handles it again, and finds it again.
    assert f"u:{org['unit'].pk}" in seers("suggestion", assigned.pk)
    assert found(cast["handler"], "积水") == [("suggestion", assigned.pk)]
    assert found(third_handler, "积水") == []


def test_a_reassigned_unit_never_finds_the_case_nor_its_words(
    cast, org, assigned, third_unit, third_handler
):
    reassign(assigned, cast, org, third_unit)
    for q in ("积水", "排水管网", "水"):
        assert search(cast["handler"], q).hits == []
    assert found(third_handler, "排水管网") == [("suggestion", assigned.pk)]
    # Staff still find it, and the deputy who wrote it.
    assert found(cast["staff"], "积水") == [("suggestion", assigned.pk)]
    assert found(cast["deputy"], "积水") == [("suggestion", assigned.pk)]


def test_any_change_of_the_assignments_rewrites_the_keys(cast, org, assigned, third_unit):
    """Even outside the actions (the admin, a script): saving or deleting an assignment."""
    first = Assignment.objects.get(suggestion=assigned)
    a = Assignment.objects.create(
        suggestion=assigned,
        unit=third_unit,
        role="co",
        assigned_at=first.assigned_at,
        contest_due=first.contest_due,
    )
    assert f"u:{third_unit.pk}" in seers("suggestion", assigned.pk)
    a.active = False
    a.save()
    assert f"u:{third_unit.pk}" not in seers("suggestion", assigned.pk)
    Assignment.objects.filter(suggestion=assigned).delete()  # one delete signal per row
    assert seers("suggestion", assigned.pk) == {f"d:{cast['deputy'].deputy_id}"}


def test_a_co_signer_finds_the_suggestion(cast, org, assigned):
    assert search(cast["deputy2"], "积水").hits == []
    CoSigner.objects.create(suggestion=assigned, deputy=org["deputy2"])
    assert found(cast["deputy2"], "积水") == [("suggestion", assigned.pk)]


@pytest.fixture
def opinion(cast, org):
    return OA.opinion_record(
        actor=cast["station"],
        station=org["station"],
        category="roads",
        content="迎宾路一下雨就积水，出行困难。",
        constituent=OA.Constituent(name="赵六", phone="13912345678"),
    )


def test_an_opinion_is_found_by_its_station_and_the_unit_it_is_referred_to(cast, org, opinion):
    assert found(cast["station"], "积水") == [("opinion", opinion.pk)]
    assert search(cast["other_station"], "积水").hits == []
    assert search(cast["handler"], "积水").hits == []
    OA.opinion_refer(opinion=opinion, actor=cast["station"], unit=org["unit"])
    assert seers("opinion", opinion.pk) == {f"s:{org['station'].pk}", f"u:{org['unit'].pk}"}
    assert found(cast["handler"], "积水") == [("opinion", opinion.pk)]
    # Returned as not its matter: the unit no longer finds it; referred to another, that one.
    OA.opinion_return(opinion=opinion, actor=cast["handler"], reason="不属于本单位职责。")
    assert search(cast["handler"], "积水").hits == []
    OA.opinion_refer(opinion=opinion, actor=cast["station"], unit=org["other_unit"])
    assert found(cast["other_handler"], "积水") == [("opinion", opinion.pk)]
    assert search(cast["handler"], "积水").hits == []


def test_the_search_of_a_unit_reads_its_key_not_the_lists_query(cast, assigned, opinion):
    """The mechanism: the unit's condition is met in the index (on PostgreSQL a lexeme of the
    tsvector, beside the words), never by a join over the assignments or the opinions."""
    with CaptureQueriesContext(connection) as queries:
        hits = search(cast["handler"], "积水").hits
    assert [h.object_id for h in hits] == [assigned.pk]
    first = next(q["sql"] for q in queries.captured_queries if "LIMIT 1001" in q["sql"])
    assert "suggestions_assignment" not in first and "opinions_constituentopinion" not in first
    key = f"u:{cast['handler'].unit_id}"
    if connection.vendor == "postgresql":
        assert f"'''{key}'''::tsquery" in first or f"'{key}'::tsquery" in first
    else:
        assert f"% {key} %" in first


def test_every_source_with_keys_agrees_with_its_list(cast, org, assigned, opinion, third_unit):
    """For each user with a key, the index rows holding it are exactly the rows the list
    shows (the demo's accounts are checked the same way on the demo year)."""
    OA.opinion_refer(opinion=opinion, actor=cast["station"], unit=org["unit"])
    wrong, checked = keys_against_lists(cast.values())
    assert wrong == [] and checked >= 3


def test_the_migration_writes_the_keys_the_sources_write(cast, org, assigned, opinion):
    """Migration 0004 fills in the rows indexed before it, by SQL: the same keys, and on
    PostgreSQL the same vector, as a write of each row."""
    OA.opinion_refer(opinion=opinion, actor=cast["station"], unit=org["unit"])
    CoSigner.objects.create(suggestion=assigned, deputy=org["deputy2"])
    expected = {
        (d.kind, d.object_id): (d.seers, _vector(d.pk)) for d in SearchDocument.objects.all()
    }
    assert {k for k, (s, _v) in expected.items() if s} == {
        ("suggestion", assigned.pk),
        ("opinion", opinion.pk),
    }
    for kind, object_id in expected:
        obj = SOURCES[kind].model.objects.get(pk=object_id)
        assert expected[kind, object_id][0] == seers_of(SOURCES[kind], obj)
    if connection.vendor == "postgresql":  # as the rows were before the migration
        with connection.cursor() as cursor:  # (the test's rows checked: indexes can be built)
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        SearchDocument.objects.update(
            seers="",
            vector=RawVector(
                "setweight(to_tsvector('simple', title_words), 'A') || "
                "setweight(to_tsvector('simple', body_words), 'B')"
            ),
        )
    else:
        SearchDocument.objects.update(seers="")
    migration = importlib.import_module("renda.search.migrations.0004_search_seers")
    with connection.cursor() as cursor:  # what of a schema editor the migration uses
        migration.forwards(apps, SimpleNamespace(connection=connection, execute=cursor.execute))
    assert {
        (d.kind, d.object_id): (d.seers, _vector(d.pk)) for d in SearchDocument.objects.all()
    } == expected


def RawVector(sql: str):  # noqa: N802
    from django.contrib.postgres.search import SearchVectorField
    from django.db.models.expressions import RawSQL

    return RawSQL(sql, [], output_field=SearchVectorField())


def _vector(pk: int) -> str | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM search_searchdocument WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.fixture
def years(cast, submit):
    """The same words in a suggestion of this year, one of 2019, one of 1990 (before the years
    read one by one)."""
    made = {}
    for year in (NOW, 2019, 1990):
        s = submit(title=f"关于{year}年供水管网改造的建议", body="老城区水压不足。")
        s.year = year
        s.save()
        made[year] = s
    return made


def test_a_congress_is_read_a_year_at_a_time_newest_first(cast, years, monkeypatch):
    monkeypatch.setattr(engine, "FREQUENT", 0)  # every word frequent, as 水 is at scale
    found_all = search(cast["staff"], "水")
    assert sorted(h.object_id for h in found_all.hits) == sorted(s.pk for s in years.values())
    monkeypatch.setattr(engine, "RANK_AT_MOST", 1)
    capped = search(cast["staff"], "水")
    if connection.vendor == "postgresql":  # SQLite reads its few rows in one query
        assert capped.capped and [h.object_id for h in capped.hits] == [years[NOW].pk]
    # A year asked for is read through its key alone.
    assert [h.object_id for h in search(cast["staff"], "水", year=2019).hits] == [years[2019].pk]


def test_the_years_parts_stop_at_the_bound(cast, years, monkeypatch):
    """On PostgreSQL the staff's candidates are one statement: for a frequent word the years'
    bounded parts, newest first, under one LIMIT (Append runs them in order and stops when it
    is met); for the others one part."""
    monkeypatch.setattr(engine, "FREQUENT", 0)
    with CaptureQueriesContext(connection) as queries:
        search(cast["staff"], "水")
    if connection.vendor == "postgresql":
        first = next(q["sql"] for q in queries.captured_queries if "y:" in q["sql"])
        oldest = NOW + 1 - engine.YEARS_BY_ONE + 1
        newest = first.index(f"y:{NOW + 1}")
        assert newest < first.index(f"y:{NOW}") < first.index(f"y:{oldest}")
        assert "by_year LIMIT 1001" in first
        monkeypatch.setattr(engine, "FREQUENT", 10**9)
        with CaptureQueriesContext(connection) as queries:
            search(cast["staff"], "水")
        assert not any("y:" in q["sql"] for q in queries.captured_queries)
