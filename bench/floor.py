"""The floor: a bare Django view with the suggestion register's query shape, and nothing else.

A raw SQL COUNT of the year's suggestions, their page of 50 (ordered as the register's
default sort) with the lead deputy's name and delegation, one batched query for the active
handling units of those 50, and a plain template of a table. No filter form, no permissions,
no layout. Served by the same gunicorn and middleware as renda, so a page's ratio to this
floor is what renda adds on top of the unavoidable. `?page=`, `?year=`, `?sort=-due` and `?q=` as
the register, so that each of the register's scenarios is timed against the floor of its own
query shape (all years count every row; a deep page reads and drops the rows before it).
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from renda.search import engine
from renda.search.registry import sources

PER_PAGE = 50
ORDER = {
    "number": "s.year DESC, s.number ASC NULLS LAST, s.submitted_at DESC, s.id",
    "-due": "s.reply_due DESC NULLS LAST, s.id DESC",
}


def suggestions(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    congress_id = getattr(user, "congress_id", None) or 0
    year = int(request.GET.get("year") or 0)
    page = max(1, int(request.GET.get("page") or 1))
    order = ORDER[request.GET.get("sort") or "number"]
    where = "s.congress_id = %s" + (" AND s.year = %s" if year else "")
    params: list[Any] = [congress_id, year] if year else [congress_id]
    if request.GET.get("q"):
        # The register's words: the same bounded read of the index (engine.listed), then
        # the rows among those ids, as the register filters them.
        where += " AND s.id = ANY(%s)"
        params.append(engine.listed("suggestion", request.GET["q"], reader=user, year=year).ids)
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM suggestions_suggestion s WHERE {where}", params)
        count = cur.fetchone()[0]
        cur.execute(
            "SELECT s.id, s.year, s.number, s.title, s.state, s.submitted_at, s.reply_due, "
            "p.name, g.name FROM suggestions_suggestion s "
            "JOIN org_deputy d ON d.id = s.lead_deputy_id JOIN org_person p ON p.id = d.person_id "
            f"LEFT JOIN org_delegation g ON g.id = d.delegation_id WHERE {where} "
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            [*params, PER_PAGE, (page - 1) * PER_PAGE],
        )
        rows = [dict(zip(_ROW, r, strict=True)) for r in cur.fetchall()]
        cur.execute(
            "SELECT a.suggestion_id, u.name FROM suggestions_assignment a "
            "JOIN org_handlingunit u ON u.id = a.unit_id "
            "WHERE a.active AND a.suggestion_id = ANY(%s) ORDER BY a.id",
            [[r["id"] for r in rows]],
        )
        units: dict[int, list[str]] = {}
        for sid, name in cur.fetchall():
            units.setdefault(sid, []).append(name)
    for r in rows:
        r["units"] = units.get(r["id"], [])
    return render(request, "bench/floor.html", {"rows": rows, "count": count})


_ROW = ("id", "year", "number", "title", "state", "submitted_at", "reply_due", "deputy", "group")


def search(request: HttpRequest) -> HttpResponse:
    """The search's query shape: the same bounded reads of the index for this user
    (`engine.candidates`, the SQL the search page runs: at most 1,000 documents, a year at a
    time for frequent words), those ranked by ts_rank in one raw query, and 20 rows of a plain
    template. No snippets or highlighting, no links per kind, no layout. `?q=`, `?kind=` and
    `?year=` as the search page."""
    user: Any = request.user
    terms = engine.terms_of(request.GET.get("q"))
    chosen = sources(request.GET.getlist("kind") or None)
    year = int(request.GET.get("year") or 0) or None
    filters = Q(kind__in=[s.kind for s in chosen]) & engine.year_column(year)
    ids: list[int] = []
    if terms:
        ids, _capped = engine.candidates(
            user, terms, chosen, filters, at_most=engine.RANK_AT_MOST, year=year
        )
    rows: list[Any] = []
    if ids:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT id, kind, object_id, year, title FROM search_searchdocument "
                "WHERE id = ANY(%s) ORDER BY ts_rank(vector, plainto_tsquery('simple', %s)) "
                "DESC, year DESC, id DESC LIMIT 20",
                [ids, " ".join(terms)],
            )
            rows = cur.fetchall()
    return render(request, "bench/floor_search.html", {"rows": rows, "count": len(ids)})
