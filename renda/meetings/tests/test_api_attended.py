"""The API of the meetings deputies attended without a vote, at the stations API's paths
(/standing-meetings): lists with attendance counts, details with attendees and forums, staff
record them (everyone else is refused), and the list's cost stays flat."""

from __future__ import annotations

import pytest

import renda.suggestions.tests.test_api as suggestions_api
from renda.meetings import actions_attended as A
from renda.meetings.models import ForumOpinion, MeetingAttendance

from .attended import D, meeting, on, planned

__all__ = ["meeting"]


def caller(cast, who):
    return suggestions_api.Caller(cast[who] if who else None)


def test_staff_record_meeting_attendance_and_a_forum(cast, org):
    staff = caller(cast, "staff")
    with on(D(2024, 6, 1)):
        r = staff.post(
            "/standing-meetings",
            {
                "title": "市人大常委会第十五次会议",
                "date": "2024-05-28",
                "deputies": [org["deputy"].pk],
            },
        )
        assert r.status_code == 201, r.content
        meeting = r.json()
        r = staff.post(
            f"/standing-meetings/{meeting['id']}/attendance", {"deputies": [org["deputy2"].pk]}
        )
        assert r.status_code == 200 and r.json()["attendance"] == 2
        r = staff.post(
            f"/standing-meetings/{meeting['id']}/forums",
            {
                "held_on": "2024-05-28",
                "summary": "座谈会",
                "opinions": [{"deputy": org["deputy"].pk, "text": "建议加强执法检查。"}],
            },
        )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["forum_count"] == 1
    assert [a["name"] for a in body["attendees"]] == ["李秀兰", "王建国"]
    forum = body["forums"][0]
    assert forum["summary"] == "座谈会"
    assert forum["opinions"] == [
        {"deputy": {"id": org["deputy"].pk, "name": "李秀兰"}, "text": "建议加强执法检查。"}
    ]


def test_a_forum_opinion_by_someone_who_did_not_attend_is_refused(cast, org, meeting):
    staff = caller(cast, "staff")
    payload = {"held_on": "2024-05-28", "opinions": [{"deputy": org["deputy2"].pk, "text": "x"}]}
    with on(D(2024, 6, 1)):
        r = staff.post(f"/standing-meetings/{meeting.pk}/forums", payload)
        assert r.status_code == 422 and r.json()["field"] == "opinions.0.deputy"
        payload["opinions"][0]["deputy"] = 999999
        r = staff.post(f"/standing-meetings/{meeting.pk}/forums", payload)
        assert r.status_code == 422 and r.json()["field"] == "opinions.0.deputy"
    assert not ForumOpinion.objects.exists()


@pytest.mark.parametrize("who", ["leader", "deputy", "station", "handler", "stranger"])
def test_only_staff_record_meetings_and_forums(cast, org, meeting, who):
    api = caller(cast, who)
    with on(D(2024, 6, 1)):
        r = api.post(
            "/standing-meetings",
            {"title": "第十六次会议", "date": "2024-05-30", "deputies": [org["deputy"].pk]},
        )
        # Staff of another congress: our deputy is not one of theirs.
        assert r.status_code == (422 if who == "stranger" else 403)
        r = api.post(f"/standing-meetings/{meeting.pk}/forums", {"held_on": "2024-05-28"})
        assert r.status_code == (403 if who in ("leader", "deputy") else 404)
    assert MeetingAttendance.objects.count() == 1


@pytest.mark.parametrize(
    "who, sees",
    [("staff", 1), ("leader", 1), ("deputy", 1), ("deputy2", 0), ("station", 0), ("stranger", 0)],
)
def test_who_sees_a_meeting(cast, meeting, who, sees):
    """Staff and leaders all of them; a deputy those they attended."""
    api = caller(cast, who)
    assert api.get("/standing-meetings").json()["count"] == sees
    assert api.get(f"/standing-meetings/{meeting.pk}").status_code == (200 if sees else 404)


def test_the_list_costs_the_same_for_two_or_twenty(
    cast, org, congress, django_assert_max_num_queries
):
    staff = caller(cast, "staff")

    def add(n, start):
        with on(D(2024, 12, 1)):
            for i in range(start, start + n):
                m = A.meeting_attendance_record(
                    actor=cast["staff"],
                    congress=congress,
                    title=f"第{i}次会议",
                    date=D(2024, 5, 1),
                    deputies=[org["deputy"], org["deputy2"]],
                )
                A.forum_record(actor=cast["staff"], meeting=m, held_on=D(2024, 5, 1))

    for n, total in ((2, 2), (18, 20)):
        add(n, total - n)
        with django_assert_max_num_queries(6):
            r = staff.get("/standing-meetings")
        assert r.json()["count"] == total and r.json()["items"][0]["forum_count"] == 1


def test_a_meeting_planned_without_attendees_is_not_listed_until_it_has_some(
    cast, org, congress, members
):
    staff = caller(cast, "staff")
    meeting = planned(cast, org, D(2024, 6, 1))
    with on(D(2024, 6, 1)):
        assert staff.get("/standing-meetings").json()["count"] == 0
        r = staff.post(
            f"/standing-meetings/{meeting.pk}/attendance", {"deputies": [org["deputy"].pk]}
        )
    assert r.status_code == 200 and r.json()["date"] == "2024-06-01"
    assert [m["id"] for m in staff.get("/standing-meetings").json()["items"]] == [meeting.pk]
