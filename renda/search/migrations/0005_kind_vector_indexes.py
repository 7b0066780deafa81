"""GIN indexes on PostgreSQL over one numerous kind's documents each (suggestions, constituents'
opinions): a list's `q=` filter (`engine.words_filter`) asks for one kind's holders of the
words, and with the whole index PostgreSQL intersected them with the 200,000 entries of the
kind's btree (43 ms of a 97 ms count at scale); with the kind's own index the count of the
register's `q=停车` over all years took 37 ms. The search page reads the whole index as
before."""

from typing import Any

from django.db import migrations

KINDS = ("suggestion", "opinion")


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for kind in KINDS:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS search_vector_{kind} ON search_searchdocument "
                f"USING gin (vector) WHERE kind = '{kind}'"
            )


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for kind in KINDS:
            schema_editor.execute(f"DROP INDEX IF EXISTS search_vector_{kind}")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_search_seers")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
