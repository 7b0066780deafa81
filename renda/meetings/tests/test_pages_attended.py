"""The pages of the meetings deputies attended without a vote, under /stations/meetings/ in
the stations' work tabs: staff record a meeting's attendees (列席) and its attendee forums
with opinions; leaders read; everyone else is refused; the pages' cost stays flat."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renda.meetings import actions_attended as A
from renda.meetings.models import AttendeeForum, ForumOpinion, Meeting, MeetingAttendance
from renda.stations.tests.test_pages_work_trainings import _sheet_rows, make_deputies

from .attended import D, meeting

__all__ = ["meeting"]


def test_staff_record_a_meeting_and_its_attendees(client, cast, org, congress):
    client.force_login(cast["staff"])
    response = client.post(
        reverse("meetings:attended_record"),
        {
            "title": "市五届人大常委会第十九次会议",
            "date": "2024-06-27",
            "deputies": [org["deputy"].pk, org["deputy2"].pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("meetings:attended_detail", args=[meeting.pk])
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
    response = client.post(reverse("meetings:attended_record"), post)
    assert response.status_code == 200
    assert field in response.context["form"].errors and not Meeting.objects.exists()


def test_more_attendees_are_added_to_a_meeting(client, cast, org, meeting):
    client.force_login(cast["staff"])
    url = reverse("meetings:attended_attendance", args=[meeting.pk])
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
        date=meeting.start_date,
        deputies=[org["deputy2"]],
    )
    client.force_login(cast["staff"])
    response = client.post(
        reverse("meetings:attended_forum", args=[meeting.pk]),
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
    page = client.get(reverse("meetings:attended_detail", args=[meeting.pk]))
    html = page.content.decode()
    assert "建议增加公交线路。" in html and "列席代表座谈会" in html
    listing = client.get(reverse("meetings:attended_list"))
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
    response = client.post(
        reverse("meetings:attended_forum", args=[meeting.pk]), forum_post(**rows)
    )
    assert response.status_code == 200
    form = response.context["forum_form"]
    assert field in form.rows.forms[row].errors
    assert not AttendeeForum.objects.exists() and not ForumOpinion.objects.exists()


def test_a_forum_post_without_its_rows_management_is_refused_without_an_error(
    client, cast, meeting
):
    client.force_login(cast["staff"])
    url = reverse("meetings:attended_forum", args=[meeting.pk])
    response = client.post(url, {"held_on": "2024-04-25", "summary": "座谈"})
    assert response.status_code == 200
    assert response.context["forum_form"].rows.non_form_errors()
    assert not AttendeeForum.objects.exists()


def test_a_future_forum_date_is_refused_beside_the_field(client, cast, meeting):
    client.force_login(cast["staff"])
    response = client.post(
        reverse("meetings:attended_forum", args=[meeting.pk]), forum_post(held_on="2099-01-01")
    )
    assert "held_on" in response.context["forum_form"].errors
    assert not AttendeeForum.objects.exists()


@pytest.mark.parametrize(
    "who, status",
    [("leader", 200), ("station", 403), ("deputy", 403), ("handler", 403), ("stranger", 404)],
)
def test_who_may_read_a_meeting(client, cast, meeting, who, status):
    client.force_login(cast[who])
    response = client.get(reverse("meetings:attended_detail", args=[meeting.pk]))
    assert response.status_code == status
    if who == "leader":
        assert response.context["forum_form"] is None  # leaders read only


@pytest.mark.parametrize("who", ["leader", "station", "deputy"])
def test_only_staff_record_meetings_and_forums(client, cast, org, meeting, who):
    client.force_login(cast[who])
    assert client.get(reverse("meetings:attended_record")).status_code == 403
    assert client.get(reverse("meetings:attended_attendance", args=[meeting.pk])).status_code == 403
    forum = forum_post(**{"opinions-0-deputy": org["deputy"].pk, "opinions-0-text": "意见"})
    assert (
        client.post(reverse("meetings:attended_forum", args=[meeting.pk]), forum).status_code == 403
    )
    assert not AttendeeForum.objects.exists()


def test_a_meeting_of_another_congress_is_not_found(client, cast, meeting):
    client.force_login(cast["stranger"])
    assert client.get(reverse("meetings:attended_attendance", args=[meeting.pk])).status_code == 404


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
            response = client.get(reverse("meetings:attended_list"))
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
                date=meeting.start_date,
                deputies=more,
            )
            A.forum_record(
                actor=cast["staff"],
                meeting=meeting,
                held_on=meeting.start_date,
                opinions=[(d, "意见") for d in more],
            )
        with django_assert_max_num_queries(12):
            assert (
                client.get(reverse("meetings:attended_detail", args=[meeting.pk])).status_code
                == 200
            )


@pytest.mark.parametrize(
    "who, status",
    [("staff", 200), ("leader", 200), ("station", 403), ("deputy", 403), ("stranger", 404)],
)
def test_a_meetings_forum_opinions_and_attendees_export(client, cast, org, meeting, who, status):
    A.forum_record(
        actor=cast["staff"],
        meeting=meeting,
        held_on=meeting.start_date,
        opinions=[(a.deputy, "建议提前送达会议材料。") for a in meeting.attendances.all()],
    )
    client.force_login(cast[who])
    page = reverse("meetings:attended_detail", args=[meeting.pk])
    url = reverse("meetings:attended_export", args=[meeting.pk])
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


@pytest.mark.parametrize("who, may", [("staff", True), ("leader", False), ("station", False)])
def test_only_who_may_record_attendance_is_offered_to(client, cast, meeting, who, may):
    user = cast[who]
    assert user.has_perm("meetings.manage", meeting) is may
    assert not cast["stranger"].has_perm("meetings.manage", meeting)  # other congress

    if who == "station":
        return  # cannot open these pages at all (tested above)
    client.force_login(user)
    pages = {
        reverse("meetings:attended_list"): reverse("meetings:attended_record"),
        reverse("meetings:attended_detail", args=[meeting.pk]): reverse(
            "meetings:attended_attendance", args=[meeting.pk]
        ),
    }
    for page, action in pages.items():
        assert (action in client.get(page).content.decode()) is may, page
