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


def _opinions(congress, org, n: int, first: int = 0) -> None:
    import datetime

    from django.utils import timezone

    from renda.opinions.models import OpinionSource, OpinionState

    at = datetime.datetime(2024, 3, 1, 9, tzinfo=timezone.get_current_timezone())
    ConstituentOpinion.objects.bulk_create(
        ConstituentOpinion(
            congress=congress,
            station=org["station"],
            source=OpinionSource.STATION,
            category="roads",
            content=f"意见{i}",
            receipt_code=f"H{first + i:05}",
            state=OpinionState.CLOSED,
            received_at=at + datetime.timedelta(hours=i),
        )
        for i in range(n)
    )


def test_the_register_counts_no_further_than_its_pages_go(client, cast, congress, org, monkeypatch):
    """Counting a congress's whole history (a million opinions) scans every row while the
    pages stop at MAX_ROWS_PAGED: the count reads one row past the cap and says "more than"."""
    from django.urls import reverse
    from django.utils import translation

    from renda.core import pages

    monkeypatch.setattr(pages, "MAX_ROWS_PAGED", 50)
    client.force_login(cast["staff"])
    url = reverse("opinions:opinions")
    _opinions(congress, org, 3)
    few = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert few.context["page_obj"].paginator.count == 3 and not few.context["more_rows"]
    _opinions(congress, org, 60, first=3)
    with CaptureQueriesContext(connection) as ctx:
        many = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert many.context["page_obj"].paginator.count == 50 and many.context["more_rows"]
    with translation.override("en"):
        assert "More than 50 opinions" in many.content.decode()
    [count] = [
        q["sql"].upper()
        for q in ctx.captured_queries
        if "COUNT(*)" in q["sql"].upper() and "OPINIONS_CONSTITUENTOPINION" in q["sql"].upper()
    ]
    assert "LIMIT 51" in count


def test_the_register_rows_are_written_without_a_template_per_row(client, cast, referred):
    """A template row (two includes, eight translated labels) cost about 4 ms: the rows are
    written by opinions/rows.py, with the same cells (the due date in working days too)."""
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import ngettext

    from .conftest import MONDAY, on

    client.force_login(cast["staff"])
    with on(MONDAY):
        response = client.get(reverse("opinions:opinions"), HTTP_ACCEPT_LANGUAGE="en")
    used = {t.name for t in response.templates}
    assert "opinions/_due.html" not in used and "opinions/_content_cell.html" not in used
    html = response.content.decode()
    assert f'<tr data-opinion="{referred.pk}">' in html
    assert f'href="/stations/opinions/{referred.pk}/"' in html
    days = response.context["page_obj"].object_list[0].due_info.days
    with translation.override("en"):
        left = ngettext("%(days)s working day left", "%(days)s working days left", days)
    assert left % {"days": days} in html


def test_the_years_figures_read_a_range_of_times_not_a_date_cast_per_row(congress):
    """`received_at__date__range` cast every opinion's time to a date (a sequential scan of a
    million rows for `renda stats`); `__year` is a range of times the index serves."""
    from renda.opinions.stats import _opinions

    sql = str(_opinions(congress, 2024).query).upper()
    where = sql[sql.index("WHERE") :]
    assert "BETWEEN" in where
    assert "::DATE" not in where and "DJANGO_DATETIME_CAST_DATE" not in where
