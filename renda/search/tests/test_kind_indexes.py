"""A list's `q=` (engine.words_filter) asks one kind's holders of the words: on PostgreSQL the
numerous kinds have a GIN index of their own (migration 0005). Whether the planner takes it
depends on the table's size (at scale it does: README, Speed), so the index itself is pinned."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]


def test_the_numerous_kinds_have_their_own_vector_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_searchdocument'"
        )
        indexes = dict(cursor.fetchall())
    for kind in ("suggestion", "opinion"):
        definition = indexes[f"search_vector_{kind}"]
        assert "gin (vector)" in definition and f"'{kind}'" in definition
