"""The cockpit: staff and leaders only, the year and congress chosen at the top, charts from
the registered figures that link to their lists, and a fixed number of queries."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

URL = reverse("figures:cockpit")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.mark.parametrize(
    ("who", "status"),
    [("staff", 200), ("leader", 200), ("deputy", 403), ("handler", 403), ("station", 403)],
)
def test_the_cockpit_is_for_staff_and_leaders(client, cast, who, status):
    client.force_login(cast[who])
    assert client.get(URL, {"year": 2024}).status_code == status


def test_someone_logged_out_is_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_year_out_of_range_or_another_congress_is_a_404(client, cast, other_congress):
    client.force_login(cast["leader"])
    assert client.get(URL, {"year": "1990"}, **EN).status_code == 404
    assert client.get(URL, {"year": "abc"}, **EN).status_code == 404
    assert client.get(URL, {"congress": other_congress.code}, **EN).status_code == 404


def test_a_county_congress_under_the_city_can_be_chosen_without_links(client, cast, org):
    client.force_login(cast["leader"])
    response = client.get(URL, {"year": 2024, "congress": "jz-yc"}, **EN)
    assert response.status_code == 200
    assert response.context["links"] is False


def _data(response):
    html = response.content.decode()
    start = html.index('<script id="cockpit-data" type="application/json">') + 50
    return {c["slug"]: c for c in json.loads(html[start : html.index("</script>", start)])}


def test_the_charts_carry_the_figures_and_the_filtered_lists(client, cast, opinions):
    client.force_login(cast["leader"])
    response = client.get(URL, {"year": 2024}, **EN)
    charts = _data(response)
    category = charts["opinions-category"]
    assert sum(category["series"][0]["values"]) == 4
    i = category["urls"].index("/stations/opinions/?year=2024&category=roads")
    assert category["series"][0]["values"][i] == 2
    # The list a chart links to opens for a leader, filtered.
    listed = client.get(category["urls"][i], **EN)
    assert listed.status_code == 200
    # Every chart's numbers are in a table too (accessible without the canvas).
    html = response.content.decode()
    assert html.count("<details>") == len(charts)
    # The charts are drawn by static files from the data block, not by an inline script.
    assert "echarts.common.min.js" in html and "echarts.init" not in html


def test_the_cockpit_query_count_does_not_grow_with_rows(client, cast, congress, opinions):
    from renda.opinions.models import ConstituentOpinion

    client.force_login(cast["staff"])

    def queries() -> int:
        cache.clear()  # scores are cached until the next event: measure the computing
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, {"year": 2024}).status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    base = opinions[0]
    for i in range(20):
        base.pk = None
        base.receipt_code = f"X{i:05}"
        base.save()
    assert ConstituentOpinion.objects.count() == 25
    assert queries() == few


def test_activities_by_county_open_the_activity_list_filtered_by_the_county(client, cast, org):
    from renda.core import stats
    from renda.org.models import Congress

    county = Congress.objects.get(code="jz-yc")
    client.force_login(cast["leader"])
    url = stats.list_url("stations:activity_list", year=2024, area=county.pk)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    form = response.context["form"]
    form.is_valid()
    assert form.cleaned_data["area"] == county.pk
    assert form.filters().area_id == county.pk
    # A station operator sees one station's rows: no county to choose.
    client.force_login(cast["station"])
    assert "area" not in client.get(url).context["form"].fields


def test_the_cockpit_is_cached_until_the_data_changes_and_never_stale(
    client, cast, congress, opinions
):
    """Three years of every registered key and breakdown are computed once, then read from
    the cache (issue 18) until the next event, admin change or day (stats.data_version)."""
    from django.contrib.admin.models import CHANGE, LogEntry

    from renda.core.workflow import record_event

    client.force_login(cast["staff"])

    def get():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(URL, {"year": 2024}, **EN)
        assert response.status_code == 200
        return sum(_data(response)["opinions-category"]["series"][0]["values"]), len(ctx)

    counted, computing = get()
    again, cached = get()
    assert again == counted == 4 and cached * 3 < computing
    more = opinions[0]
    more.pk, more.receipt_code = None, "Y00001"
    more.save()  # written as actions write it: with an event in the same transaction
    record_event(case=more, action="record", actor=cast["station"])
    assert get()[0] == 5
    LogEntry.objects.create(user=cast["staff"], object_repr="a station", action_flag=CHANGE)
    assert get()[1] > cached  # computed again after a change made in the admin
