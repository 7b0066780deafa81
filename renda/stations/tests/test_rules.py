"""The stations' named permissions, role by role (the refused ones too): who enters each
page of the stations' work, and who may act on a given row."""

from __future__ import annotations

import pytest
import rules

from .work import log, upload

ROLES = ["staff", "leader", "deputy", "handler", "station", "stranger"]
PAGES = {
    "stations.view_activity": {"staff", "leader", "deputy", "station", "stranger"},
    "stations.view_duty_record": {"staff", "leader", "deputy", "station", "stranger"},
    "stations.oversee_work": {"staff", "leader", "stranger"},
    "stations.record_activity": {"staff", "station", "stranger"},
    "stations.upload_duty_record": {"deputy", "station"},
    "stations.record_attendance": {"staff", "stranger"},
}


@pytest.mark.parametrize("perm", sorted(PAGES))
@pytest.mark.parametrize("who", ROLES)
def test_who_enters_each_page(cast, perm, who):
    # A stranger is staff of another congress: they enter, and see their own congress's rows.
    assert rules.has_perm(perm, cast[who]) is (who in PAGES[perm])


def test_a_deactivated_account_enters_no_page(cast):
    operator = cast["station"]
    operator.is_active = False
    assert not any(rules.has_perm(perm, operator) for perm in PAGES)


@pytest.mark.parametrize(
    "who, may", [("staff", True), ("station", True), ("other_station", False), ("stranger", False)]
)
def test_who_logs_an_activity_at_a_station(cast, org, who, may):
    from renda.stations.rules import records_at_station

    assert records_at_station(cast[who], org["station"]) is may


@pytest.mark.parametrize("who, may", [("deputy", True), ("deputy2", False), ("staff", False)])
def test_only_the_uploader_adds_photos(cast, who, may):
    record = upload(cast, "deputy")
    assert rules.has_perm("stations.add_duty_photos", cast[who], record) is may


@pytest.mark.parametrize(
    "who, sees",
    [
        ("staff", True),
        ("leader", True),
        ("station", True),
        ("deputy", True),
        ("deputy2", False),
        ("other_station", False),
        ("handler", False),
        ("stranger", False),
    ],
)
def test_who_sees_an_activity(cast, org, who, sees):
    activity = log(cast, org, deputies=[org["deputy"]])
    assert rules.has_perm("stations.view_activity", cast[who], activity) is sees
