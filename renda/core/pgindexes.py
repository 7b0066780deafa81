"""Indexes that only PostgreSQL can hold (orders with NULLS LAST, written in SQL), for a
migration: `operations = [pg_indexes("app_table", {"name": '"col" DESC NULLS LAST, "id"'})]`.
SQLite databases are small and sort in memory; they get none."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def pg_indexes(table: str, indexes: dict[str, str]) -> migrations.RunPython:
    def create(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for name, columns in indexes.items():
                schema_editor.execute(
                    f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({columns})'
                )

    def drop(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for name in indexes:
                schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(create, drop, elidable=False)
