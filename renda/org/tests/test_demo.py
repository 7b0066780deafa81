"""`renda demo`: the demo organisation, its accounts, idempotence and the production guard."""

from __future__ import annotations

import datetime
import io
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.test import RequestFactory

from renda.accounts.models import User
from renda.demo.names import id_check_char
from renda.org.models import (
    CollectionPoint,
    Congress,
    ContactStation,
    Deputy,
    HandlingUnit,
    LegislativeContactPoint,
    LiaisonCentre,
    Person,
)

COUNTY_NAMES = ["榆次区", "太谷区", "介休市", "平遥县", "灵石县", "祁县", "寿阳县", "昔阳县",
                "和顺县", "左权县", "榆社县"]  # fmt: skip
PASSWORD = "renda-demo"


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    """The demo year, built once for the module (committed), removed after it."""
    out = io.StringIO()
    with django_db_blocker.unblock():
        call_command("demo", stdout=out)
    yield out.getvalue()
    with django_db_blocker.unblock():
        from renda.demo import clear

        clear()


@pytest.fixture
def city(demo: str, db: None) -> Congress:
    return Congress.objects.get(code="jinzhong")


def _counts() -> dict[str, int]:
    """Rows of every table, whichever demo modules there are (but the audit trail, which
    records each rebuild's accounts and groups and only grows)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label != "audit.Record"
    }


def test_demo_prints_a_summary(demo: str, db: None) -> None:
    assert "13 congresses" in demo
    assert "402 serving city deputies" in demo
    assert "renda-demo" in demo


def test_province_city_and_eleven_counties_form_one_hierarchy(city: Congress) -> None:
    assert Congress.objects.filter(code__in=["sx", "jinzhong"]).count() == 2
    assert city.level == "city"
    assert city.parent is not None and city.parent.code == "sx"
    assert city.parent.level == "province"
    counties = Congress.objects.filter(parent=city)
    assert sorted(c.region for c in counties) == sorted(COUNTY_NAMES)
    assert {c.level for c in counties} == {"county"}
    assert counties.get(region="榆次区").code == "jinzhong-yuci"
    assert Congress.objects.filter(code__startswith="jinzhong").count() == 12


def test_fifth_term_has_its_sessions_with_the_2025_one_on_the_report_day(city: Congress) -> None:
    term = city.terms.get(number=5)
    sessions = {s.number: s for s in term.sessions.all()}
    assert sorted(sessions) == [1, 2, 3, 4, 5, 6]
    assert sessions[4].start_date.year == 2024
    assert sessions[5].is_sitting(datetime.date(2025, 2, 27))
    assert all(s.start_date >= term.start_date for s in sessions.values())


def test_bodies_include_the_chairs_council_committees_and_the_deputies_work_committee(
    city: Congress,
) -> None:
    kinds = Counter(city.bodies.values_list("kind", flat=True))
    assert kinds["chair_council"] == 1
    assert kinds["standing_committee"] == 1
    assert kinds["special_committee"] >= 5
    assert kinds["office"] == 1
    assert city.bodies.filter(name="代表工作委员会", short_name="代表工委").exists()


def test_handling_units_are_the_four_organs_and_the_governments_departments(
    city: Congress,
) -> None:
    units = HandlingUnit.objects.filter(congress=city)
    assert 30 <= units.count() <= 40
    government = units.get(kind="government")
    assert government.name == "晋中市人民政府"
    for kind in ("supervisory", "court", "procuratorate"):
        assert units.filter(kind=kind).count() == 1
    departments = units.filter(kind="department")
    assert departments.count() >= 28
    assert set(departments.values_list("parent", flat=True)) == {government.pk}
    for unit in units:
        assert unit.name.startswith("晋中市") and unit.short_name and unit.head
        assert unit.phone.startswith("0354-") and unit.address


def test_about_four_hundred_deputies_spread_over_eleven_delegations(city: Congress) -> None:
    serving = Deputy.objects.filter(congress=city, status="active")
    assert serving.count() == 402
    by_delegation = dict(serving.values_list("delegation__name").annotate(n=Count("id")).order_by())
    assert len(by_delegation) == 11
    assert max(by_delegation, key=by_delegation.__getitem__) == "榆次区代表团"
    assert min(by_delegation.values()) >= 15
    for deputy in serving.select_related("delegation__electoral_unit", "electoral_unit"):
        assert deputy.delegation.electoral_unit == deputy.electoral_unit
        assert deputy.electoral_unit.electing_congress.parent_id == city.pk


def test_deputies_look_like_a_real_congress(city: Congress) -> None:
    people = Person.objects.filter(deputyships__congress=city).distinct()
    total = people.count()
    women = people.filter(gender="F").count()
    assert 0.2 < women / total < 0.4
    assert people.filter(party="中共党员").count() > total / 2
    assert people.exclude(party__in=["中共党员", "群众", "无党派人士"]).exists()
    assert people.exclude(ethnicity="汉族").exists()
    assert len(set(people.values_list("name", flat=True))) == total
    assert len(set(people.values_list("phone", flat=True))) == total
    for person in people:
        assert len(person.id_number) == 18 and person.id_number.startswith("1407")
        assert person.id_number[17] == id_check_char(person.id_number[:17])
        assert person.id_number[6:14] == person.birth_date.strftime("%Y%m%d")
        # The 17th digit is odd for men, even for women.
        assert int(person.id_number[16]) % 2 == (1 if person.gender == "M" else 0)
        assert person.phone.startswith("1390354") and len(person.phone) == 11
        assert person.occupation and person.education


def test_thirty_five_standing_committee_members(city: Congress) -> None:
    members = Deputy.objects.filter(congress=city, is_standing_committee_member=True)
    assert members.count() == 35
    assert members.filter(person__occupation="晋中市人大常委会主任").count() == 1


def test_some_people_are_deputies_at_two_levels(city: Congress) -> None:
    twice = Person.objects.annotate(n=Count("deputyships")).filter(n=2)
    assert 25 <= twice.count() <= 35
    for person in twice.prefetch_related("deputyships__congress", "deputyships__electoral_unit"):
        city_seat, county_seat = sorted(person.deputyships.all(), key=lambda d: d.congress.level)
        assert city_seat.congress == city
        assert county_seat.congress.level == "county"
        assert county_seat.congress == city_seat.electoral_unit.electing_congress
        assert county_seat.term.congress == county_seat.congress
        assert county_seat.electoral_unit.congress == county_seat.congress


def test_eleven_liaison_centres_and_every_deputy_at_a_station_of_their_county(
    city: Congress,
) -> None:
    centres = LiaisonCentre.objects.filter(congress=city)
    assert centres.count() == 11
    assert {c.area.region for c in centres} == set(COUNTY_NAMES)
    stations = ContactStation.objects.filter(congress=city)
    per_county = Counter(stations.values_list("area__region", flat=True))
    assert set(per_county) == set(COUNTY_NAMES)
    assert all(5 <= n <= 8 for n in per_county.values())
    for station in stations.select_related("centre", "area"):
        assert station.centre.area == station.area
        assert station.name.startswith(station.area.region) and station.township in station.name
        assert station.established_on < datetime.date(2024, 1, 1)
        assert station.reception_day and station.phone and station.address
    deputies = Deputy.objects.filter(congress=city).select_related(
        "station", "electoral_unit__electing_congress"
    )
    for deputy in deputies:
        assert deputy.station.area == deputy.electoral_unit.electing_congress


def test_eleven_contact_points_each_merged_with_a_station_of_its_county(city: Congress) -> None:
    points = LegislativeContactPoint.objects.filter(congress=city).select_related("station")
    assert points.count() == 11
    assert len({p.station_id for p in points}) == 11
    for point in points:
        assert point.station.area_id == point.area_id
        assert point.established_on <= datetime.date(2024, 12, 31)
        assert point.closed_on is None


def test_forty_three_collection_points_exist_in_2024(city: Congress) -> None:
    end_2024 = datetime.date(2024, 12, 31)
    in_2024 = CollectionPoint.objects.filter(congress=city, established_on__lte=end_2024)
    assert in_2024.count() == 43
    per_point = Counter(in_2024.values_list("contact_point", flat=True))
    assert len(per_point) == 11 and all(3 <= n <= 5 for n in per_point.values())
    for cp in in_2024.select_related("contact_point"):
        assert cp.established_on >= cp.contact_point.established_on


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("staff", "staff"),
        ("leader", "leader"),
        ("deputy", "deputy"),
        ("deputy2", "deputy"),
        ("handler", "handler"),
        ("station", "station"),
    ],
)
def test_demo_account_logs_in_with_the_demo_password(
    city: Congress, username: str, role: str
) -> None:
    request = RequestFactory().post("/accounts/login/")
    user = authenticate(request, username=username, password=PASSWORD)
    assert user is not None
    assert user.role == role and user.congress == city
    assert user.email == f"{username}@demo.invalid"
    assert not user.is_superuser


def test_demo_accounts_are_linked_to_their_body_deputyship_unit_and_station(
    city: Congress,
) -> None:
    users = {u.username: u for u in User.objects.filter(congress=city)}
    assert users["staff"].body.short_name == "代表工委"
    assert users["staff"].is_staff
    assert users["leader"].deputy.is_standing_committee_member
    assert users["leader"].get_full_name() == users["leader"].deputy.person.name
    deputy, deputy2 = users["deputy"].deputy, users["deputy2"].deputy
    assert deputy.congress == city and deputy2.congress == city
    assert deputy.delegation != deputy2.delegation
    assert users["handler"].unit.name == "晋中市交通运输局"
    assert users["station"].station.contact_points.exists()
    assert users["station"].station.area.region == "榆次区"


def test_no_other_account_can_log_in(city: Congress) -> None:
    others = User.objects.filter(congress=city).exclude(username__in=settings.DEMO_USERNAMES)
    assert others.count() > 100
    assert not any(u.has_usable_password() for u in others)
    assert not User.objects.filter(is_superuser=True).exists()


def test_every_unit_has_officers_and_every_station_an_operator(city: Congress) -> None:
    assert not HandlingUnit.objects.filter(congress=city, officers__isnull=True).exists()
    assert not ContactStation.objects.filter(congress=city, operators__isnull=True).exists()


def test_running_demo_twice_gives_the_same_data(demo: str, db: None) -> None:
    before = _counts()
    assert before["org.Deputy"] > 400 and before["org.Session"] == 6
    fingerprint = sorted(Person.objects.values_list("name", "id_number", "occupation"))
    call_command("demo", stdout=io.StringIO())
    assert _counts() == before
    assert sorted(Person.objects.values_list("name", "id_number", "occupation")) == fingerprint
    assert User.objects.get(username="station").station.contact_points.exists()


def test_demo_can_build_the_organisation_alone(demo: str, db: None) -> None:
    out = io.StringIO()
    call_command("demo", only=["org"], stdout=out)
    assert "Organisation:" in out.getvalue()
    assert Deputy.objects.filter(congress__code="jinzhong", status="active").count() == 402
    with pytest.raises(ValueError, match="no demo module"):
        call_command("demo", only=["nonsense"], stdout=out)


def test_demo_is_refused_in_production(demo: str, db: None, settings: Any) -> None:
    settings.PRODUCTION = True
    before = _counts()
    with pytest.raises(CommandError, match="production"):
        call_command("demo", stdout=io.StringIO())
    assert _counts() == before


def test_the_demo_staff_officer_reads_every_table_in_the_admin_and_keeps_the_directory(
    city: Congress, client: Any
) -> None:
    staff = User.objects.get(username="staff")
    client.force_login(staff)

    index = client.get("/admin/").content.decode()
    for url in ("/admin/opinions/constituentopinion/", "/admin/performance/manualentry/",
                "/admin/suggestions/suggestion/", "/admin/org/deputy/"):  # fmt: skip
        assert url in index
        assert client.get(url).status_code == 200, url
    assert staff.has_perm("org.change_deputy") and not staff.has_perm(
        "suggestions.change_suggestion"
    )
    assert not staff.has_perm("accounts.change_user") and not staff.is_superuser
