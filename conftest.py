"""Shared fixtures: a small named cast of users, one per role, in a small congress."""

from __future__ import annotations

import datetime
import os

import pytest
from hypothesis import HealthCheck, settings

# Property tests generate large drafts on a loaded 2-core machine: slowness and size are
# expected there, not failures. Correctness failures still fail.
settings.register_profile(
    "renda",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("renda")

# Playwright's sync API runs an event loop in the test thread; the Django ORM calls made by
# the browser tests' fixtures are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: ids repeat after a rolled-back test, so a value
    cached under a key built from ids (the unit scores') must not outlive its test."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (Chinese). The test client runs
    LocaleMiddleware in the test's own thread, and the language a request activated
    (``Accept-Language: en``) stays active after it: without this, a test that checks a
    message in Chinese passes or fails by which test file its worker ran before."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def congress(db):
    from renda.org.models import Congress, Level

    province = Congress.objects.create(
        name="山西省人民代表大会",
        short_name="山西省人大",
        code="sx",
        level=Level.PROVINCE,
        region="山西省",
    )
    return Congress.objects.create(
        name="晋中市人民代表大会",
        short_name="晋中市人大",
        code="jz",
        level=Level.CITY,
        parent=province,
        region="晋中市",
    )


@pytest.fixture
def other_congress(db, congress):
    from renda.org.models import Congress, Level

    return Congress.objects.create(
        name="太原市人民代表大会",
        short_name="太原市人大",
        code="ty",
        level=Level.CITY,
        parent=congress.parent,
        region="太原市",
    )


@pytest.fixture
def org(db, congress):
    """A term, a county, an electoral unit, a delegation, a station, two units and two deputies."""
    from renda.org.models import (
        Congress,
        ContactStation,
        Delegation,
        Deputy,
        ElectoralUnit,
        HandlingUnit,
        Level,
        Person,
        Term,
    )

    term = Term.objects.create(congress=congress, number=5, start_date=datetime.date(2021, 9, 1))
    county = Congress.objects.create(
        name="榆次区人民代表大会",
        short_name="榆次区人大",
        code="jz-yc",
        level=Level.COUNTY,
        parent=congress,
        region="榆次区",
    )
    eu = ElectoralUnit.objects.create(congress=congress, name="榆次区", electing_congress=county)
    delegation = Delegation.objects.create(
        congress=congress, name="榆次区代表团", electoral_unit=eu
    )
    station = ContactStation.objects.create(
        congress=congress,
        name="锦纶街道人大代表联络站",
        area=county,
        established_on=datetime.date(2019, 5, 1),
    )
    other_station = ContactStation.objects.create(
        congress=congress,
        name="郭家堡乡人大代表联络站",
        area=county,
        established_on=datetime.date(2019, 5, 1),
    )
    unit = HandlingUnit.objects.create(
        congress=congress, name="晋中市交通运输局", kind="department"
    )
    other_unit = HandlingUnit.objects.create(
        congress=congress, name="晋中市教育局", kind="department"
    )

    def deputy(name: str, card: str, phone: str) -> Deputy:
        person = Person.objects.create(
            congress=congress,
            name=name,
            gender="F",
            phone=phone,
            id_number=f"14070219800101{card[-4:]}",
        )
        return Deputy.objects.create(
            congress=congress,
            term=term,
            person=person,
            card_number=card,
            electoral_unit=eu,
            delegation=delegation,
            station=station,
            elected_on=datetime.date(2021, 9, 1),
        )

    return {
        "term": term,
        "county": county,
        "electoral_unit": eu,
        "delegation": delegation,
        "station": station,
        "other_station": other_station,
        "unit": unit,
        "other_unit": other_unit,
        "deputy": deputy("李秀兰", "050001", "13835412345"),
        "deputy2": deputy("王建国", "050002", "13935467890"),
    }


@pytest.fixture
def cast(db, congress, other_congress, org):
    """One user per role (and a few that must be refused): staff, leader, deputy, deputy2,
    handler, other_handler (another unit), station, other_station, stranger (another congress)."""
    from renda.accounts.models import User

    def user(username: str, **kw) -> User:
        u = User.objects.create_user(username=username, password="correct-horse-battery", **kw)
        return u

    return {
        "staff": user("staff", congress=congress, role="staff", last_name="张", first_name="伟"),
        "leader": user("leader", congress=congress, role="leader"),
        "deputy": user("deputy", congress=congress, role="deputy", deputy=org["deputy"]),
        "deputy2": user("deputy2", congress=congress, role="deputy", deputy=org["deputy2"]),
        "handler": user("handler", congress=congress, role="handler", unit=org["unit"]),
        "other_handler": user(
            "other_handler", congress=congress, role="handler", unit=org["other_unit"]
        ),
        "station": user("station", congress=congress, role="station", station=org["station"]),
        "other_station": user(
            "other_station", congress=congress, role="station", station=org["other_station"]
        ),
        "stranger": user("stranger", congress=other_congress, role="staff"),
    }
