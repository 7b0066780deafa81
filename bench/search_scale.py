"""Search at scale: 200,000 suggestions and 1,000,000 constituents' opinions on PostgreSQL.

    .venv/bin/python bench/search_scale.py [--suggestions 200000] [--opinions 1000000]
                                           [--database renda_search_bench] [--keep]

Builds the demo's organisation in its own database, then writes the rows in bulk: each text
is three sentences drawn from the demo year's own suggestions and opinions (so the words are
real), and its index row is what renda.search writes for it (the terms of each sentence are
computed once). Then it times, in process (server time, no network), the search as staff
(the whole congress), as a handler (their unit's cases) and as the public, and the API
request as staff, for a few queries; prints one JSON table. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DOC_COLUMNS = [
    "kind",
    "object_id",
    "congress_id",
    "year",
    "public",
    "title",
    "body",
    "title_words",
    "body_words",
    "updated_at",
]
QUERIES = ["垃圾 分类", "学校 停车", "學校 停車", "路灯", "老旧小区 加装 电梯", "噪音 扰民 夜间"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suggestions", type=int, default=200_000)
    parser.add_argument("--opinions", type=int, default=1_000_000)
    parser.add_argument("--database", default="renda_search_bench")
    parser.add_argument("--keep", action="store_true", help="reuse the rows already built")
    parser.add_argument("--runs", type=int, default=20)
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
    from django.db import connection

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
    terms = {s: " ".join(index_terms(s)) for s in pool}
    print(f"{len(pool)} sentences from the demo texts", file=sys.stderr)
    rng = random.Random(16)
    city = Congress.objects.get(code=CITY_CODE)
    deputies = list(Deputy.objects.filter(congress=city).values_list("pk", flat=True))
    units = list(HandlingUnit.objects.filter(congress=city).values_list("pk", flat=True))
    now = datetime.datetime(2024, 6, 1, 10, tzinfo=datetime.UTC)

    def text() -> tuple[str, str]:
        chosen = rng.sample(pool, 3)
        return "".join(chosen), " ".join(terms[s] for s in chosen)

    def copy(table: str, columns: list[str], rows: list[list[object]]) -> None:
        buf = io.StringIO()
        for row in rows:
            buf.write("\t".join(_tsv(v) for v in row) + "\n")
        with (
            connection.cursor() as cursor,
            cursor.connection.cursor().copy(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            ) as cp,
        ):
            cp.write(buf.getvalue())

    def batched(total: int, make: object, size: int = 20_000) -> None:
        for start in range(0, total, size):
            make(start, min(total, start + size))  # type: ignore[operator]

    d_table = SearchDocument._meta.db_table

    def suggestions(start: int, end: int) -> None:
        rows, docs, parts = [], [], []
        for i in range(start, end):
            body, body_terms = text()
            title = f"关于{rng.choice(pool)[:-1][:30]}的建议"
            pk = i + 1_000_000
            rows.append(
                Suggestion(
                    pk=pk,
                    congress=city,
                    year=2024,
                    period="recess",
                    title=title,
                    body=body,
                    category="urban",
                    lead_deputy_id=rng.choice(deputies),
                    state="assigned",
                    submitted_at=now,
                    handling_mode="sole",
                )
            )
            parts.append(
                Assignment(
                    suggestion_id=pk,
                    unit_id=rng.choice(units),
                    role="sole",
                    assigned_at=now,
                    contest_due=datetime.date(2024, 6, 11),
                )
            )
            docs.append(
                [
                    "suggestion",
                    pk,
                    city.pk,
                    2024,
                    False,
                    title,
                    body,
                    " ".join(index_terms(title)),
                    body_terms,
                    now,
                ]
            )
        Suggestion.objects.bulk_create(rows, batch_size=5000)
        Assignment.objects.bulk_create(parts, batch_size=5000)
        copy(d_table, DOC_COLUMNS, docs)

    def opinions(start: int, end: int) -> None:
        rows, docs = [], []
        for i in range(start, end):
            body, body_terms = text()
            pk = i + 1_000_000
            rows.append(
                ConstituentOpinion(
                    pk=pk,
                    congress=city,
                    source="visit",
                    category="roads",
                    content=body,
                    receipt_code=f"B{pk:010d}",
                    state="referred",
                    received_at=now,
                    unit_id=rng.choice(units),
                )
            )
            docs.append(["opinion", pk, city.pk, 2024, False, body[:40], body, "", body_terms, now])
        ConstituentOpinion.objects.bulk_create(rows, batch_size=5000)
        copy(d_table, DOC_COLUMNS, docs)

    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS search_document_vector")
    batched(n_suggestions, suggestions)
    print(f"suggestions written, {time.monotonic() - started:.0f} s", file=sys.stderr)
    batched(n_opinions, opinions)
    print(f"opinions written, {time.monotonic() - started:.0f} s", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {d_table} SET vector = setweight(to_tsvector('simple', title_words), 'A')"
            " || setweight(to_tsvector('simple', body_words), 'B')"
        )
        cursor.execute(f"CREATE INDEX search_document_vector ON {d_table} USING gin (vector)")
        cursor.execute("VACUUM ANALYZE")
    print(f"built in {time.monotonic() - started:.0f} s", file=sys.stderr)


def _tsv(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", "\\n")


def measure(runs: int) -> dict[str, object]:
    from django.test import Client

    from renda.accounts.models import User
    from renda.search.engine import search
    from renda.search.models import SearchDocument

    staff = User.objects.get(username="staff")
    handler = User.objects.get(username="handler")
    client = Client()
    client.force_login(staff)
    out: dict[str, object] = {"documents": SearchDocument.objects.count()}
    for who, user in (("staff", staff), ("handler", handler), ("public", None)):
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
