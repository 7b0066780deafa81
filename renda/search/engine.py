"""Searching the index: the words of a query (renda.core.text), all required in any order, in
what the user may see, ranked (title words above body words), each hit with its snippet."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.contrib.postgres.search import (
    SearchQuery,
    SearchQueryCombinable,
    SearchQueryField,
    SearchRank,
)
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, F, Func, Model, Q, QuerySet, TextField, Value
from django.db.models.expressions import Expression, RawSQL
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from renda.core.text import query_terms, query_words
from renda.search.index import year_key
from renda.search.models import SearchDocument
from renda.search.registry import Source, sources
from renda.search.snippets import highlight, snippet

MAX_QUERY = 100  # characters of a query read; the rest is ignored
MAX_WORDS = 12
# A search ranks at most this many documents: the first found in each class of what the user
# may see (their congress's, a kind's rows through its list, the published ones), each read by
# its own bounded query. Past it the page says "more than 1,000 match: add a word" and ranks
# those; so a word held by half the rows costs what a word held by 1,000 does (ranking every
# match, or even reading each to check who may see it, took seconds at 1,200,000 documents).
RANK_AT_MOST = 1000


def words_of(q: str | None) -> list[str]:
    """The words a query looks for (as the page shows them)."""
    return query_words((q or "")[:MAX_QUERY], limit=MAX_WORDS)


def terms_of(q: str | None) -> list[str]:
    """The index terms a query requires (renda.core.text.query_terms)."""
    return query_terms((q or "")[:MAX_QUERY], limit=MAX_WORDS)


def _fts_match(words: list[str]) -> str:
    """An FTS5 query requiring every word (each a quoted phrase, so nothing in it is syntax)."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def matching(terms: list[str], *, ranked: bool = True) -> QuerySet[SearchDocument]:
    """Documents holding every term, with their `rank` (higher is better) unless not
    `ranked`."""
    docs = SearchDocument.objects.all()
    if connection.vendor == "postgresql":
        query = SearchQuery(" ".join(terms), config="simple", search_type="plain")
        docs = docs.filter(vector=query)
        return docs.annotate(rank=SearchRank(F("vector"), query)) if ranked else docs
    match = _fts_match(terms)
    table = SearchDocument._meta.db_table
    docs = docs.filter(
        pk__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [match])
    )
    if not ranked:
        return docs
    return docs.annotate(
        # bm25 is lower for better matches; the title column weighs ten times the body.
        rank=RawSQL(
            "SELECT -bm25(search_fts, 10.0, 1.0) FROM search_fts "
            f"WHERE search_fts MATCH %s AND search_fts.rowid = {table}.id",  # noqa: S608
            [match],
        )
    )


def ranked(terms: list[str], ids: list[int]) -> QuerySet[SearchDocument]:
    """These documents (found holding the terms) with their `rank`. On PostgreSQL they are read
    by id only: asking the GIN index again would find every holder of a frequent word."""
    if connection.vendor == "postgresql":
        query = SearchQuery(" ".join(terms), config="simple", search_type="plain")
        docs = SearchDocument.objects.filter(pk__in=ids)
        return docs.annotate(rank=SearchRank(F("vector"), query))
    return matching(terms).filter(pk__in=ids)


def matching_ids(kind: str, q: str | None) -> QuerySet[SearchDocument, Any] | None:
    """The ids of `kind`'s objects matching the query (a subquery for a list's `q=` filter), or
    None when the query has no word to look for."""
    terms = terms_of(q)
    if not terms:
        return None
    return matching(terms).filter(kind=kind).values("object_id")


def words_filter(kind: str, q: str | None, *, field: str = "pk") -> Q:
    """A list's `q=` filter through the same index, unbounded: the rows (`field` holds the id
    of `kind`'s object) whose text holds every word of the query; none for a query without
    words. The lists use listed() (bounded); this stays for the reviews' few rows and as what
    listed() must find when not capped."""
    ids = matching_ids(kind, q)
    return Q(pk__in=[]) if ids is None else Q(**{f"{field}__in": ids})


@dataclass(frozen=True)
class Seen:
    """One class of what a user may find: the documents meeting `where` and, when `key` is
    given, holding it in their index row (registry.Seers); `by_year`: read a year at a time,
    newest first, when the words are frequent (see candidates())."""

    where: Q
    key: str | None = None
    # When the words are frequent(): the part of `where` read a year at a time, and the part
    # read at once (None: nothing), instead of `where` at once.
    by_year: Q | None = None
    at_once: Q | None = None


def visibility_classes(user: Any, chosen: list[Source]) -> list[Seen]:
    """What the user may find, one class of documents per condition: their congress's
    documents of the kinds they see whole (staff and leaders; those of the numerous kinds, read
    a year at a time, apart from the others); the documents holding their key
    (registry.Seers: a handling unit's cases, a station's opinions, a deputy's own), one class
    per key; each other kind's rows through the list's own query; and the published ones.
    Each is searched by its own query, so PostgreSQL plans each on its own terms: a congress
    through the GIN index a year at a time, a key and the words in one GIN scan (the key's
    few entries lead it), the published through the GIN index of published documents
    (migration 0003)."""
    classes: list[Seen] = []
    congress_id = getattr(user, "congress_id", None)
    if getattr(user, "is_authenticated", False):
        whole = [s for s in chosen if congress_id and s.sees_congress(user)]
        if whole:
            numerous = [s.kind for s in whole if s.by_year]
            few = [s.kind for s in whole if not s.by_year]
            classes.append(
                Seen(
                    Q(congress_id=congress_id, kind__in=[s.kind for s in whole]),
                    by_year=Q(kind__in=numerous) if numerous else None,
                    at_once=Q(kind__in=few) if few else None,
                )
            )
        keyed: dict[str, Q] = {}
        for source in chosen:
            if source in whole:
                continue
            key = source.seers.key(user) if source.seers else None
            if source.seers and key and (congress_id or not source.seers.in_congress):
                where = Q(kind=source.kind)
                if source.seers.in_congress:
                    where &= Q(congress_id=congress_id)
                keyed[key] = keyed[key] | where if key in keyed else where
            else:
                rows = source.visible(user).values("pk")
                classes.append(Seen(Q(kind=source.kind, object_id__in=rows)))
        classes.extend(Seen(where, key=key) for key, where in keyed.items())
    classes.append(Seen(Q(public=True, kind__in=[s.kind for s in chosen])))
    return classes


def _lexeme(key: str) -> Any:
    """A key (registry.Seers, index.year_key) as a tsquery of that one lexeme, unparsed."""
    return _Lexeme(Value(_quoted(key)))


def _quoted(key: str) -> str:
    """A key as a tsquery's quoted lexeme."""
    return "'" + key.replace("\\", "\\\\").replace("'", "''") + "'"


class _Lexeme(SearchQueryCombinable, Func):  # type: ignore[misc]  # as SearchQuery
    template = "%(expressions)s::tsquery"
    output_field = SearchQueryField()


# A congress's documents are read a year at a time, newest first, over these many years back
# from next year; then those of every other year (or none) at once.
YEARS_BY_ONE = 16
# ... when every word of the query is held by this many documents or more, by PostgreSQL's own
# statistics of the index's lexemes (read again every ten minutes). For fewer holders the GIN
# index intersects the words' entries faster at once than a year at a time.
FREQUENT = 50_000
_STATS: dict[str, Any] = {"at": -1e9, "holders": {}}


def frequent(terms: list[str]) -> bool:
    """Whether the rarest term of the query is held by FREQUENT documents or more (a term out
    of PostgreSQL's most common lexemes is held by fewer)."""
    if time.monotonic() - _STATS["at"] > 600:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.reltuples, s.most_common_elems::text::text[], s.most_common_elem_freqs"
                " FROM pg_class c LEFT JOIN pg_stats s ON s.tablename = c.relname"
                " AND s.attname = 'vector' AND s.schemaname = current_schema()"
                " WHERE c.oid = to_regclass(%s)",
                [SearchDocument._meta.db_table],
            )
            row = cursor.fetchone()
        rows, lexemes, freqs = row if row else (0, None, None)
        holders = dict(zip(lexemes or [], freqs or [], strict=False))
        _STATS.update(at=time.monotonic(), holders={k: v * rows for k, v in holders.items()})
    return min(_STATS["holders"].get(t, 0) for t in terms) >= FREQUENT


def candidates(
    user: Any,
    terms: list[str],
    chosen: list[Source],
    filters: Q,
    *,
    at_most: int,
    year: int | None = None,
) -> tuple[list[int], bool]:
    """The ids of at most `at_most` documents holding every term that the user may see, and
    whether there were more: each class of visibility_classes() read up to `at_most` + 1
    documents. On PostgreSQL in one statement, the classes' bounded SELECTs joined by UNION
    ALL; a key is required with the words in one tsquery (the GIN index skips the words'
    entries between the key's); when every word is frequent(), a congress's documents of the
    numerous kinds are read a year at a time, newest first, each year through its key in the
    same tsquery, until `at_most` + 1 are found (the GIN index reads the
    entries of one year's holders of a word, not of all of them: a character in a sixth of
    the texts no longer reads a sixth of the index). SQLite cannot bound a part
    of a UNION, and has no such sizes: one query, the keys read from the `seers` column."""
    classes = visibility_classes(user, chosen)
    if connection.vendor != "postgresql":
        return _sqlite_bounded(terms, classes, filters, "pk", at_most=at_most, newest=False)
    reading = _Reading(terms, SearchDocument.objects.filter(filters), "pk", at_most + 1)
    by_years = frequent(terms) and not year
    parts: list[tuple[str, tuple[Any, ...]]] = []
    for c in classes:
        keys = [c.key] if c.key else []
        if c.by_year is None or not by_years:
            parts += reading.part(c.where, *keys, *([year_key(year)] if year else []))
            continue
        if c.at_once is not None:
            parts += reading.part(c.where & c.at_once, *keys)
        parts += reading.by_year(c.where & c.by_year, keys)
    return _run(parts, at_most)


def _sqlite_bounded(
    terms: list[str], classes: list[Seen], filters: Q, column: str, *, at_most: int, newest: bool
) -> tuple[list[int], bool]:
    """candidates() and listed() on SQLite: one query, the keys read from the `seers` column;
    `newest`: the newest years first (a demo's few rows, sorted)."""
    holding = (
        matching(terms, ranked=False)
        .filter(filters)
        .annotate(keys=Concat(Value(" "), "seers", Value(" "), output_field=TextField()))
    )
    either = Q(pk__in=[])
    for c in classes:
        either |= c.where & (Q(keys__contains=f" {c.key} ") if c.key else Q())
    found = holding.filter(either)
    if newest:
        found = found.order_by(F("year").desc(nulls_last=True), "-object_id")
    ids = list(dict.fromkeys(found.values_list(column, flat=True)[: at_most + 1]))
    return ids[:at_most], len(ids) > at_most


class _Reading:
    """The bounded SELECTs of one reading of the index on PostgreSQL: `column` of the rows of
    `holding` that hold every term, at most `bound` of each part."""

    def __init__(
        self, terms: list[str], holding: QuerySet[SearchDocument], column: str, bound: int
    ) -> None:
        self.words = SearchQuery(" ".join(terms), config="simple", search_type="plain")
        self.holding, self.column, self.bound = holding, column, bound

    def part(self, where: Q, *keys: str) -> list[tuple[str, tuple[Any, ...]]]:
        """The bounded SELECT of one class (none when it cannot hold anything): the keys are
        required with the words in one tsquery."""
        query = self.words
        for key in keys:
            query = query & _lexeme(key)
        qs = self.holding.filter(where, vector=query).values_list(self.column, flat=True)
        try:
            return [qs[: self.bound].query.sql_with_params()]
        except EmptyResultSet:  # a list that shows this user nothing
            return []

    def by_year(self, where: Q, keys: list[str]) -> list[tuple[str, tuple[Any, ...]]]:
        """The documents meeting `where` a year at a time, newest first, each year through its
        key in the tsquery, then those of every other year (or none), under one LIMIT: Append
        runs its parts in order and stops when the LIMIT is met."""
        newest = timezone.localdate().year + 1
        years = range(newest, newest - YEARS_BY_ONE, -1)
        others = Q(year__isnull=True) | Q(year__lt=years[-1]) | Q(year__gt=newest)
        # One year's SELECT is compiled once and its key's parameter changed for each year
        # (compiling each through the ORM cost 2 ms a year).
        one = self.part(where, *keys, _ANY_YEAR)
        mark = _quoted(_ANY_YEAR)
        by_one = [
            (sql, tuple(_quoted(year_key(y)) if p == mark else p for p in params))
            for sql, params in one
            for y in years
        ]
        by_one += self.part(where & others, *keys)
        if not by_one:
            return []
        sql = " UNION ALL ".join(f"({q})" for q, _ in by_one)
        params = tuple(p for _, ps in by_one for p in ps)
        limited = f"SELECT {self.column} FROM ({sql}) AS by_year LIMIT {self.bound}"  # noqa: S608
        return [(limited, params)]


# A key no row holds (keys hold no "#"), replaced by each year's in the compiled SELECT.
_ANY_YEAR = "y:#"


def _run(parts: list[tuple[str, tuple[Any, ...]]], at_most: int) -> tuple[list[int], bool]:
    """The ids the parts read, in order, once each: at most `at_most`, and whether more."""
    if not parts:
        return [], False
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(f"({q})" for q, _ in parts), [p for _, ps in parts for p in ps]
        )
        found = [row[0] for row in cursor.fetchall()]
    ids = list(dict.fromkeys(found))
    return ids[:at_most], len(ids) > at_most


@dataclass(frozen=True)
class Listed:
    """What a list's `q=` shows: the ids of at most RANK_AT_MOST of the kind's objects holding
    every word, those of the newest years first, and whether more matched (`capped`)."""

    ids: list[int]
    capped: bool

    @property
    def note(self) -> str:
        return capped_note(self.capped)

    def q(self, field: str = "pk") -> Q:
        """The list's filter: a literal list of ids (read once, not a subquery that the count
        and the page would each run again), as one array parameter (AnyOf)."""
        return Q(AnyOf(field, self.ids))


class AnyOf(Expression):
    """`field = ANY(ids)` with the ids as one array parameter on PostgreSQL: `field__in`
    prepares and binds each of up to a thousand ids as its own parameter, for the count and
    again for the page (about 40 ms of a capped list's CPU at scale; issue 18). Elsewhere
    (SQLite) `IN` with a parameter each. No ids: no rows, and no query (as `__in`)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, field: str, ids: list[int]) -> None:
        super().__init__()
        self.lhs: Any = F(field)
        self.ids = [int(i) for i in ids]

    def get_source_expressions(self) -> list[Any]:
        return [self.lhs]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.lhs,) = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        if not self.ids:
            raise EmptyResultSet
        lhs, params = compiler.compile(self.lhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*params, self.ids]
        return f"{lhs} IN ({', '.join(['%s'] * len(self.ids))})", [*params, *self.ids]


def capped_note(capped: bool) -> str:
    """What a list says beside its count when its words were capped (else nothing); its
    export says it under its title."""
    if not capped:
        return ""
    return _(
        "More than %(n)s match these words; the %(n)s of the newest years are listed."
        " Add a word or choose a year to narrow."
    ) % {"n": f"{RANK_AT_MOST:,}"}


M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Filtered(Generic[M]):
    """A list's rows as its filters ask, and whether its `q=` was capped (Listed)."""

    rows: QuerySet[M]
    capped: bool = False

    @property
    def note(self) -> str:
        return capped_note(self.capped)


def listed(kind: str, q: str | None, *, reader: Any = None, year: int | None = None) -> Listed:
    """A list's `q=` filter through the index, bounded as the search page is: the objects of
    `kind` holding every word of `q` that `reader`'s lists may show (None: the public's, the
    published ones), at most RANK_AT_MOST, the newest years first; `year` (the list's year, of
    the same meaning as the index's) is required in the tsquery as its `y:` key. A query
    without words finds nothing (as words_filter()).

    The classes are those of the search page (visibility_classes) without the published one:
    a list shows what the reader sees through it. On PostgreSQL the class is read at once
    (LIMIT RANK_AT_MOST + 1) unless the words are frequent(); when that finds more, it is
    read again a year at a time, newest first (candidates()' reading), so that the capped list
    holds the newest years' matches whatever the words."""
    terms = terms_of(q)
    if not terms:
        return Listed([], False)
    at_most = RANK_AT_MOST
    if reader is None:
        classes = [Seen(Q(public=True))]
    else:
        # The last class is the published documents', which a list does not show.
        classes = visibility_classes(reader, sources([kind]))[:-1]
    filters = Q(kind=kind) & year_column(year)
    if connection.vendor != "postgresql":
        ids, capped = _sqlite_bounded(
            terms, classes, filters, "object_id", at_most=at_most, newest=True
        )
        return Listed(ids, capped)
    reading = _Reading(terms, SearchDocument.objects.filter(filters), "object_id", at_most + 1)
    keyed = [(c.where, [c.key] if c.key else []) for c in classes]
    if year or not frequent(terms):
        at_once = [p for where, keys in keyed for p in reading.part(where, *keys, *_year(year))]
        ids, capped = _run(at_once, at_most)
        if year or not capped:
            return Listed(ids, capped)
    ids, capped = _run([p for where, keys in keyed for p in reading.by_year(where, keys)], at_most)
    return Listed(ids, capped)


def _year(year: int | None) -> list[str]:
    return [year_key(year)] if year else []


def year_column(year: int | None) -> Q:
    """A chosen year as a condition on the index's `year` column, on SQLite only: on
    PostgreSQL the year's key is required in the tsquery (candidates(), listed()), and the
    column's condition beside it made the planner AND the GIN index's bitmap with the btree
    index's of every document of that kind and year (opinions of a year at scale: 92,475
    rows, 48-76 ms, where the tsquery alone read 705 in 4-13 ms; issue 18)."""
    if not year or connection.vendor == "postgresql":
        return Q()
    return Q(year=year)


@dataclass(frozen=True)
class Hit:
    kind: str
    kind_label: str | Promise
    object_id: int
    year: int | None
    url: str
    title: SafeString
    snippet: SafeString
    rank: float


@dataclass(frozen=True)
class Results:
    q: str
    words: list[str]
    hits: list[Hit]
    count: int
    page: int
    pages: int
    capped: bool  # more matched than RANK_AT_MOST: the count stopped there


def search(
    user: Any,
    q: str | None,
    *,
    kinds: list[str] | None = None,
    year: int | None = None,
    congress: int | None = None,
    page: int = 1,
    page_size: int = 20,
) -> Results:
    """One page of what `user` may find for `q`, best first."""
    words, terms = words_of(q), terms_of(q)
    q = (q or "").strip()[:MAX_QUERY]
    if not terms:
        return Results(q, [], [], 0, 1, 1, False)
    chosen = sources(kinds)
    by_kind = {s.kind: s for s in chosen}
    filters = Q(kind__in=list(by_kind)) & year_column(year)
    if congress:
        filters &= Q(congress_id=congress)
    ids, capped = candidates(user, terms, chosen, filters, at_most=RANK_AT_MOST, year=year)
    count = len(ids)
    docs = ranked(terms, ids)
    pages = max(1, -(-count // page_size))
    page = min(max(1, page), pages)
    rows = list(
        docs.order_by("-rank", "-year", "-id").only(
            "kind", "object_id", "congress_id", "year", "public", "title", "body"
        )[(page - 1) * page_size : page * page_size]
    )
    inside = _seen_inside(user, rows, by_kind)
    hits = [
        _hit(doc, by_kind[doc.kind], terms, (doc.kind, doc.object_id) in inside) for doc in rows
    ]
    return Results(q, words, hits, count, page, pages, capped)


def _seen_inside(user: Any, rows: list[Any], by_kind: dict[str, Source]) -> set[tuple[str, int]]:
    """The hits the user sees through the lists (linked to the page they know), as opposed to
    published ones they only see as the public does: one query per kind at most."""
    inside = {(d.kind, d.object_id) for d in rows if not d.public}
    congress_id = getattr(user, "congress_id", None)
    asked: dict[str, list[int]] = {}
    for d in rows:
        source = by_kind[d.kind]
        if not d.public or source.public_url is None:
            continue
        if congress_id and d.congress_id == congress_id and source.sees_congress(user):
            inside.add((d.kind, d.object_id))
        elif getattr(user, "is_authenticated", False):
            asked.setdefault(d.kind, []).append(d.object_id)
    for kind, ids in asked.items():
        seen = by_kind[kind].visible(user).filter(pk__in=ids).values_list("pk", flat=True)
        inside.update((kind, pk) for pk in seen)
    return inside


def _hit(doc: Any, source: Source, terms: list[str], inside: bool) -> Hit:
    url = source.url(doc.object_id)
    if not inside and source.public_url is not None:
        url = source.public_url(doc.object_id)
    return Hit(
        kind=doc.kind,
        kind_label=source.label,
        object_id=doc.object_id,
        year=doc.year,
        url=url,
        title=highlight(doc.title, terms),
        snippet=snippet(doc.body, terms),
        rank=float(doc.rank or 0),
    )
