"""Station activities: who records them, with which deputies, and the API's lists."""

from __future__ import annotations

import pytest

import renda.suggestions.tests.test_api as suggestions_api
from renda.core.models import Event
from renda.core.workflow import ActionForbidden, ActionInvalid
from renda.stations import actions as A
from renda.stations.models import Activity

from .conftest import D, on


def activity(cast, org, who="station", **kw):
    kw.setdefault("station", org["station"])
    kw.setdefault("kind", "reception")
    kw.setdefault("date", D(2024, 3, 15))
    kw.setdefault("title", "代表接待选民日")
    kw.setdefault("deputies", [org["deputy"], org["deputy2"]])
    kw.setdefault("constituents_received", 12)
    with on(D(2024, 3, 20)):
        return A.activity_record(actor=cast[who], **kw)


def test_an_operator_records_a_reception_day_with_its_deputies_and_constituents(cast, org):
    a = activity(cast, org)
    assert a.congress_id == org["station"].congress_id and a.constituents_received == 12
    assert set(a.deputies.all()) == {org["deputy"], org["deputy2"]}
    event = Event.objects.get(object_id=a.pk, action="create")
    assert event.actor == cast["station"] and set(event.data["deputies"]) == {
        org["deputy"].pk,
        org["deputy2"].pk,
    }


def test_staff_record_for_any_station_of_their_congress(cast, org):
    assert (
        activity(cast, org, "staff", station=org["other_station"]).station == org["other_station"]
    )


@pytest.mark.parametrize("who", ["other_station", "deputy", "handler", "leader", "stranger"])
def test_others_cannot_record_a_stations_activity(cast, org, who):
    with pytest.raises(ActionForbidden):
        activity(cast, org, who)
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    "kw, field",
    [
        ({"date": D(2024, 3, 21)}, "date"),
        ({"kind": "party"}, "kind"),
        ({"title": " "}, "title"),
        ({"constituents_received": -1}, "constituents_received"),
    ],
)
def test_bad_input_is_refused(cast, org, kw, field):
    with pytest.raises(ActionInvalid) as info:
        activity(cast, org, **kw)
    assert info.value.field == field


def test_a_deputy_of_another_congress_cannot_take_part(cast, org, other_congress):
    from renda.org.models import Deputy

    foreign = Deputy(pk=999, congress=other_congress)
    with pytest.raises(ActionInvalid):
        activity(cast, org, deputies=[foreign])


def caller(cast, who):
    return suggestions_api.Caller(cast[who] if who else None)


def test_the_api_records_an_activity_at_the_operators_station(cast, org):
    r = caller(cast, "station").post(
        "/activities",
        {
            "kind": "study",
            "date": "2024-03-01",
            "title": "学习代表法",
            "deputies": [org["deputy"].pk],
            "constituents_received": 0,
        },
    )
    assert r.status_code == 201, r.content
    assert r.json()["station"]["id"] == org["station"].pk
    assert r.json()["deputies"] == [{"id": org["deputy"].pk, "name": "李秀兰"}]
    bad = caller(cast, "station").post(
        "/activities", {"kind": "study", "date": "2024-03-01", "title": "x", "deputies": [99999]}
    )
    assert bad.status_code == 422


@pytest.mark.parametrize(
    "who, sees",
    [
        ("staff", 2),
        ("leader", 2),
        ("station", 1),
        ("other_station", 1),
        ("deputy", 2),
        ("deputy2", 1),
        ("handler", 0),
        ("stranger", 0),
    ],
)
def test_who_sees_which_activities(cast, org, who, sees):
    activity(cast, org)
    activity(cast, org, "other_station", station=org["other_station"], deputies=[org["deputy"]])
    r = caller(cast, who).get("/activities")
    assert r.status_code == 200 and r.json()["count"] == sees


def test_activities_filter_by_year_kind_and_station(cast, org):
    activity(cast, org)
    staff = caller(cast, "staff")
    assert staff.get("/activities", year=2024, kind="reception").json()["count"] == 1
    assert staff.get("/activities", year=2023).json()["count"] == 0
    assert staff.get("/activities", station=org["other_station"].pk).json()["count"] == 0


def test_the_activity_list_costs_the_same_for_two_or_twenty(
    cast, org, django_assert_max_num_queries
):
    staff = caller(cast, "staff")
    for _ in range(2):
        activity(cast, org)
    with django_assert_max_num_queries(7):
        assert staff.get("/activities").json()["count"] == 2
    for _ in range(18):
        activity(cast, org)
    with django_assert_max_num_queries(7):
        assert staff.get("/activities").json()["count"] == 20
