"""The activity pages: an operator logs an activity (on a phone too), each role's list with
its filters, totals and export, each activity's page, refusals and query-count caps."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from renda.core.navigation import menu_for
from renda.stations.forms import DEFAULT_TITLES
from renda.stations.models import Activity
from renda.stations.workflow import RECORDED

from .conftest import D
from .work import activity_elsewhere, log, many_activities, more_deputies, sheet_rows

LOG = "stations:activity_log"
LIST = "stations:activity_list"


def titles(response) -> list[str]:
    return [a.title for a in response.context["page_obj"].object_list]


def post_log(client, **data):
    data.setdefault("kind", "reception")
    data.setdefault("date", "2024-03-15")
    data.setdefault("title", "")
    data.setdefault("constituents_received", "12")
    data.setdefault("notes", "")
    return client.post(reverse(LOG), data)


# --- logging an activity ----------------------------------------------------------------------


def test_the_operator_logs_a_reception_day_with_the_stations_deputies(client, cast, org):
    client.force_login(cast["station"])
    response = post_log(client, deputies=[org["deputy"].pk, org["deputy2"].pk])
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("stations:activity_detail", args=[activity.pk])
    assert activity.station == org["station"] and activity.kind == "reception"
    assert activity.title == str(DEFAULT_TITLES["reception"])  # left empty: the usual title
    assert activity.constituents_received == 12 and activity.recorded_by == cast["station"]
    assert set(activity.deputies.all()) == {org["deputy"], org["deputy2"]}


def _deputy_of_another_congress(org, other_congress):
    """A deputy of another congress, even tied to this station (a deputy at several levels):
    never one to pick here."""
    from renda.org.models import Deputy, ElectoralUnit, Person, Term

    term = Term.objects.create(congress=other_congress, number=16, start_date=D(2022, 1, 1))
    person = Person.objects.create(congress=other_congress, name="赵外市", gender="M")
    return Deputy.objects.create(
        congress=other_congress,
        term=term,
        person=person,
        card_number="990001",
        electoral_unit=ElectoralUnit.objects.create(congress=other_congress, name="小店区"),
        station=org["station"],
        elected_on=D(2022, 1, 1),
    )


def test_the_form_puts_the_stations_deputies_first_and_others_behind_a_picker(
    client, cast, org, other_congress
):
    elsewhere = org["deputy2"]
    elsewhere.station = org["other_station"]
    elsewhere.save()
    foreign = _deputy_of_another_congress(org, other_congress)
    client.force_login(cast["station"])
    response = client.get(reverse(LOG))
    assert response.status_code == 200
    form = response.context["form"]
    assert [pk for _g, rows in form.station_group for pk, _n in rows] == [org["deputy"].pk]
    others = [pk for _g, rows in form.other_groups for pk, _n in rows]
    assert others == [elsewhere.pk]  # not the other congress's deputy, though of this station
    assert foreign.pk not in dict(form.fields["deputies"].choices)
    assert "station" not in form.fields  # the operator's own station, always
    html = response.content.decode()
    assert "data-station-deputies" in html and "data-picker" in html
    assert f'max="{timezone.localdate().isoformat()}"' in html  # no future date to pick
    assert "赵外市" not in html
    # Ticked all the same, they are refused beside the field.
    refused = post_log(client, deputies=[org["deputy"].pk, foreign.pk])
    assert "deputies" in refused.context["form"].errors and not Activity.objects.exists()


def test_a_deputy_of_another_station_can_be_added(client, cast, org):
    org["deputy2"].station = org["other_station"]
    org["deputy2"].save()
    client.force_login(cast["station"])
    post_log(client, deputies=[org["deputy2"].pk], kind="study", title="学习代表法")
    activity = Activity.objects.get()
    assert list(activity.deputies.all()) == [org["deputy2"]] and activity.title == "学习代表法"


@pytest.mark.parametrize(
    "data, field",
    [
        ({"date": "2099-01-01"}, "date"),
        ({"date": "not-a-date"}, "date"),
        ({"kind": "party"}, "kind"),
        ({"constituents_received": "-1"}, "constituents_received"),
        ({"constituents_received": "99999999999"}, "constituents_received"),
        ({"deputies": ["999999"]}, "deputies"),
        ({"kind": "other", "title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"notes": "早\x00"}, "notes"),
    ],
)
def test_bad_input_shows_beside_its_field_and_stores_nothing(client, cast, org, data, field):
    client.force_login(cast["station"])
    response = post_log(client, **data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert 'class="field-errors"' in response.content.decode()
    assert not Activity.objects.exists()


def test_a_future_date_is_refused_by_the_action_too(client, cast, org):
    """The form's date field takes any date; the action refuses tomorrow, beside the field."""
    client.force_login(cast["station"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post_log(client, date=tomorrow.isoformat())
    assert "date" in response.context["form"].errors and not Activity.objects.exists()


def test_staff_log_for_a_station_they_choose(client, cast, org):
    client.force_login(cast["staff"])
    response = client.get(reverse(LOG))
    assert "station" in response.context["form"].fields
    missing = post_log(client, deputies=[org["deputy"].pk])
    assert "station" in missing.context["form"].errors and not Activity.objects.exists()
    post_log(client, station=org["other_station"].pk, deputies=[org["deputy"].pk])
    assert Activity.objects.get().station == org["other_station"]


@pytest.mark.parametrize("who", ["deputy", "leader", "handler"])
def test_others_may_not_log_an_activity(client, cast, who):
    client.force_login(cast[who])
    assert client.get(reverse(LOG)).status_code == 403
    assert post_log(client).status_code == 403
    assert not Activity.objects.exists()


def test_a_visitor_is_sent_to_log_in(client, cast):
    response = client.get(reverse(LOG))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- the lists ---------------------------------------------------------------------------------


@pytest.fixture
def activities(cast, org):
    return {
        "here": log(cast, org, title="锦纶接待日", constituents_received=12),
        "study": log(
            cast,
            org,
            kind="study",
            title="学习代表法",
            date=D(2023, 6, 1),
            deputies=[org["deputy"]],
            constituents_received=0,
        ),
        "there": log(
            cast,
            org,
            "other_station",
            station=org["other_station"],
            title="郭家堡接待日",
            deputies=[org["deputy2"]],
            constituents_received=5,
        ),
    }


@pytest.mark.parametrize(
    "who, expected",
    [
        ("station", {"锦纶接待日", "学习代表法"}),
        ("other_station", {"郭家堡接待日"}),
        ("deputy", {"锦纶接待日", "学习代表法"}),
        ("deputy2", {"锦纶接待日", "郭家堡接待日"}),
        ("staff", {"锦纶接待日", "学习代表法", "郭家堡接待日"}),
        ("leader", {"锦纶接待日", "学习代表法", "郭家堡接待日"}),
    ],
)
def test_each_role_lists_the_activities_it_may_see(client, cast, activities, who, expected):
    client.force_login(cast[who])
    response = client.get(reverse(LIST))
    assert response.status_code == 200
    assert set(titles(response)) == expected


def test_a_handler_is_refused_the_list(client, cast, activities):
    client.force_login(cast["handler"])
    assert client.get(reverse(LIST)).status_code == 403


def test_staff_of_another_congress_list_their_congress_activities_only(
    client, cast, activities, other_congress
):
    activity_elsewhere(cast, other_congress, title="外市学习")
    client.force_login(cast["stranger"])
    response = client.get(reverse(LIST))
    assert response.status_code == 200
    assert titles(response) == ["外市学习"]  # none of this congress's three
    assert response.context["totals"]["activities"] == 1
    for activity in activities.values():
        url = reverse("stations:activity_detail", args=[activity.pk])
        assert client.get(url).status_code == 404


def test_totals_follow_the_filters(client, cast, activities):
    client.force_login(cast["staff"])
    totals = client.get(reverse(LIST)).context["totals"]
    assert totals == {"activities": 3, "constituents": 17, "attendances": 4}
    reception = client.get(reverse(LIST), {"kind": "reception"})
    assert reception.context["totals"] == {"activities": 2, "constituents": 17, "attendances": 3}
    html = reception.content.decode()
    assert 'data-total="constituents">17<' in html and 'data-total="attendances">3<' in html


def test_staff_filter_by_station_deputy_year_dates_and_words(client, cast, org, activities):
    client.force_login(cast["staff"])
    url = reverse(LIST)
    assert titles(client.get(url, {"station": org["other_station"].pk})) == ["郭家堡接待日"]
    assert set(titles(client.get(url, {"deputy": org["deputy"].pk}))) == {
        "锦纶接待日",
        "学习代表法",
    }
    assert titles(client.get(url, {"year": "2023"})) == ["学习代表法"]
    assert titles(client.get(url, {"date_from": "2023-01-01", "date_to": "2023-12-31"})) == [
        "学习代表法"
    ]
    assert titles(client.get(url, {"q": "郭家堡"})) == ["郭家堡接待日"]
    backwards = client.get(url, {"date_from": "2024-01-01", "date_to": "2023-01-01"})
    assert "date_to" in backwards.context["form"].errors  # beside the field, and ignored
    assert len(titles(backwards)) == 2


def test_staff_sort_the_list(client, cast, activities):
    client.force_login(cast["staff"])
    url = reverse(LIST)
    assert titles(client.get(url, {"sort": "date"}))[0] == "学习代表法"
    assert titles(client.get(url, {"sort": "-received"}))[0] == "锦纶接待日"
    assert titles(client.get(url, {"sort": "deputies"}))[-1] == "锦纶接待日"
    assert titles(client.get(url, {"sort": "bogus"}))[-1] == "学习代表法"  # the default order


def test_an_operator_filters_by_their_deputies_only(client, cast, org, activities):
    client.force_login(cast["station"])
    form = client.get(reverse(LIST)).context["form"]
    assert "station" not in form.fields
    assert set(form.fields["deputy"].queryset) == {org["deputy"], org["deputy2"]}
    org["deputy2"].station = org["other_station"]
    org["deputy2"].save()
    form = client.get(reverse(LIST)).context["form"]
    assert set(form.fields["deputy"].queryset) == {org["deputy"]}


def test_a_bad_page_number_shows_a_page(client, cast, activities):
    client.force_login(cast["staff"])
    assert client.get(reverse(LIST), {"page": "x"}).status_code == 200
    assert client.get(reverse(LIST), {"page": "999"}).status_code == 200


# --- each activity's page ----------------------------------------------------------------------


def test_an_activitys_page_shows_its_deputies_figures_recorder_and_timeline(
    client, cast, org, activities
):
    client.force_login(cast["deputy"])
    response = client.get(reverse("stations:activity_detail", args=[activities["here"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "李秀兰" in html and "王建国" in html
    assert 'data-figure="constituents">12<' in html and 'data-figure="deputies">2<' in html
    assert [e.label for e in response.context["timeline"]] == [str(RECORDED.label)]
    assert response.context["timeline"][0].event.actor == cast["station"]
    assert "13835412345" not in html  # no deputy's phone on a station's page


@pytest.mark.parametrize(
    "who, name, status",
    [
        ("other_station", "here", 404),
        ("station", "there", 404),
        ("deputy", "there", 404),  # a deputy who did not take part
        ("stranger", "here", 404),
        ("handler", "here", 403),
        ("staff", "there", 200),
        ("leader", "there", 200),
        ("deputy2", "there", 200),
    ],
)
def test_who_may_open_an_activity(client, cast, activities, who, name, status):
    client.force_login(cast[who])
    url = reverse("stations:activity_detail", args=[activities[name].pk])
    assert client.get(url).status_code == status


# --- the export --------------------------------------------------------------------------------


def test_the_export_is_the_filtered_list_with_its_totals(client, cast, activities):
    client.force_login(cast["leader"])
    response = client.get(reverse("stations:activity_export"), {"kind": "reception"})
    assert response.status_code == 200
    rows = sheet_rows(response)
    header = rows[2]
    assert len(header) == 9 and header[6] == gettext("Constituents received")
    data = rows[3:-1]
    assert {r[3] for r in data} == {"锦纶接待日", "郭家堡接待日"}
    by_title = {r[3]: r for r in data}
    assert by_title["锦纶接待日"][4] == "李秀兰、王建国" and by_title["锦纶接待日"][6] == 12
    assert by_title["锦纶接待日"][0] == datetime.datetime(2024, 3, 15)
    total = rows[-1]
    assert total[5] == 3 and total[6] == 17
    assert "filename*=UTF-8''" in response["Content-Disposition"]


def test_an_operator_exports_only_their_station(client, cast, activities):
    client.force_login(cast["station"])
    rows = sheet_rows(client.get(reverse("stations:activity_export")))
    assert {r[3] for r in rows[3:-1]} == {"锦纶接待日", "学习代表法"}


def test_the_export_is_refused_to_roles_without_the_list(client, cast, activities):
    client.force_login(cast["handler"])
    assert client.get(reverse("stations:activity_export")).status_code == 403


# --- menus and query counts --------------------------------------------------------------------


@pytest.mark.parametrize(
    "who, names",
    [
        ("station", {"stations:activity_log", "stations:activity_list", "stations:duty_list"}),
        ("deputy", {"stations:activity_list", "stations:duty_list"}),
        (
            "staff",
            {
                "stations:activity_list",
                "stations:duty_list",
                "stations:training_list",
                "meetings:attended_list",
            },
        ),
        (
            "leader",
            {
                "stations:activity_list",
                "stations:duty_list",
                "stations:training_list",
                "meetings:attended_list",
            },
        ),
        ("handler", set()),
    ],
)
def test_each_role_has_its_menu_entries(cast, who, names):
    """The stations' work entries, the meetings deputies attended (the meetings app's) among
    them."""
    mine = {i["name"] for i in menu_for(cast[who])}
    work = {
        n
        for n in mine
        if n.startswith("stations:")
        and n.split(":")[1].split("_")[0] in ("activity", "duty", "training")
        or n == "meetings:attended_list"
    }
    assert work == names


@pytest.mark.parametrize("who, cap", [("station", 13), ("deputy", 11), ("staff", 13)])
def test_list_query_count_does_not_grow_with_rows(
    client, cast, org, django_assert_max_num_queries, who, cap
):
    client.force_login(cast[who])
    for more in (1, 60):
        many_activities(cast, org, more)
        with django_assert_max_num_queries(cap):
            response = client.get(reverse(LIST))
        assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 50  # a full page was rendered


def test_the_log_form_query_count_does_not_grow_with_deputies(
    client, cast, org, django_assert_max_num_queries
):
    client.force_login(cast["station"])
    more_deputies(org, 40, every_other_station=True)
    with django_assert_max_num_queries(10):
        assert client.get(reverse(LOG)).status_code == 200
