"""Who sees a document through a key written into its index row (registry.Seers): the handling
units of a suggestion, an opinion or a petition ("u:<unit>"), an opinion's station ("s:"), a
suggestion's lead deputy and co-signers ("d:"); on PostgreSQL these and the row's year ("y:2024")
become lexemes of its tsvector, so that a unit's condition or a year is met inside the GIN index.

The rows already indexed are filled in here, on PostgreSQL by SQL (1,200,000 rows: the GIN
indexes are dropped, the rows updated in one pass, the indexes built again), elsewhere row by
row. The keys are what renda/suggestions, opinions and petitions' search.py write."""

from typing import Any

from django.db import migrations, models

DOCS = "search_searchdocument"
GIN = (
    ("search_document_vector", f"CREATE INDEX search_document_vector ON {DOCS} USING gin (vector)"),
    (
        "search_document_public_vector",
        f"CREATE INDEX search_document_public_vector ON {DOCS} USING gin (vector) WHERE public",
    ),
)


def _keys_sql(apps: Any) -> str:
    """(kind, object_id, key) of every key, as the sources' Seers.keys give them."""
    suggestion = apps.get_model("suggestions", "Suggestion")._meta.db_table
    assignment = apps.get_model("suggestions", "Assignment")._meta.db_table
    cosigner = apps.get_model("suggestions", "CoSigner")._meta.db_table
    opinion = apps.get_model("opinions", "ConstituentOpinion")._meta.db_table
    petition = apps.get_model("petitions", "Petition")._meta.db_table
    return f"""
        SELECT 'suggestion' AS kind, suggestion_id AS object_id, 'u:' || unit_id AS k
            FROM {assignment} WHERE active
        UNION SELECT 'suggestion', id, 'd:' || lead_deputy_id
            FROM {suggestion} WHERE lead_deputy_id IS NOT NULL
        UNION SELECT 'suggestion', suggestion_id, 'd:' || deputy_id FROM {cosigner}
        UNION SELECT 'opinion', id, 'u:' || unit_id FROM {opinion} WHERE unit_id IS NOT NULL
        UNION SELECT 'opinion', id, 's:' || station_id FROM {opinion} WHERE station_id IS NOT NULL
        UNION SELECT 'petition', id, 'u:' || unit_id FROM {petition} WHERE unit_id IS NOT NULL
    """  # noqa: S608


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        _postgresql(apps, schema_editor)
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(_keys_sql(apps))
        found: dict[tuple[str, int], set[str]] = {}
        for kind, object_id, key in cursor.fetchall():
            found.setdefault((kind, object_id), set()).add(key)
        for (kind, object_id), keys in found.items():
            cursor.execute(
                f"UPDATE {DOCS} SET seers = %s WHERE kind = %s AND object_id = %s",  # noqa: S608
                [" ".join(sorted(keys)), kind, object_id],
            )


def _postgresql(apps: Any, schema_editor: Any) -> None:
    execute = schema_editor.execute
    execute("SET LOCAL maintenance_work_mem = '256MB'")
    for name, _create in GIN:
        execute(f"DROP INDEX IF EXISTS {name}")
    execute(
        f"CREATE TEMPORARY TABLE search_seers ON COMMIT DROP AS "  # noqa: S608
        f"SELECT kind, object_id, string_agg(k, ' ' ORDER BY k COLLATE \"C\") AS seers "
        f"FROM ({_keys_sql(apps)}) AS keys GROUP BY kind, object_id"
    )
    # One pass: the keys, and the vector with the keys' lexemes and the year's (index.Keys).
    execute(
        f"""UPDATE {DOCS} AS d SET seers = k.seers, vector = d.vector || array_to_tsvector(
                array_remove(string_to_array(k.seers || ' y:' || coalesce(d.year::text, ''), ' '),
                ''))
            FROM (SELECT d2.id, coalesce(s.seers, '') AS seers FROM {DOCS} AS d2
                  LEFT JOIN search_seers AS s ON s.kind = d2.kind AND s.object_id = d2.object_id
                 ) AS k
            WHERE d.id = k.id"""  # noqa: S608
    )
    for _name, create in GIN:
        execute(create)


def backwards(apps: Any, schema_editor: Any) -> None:
    """The keys' lexemes stay in the vectors (no word can match them) until the next write
    or `renda search reindex`."""


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_public_vector_index"),
        ("suggestions", "0001_initial"),
        ("opinions", "0001_initial"),
        ("petitions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="seers",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
