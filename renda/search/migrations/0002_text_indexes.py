"""The full-text indexes, per database: a GIN index on the tsvector on PostgreSQL, an FTS5 table
on SQLite (rowid = the document's id)."""

from typing import Any

from django.db import migrations

POSTGRESQL = (
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
    "DROP INDEX IF EXISTS search_document_vector",
)
SQLITE = (
    # unicode61 splits on spaces and punctuation: the words are already cut by jieba.
    "CREATE VIRTUAL TABLE search_fts USING fts5"
    "(title, body, tokenize = 'unicode61 remove_diacritics 0')",
    "DROP TABLE IF EXISTS search_fts",
)


def _run(schema_editor: Any, forwards: bool) -> None:
    sql = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql[0] if forwards else sql[1])


def forwards(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, True)


def backwards(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, False)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
