"""Moving the meetings deputies attended without a vote from the stations app onto the one
meeting model (meetings/0003, stations/0004) keeps their rows, ids and history: each old
meeting becomes the meeting it is (the one planned that day with its title or number, else
one recorded as held, numbered from its title), its attendances, forums and opinions keep
their ids, and its events and deadlines are found on the meeting."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from renda.core.models import Deadline
from renda.core.workflow import history
from renda.meetings.models import AttendeeForum, ForumOpinion, Meeting, MeetingAttendance
from renda.opinions.tests.test_migration import _latest, _migrate

BEFORE = [("stations", "0003_opinions_move_out"), ("meetings", "0002_decisions_appointments")]
# The models of then that the test writes with.
THEN = [
    *BEFORE,
    ("core", "0002_deadline_label_translated"),
    ("contenttypes", "0002_remove_content_type_name"),
    ("org", "0001_initial"),
]
AT = datetime.datetime(2024, 7, 30, 2, tzinfo=datetime.UTC)
D = datetime.date


@pytest.fixture
def before_the_move(transactional_db, cast, org):
    """The database as it stood before the move; the latest schema again afterwards."""
    executor = _migrate(BEFORE)
    yield executor.loader.project_state(THEN).apps
    _migrate(_latest())


def _write_history(old, cast, org) -> dict[str, int]:
    """A meeting the meetings app planned, and four stations meetings with their attendances,
    a forum, events and a deadline, through the models of then."""
    Old = old.get_model("stations", "StandingMeeting")
    Attendance = old.get_model("stations", "MeetingAttendance")
    Forum = old.get_model("stations", "AttendeeForum")
    Opinion = old.get_model("stations", "ForumOpinion")
    Meeting = old.get_model("meetings", "Meeting")
    Types = old.get_model("contenttypes", "ContentType")
    Event = old.get_model("core", "Event")
    Deadline = old.get_model("core", "Deadline")
    congress_id, term = org["term"].congress_id, org["term"]
    deputy, deputy2 = org["deputy"].pk, org["deputy2"].pk
    planned = Meeting.objects.create(
        congress_id=congress_id, term_id=term.pk, kind="standing_committee", number=18,
        title="晋中市第五届人大常委会第十八次会议", start_date=D(2024, 7, 30),
        end_date=D(2024, 7, 31), state="planned",
    )  # fmt: skip

    def meeting(title: str, day: datetime.date) -> object:
        return Old.objects.create(congress_id=congress_id, title=title, date=day)

    by_number = meeting("市五届人大常委会第十八次会议", D(2024, 7, 30))
    by_title = meeting("晋中市第五届人大常委会第十八次会议", D(2024, 7, 31))
    unnumbered = meeting("列席常委会会议", D(2024, 8, 28))
    early = meeting("第三次会议", D(2020, 5, 1))  # before the congress's only term
    rows = {
        "first": Attendance.objects.create(meeting=by_number, deputy_id=deputy).pk,
        "twice": Attendance.objects.create(meeting=by_title, deputy_id=deputy).pk,
        "second": Attendance.objects.create(meeting=by_title, deputy_id=deputy2).pk,
        "unnumbered": Attendance.objects.create(meeting=unnumbered, deputy_id=deputy).pk,
        "early": Attendance.objects.create(meeting=early, deputy_id=deputy2).pk,
    }
    forum = Forum.objects.create(meeting=by_number, held_on=D(2024, 7, 30), summary="座谈")
    opinion = Opinion.objects.create(forum=forum, deputy_id=deputy, text="建议加强执法检查。")
    ct = Types.objects.get_or_create(app_label="stations", model="standingmeeting")[0].pk
    for case, action, data in (
        (by_number, "attendance", {"deputies": [deputy]}),
        (by_number, "forum", {"forum": forum.pk, "deputies": [deputy]}),
        (by_title, "attendance", {"deputies": [deputy, deputy2]}),
        (unnumbered, "attendance", {"deputies": [deputy]}),
    ):
        Event.objects.create(
            congress_id=congress_id, content_type_id=ct, object_id=case.pk, action=action,
            actor_id=cast["staff"].pk, at=AT, data=data,
        )  # fmt: skip
    Deadline.objects.create(
        congress_id=congress_id, content_type_id=ct, object_id=by_number.pk, kind="forum",
        what="Forum of %(title)s", params={"title": "x"}, due_date=D(2024, 8, 5),
    )  # fmt: skip
    return {**rows, "planned": planned.pk, "unnumbered_meeting": unnumbered.pk,
            "forum": forum.pk, "opinion": opinion.pk}  # fmt: skip


def test_the_move_keeps_the_rows_their_ids_and_the_meetings_history(before_the_move, cast, org):
    written = _write_history(before_the_move, cast, org)
    _migrate(_latest())

    tables = connection.introspection.table_names()
    assert "meetings_meetingattendance" in tables and "stations_standingmeeting" not in tables
    # The two names of the 18th meeting are the meeting the meetings app planned.
    planned = Meeting.objects.get(pk=written["planned"])
    assert planned.state == "planned" and Meeting.objects.count() == 3
    assert sorted(planned.attendances.values_list("pk", "deputy_id")) == [
        (written["first"], org["deputy"].pk),
        (written["second"], org["deputy2"].pk),
    ]
    assert not MeetingAttendance.objects.filter(pk=written["twice"]).exists()
    forum = AttendeeForum.objects.get(pk=written["forum"])
    assert forum.meeting == planned and forum.summary == "座谈"
    assert ForumOpinion.objects.get(pk=written["opinion"]).forum == forum
    assert [e.action for e in history(planned)] == ["attendance", "forum", "attendance"]
    assert Deadline.objects.get(kind="forum").case == planned
    # The others are recorded as held: closed, on their day, numbered within their term.
    held = Meeting.objects.get(attendances__pk=written["unnumbered"])
    assert (held.title, held.number, held.state) == ("列席常委会会议", 19, "closed")
    assert held.start_date == held.end_date == D(2024, 8, 28) and held.term == org["term"]
    assert [e.action for e in history(held)] == ["attendance"]
    early = Meeting.objects.get(attendances__pk=written["early"])
    assert (early.number, early.term, early.kind) == (3, org["term"], "standing_committee")


def test_rows_added_after_the_move_take_ids_after_the_copied_ones(before_the_move, cast, org):
    written = _write_history(before_the_move, cast, org)
    _migrate(_latest())

    held = Meeting.objects.get(attendances__pk=written["unnumbered"])
    added = MeetingAttendance.objects.create(meeting=held, deputy=org["deputy2"])
    forum = AttendeeForum.objects.create(meeting=held, held_on=D(2024, 8, 28))
    opinion = ForumOpinion.objects.create(forum=forum, deputy=org["deputy"], text="意见")
    assert added.pk > max(written[k] for k in ("first", "second", "unnumbered", "early"))
    assert forum.pk > written["forum"] and opinion.pk > written["opinion"]


def test_the_move_back_puts_the_attendances_on_stations_meetings_again(before_the_move, cast, org):
    written = _write_history(before_the_move, cast, org)
    _migrate(_latest())
    then = _migrate(BEFORE).loader.project_state(THEN).apps

    Old = then.get_model("stations", "StandingMeeting")
    Attendance = then.get_model("stations", "MeetingAttendance")
    Event = then.get_model("core", "Event")
    assert Attendance.objects.count() == 4
    held = Attendance.objects.get(pk=written["unnumbered"]).meeting
    assert (held.title, held.date) == ("列席常委会会议", D(2024, 8, 28))
    assert Old.objects.count() == 3  # the two names of the 18th meeting are one now
    old_type = then.get_model("contenttypes", "ContentType").objects.get(
        app_label="stations", model="standingmeeting"
    )
    assert Event.objects.filter(content_type=old_type, object_id=held.pk).count() == 1
