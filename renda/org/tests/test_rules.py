"""The organisation's permissions, walked role by role: who may, and who is refused."""

from __future__ import annotations

from typing import Any

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

pytestmark = pytest.mark.django_db

EVERYONE = (
    "staff",
    "leader",
    "deputy",
    "deputy2",
    "handler",
    "other_handler",
    "station",
    "other_station",
    "stranger",  # staff of another congress
    "anonymous",
)

# perm -> (the object asked about, from the `org` fixture or None, who may). Everyone
# else in EVERYONE must be refused.
TABLE: dict[str, list[tuple[str | None, set[str]]]] = {
    "org.view_directory": [
        (None, set(EVERYONE) - {"anonymous"}),
    ],
    "org.see_deputy": [
        ("deputy", set(EVERYONE) - {"stranger", "anonymous"}),
        # Without an object it is a model-level question; the queries scope the rows.
        (None, set(EVERYONE) - {"anonymous"}),
    ],
    "org.view_deputy_personal_data": [
        ("deputy", {"staff", "deputy"}),  # staff of the congress, and the deputy themself
        ("deputy2", {"staff", "deputy2"}),
    ],
    "org.view_deputy_phone": [
        ("deputy", {"staff", "leader", "deputy"}),
        ("deputy2", {"staff", "leader", "deputy2"}),
    ],
    "org.manage_organisation": [
        ("unit", {"staff"}),
        ("station", {"staff"}),
        (None, {"staff", "stranger"}),
    ],
    "core.enter_holiday_notice": [
        (None, {"staff", "stranger"}),  # the holiday calendar is national
    ],
}

CASES = [
    pytest.param(perm, obj, who, allowed, id=f"{perm}-{obj}-{who}")
    for perm, rows in TABLE.items()
    for obj, allowed in rows
    for who in EVERYONE
]


def _user(cast: dict[str, Any], who: str) -> Any:
    return AnonymousUser() if who == "anonymous" else cast[who]


@pytest.mark.parametrize(("perm", "obj", "who", "allowed"), CASES)
def test_role_by_role(cast, org, perm, obj, who, allowed):
    target = org[obj] if obj else None
    assert _user(cast, who).has_perm(perm, target) is (who in allowed)


def test_every_organisation_rule_is_in_the_table():
    declared = {name for name in rules.permissions.permissions if name.startswith("org.")}
    assert declared | {"core.enter_holiday_notice"} == set(TABLE)


def test_deputy_sees_personal_data_of_their_other_deputyship(cast, org, congress):
    """A person who is a deputy at two levels sees their own data in both deputyships."""
    from renda.org.models import Deputy, Term

    county = org["county"]
    term = Term.objects.create(congress=county, number=18, start_date=org["term"].start_date)
    other_deputyship = Deputy.objects.create(
        congress=county,
        term=term,
        person=org["deputy"].person,
        card_number="yc-001",
        electoral_unit=org["electoral_unit"],
        elected_on=org["term"].start_date,
    )
    assert cast["deputy"].has_perm("org.view_deputy_personal_data", other_deputyship)
    assert not cast["deputy2"].has_perm("org.view_deputy_personal_data", other_deputyship)
    assert not cast["staff"].has_perm("org.view_deputy_personal_data", other_deputyship)


def test_inactive_staff_is_refused(cast, org):
    staff = cast["staff"]
    staff.is_active = False
    staff.save()
    assert not staff.has_perm("org.manage_organisation", org["unit"])


def test_inactive_deputy_no_longer_sees_their_personal_data(cast, org):
    deputy = cast["deputy"]
    deputy.is_active = False
    deputy.save()
    assert not deputy.has_perm("org.view_deputy_personal_data", org["deputy"])
