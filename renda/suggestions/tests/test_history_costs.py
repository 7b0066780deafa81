"""What must not grow with the years of suggestions behind a page (issue 18): the year list is
read from MIN and MAX, deep pages are capped with a message, the API refuses deep pages."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.core.pages import MAX_ROWS_PAGED, deep_page_message
from renda.suggestions.models import Suggestion
from renda.suggestions.supervision.forms import suggestion_years

from .test_api import Caller


def test_the_year_list_is_the_span_from_min_to_max_not_a_distinct(cast, submit, congress):
    first = submit()
    Suggestion.objects.filter(pk=first.pk).update(year=2021)
    submit()  # this year's
    with CaptureQueriesContext(connection) as ctx:
        years = suggestion_years(congress.pk)
    assert years[-1] == 2021 and years == sorted(years, reverse=True)
    assert years == list(range(years[0], 2020, -1))
    [sql] = [q["sql"].upper() for q in ctx.captured_queries]
    assert "MIN(" in sql and "MAX(" in sql and "DISTINCT" not in sql


def test_a_page_past_the_cap_shows_the_last_allowed_page_and_says_why(client, cast, submit):
    submit()
    client.force_login(cast["staff"])
    response = client.get(
        reverse("suggestions:register"), {"page": "999999"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    with_english = [str(m) for m in response.context["messages"]]
    assert any("Only the first" in m for m in with_english)


def test_the_api_refuses_a_page_past_the_cap_with_a_clear_message(cast, submit):
    submit()
    staff = Caller(cast["staff"])
    assert staff.get("/suggestions", page=2, page_size=50).status_code == 200
    deep = MAX_ROWS_PAGED // 50 + 1
    response = staff.get("/suggestions", page=deep, page_size=50)
    assert response.status_code == 422
    assert deep_page_message(MAX_ROWS_PAGED) in response.json()["detail"]


def test_a_units_latest_replies_are_read_through_their_own_index(db):
    """The reply check on a suggestion's page takes the unit's newest 300 replies before it
    (reading.check PREVIOUS_LIMIT): on PostgreSQL an index in that order (migration 0005)
    reads 300 entries instead of sorting all of a unit's replies (13.6 to 0.8 ms at scale)."""
    if connection.vendor != "postgresql":
        return  # SQLite databases are small and sort in memory (core.pgindexes)
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'reply_unit_recent'")
        (definition,) = cursor.fetchone()
    assert "(unit_id, replied_at DESC, id DESC)" in definition


def test_the_adjustment_requests_waiting_are_counted_through_their_own_index(db):
    """The supervision overview and the queues count the adjustment requests waiting: a
    partial index holds only those (migration 0006), not a scan of every active assignment of
    the history (94 to 2 ms at scale). Pinned on both databases (a partial index either way)."""
    from django.db import connection

    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "suggestions_assignment")
    index = indexes["assignment_adjustment_asked"]
    assert index["index"] and index["columns"] == ["suggestion_id"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'assignment_adjustment_asked'"
            )
            (definition,) = cursor.fetchone()
        assert "WHERE (active AND ((contest_state)::text = 'pending'::text))" in definition
