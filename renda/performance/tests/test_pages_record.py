"""A deputy's record page: their own year by kind (on a phone too), any deputy's for staff and
leaders, refusals for everyone else, the year picker, and a cost that does not grow with acts."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from renda.core.navigation import menu_for
from renda.performance.models import ActKind

from .conftest import html, text

D = datetime.date
K = ActKind
MINE = reverse("performance:mine")


def record_url(deputy, year=None):
    url = reverse("performance:record", args=[deputy.pk])
    return f"{url}?year={year}" if year else url


def a_year_of(acts, deputy, other, *, times=1):
    """Acts of several kinds in 2024, `times` over, plus another deputy's."""
    for i in range(times):
        day = D(2024, 3, 1 + i)
        acts.suggestion(deputy, day)
        acts.cosign(acts.suggestion(other, day), deputy, day)
        acts.meeting([deputy], day, forum=True)
        acts.activity([deputy, other], day)
        acts.activity([deputy], day, kind="reception", constituents=12)
        acts.training([deputy], day)
        acts.manual(deputy, day)


def test_a_deputy_sees_their_year_grouped_by_kind(in_2024, login, acts, org):
    deputy = org["deputy"]
    a_year_of(acts, deputy, org["deputy2"], times=2)
    acts.suggestion(deputy, D(2023, 5, 1))  # another year

    page = html(login("deputy").get(MINE))

    assert text(page.xpath("//h1")[0]) == "My performance record"
    counts = {
        tile.get("data-kind-count"): int(text(tile.xpath(".//*[@class='stat-value']")[0]))
        for tile in page.xpath("//*[@data-kind-count]")
    }
    assert counts == {
        K.SESSION: 2,
        K.MEETING: 2,
        K.SUGGESTION: 2,
        K.COSIGNED: 2,
        K.FORUM_OPINION: 2,
        K.ACTIVITY: 2,
        K.RECEPTION: 2,
        K.TRAINING: 2,
    }
    assert text(page.xpath("//*[@data-total-acts]//*[@class='stat-value']")[0]) == "16"
    assert text(page.xpath("//*[@data-constituents]//*[@class='stat-value']")[0]) == "24"
    # Each kind's acts with their date, title and link where the act has a page.
    suggestions = page.xpath("//section[@data-kind='suggestion']//tbody/tr")
    assert [text(row.xpath("./td")[0]) for row in suggestions] == ["2024-03-01", "2024-03-02"]
    link = suggestions[0].xpath(".//a")[0]
    assert link.get("href").startswith("/suggestions/") and "关于改善锦纶路交通的建议" in text(link)
    receptions = page.xpath("//section[@data-kind='reception']//tbody/tr")
    assert "12 constituents received" in text(receptions[0])
    # Staff's tools are not the deputy's.
    assert not page.xpath("//a[contains(@href, '/delete/')]")
    assert page.xpath("//a[@data-report]")


def test_the_record_stacks_on_a_phone(in_2024, login, acts, org):
    a_year_of(acts, org["deputy"], org["deputy2"])
    page = html(login("deputy").get(MINE))
    for table in page.xpath("//section[@data-kind]//table"):
        assert "table-stack" in table.get("class")
    assert page.xpath("//section[@data-kind]//td[@data-label='Date']")


def test_the_year_picker_offers_the_years_with_acts_and_this_year(in_2024, login, acts, org):
    deputy = org["deputy"]
    acts.suggestion(deputy, D(2022, 5, 1))
    acts.training([deputy], D(2024, 5, 1))
    client = login("deputy")

    page = html(client.get(MINE))
    assert [text(a) for a in page.xpath("//nav[@data-years]/a")] == ["2024", "2022"]
    assert page.xpath("//nav[@data-years]/a[@aria-current='page']")[0].text == "2024"

    page = html(client.get(MINE + "?year=2022"))
    assert page.xpath("//section[@data-kind='suggestion']")
    assert not page.xpath("//section[@data-kind='training']")

    page = html(client.get(MINE + "?year=2019"))  # no acts: an empty year, still offered
    assert "Nothing is recorded for 2019 yet." in text(page)
    assert [text(a) for a in page.xpath("//nav[@data-years]/a")] == ["2024", "2022", "2019"]


@pytest.mark.parametrize("year", ["abc", "1900", "99999"])
def test_a_bad_year_is_reported_and_this_year_shown(login, org, in_2024, year):
    page = html(login("deputy").get(MINE + f"?year={year}"))
    assert page.xpath("//*[@class='field-errors']")
    assert "Year 2024" in text(page.xpath("//p[@class='subtitle']")[0])


@pytest.mark.parametrize("who", ["staff", "leader"])
def test_staff_and_leaders_open_any_deputys_record(in_2024, login, acts, org, who):
    acts.manual(org["deputy2"], D(2024, 1, 5))
    page = html(login(who).get(record_url(org["deputy2"])))
    assert text(page.xpath("//h1")[0]) == "Performance record of 王建国"
    delete_links = page.xpath("//a[contains(@href, '/delete/')]")
    enter = page.xpath("//a[contains(@href, '/entries/new/')]")
    report = page.xpath("//a[@data-report]")
    # Staff enter acts and delete entries; leaders only read.
    assert bool(delete_links) is bool(enter) is bool(report) is (who == "staff")


@pytest.mark.parametrize(
    "who, status",
    [("deputy", 403), ("handler", 403), ("station", 403), ("stranger", 404)],
)
def test_others_may_not_open_a_deputys_record(login, org, who, status):
    response = login(who).get(record_url(org["deputy2"]))
    assert response.status_code == status
    assert "王建国" not in response.content.decode() or status == 403


@pytest.mark.parametrize("who", ["staff", "leader", "handler", "station"])
def test_my_record_is_for_deputies(login, who):
    assert login(who).get(MINE).status_code == 403


def test_my_record_needs_a_login(client):
    response = client.get(MINE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_deputys_own_record_by_its_number_is_theirs_too(login, org):
    assert login("deputy").get(record_url(org["deputy"])).status_code == 200


def test_an_unknown_deputy_is_404(login):
    assert login("staff").get(reverse("performance:record", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    "who, sees",
    [("staff", True), ("leader", True), ("deputy", True), ("deputy2", False), ("handler", False)],
)
def test_the_directory_links_to_the_record_for_those_who_may_see_it(login, org, who, sees):
    page = html(login(who).get(reverse("org:deputy", args=[org["deputy"].pk])))
    links = page.xpath(f"//a[starts-with(@href, '{record_url(org['deputy'])}')]")
    assert bool(links) is sees


def test_the_menu_per_role(cast):
    def labels(who):
        with translation.override("en"):
            return {str(i["label"]) for i in menu_for(cast[who])}

    mine = {"My performance record", "My score"}
    readers = {"Performance rankings", "Deputies' records"}
    staff_only = {"Scoring rules", "Manual entries"}
    assert mine <= labels("deputy") and not (readers | staff_only) & labels("deputy")
    assert readers | staff_only <= labels("staff") and not mine & labels("staff")
    assert readers <= labels("leader") and not (mine | staff_only) & labels("leader")
    for who in ("handler", "station"):
        assert not (mine | readers | staff_only) & labels(who)


@pytest.mark.parametrize("who, url", [("deputy", MINE), ("staff", None)])
def test_the_record_page_costs_the_same_for_few_or_many_acts(
    in_2024, login, acts, org, who, url, django_assert_max_num_queries
):
    client = login(who)
    url = url or record_url(org["deputy"], 2024)
    a_year_of(acts, org["deputy"], org["deputy2"])
    with django_assert_max_num_queries(22) as few:
        assert client.get(url).status_code == 200
    a_year_of(acts, org["deputy"], org["deputy2"], times=8)
    with django_assert_max_num_queries(22) as many:
        page = html(client.get(url))
    assert len(page.xpath("//section[@data-kind]//tbody/tr")) == 9 * 8
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize("who, url", [("deputy", MINE), ("staff", None), ("leader", None)])
def test_acts_link_to_their_pages_where_the_viewer_may_open_them(
    in_2024, login, acts, org, who, url
):
    deputy = org["deputy"]
    activity = acts.activity([deputy], D(2024, 3, 1), kind="reception", constituents=5)
    duty = acts.duty_record(deputy, D(2024, 3, 2))
    training = acts.training([deputy], D(2024, 3, 3))
    meeting = acts.meeting([deputy], D(2024, 3, 4))
    client = login(who)
    page = html(client.get(url or record_url(deputy)))

    def link(kind):
        found = page.xpath(f"//section[@data-kind='{kind}']//td[@class='primary']/a/@href")
        return found[0] if found else None

    assert link("reception") == f"/stations/activities/{activity.pk}/"
    assert link("duty_record") == f"/stations/duty/{duty.pk}/"
    # Trainings' and meetings' pages are for staff and leaders.
    reader = who != "deputy"
    assert link("training") == (f"/stations/trainings/{training.pk}/" if reader else None)
    assert link("meeting") == (f"/stations/meetings/{meeting.pk}/" if reader else None)
    for href in filter(None, [link("reception"), link("duty_record"), link("training")]):
        assert client.get(href).status_code == 200
