"""The rankings' year list does not read every act of every year (issue 18): one query of
each source's first and last row, not a UNION of every act's year."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.performance.record import years_of_congress


def test_the_congress_years_are_one_query_of_first_and_last_rows(congress):
    with CaptureQueriesContext(connection) as ctx:
        years_of_congress(congress.pk)
    [sql] = [q["sql"].upper() for q in ctx.captured_queries]
    assert "UNION" not in sql and "DISTINCT" not in sql
    assert "LIMIT 1" in sql
