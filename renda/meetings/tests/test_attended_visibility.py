"""Who sees a meeting (rules.SEE_MEETING) now that deputies who attend without a vote are on
the one meeting model: staff and leaders their congress's, a member those they are expected
at, a deputy those they attended, and predicate and filter agree for every user and row. Such
a deputy reads the meeting's agenda on its page, not the members' attendance."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from renda.accounts.models import User
from renda.meetings import actions as M
from renda.meetings import actions_attended as A
from renda.meetings.models import AgendaItem, Meeting
from renda.meetings.rules import SEE_MEETING
from renda.org.models import Term

from .attended import D, on, planned


@pytest.fixture
def world(cast, org, congress, other_congress, members):
    """A meeting planned with its members, one the demo deputy attended without a vote, one
    deputy2 attended, and a meeting of another congress; and everyone who might ask."""
    later = planned(cast, org, D(2024, 6, 20))
    with on(D(2024, 6, 1)):
        M.item_add(meeting=later, actor=cast["staff"], kind="report", title="关于防汛工作的报告")
        attended = A.meeting_attendance_record(
            actor=cast["staff"], congress=congress, title="第十八次会议", date=D(2024, 5, 28),
            deputies=[org["deputy"]],
        )  # fmt: skip
        # A meeting recorded as held is closed: its agenda is written directly here.
        AgendaItem.objects.create(
            meeting=attended, order=1, kind="report", title="关于营商环境的报告"
        )
        A.meeting_attendance_record(
            actor=cast["staff"], congress=congress, title="第十七次会议", date=D(2024, 4, 25),
            deputies=[org["deputy2"]],
        )  # fmt: skip
    term = Term.objects.create(congress=other_congress, number=1, start_date=D(2020, 1, 1))
    Meeting.objects.create(
        congress=other_congress, term=term, kind="standing_committee", number=1, title="外市会议",
        start_date=D(2024, 5, 28), end_date=D(2024, 5, 28), state="closed",
    )  # fmt: skip
    retired = User.objects.create_user(
        "retired", congress=congress, role="deputy", deputy=org["deputy"], is_active=False
    )
    nobody = User.objects.create_user("nobody")
    users = [*cast.values(), *members, retired, nobody, AnonymousUser()]
    return {"planned": later, "attended": attended, "users": users}


def test_the_predicate_and_the_list_agree_for_every_user_and_meeting(world):
    rows = list(Meeting.objects.all())
    for user in world["users"]:
        listed = set(SEE_MEETING.rows(user, Meeting.objects.all()).values_list("pk", flat=True))
        for row in rows:
            assert bool(SEE_MEETING.predicate(user, row)) is (row.pk in listed), (user, row)


def test_a_deputy_sees_the_meetings_they_attended_and_no_other(world, cast, members):
    def seen(user):
        return set(SEE_MEETING.rows(user, Meeting.objects.all()).values_list("pk", flat=True))

    assert seen(cast["deputy"]) == {world["attended"].pk}
    assert world["attended"].pk not in seen(cast["deputy2"])
    assert (
        seen(members[0])
        == seen(cast["staff"])
        == set(Meeting.objects.filter(congress=cast["staff"].congress).values_list("pk", flat=True))
    )
    assert seen(cast["station"]) == seen(cast["handler"]) == set()


def test_a_deputy_who_attended_reads_the_agenda_but_not_the_members_attendance(
    client, world, cast, members
):
    client.force_login(cast["deputy"])
    url = reverse("meetings:detail", args=[world["attended"].pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "关于营商环境的报告" in html and 'id="members"' not in html
    assert page.context["action_forms"] == [] and page.context["item_form"] is None
    listing = client.get(reverse("meetings:list"))
    assert [m.pk for m in listing.context["page_obj"]] == [world["attended"].pk]
    assert not listing.context["show_presence"]
    assert client.get(reverse("meetings:detail", args=[world["planned"].pk])).status_code == 404
    client.force_login(members[0])
    member_page = client.get(reverse("meetings:detail", args=[world["planned"].pk]))
    assert 'id="members"' in member_page.content.decode()
