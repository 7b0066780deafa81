"""What must not grow with the years of opinions behind the lists (issue 18): the counts to
act on read only the open states, the year list is read from MIN and MAX."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.opinions.models import ConstituentOpinion
from renda.opinions.queries import keeper_counts, opinion_years, with_due_dates


def test_the_counts_to_act_on_read_only_the_open_states(db):
    with CaptureQueriesContext(connection) as ctx:
        keeper_counts(with_due_dates(ConstituentOpinion.objects.all()))
    [sql] = [q["sql"] for q in ctx.captured_queries if "COUNT" in q["sql"].upper()]
    where = sql[sql.upper().rindex("WHERE") :]
    assert "'recorded'" in where and "'referred'" in where and "'answered'" in where
    assert "'closed'" not in where and "'resolved'" not in where


def test_the_year_list_is_read_from_min_and_max(db):
    with CaptureQueriesContext(connection) as ctx:
        assert opinion_years(ConstituentOpinion.objects.all()) == []
    [sql] = [q["sql"].upper() for q in ctx.captured_queries]
    assert "MIN(" in sql and "MAX(" in sql and "DISTINCT" not in sql
