"""A second GIN index on PostgreSQL, over the published documents only: the public's searches
(and everyone's published hits) read it, so their cost follows what is published, not every
document holding the words."""

from typing import Any

from django.db import migrations

CREATE = (
    "CREATE INDEX search_document_public_vector ON search_searchdocument "
    "USING gin (vector) WHERE public"
)
DROP = "DROP INDEX IF EXISTS search_document_public_vector"


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_text_indexes")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
