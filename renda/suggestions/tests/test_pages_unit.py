"""A handling unit's list of assignments: its own only, the earliest due first, the cost."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from renda.suggestions import actions as A

from .handling import assigned, evaluated, replied

URL = reverse("suggestions:unit")
D = datetime.date


def rows_of(html: str) -> list[str]:
    """The suggestion ids of the rows, in order."""
    return [part.split('"', 1)[0] for part in html.split('data-suggestion="')[1:]]


def sole(org, unit="unit"):
    return [A.UnitPart(unit=org[unit], role="sole")]


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize("role", ["staff", "leader", "deputy", "station"])
def test_only_handlers_have_this_page(client, cast, role):
    client.force_login(cast[role])
    assert client.get(URL).status_code == 403


def test_a_handler_sees_their_units_assignments_only(client, cast, org, submit):
    today = timezone.localdate()
    ours = assigned(submit, cast["staff"], today, sole(org), title="交通局的建议")
    theirs = assigned(submit, cast["staff"], today, sole(org, "other_unit"), title="教育局的建议")
    client.force_login(cast["handler"])
    html = client.get(URL).content.decode()
    assert rows_of(html) == [str(ours.pk)]
    assert "教育局的建议" not in html and str(theirs.pk) not in rows_of(html)


def test_overdue_ones_come_first_with_working_days_overdue(client, cast, org, submit):
    late = assigned(submit, cast["staff"], D(2026, 1, 5), sole(org), title="早交办的建议")
    fresh = assigned(submit, cast["staff"], timezone.localdate(), sole(org), title="新交办的建议")
    client.force_login(cast["handler"])
    html = client.get(URL).content.decode()
    assert rows_of(html) == [str(late.pk), str(fresh.pk)]
    assert f'data-suggestion="{late.pk}" data-days=' in html
    row = html[html.index(f'data-suggestion="{late.pk}"') :].split(">", 1)[0]
    assert 'data-overdue="yes"' in row


def test_closed_ones_show_only_when_asked(client, cast, org, submit):
    day = timezone.localdate()
    done = assigned(submit, cast["staff"], day, sole(org), title="已办结的建议")
    replied(done, cast["handler"], day, "A")
    evaluated(done, cast["deputy"], day, "satisfied")
    client.force_login(cast["handler"])
    assert rows_of(client.get(URL).content.decode()) == []
    assert rows_of(client.get(URL, {"show": "all"}).content.decode()) == [str(done.pk)]


def test_a_replied_row_no_longer_counts_days(client, cast, org, submit):
    day = timezone.localdate()
    s = assigned(submit, cast["staff"], day, sole(org))
    s2 = assigned(submit, cast["staff"], day, sole(org))
    replied(s, cast["handler"], day, "A")
    client.force_login(cast["handler"])
    html = client.get(URL, {"show": "all"}).content.decode()
    row = html[html.index(f'data-suggestion="{s.pk}"') :].split(">", 1)[0]
    assert "data-days" not in row
    assert rows_of(html)[0] == str(s2.pk)  # what is still owed comes first


def test_the_list_costs_the_same_for_few_and_many_assignments(client, cast, org, submit):
    client.force_login(cast["handler"])
    client.get(URL)  # warm up
    day = timezone.localdate()

    def queries(n: int) -> int:
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(URL).content.decode()
        assert len(rows_of(html)) == n
        return len(ctx.captured_queries)

    for _ in range(2):
        assigned(submit, cast["staff"], day, sole(org))
    few = queries(2)
    for _ in range(10):
        assigned(submit, cast["staff"], day, sole(org))
    assert queries(12) == few <= 16  # the holiday calendar: 2 per year of due dates
