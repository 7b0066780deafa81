"""Rankings per delegation or station, their .xlsx export, and the list of deputies' records:
for staff and leaders only, agreeing with scoring.rankings(), at a cost that does not grow with
the deputies or their acts."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from renda.org.models import Deputy, Person
from renda.performance.scoring import rankings, score

from .conftest import html, text
from .test_scoring import delegations  # noqa: F401  (fixture)

D = datetime.date
RANKINGS = reverse("performance:rankings")
EXPORT = reverse("performance:rankings_export")
DEPUTIES = reverse("performance:deputies")


def ranked(page):
    """{group name: [(rank, name, total)]} as the page shows them."""
    shown = {}
    for section in page.xpath("//section[@data-group]"):
        name = text(section.xpath("./h2")[0]).rsplit(" ", 1)[0]
        shown[name] = [
            (
                int(text(row.xpath("./td[contains(@class, 'rank')]")[0])),
                text(row.xpath(".//td[@class='primary']/a")[0]),
                text(row.xpath(".//a[@data-total]")[0]),
            )
            for row in section.xpath(".//tbody/tr")
        ]
    return shown


def every_group(client, url):
    """The overview's lines, then each group's ranking reached from its link."""
    page = html(client.get(url))
    summaries = [
        (
            text(row.xpath("./td[@class='primary']/a")[0]),
            text(row.xpath("./td[@data-label='Deputies']")[0]),
            text(row.xpath("./td[@data-average]")[0]),
        )
        for row in page.xpath("//tr[@data-summary]")
    ]
    shown = {}
    for link in page.xpath("//tr[@data-summary]/td[@class='primary']/a/@href"):
        shown.update(ranked(html(client.get(RANKINGS + link))))
    return summaries, shown


@pytest.mark.parametrize("who", ["staff", "leader"])
def test_rankings_per_delegation(in_2024, login, delegations, who):  # noqa: F811
    client = login(who)
    summaries, shown = every_group(client, RANKINGS)
    assert summaries == [
        ("太谷区代表团", "1", "4"),
        ("榆次区代表团", "3", "4.7"),
        ("No delegation or station", "1", "0"),
    ]
    assert not html(client.get(RANKINGS)).xpath("//tr[@data-deputy]")  # the overview only
    page = html(client.get(RANKINGS + f"?group={delegations['other'].pk}"))
    assert shown == {
        "太谷区代表团": [(1, "赵敏", "4")],
        "榆次区代表团": [(1, "李秀兰", "5"), (1, "王建国", "5"), (3, "孙立", "4")],
        "No delegation or station": [(1, "钱进", "0")],
    }
    top = page.xpath("//tr[@data-deputy]//td[contains(@class, 'top-kinds')]")
    assert text(top[0]) == "Training attended 4"


def test_rankings_per_station_are_the_other_tab(in_2024, login, delegations, congress):  # noqa: F811
    client = login("staff")
    page = html(client.get(RANKINGS + "?by=station"))
    _summaries, shown = every_group(client, RANKINGS + "?by=station")
    assert shown == {
        "郭家堡乡人大代表联络站": [(1, "赵敏", "4"), (1, "孙立", "4"), (3, "钱进", "0")],
        "锦纶街道人大代表联络站": [(1, "李秀兰", "5"), (1, "王建国", "5")],
    }
    active = page.xpath("//nav[@aria-label='Rank within']/a[@aria-current='page']")
    assert text(active[0]) == "Contact station"
    # Each row agrees with the deputy's own score.
    for group in rankings(congress, 2024, by="station"):
        for row in group.rows:
            assert row.total == score(Deputy.objects.get(pk=row.deputy.pk), 2024).total


def test_one_group_can_be_shown_alone(in_2024, login, delegations):  # noqa: F811
    pk = delegations["other"].pk
    page = html(login("staff").get(RANKINGS + f"?year=2024&by=delegation&group={pk}"))
    assert list(ranked(page)) == ["太谷区代表团"]
    export = page.xpath("//a[@data-export]")[0].get("href")
    assert f"group={pk}" in export


def test_a_bad_filter_is_reported_not_a_server_error(in_2024, login, delegations):  # noqa: F811
    page = html(login("staff").get(RANKINGS + "?year=x&by=nonsense&group=999"))
    assert page.xpath("//*[@class='field-errors']")
    assert len(page.xpath("//tr[@data-summary]")) == 3  # this year, per delegation, overview


@pytest.mark.parametrize("who", ["deputy", "handler", "station"])
def test_deputies_handlers_and_stations_may_not_see_rankings(login, org, who):
    for url in (RANKINGS, EXPORT, DEPUTIES):
        assert login(who).get(url).status_code == 403


def test_the_export_is_one_table_with_the_group_and_each_kinds_count(in_2024, login, delegations):  # noqa: F811
    response = login("leader").get(EXPORT + "?year=2024")
    assert response.status_code == 200
    assert "performance-rankings-2024-delegation.xlsx" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[3]]
    assert header[:5] == ["Delegation", "Rank", "Deputy", "Card no.", "Score"]
    assert header[5:] == ["Suggestion submitted", "Training attended"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert rows == [
        ["太谷区代表团", 1, "赵敏", "050003", 4, 0, 1],
        ["榆次区代表团", 1, "李秀兰", "050001", 5, 1, 0],
        ["榆次区代表团", 1, "王建国", "050002", 5, 1, 0],
        ["榆次区代表团", 3, "孙立", "050005", 4, 0, 1],
        ["None", 1, "钱进", "050004", 0, 0, 0],
    ]
    rules = [[c.value for c in row] for row in wb.worksheets[1].iter_rows(min_row=4)]
    assert rules == [["Suggestion submitted", 5, None, 1], ["Training attended", 4, None, 1]]


def more_deputies(congress, org, acts, n, start):
    for i in range(start, start + n):
        person = Person.objects.create(congress=congress, name=f"代表{i}", gender="M")
        d = Deputy.objects.create(
            congress=congress,
            term=org["term"],
            person=person,
            card_number=f"07{i:04d}",
            electoral_unit=org["electoral_unit"],
            delegation=org["delegation"],
            station=org["station"],
            elected_on=D(2021, 9, 1),
        )
        acts.suggestion(d, D(2024, 3, 1))
        acts.activity([d], D(2024, 4, 1), kind="reception", constituents=3)
        acts.training([d], D(2024, 5, 1))


# A page's queries when the rankings are computed (one aggregate per source of acts, the
# deputies, the years) and when they are read from the cache.
@pytest.mark.parametrize(
    "url, computed, cached",
    [(RANKINGS, 22, 7), (RANKINGS + "?by=station", 22, 7), (EXPORT, 22, 7), (DEPUTIES, 26, 11)],
)
def test_the_pages_cost_the_same_for_few_or_many_deputies(
    in_2024, login, congress, org, acts, url, computed, cached, django_assert_max_num_queries
):
    """Computed (the first reading after a change) and read from the cache, the queries are
    the same for 5 or 45 deputies. Rows made directly leave no event or admin log, so the
    cache is emptied after them, as a real change would make a new key."""
    client = login("staff")
    more_deputies(congress, org, acts, 3, 0)
    cache.clear()
    with django_assert_max_num_queries(computed) as few:
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(cached) as few_cached:
        assert client.get(url).status_code == 200
    more_deputies(congress, org, acts, 40, 3)
    cache.clear()
    with django_assert_max_num_queries(computed) as many:
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(cached) as many_cached:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(many_cached.captured_queries) == len(few_cached.captured_queries)


# --- the list of deputies' records ------------------------------------------------------------


def listed(page):
    return [
        (
            text(row.xpath("./td[@class='primary']")[0]),
            text(row.xpath("./td[@data-label='Acts']")[0]),
            text(row.xpath(".//a[@data-score]")[0]),
        )
        for row in page.xpath("//tr[@data-deputy]")
    ]


@pytest.mark.parametrize("who", ["staff", "leader"])
def test_the_list_shows_each_deputys_acts_and_score(in_2024, login, delegations, who):  # noqa: F811
    page = html(login(who).get(DEPUTIES))
    assert listed(page) == [
        ("李秀兰", "1", "5"),
        ("王建国", "1", "5"),
        ("赵敏", "1", "4"),
        ("钱进", "0", "0"),
        ("孙立", "1", "4"),
    ]
    # The report is staff's to draft.
    assert bool(page.xpath("//a[contains(@href, '/report/')]")) is (who == "staff")


def test_the_list_finds_a_deputy_by_name_card_delegation_or_station(
    in_2024,
    login,
    delegations,  # noqa: F811
    org,
):
    client = login("staff")
    assert [r[0] for r in listed(html(client.get(DEPUTIES + "?q=赵")))] == ["赵敏"]
    assert [r[0] for r in listed(html(client.get(DEPUTIES + "?q=050002")))] == ["王建国"]
    other = delegations["other"].pk
    assert [r[0] for r in listed(html(client.get(DEPUTIES + f"?delegation={other}")))] == ["赵敏"]
    station = org["station"].pk
    names = [r[0] for r in listed(html(client.get(DEPUTIES + f"?station={station}")))]
    assert names == ["李秀兰", "王建国"]
    page = html(client.get(DEPUTIES + "?q=nobody"))
    assert "No deputy matches these filters." in text(page)


def test_the_list_links_to_each_record_and_score_for_the_year(in_2024, login, org):
    page = html(login("leader").get(DEPUTIES + "?year=2023"))
    row = page.xpath(f"//tr[@data-deputy='{org['deputy'].pk}']")[0]
    hrefs = [a.get("href") for a in row.xpath(".//a")]
    assert f"/performance/deputies/{org['deputy'].pk}/?year=2023" in hrefs
    assert f"/performance/deputies/{org['deputy'].pk}/score/?year=2023" in hrefs


def test_the_deputies_of_no_delegation_have_a_ranking_of_their_own(in_2024, login, delegations):  # noqa: F811
    page = html(login("staff").get(RANKINGS + "?group=0"))
    assert ranked(page) == {"No delegation or station": [(1, "钱进", "0")]}


@pytest.mark.parametrize("who, shown", [("staff", True), ("leader", False)])
def test_the_rules_link_is_for_who_may_configure_them(in_2024, login, delegations, who, shown):  # noqa: F811
    page = login(who).get(RANKINGS).content.decode()
    assert (reverse("performance:rules") in page) is shown


# The rows as deputy_list.html wrote them with a template, before rows.deputy_rows() wrote
# them in Python (issue 18): the page must not change by a character.
DEPUTY_ROWS_BEFORE = (Path(__file__).parent / "deputy_rows_before.html").read_text().rstrip("\n")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_deputy_rows_written_in_python_are_the_templates_rows(delegations, language):  # noqa: F811
    from django.template import Context, Template
    from django.utils import translation

    from renda.performance.rows import DEPUTY_ROW_COLUMNS, deputy_rows

    escaped = delegations["qian"]
    escaped.person.name = '<b>钱"进</b> & co'
    escaped.person.save()
    escaped.card_number = "05<0004>"
    escaped.station = None
    escaped.save()
    deputies = list(
        Deputy.objects.select_related("person", "delegation", "station")
        .only(*DEPUTY_ROW_COLUMNS)
        .order_by("card_number")
    )
    assert any(d.delegation is None for d in deputies) and any(d.station is None for d in deputies)
    totals = [Decimal(0), Decimal("13.50"), Decimal("10.00"), Decimal("0.25"), Decimal("120")]
    for i, d in enumerate(deputies):
        d.acts, d.total = i * 7, totals[i % len(totals)]
    page = SimpleNamespace(object_list=deputies)
    with translation.override(language):
        for may_report in (True, False):
            for year_query in ("?year=2024", ""):
                expected = Template(DEPUTY_ROWS_BEFORE).render(
                    Context({"page_obj": page, "year_query": year_query, "may_report": may_report})
                )
                written = deputy_rows(deputies, year_query=year_query, may_report=may_report)
                assert written == expected
