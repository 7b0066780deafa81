"""The opinions' named permissions, role by role (the refused ones too): who enters each
page, who sees an opinion and its constituent's contact details."""

from __future__ import annotations

import pytest
import rules

ROLES = ["staff", "leader", "deputy", "handler", "station", "stranger"]
PAGES = {
    "opinions.record_opinion": {"staff", "station", "stranger"},
    "opinions.view_station_opinions": {"station"},
    "opinions.view_unit_opinions": {"handler"},
    "opinions.view_register": {"staff", "leader", "stranger"},
    "opinions.export_opinions": {"staff", "stranger"},
    "opinions.manage_keys": {"staff", "stranger"},
}


@pytest.mark.parametrize("perm", sorted(PAGES))
@pytest.mark.parametrize("who", ROLES)
def test_who_enters_each_page(cast, perm, who):
    # A stranger is staff of another congress: the rows they reach are their congress's.
    assert rules.has_perm(perm, cast[who]) is (who in PAGES[perm])


@pytest.mark.parametrize(
    "who, sees, contact",
    [
        ("staff", True, True),
        ("leader", True, False),
        ("station", True, True),
        ("other_station", False, False),
        ("handler", True, False),
        ("other_handler", False, False),
        ("deputy", False, False),
        ("stranger", False, False),
    ],
)
def test_who_sees_a_referred_opinion_and_its_contact_details(cast, referred, who, sees, contact):
    assert rules.has_perm("opinions.view_opinion", cast[who], referred) is sees
    assert rules.has_perm("opinions.view_opinion_contact", cast[who], referred) is contact


@pytest.mark.parametrize(
    "who, may", [("staff", True), ("other_station", False), ("stranger", False)]
)
def test_only_staff_of_the_congress_or_the_operator_record_at_a_station(cast, org, who, may):
    from renda.opinions.rules import records_at_station

    assert records_at_station(cast[who], org["station"]) is may
    assert records_at_station(cast["station"], org["station"])
