"""Writing the search index: one row per document, its words segmented by renda.core.text,
written in the caller's transaction (so a search never sees a stale or a rolled-back text)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.search import SearchVector, SearchVectorCombinable, SearchVectorField
from django.db import connection, transaction
from django.db.models import Func

from renda.core.privacy import mask_personal
from renda.core.text import index_terms
from renda.search.models import SearchDocument

if TYPE_CHECKING:
    from renda.search.registry import Source

TITLE_MAX = 300
# Phone and ID numbers typed into a text are masked (core.privacy.mask_personal) before it is
# stored or segmented: the index is read by roles that may not see them.


def joined_words(text: str) -> str:
    """The text's index terms (renda.core.text.index_terms) joined by spaces."""
    return " ".join(index_terms(text))


def document(source: Source, obj: Any) -> SearchDocument | None:
    """The index row of `obj`, unsaved; None when its source says it is not to be found."""
    text = source.text(obj)
    if text is None:
        return None
    title, body = mask_personal(text.title), mask_personal(text.body)
    return SearchDocument(
        kind=source.kind,
        object_id=obj.pk,
        congress_id=text.congress_id,
        year=text.year,
        public=text.public,
        title=(mask_personal(text.heading) or title)[:TITLE_MAX],
        body=body,
        title_words=joined_words(title),
        body_words=joined_words(body),
        seers=seers_of(source, obj),
    )


def seers_of(source: Source, obj: Any) -> str:
    """The keys of those who see `obj` through its index row (registry.Seers), joined."""
    if source.seers is None:
        return ""
    return " ".join(sorted(set(source.seers.keys(obj))))


FIELDS = ("congress_id", "year", "public", "title", "body", "title_words", "body_words", "seers")


def write(source: Source, obj: Any) -> SearchDocument | None:
    """Index `obj` (or remove it when its source says it is not to be found)."""
    new = document(source, obj)
    if new is None:
        remove(source, obj.pk)
        return None
    with transaction.atomic():
        doc, _created = SearchDocument.objects.update_or_create(
            kind=source.kind,
            object_id=obj.pk,
            defaults={f: getattr(new, f) for f in FIELDS},
        )
        _write_words(doc)
    return doc


def _write_words(doc: SearchDocument) -> None:
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(pk=doc.pk).update(vector=_stored_vector())
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [doc.pk])
            cursor.execute(
                "INSERT INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)",
                [doc.pk, doc.title_words, doc.body_words],
            )


class Keys(SearchVectorCombinable, Func):
    """The row's keys as lexemes taken as they are (no parser): those of `seers` and its
    year's, ``y:2024`` (``y:`` without a year). No word spells one: words hold no colon."""

    template = (
        "array_to_tsvector(array_remove(string_to_array("
        "seers || ' ' || 'y:' || coalesce(year::text, ''), ' '), ''))"
    )
    output_field = SearchVectorField()


def year_key(year: int | None) -> str:
    return f"y:{year or ''}"


def _stored_vector() -> Any:
    """The row's own words as its tsvector (titles weigh A, bodies B), and its Keys."""
    return (
        SearchVector("title_words", config="simple", weight="A")
        + SearchVector("body_words", config="simple", weight="B")
        + Keys()
    )


def write_seers(source: Source, ids: list[int]) -> None:
    """Write again who sees these objects (after a change of their assignments, say), in the
    caller's transaction: their rows' keys, and on PostgreSQL their vectors (from the words
    already stored: nothing is segmented again)."""
    if not ids or source.seers is None:
        return
    for obj in source.model._default_manager.filter(pk__in=ids):
        docs = SearchDocument.objects.filter(kind=source.kind, object_id=obj.pk)
        seers = seers_of(source, obj)
        if docs.exclude(seers=seers).update(seers=seers) and connection.vendor == "postgresql":
            docs.update(vector=_stored_vector())


def remove(source: Source, object_id: int) -> None:
    docs = SearchDocument.objects.filter(kind=source.kind, object_id=object_id)
    if connection.vendor == "sqlite":
        table = SearchDocument._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_fts WHERE rowid IN "
                f"(SELECT id FROM {table} WHERE kind = %s AND object_id = %s)",  # noqa: S608
                [source.kind, object_id],
            )
    docs.delete()


def _remove_words(ids: list[int]) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [[i] for i in ids])


BATCH = 1000


def reindex(sources: Iterable[Source], *, log: Any = None) -> dict[str, int]:
    """Rebuild the index of these sources from their rows, each in one transaction (searches
    meanwhile see the old index); returns the count per kind."""
    counts: dict[str, int] = {}
    for source in sources:
        counts[source.kind] = _rebuild(source)
        if log is not None:
            log(f"{source.kind}: {counts[source.kind]}")
    return counts


@transaction.atomic
def _rebuild(source: Source) -> int:
    ids = list(SearchDocument.objects.filter(kind=source.kind).values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        _remove_words(ids[start : start + BATCH])
    SearchDocument.objects.filter(kind=source.kind).delete()
    count = 0
    batch: list[SearchDocument] = []
    for obj in source.rows():
        doc = document(source, obj)
        if doc is None:
            continue
        batch.append(doc)
        if len(batch) >= BATCH:
            count += _insert(batch)
            batch = []
    return count + _insert(batch)


def _insert(batch: list[SearchDocument]) -> int:
    if not batch:
        return 0
    with transaction.atomic():
        created = SearchDocument.objects.bulk_create(batch)
        if connection.vendor == "postgresql":
            SearchDocument.objects.filter(pk__in=[d.pk for d in created]).update(
                vector=_stored_vector()
            )
        elif connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)",
                    [[d.pk, d.title_words, d.body_words] for d in created],
                )
    return len(batch)
