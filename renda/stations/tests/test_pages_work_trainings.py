"""Trainings and standing committee meetings attended: staff list a training and record who
attended (one by one or whole delegations), record a meeting's attendees (列席) and its
attendee forums with opinions; leaders read; everyone else is refused."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.org.models import Deputy, Person
from renda.stations import actions as A
from renda.stations.models import (
    AttendeeForum,
    ForumOpinion,
    MeetingAttendance,
    StandingMeeting,
    Training,
    TrainingAttendance,
)

from . import test_trainings_meetings as backend
from .conftest import D

# The backend tests' training (2024-05-20 to 22, at the party school) and meeting (one
# attendee, 2024-04-25).
training = backend.training
meeting = backend.meeting


def make_deputies(org, n: int, *, delegation=None) -> list[Deputy]:
    congress = org["term"].congress
    rows = []
    for i in range(n):
        person = Person.objects.create(congress=congress, name=f"代表{i}", gender="M")
        rows.append(
            Deputy.objects.create(
                congress=congress,
                term=org["term"],
                person=person,
                card_number=f"08{i:04d}",
                electoral_unit=org["electoral_unit"],
                delegation=delegation,
                elected_on=D(2021, 9, 1),
            )
        )
    return rows


# --- trainings -------------------------------------------------------------------------------


def test_staff_list_a_training(client, cast):
    client.force_login(cast["staff"])
    response = client.post(
        reverse("stations:training_create"),
        {"title": "代表履职培训", "start_date": "2024-06-01", "end_date": "", "place": "市人大"},
    )
    training = Training.objects.get()
    assert response["Location"] == reverse("stations:training_detail", args=[training.pk])
    assert training.end_date == D(2024, 6, 1)  # a one-day training


@pytest.mark.parametrize(
    "data, field",
    [
        ({"end_date": "2024-05-01"}, "end_date"),
        ({"title": ""}, "title"),
        ({"start_date": "someday"}, "start_date"),
        ({"place": "x" * 201}, "place"),
    ],
)
def test_bad_training_input_shows_beside_its_field(client, cast, data, field):
    client.force_login(cast["staff"])
    post = {"title": "培训", "start_date": "2024-06-01", "end_date": "", "place": ""} | data
    response = client.post(reverse("stations:training_create"), post)
    assert response.status_code == 200
    assert field in response.context["form"].errors and not Training.objects.exists()


def test_attendance_by_deputy_and_by_whole_delegation(client, cast, org, training):
    other = org["delegation"].__class__.objects.create(
        congress=org["term"].congress, name="太谷区代表团", electoral_unit=org["electoral_unit"]
    )
    taigu = make_deputies(org, 3, delegation=other)
    client.force_login(cast["staff"])
    url = reverse("stations:training_attendance", args=[training.pk])
    page = client.get(url)
    assert page.status_code == 200
    groups = dict(page.context["form"].fields["deputies"].groups)
    assert set(groups) == {"榆次区代表团", "太谷区代表团"}
    response = client.post(url, {"deputies": [org["deputy"].pk], "delegations": [other.pk]})
    assert response.status_code == 302
    present = set(TrainingAttendance.objects.values_list("deputy_id", flat=True))
    assert present == {org["deputy"].pk, *(d.pk for d in taigu)}
    # The page shows the list and its count; the form starts from it.
    detail = client.get(reverse("stations:training_detail", args=[training.pk]))
    assert len(detail.context["attendees"]) == 4
    assert dict(detail.context["by_delegation"]) == {"太谷区代表团": 3, "榆次区代表团": 1}
    again = client.get(url).context["form"]
    assert set(again.initial["deputies"]) == present
    # Saving again replaces the list.
    client.post(url, {"deputies": [org["deputy2"].pk]})
    assert list(TrainingAttendance.objects.values_list("deputy_id", flat=True)) == [
        org["deputy2"].pk
    ]


def test_a_training_not_yet_started_takes_no_attendance(client, cast, congress, org):
    later = timezone.localdate() + datetime.timedelta(days=10)
    training = A.training_create(
        actor=cast["staff"], congress=congress, title="下月培训", start_date=later
    )
    client.force_login(cast["staff"])
    detail = client.get(reverse("stations:training_detail", args=[training.pk]))
    assert not detail.context["started"]
    assert reverse("stations:training_attendance", args=[training.pk]) not in (
        detail.content.decode()
    )
    response = client.post(
        reverse("stations:training_attendance", args=[training.pk]),
        {"deputies": [org["deputy"].pk]},
    )
    assert "deputies" in response.context["form"].errors
    assert not TrainingAttendance.objects.exists()


def test_an_unknown_deputy_is_not_a_choice(client, cast, training):
    client.force_login(cast["staff"])
    url = reverse("stations:training_attendance", args=[training.pk])
    response = client.post(url, {"deputies": ["999999"]})
    assert "deputies" in response.context["form"].errors


@pytest.mark.parametrize(
    "who, status",
    [("leader", 200), ("station", 403), ("deputy", 403), ("handler", 403), ("stranger", 404)],
)
def test_who_may_read_a_training(client, cast, training, who, status):
    client.force_login(cast[who])
    assert client.get(reverse("stations:training_detail", args=[training.pk])).status_code == status


@pytest.mark.parametrize("who", ["leader", "station", "deputy"])
def test_only_staff_list_trainings_and_record_attendance(client, cast, org, training, who):
    client.force_login(cast[who])
    assert client.get(reverse("stations:training_create")).status_code == 403
    url = reverse("stations:training_attendance", args=[training.pk])
    assert client.post(url, {"deputies": [org["deputy"].pk]}).status_code == 403
    assert not TrainingAttendance.objects.exists() and Training.objects.count() == 1


def test_the_training_list_with_counts_and_filters(client, cast, org, congress, training):
    A.training_attendance_record(training=training, actor=cast["staff"], deputies=[org["deputy"]])
    A.training_create(
        actor=cast["staff"], congress=congress, title="宪法学习", start_date=D(2023, 3, 1)
    )
    client.force_login(cast["leader"])
    url = reverse("stations:training_list")
    response = client.get(url)
    rows = {t.title: t.attendee_count for t in response.context["page_obj"].object_list}
    assert rows == {"新任代表履职培训": 1, "宪法学习": 0}
    assert response.context["deputies"] == 1
    assert 'data-total="trainings">2<' in response.content.decode()
    assert reverse("stations:training_create") not in response.content.decode()  # read only
    assert [t.title for t in client.get(url, {"year": "2023"}).context["page_obj"]] == ["宪法学习"]
    assert [t.title for t in client.get(url, {"q": "党校"}).context["page_obj"]] == [
        "新任代表履职培训"
    ]


# --- meetings attended -----------------------------------------------------------------------


def test_staff_record_a_meeting_and_its_attendees(client, cast, org, congress):
    client.force_login(cast["staff"])
    response = client.post(
        reverse("stations:meeting_record"),
        {
            "title": "市五届人大常委会第十九次会议",
            "date": "2024-06-27",
            "deputies": [org["deputy"].pk, org["deputy2"].pk],
        },
    )
    meeting = StandingMeeting.objects.get()
    assert response["Location"] == reverse("stations:meeting_detail", args=[meeting.pk])
    assert meeting.congress == congress and meeting.attendances.count() == 2


@pytest.mark.parametrize(
    "data, field",
    [
        ({"deputies": []}, "deputies"),
        ({"date": "2099-01-01"}, "date"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_meeting_input_shows_beside_its_field(client, cast, org, data, field):
    client.force_login(cast["staff"])
    post = {"title": "会议", "date": "2024-06-27", "deputies": [org["deputy"].pk]} | data
    response = client.post(reverse("stations:meeting_record"), post)
    assert response.status_code == 200
    assert field in response.context["form"].errors and not StandingMeeting.objects.exists()


def test_more_attendees_are_added_to_a_meeting(client, cast, org, meeting):
    client.force_login(cast["staff"])
    url = reverse("stations:meeting_attendance", args=[meeting.pk])
    form = client.get(url).context["form"]
    choices = [pk for _g, rows in form.fields["deputies"].groups for pk, _n in rows]
    assert choices == [org["deputy2"].pk] and form.already_count == 1
    assert "title" not in form.fields
    client.post(url, {"deputies": [org["deputy2"].pk]})
    assert MeetingAttendance.objects.filter(meeting=meeting).count() == 2


def forum_post(**rows):
    data = {
        "held_on": "2024-04-25",
        "summary": "列席代表座谈会",
        "opinions-TOTAL_FORMS": "3",
        "opinions-INITIAL_FORMS": "0",
        "opinions-MIN_NUM_FORMS": "0",
        "opinions-MAX_NUM_FORMS": "1000",
    }
    data.update(rows)
    return data


def test_a_forum_with_several_opinions(client, cast, org, meeting, congress):
    A.meeting_attendance_record(
        actor=cast["staff"],
        congress=congress,
        title=meeting.title,
        date=meeting.date,
        deputies=[org["deputy2"]],
    )
    client.force_login(cast["staff"])
    response = client.post(
        reverse("stations:meeting_forum", args=[meeting.pk]),
        forum_post(
            **{
                "opinions-0-deputy": org["deputy"].pk,
                "opinions-0-text": "建议加快老旧小区加装电梯。",
                "opinions-2-deputy": org["deputy2"].pk,
                "opinions-2-text": "建议增加公交线路。",
            }
        ),
    )
    forum = AttendeeForum.objects.get()
    assert response.status_code == 302 and f"#forum-{forum.pk}" in response["Location"]
    assert [(o.deputy, o.text) for o in forum.opinions.order_by("id")] == [
        (org["deputy"], "建议加快老旧小区加装电梯。"),
        (org["deputy2"], "建议增加公交线路。"),
    ]
    page = client.get(reverse("stations:meeting_detail", args=[meeting.pk]))
    html = page.content.decode()
    assert "建议增加公交线路。" in html and "列席代表座谈会" in html
    listing = client.get(reverse("stations:meeting_list"))
    listed = listing.context["page_obj"].object_list[0]
    assert (listed.attendee_count, listed.forum_count, listed.opinion_count) == (2, 1, 2)
    assert listing.context["deputies"] == 2


@pytest.mark.parametrize(
    "rows, row, field",
    [
        ({"opinions-1-deputy": "DEPUTY"}, 1, "text"),  # who, but not what
        ({"opinions-0-text": "意见"}, 0, "deputy"),  # what, but not who
        ({"opinions-0-deputy": "DEPUTY2", "opinions-0-text": "意见"}, 0, "deputy"),  # absent
    ],
)
def test_a_bad_opinion_row_shows_its_error_in_the_row(client, cast, org, meeting, rows, row, field):
    ids = {"DEPUTY": org["deputy"].pk, "DEPUTY2": org["deputy2"].pk}
    rows = {k: ids.get(v, v) for k, v in rows.items()}
    client.force_login(cast["staff"])
    response = client.post(reverse("stations:meeting_forum", args=[meeting.pk]), forum_post(**rows))
    assert response.status_code == 200
    form = response.context["forum_form"]
    assert field in form.rows.forms[row].errors
    assert not AttendeeForum.objects.exists() and not ForumOpinion.objects.exists()


def test_a_forum_post_without_its_rows_management_is_refused_without_an_error(
    client, cast, meeting
):
    client.force_login(cast["staff"])
    url = reverse("stations:meeting_forum", args=[meeting.pk])
    response = client.post(url, {"held_on": "2024-04-25", "summary": "座谈"})
    assert response.status_code == 200
    assert response.context["forum_form"].rows.non_form_errors()
    assert not AttendeeForum.objects.exists()


def test_a_future_forum_date_is_refused_beside_the_field(client, cast, meeting):
    client.force_login(cast["staff"])
    response = client.post(
        reverse("stations:meeting_forum", args=[meeting.pk]), forum_post(held_on="2099-01-01")
    )
    assert "held_on" in response.context["forum_form"].errors
    assert not AttendeeForum.objects.exists()


@pytest.mark.parametrize(
    "who, status",
    [("leader", 200), ("station", 403), ("deputy", 403), ("handler", 403), ("stranger", 404)],
)
def test_who_may_read_a_meeting(client, cast, meeting, who, status):
    client.force_login(cast[who])
    response = client.get(reverse("stations:meeting_detail", args=[meeting.pk]))
    assert response.status_code == status
    if who == "leader":
        assert response.context["forum_form"] is None  # leaders read only


@pytest.mark.parametrize("who", ["leader", "station", "deputy"])
def test_only_staff_record_meetings_and_forums(client, cast, org, meeting, who):
    client.force_login(cast[who])
    assert client.get(reverse("stations:meeting_record")).status_code == 403
    assert client.get(reverse("stations:meeting_attendance", args=[meeting.pk])).status_code == 403
    forum = forum_post(**{"opinions-0-deputy": org["deputy"].pk, "opinions-0-text": "意见"})
    assert (
        client.post(reverse("stations:meeting_forum", args=[meeting.pk]), forum).status_code == 403
    )
    assert not AttendeeForum.objects.exists()


def test_a_meeting_of_another_congress_is_not_found(client, cast, meeting):
    client.force_login(cast["stranger"])
    assert client.get(reverse("stations:meeting_attendance", args=[meeting.pk])).status_code == 404


# --- query counts ----------------------------------------------------------------------------


def test_training_list_query_count_does_not_grow(
    client, cast, org, congress, django_assert_max_num_queries
):
    client.force_login(cast["staff"])
    deputies = make_deputies(org, 5, delegation=org["delegation"])
    for more in (1, 60):
        for i in range(more):
            t = A.training_create(
                actor=cast["staff"], congress=congress, title=f"培训{i}", start_date=D(2024, 1, 2)
            )
            A.training_attendance_record(training=t, actor=cast["staff"], deputies=deputies)
        with django_assert_max_num_queries(11):
            response = client.get(reverse("stations:training_list"))
        assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 50


def test_meeting_list_query_count_does_not_grow(
    client, cast, org, congress, django_assert_max_num_queries
):
    client.force_login(cast["staff"])
    for more in (1, 60):
        for i in range(more):
            m = A.meeting_attendance_record(
                actor=cast["staff"],
                congress=congress,
                title=f"会议{more}-{i}",
                date=D(2024, 1, 2),
                deputies=[org["deputy"], org["deputy2"]],
            )
            A.forum_record(
                actor=cast["staff"],
                meeting=m,
                held_on=D(2024, 1, 2),
                opinions=[(org["deputy"], "意见")],
            )
        with django_assert_max_num_queries(11):
            response = client.get(reverse("stations:meeting_list"))
        assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 50


def test_a_meeting_page_query_count_does_not_grow_with_attendees(
    client, cast, org, congress, meeting, django_assert_max_num_queries
):
    client.force_login(cast["staff"])
    for n in (0, 30):
        more = make_deputies(org, n, delegation=org["delegation"]) if n else []
        if more:
            A.meeting_attendance_record(
                actor=cast["staff"],
                congress=congress,
                title=meeting.title,
                date=meeting.date,
                deputies=more,
            )
            A.forum_record(
                actor=cast["staff"],
                meeting=meeting,
                held_on=meeting.date,
                opinions=[(d, "意见") for d in more],
            )
        with django_assert_max_num_queries(12):
            assert (
                client.get(reverse("stations:meeting_detail", args=[meeting.pk])).status_code == 200
            )


# --- exports -----------------------------------------------------------------------------------


def _sheet_rows(response, sheet=0):
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(response.content))
    return [list(r) for r in book.worksheets[sheet].iter_rows(min_row=4, values_only=True)]


@pytest.mark.parametrize(
    "who, status",
    [("staff", 200), ("leader", 200), ("station", 403), ("deputy", 403), ("stranger", 404)],
)
def test_a_meetings_forum_opinions_and_attendees_export(client, cast, org, meeting, who, status):
    A.forum_record(
        actor=cast["staff"],
        meeting=meeting,
        held_on=meeting.date,
        opinions=[(a.deputy, "建议提前送达会议材料。") for a in meeting.attendances.all()],
    )
    client.force_login(cast[who])
    page = reverse("stations:meeting_detail", args=[meeting.pk])
    url = reverse("stations:meeting_export", args=[meeting.pk])
    if status == 200:
        assert url in client.get(page).content.decode()
    response = client.get(url)

    assert response.status_code == status
    if status == 200:
        attendee = meeting.attendances.get().deputy
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        opinions = _sheet_rows(response, 0)
        assert [(r[2], r[4]) for r in opinions] == [
            (attendee.person.name, "建议提前送达会议材料。")
        ]
        assert [r[1] for r in _sheet_rows(response, 1)] == [attendee.person.name]


def test_a_trainings_attendance_export(client, cast, org, training):
    A.training_attendance_record(
        training=training, actor=cast["staff"], deputies=[org["deputy"], org["deputy2"]]
    )
    client.force_login(cast["leader"])
    response = client.get(reverse("stations:training_export", args=[training.pk]))

    assert response.status_code == 200
    names = {r[1] for r in _sheet_rows(response)}
    assert names == {org["deputy"].person.name, org["deputy2"].person.name}
    client.force_login(cast["station"])
    assert client.get(reverse("stations:training_export", args=[training.pk])).status_code == 403


@pytest.mark.parametrize("who, may", [("staff", True), ("leader", False), ("station", False)])
def test_only_who_may_record_attendance_is_offered_to(client, cast, training, meeting, who, may):
    user = cast[who]
    assert user.has_perm("stations.record_attendance", training) is may
    assert user.has_perm("stations.record_attendance", meeting) is may
    assert not cast["stranger"].has_perm("stations.record_attendance", training)  # other congress

    if who == "station":
        return  # cannot open these pages at all (tested above)
    client.force_login(user)
    pages = {
        reverse("stations:training_list"): reverse("stations:training_create"),
        reverse("stations:meeting_list"): reverse("stations:meeting_record"),
        reverse("stations:meeting_detail", args=[meeting.pk]): reverse(
            "stations:meeting_attendance", args=[meeting.pk]
        ),
        reverse("stations:training_detail", args=[training.pk]): reverse(
            "stations:training_attendance", args=[training.pk]
        ),
    }
    for page, action in pages.items():
        assert (action in client.get(page).content.decode()) is may, page
