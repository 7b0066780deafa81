"""Search at scale: 200,000 suggestions and 1,000,000 constituents' opinions on PostgreSQL.

    .venv/bin/python bench/search_scale.py [--suggestions 200000] [--opinions 1000000]
                                           [--database renda_search_bench] [--keep]

Builds the demo's organisation in its own database, then writes the rows in bulk: each text
is three sentences drawn from the demo year's own suggestions and opinions (so the words are
real), and its index row is what renda.search writes for it (the terms of each sentence are
computed once). Then it times, in process (server time, no network), the search as staff
(the whole congress), as a handler (their unit's cases) and as the public, and the API
request as staff, for a few queries; prints one JSON table (with --explain, first
PostgreSQL's own execution time of each search's queries, from EXPLAIN ANALYZE). Not part of
`make test`.

With --keep it only measures, on any database holding the demo's users: the one grown by
bench/scale.py, say, whose index rows are copies of the demo year's (every year's cases,
their units and published states as the demo's):

    .venv/bin/python bench/search_scale.py --database renda_search_scale --keep --explain
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Frequent words, a traditional query, one character, fewer, and none at all.
QUERIES = [
    "垃圾 分类",
    "学校 停车",
    "學校 停車",
    "停车",
    "水",
    "路灯",
    "老旧小区 加装 电梯",
    "噪音 扰民 夜间",
    "无人机",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suggestions", type=int, default=200_000)
    parser.add_argument("--opinions", type=int, default=1_000_000)
    parser.add_argument("--database", default="renda_search_bench")
    parser.add_argument("--keep", action="store_true", help="reuse the rows already built")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--explain", action="store_true", help="print EXPLAIN ANALYZE of each search's queries"
    )
    args = parser.parse_args()
    url = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
    if not args.keep:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{args.database}"')
            c.execute(f'CREATE DATABASE "{args.database}"')
    import django

    django.setup()
    from django.core.management import call_command

    if not args.keep:
        call_command("migrate", verbosity=0)
        build(args.suggestions, args.opinions)
    if args.explain:
        explain()
    print(json.dumps(measure(args.runs), ensure_ascii=False, indent=1))


def sentences() -> list[str]:
    """The demo year's sentences (its suggestions' and opinions' wording, cut at 。！？)."""
    found: set[str] = set()
    for name in ("suggestion", "station", "petition"):
        data = json.loads((ROOT / "renda" / "demo" / "data" / f"{name}.json").read_text("utf-8"))
        for text in _strings(data):
            text = re.sub(r"\{[^}]*\}", "", text)
            found.update(
                s + "。"
                for s in re.split(r"[。！？\n]", text)
                if len(re.findall(r"[\u4e00-\u9fff]", s)) >= 6
            )
    return sorted(found)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def build(n_suggestions: int, n_opinions: int) -> None:
    """The rows, written by PostgreSQL itself (generate_series): text i is made of sentences
    picked by arithmetic on i, so a build is the same every time."""
    from django.db import connection, transaction

    from renda.core.text import index_terms
    from renda.demo import build as demo_build
    from renda.demo.org import CITY_CODE
    from renda.opinions.models import ConstituentOpinion
    from renda.org.models import Congress, Deputy, HandlingUnit
    from renda.search.models import SearchDocument
    from renda.suggestions.models import Assignment, Suggestion

    started = time.monotonic()
    demo_build(only=["org"])
    pool = sentences()
    print(f"{len(pool)} sentences from the demo texts", file=sys.stderr)
    city = Congress.objects.get(code=CITY_CODE)
    deputies = list(Deputy.objects.filter(congress=city).values_list("pk", flat=True))
    units = list(HandlingUnit.objects.filter(congress=city).values_list("pk", flat=True))
    now = "'2024-06-01 10:00+08'::timestamptz"
    n = len(pool)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE sent (i int PRIMARY KEY, t text, terms text, title text,"
            " title_terms text)"
        )
        rows = []
        for i, sentence in enumerate(pool):
            title = f"关于{sentence[:-1][:30]}的建议"
            rows.append(
                [i, sentence, " ".join(index_terms(sentence)), title, " ".join(index_terms(title))]
            )
        cursor.executemany("INSERT INTO sent VALUES (%s, %s, %s, %s, %s)", rows)
        cursor.execute("DROP INDEX IF EXISTS search_document_vector")
    # Three sentences per text, chosen by arithmetic on g (distinct for n prime-ish steps).
    picks = (
        f"JOIN sent a ON a.i = mod(g * 7, {n}) "
        f"JOIN sent b ON b.i = mod(g * 13 + 5, {n}) "
        f"JOIN sent c ON c.i = mod(g * 31 + 11, {n})"
    )

    def insert(model: Any, exprs: dict[str, str], source: str, params: list[Any]) -> None:
        columns, values, args = [], [], []
        for f in model._meta.concrete_fields:
            if f.primary_key and f.column not in exprs:
                continue  # the sequence's
            columns.append(f.column)
            if f.column in exprs:
                values.append(exprs[f.column])
            else:  # the field's default, as the model would write it
                values.append("%s")
                args.append(f.get_db_prep_save(f.get_default(), connection))
        sql = (
            f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "
            f"SELECT {', '.join(values)} {source}"
        )
        with connection.cursor() as cursor:
            try:
                cursor.execute(sql, [*args, *params])
            except Exception:
                print(sql, file=sys.stderr)
                raise

    doc = {
        "congress_id": str(city.pk),
        "year": "2024",
        "public": "false",
        "updated_at": "now()",
        "vector": "NULL",
    }

    def array(ids: list[int]) -> str:
        return "'{" + ",".join(map(str, ids)) + "}'::bigint[]"

    series = "FROM generate_series(1, %s) g " + picks
    ids = "1000000 + g"
    text = "a.t || b.t || c.t"
    insert(
        Suggestion,
        {
            "id": ids,
            "congress_id": str(city.pk),
            "year": "2024",
            "title": "a.title",
            "body": text,
            "lead_deputy_id": f"({array(deputies)})[1 + mod(g, {len(deputies)})]",
            "state": "'assigned'",
            "period": "'recess'",
            "category": "'urban'",
            "submitted_at": now,
            "handling_mode": "'sole'",
        },
        series,
        [n_suggestions],
    )
    insert(
        Assignment,
        {
            "suggestion_id": ids,
            "unit_id": f"({array(units)})[1 + mod(g * 3, {len(units)})]",
            "role": "'sole'",
            "assigned_at": now,
            "contest_due": "'2024-06-11'::date",
        },
        "FROM generate_series(1, %s) g",
        [n_suggestions],
    )
    insert(
        SearchDocument,
        {
            **doc,
            "kind": "'suggestion'",
            "object_id": ids,
            "title": "a.title",
            "body": text,
            "title_words": "a.title_terms",
            "body_words": "a.terms || ' ' || b.terms || ' ' || c.terms",
        },
        series,
        [n_suggestions],
    )
    print(f"suggestions written, {time.monotonic() - started:.0f} s", file=sys.stderr)
    insert(
        ConstituentOpinion,
        {
            "id": ids,
            "congress_id": str(city.pk),
            "content": text,
            "receipt_code": "'B' || lpad(g::text, 10, '0')",
            "state": "'referred'",
            "unit_id": f"({array(units)})[1 + mod(g * 5, {len(units)})]",
            "received_at": now,
            "updated_at": now,
            "source": "'visit'",
            "category": "'roads'",
        },
        series,
        [n_opinions],
    )
    insert(
        SearchDocument,
        {
            **doc,
            "kind": "'opinion'",
            "object_id": ids,
            "title": "left(a.t, 40)",
            "body": text,
            "title_words": "''",
            "body_words": "a.terms || ' ' || b.terms || ' ' || c.terms",
        },
        series,
        [n_opinions],
    )
    print(f"opinions written, {time.monotonic() - started:.0f} s", file=sys.stderr)
    d_table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {d_table} SET vector = setweight(to_tsvector('simple', title_words), 'A')"
            " || setweight(to_tsvector('simple', body_words), 'B')"
        )
    # Who sees each row (its units' keys) and its year's key, as migration 0004 writes them;
    # it builds the GIN indexes too.
    from django.apps import apps

    seers = importlib.import_module("renda.search.migrations.0004_search_seers")
    with transaction.atomic(), connection.schema_editor() as editor:
        seers._postgresql(apps, editor)
    with connection.cursor() as cursor:
        for table in ("suggestions_suggestion", "opinions_constituentopinion", d_table):
            cursor.execute(f"ANALYZE {table}")
    print(f"built in {time.monotonic() - started:.0f} s", file=sys.stderr)


def _users() -> dict[str, Any]:
    """Staff (the whole congress), a handler (their unit's cases), a deputy (their own), a
    station's operator (its opinions), the public; the demo's accounts (those in the
    database: the deputy and the operator are missing from older builds)."""
    from renda.accounts.models import User

    found = {u.username: u for u in User.objects.filter(username__in=WHO)}
    return {who: found[who] for who in WHO if who in found} | {"public": None}


WHO = ("staff", "handler", "deputy", "station")


def explain() -> None:
    """PostgreSQL's own time for the queries of each search (EXPLAIN ANALYZE), per role."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from renda.search.engine import search

    for who, user in _users().items():
        for q in QUERIES:
            with CaptureQueriesContext(connection) as ctx:
                search(user, q)
            times = []
            for query in ctx.captured_queries:
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
                    plan = cursor.fetchone()[0]
                    plan = json.loads(plan) if isinstance(plan, str) else plan
                times.append(round(plan[0]["Execution Time"], 1))
            print(f"EXPLAIN {who:7} {q:12} queries' execution ms: {times}", file=sys.stderr)


def measure(runs: int) -> dict[str, object]:
    from django.test import Client

    from renda.search.engine import search
    from renda.search.models import SearchDocument

    users = _users()
    client = Client()
    client.force_login(users["staff"])
    out: dict[str, object] = {"documents": SearchDocument.objects.count()}
    for who, user in users.items():
        for q in QUERIES:
            search(user, q)  # warm: jieba's dictionary, the plan cache
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                found = search(user, q)
                times.append((time.perf_counter() - t) * 1000)
            out[f"{who} {q}"] = {
                "matches": found.count,
                "capped": found.capped,
                "median_ms": round(statistics.median(times), 1),
                "p95_ms": round(sorted(times)[int(len(times) * 0.95) - 1], 1),
            }
    for q in QUERIES[:2]:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            page = client.get("/search/", {"q": q})
            times.append((time.perf_counter() - t) * 1000)
            assert page.status_code == 200
        out[f"page /search/?q={q} (staff)"] = {"median_ms": round(statistics.median(times), 1)}
    return out


if __name__ == "__main__":
    main()
