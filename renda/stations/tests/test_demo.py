"""The demo year's contact stations (renda/demo/stations.py builds their work and the
constituents' opinions): the work report's 2024 figures, and work waiting now."""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

import renda.suggestions.tests.test_api as suggestions_api
from renda.accounts.models import User
from renda.core.deadlines import waiting_for
from renda.core.models import Deadline, Event
from renda.core.workflow import history
from renda.opinions.actions import (
    ANSWER_DEADLINE,
    OPINION_LABEL,
    TELL_DEADLINE,
    TELL_LABEL,
    label_params,
)
from renda.opinions.models import ConstituentOpinion, OpinionState
from renda.opinions.queries import opinions_visible_to
from renda.stations.models import Activity, ActivityAttendance, DutyRecord, Training

MODULES = ["org", "meetings", "stations"]
FIGURES_2024 = {
    "station_activities": 890,
    "duty_records": 676,
    "deputy_attendances": 7653,
    "constituents_received": 8236,
    "constituent_opinions": 4781,
    "constituent_opinions_resolved": 3270,
    "trainings": 4,
    "attendee_forums": 5,
}


def build() -> None:
    call_command("demo", only=MODULES, stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        build()
    yield
    with django_db_blocker.unblock():
        from renda.demo import clear

        clear()


pytestmark = [pytest.mark.usefixtures("demo"), pytest.mark.django_db]


def user(username: str) -> User:
    return User.objects.get(username=username)


def test_stats_for_2024_give_the_work_reports_figures():
    out = io.StringIO()
    call_command("stats", year=2024, json=True, stdout=out)
    figures = json.loads(out.getvalue())
    for key, value in FIGURES_2024.items():
        assert figures[key] == value, key
    assert figures["deputies_trained"] > 200
    # 列席: "列席会议的各级人大代表60余人参加 … 提交意见建议80余条"
    assert 60 < figures["meeting_attendees"] < 70
    assert 80 < figures["forum_opinions"] < 90


def test_the_four_trainings_were_held_in_the_four_counties_of_the_report():
    places = {t.place for t in Training.objects.filter(start_date__year=2024)}
    assert places == {"晋中市榆社县", "晋中市左权县", "晋中市太谷区", "晋中市灵石县"}


def test_every_station_had_activities_in_2024():
    from renda.org.models import ContactStation

    working = Activity.objects.filter(date__year=2024).values("station").distinct().count()
    assert working == ContactStation.objects.filter(closed_on__isnull=True).count() == 66


def test_every_deputy_in_an_activity_belongs_to_the_stations_county():
    rows = ActivityAttendance.objects.values_list(
        "activity__station__area_id", "deputy__station__area_id"
    )
    assert rows and all(station == deputy for station, deputy in rows)


def test_duty_records_and_activities_leave_create_events():
    assert Event.objects.filter(action="create", object_id__in=Activity.objects.values("pk"))
    record = DutyRecord.objects.order_by("?").first()
    assert [e.action for e in history(record)] == ["create"]


def test_opinions_have_contact_details_but_the_handler_does_not_see_them(demo):
    opinion = ConstituentOpinion.objects.filter(
        unit=user("handler").unit, state=OpinionState.REFERRED
    ).first()
    assert opinion is not None and opinion.contact_name and opinion.contact_phone
    private = (opinion.contact_name, opinion.contact_phone, opinion.receipt_code)
    handler = suggestions_api.Caller(user("handler"))
    for path in (f"/constituent-opinions/{opinion.pk}", "/constituent-opinions"):
        text = handler.get(path).content.decode()
        for value in private:
            assert value not in text
    body = handler.get(f"/constituent-opinions/{opinion.pk}").json()
    assert body["contact_phone"] is None and body["contact_masked"] is True


def test_opinion_histories_follow_the_workflow_to_their_state():
    for o in ConstituentOpinion.objects.order_by("?")[:60]:
        events = list(history(o))
        assert events[0].action == "record" and events[-1].to_state == o.state
        assert [e.at for e in events] == sorted(e.at for e in events)
        assert all(e.at <= timezone.now() for e in events)


def test_the_demo_station_has_opinions_to_refer_and_answers_to_pass_on():
    station_user = user("station")
    waiting = opinions_visible_to(station_user).filter(state=OpinionState.RECORDED)
    assert waiting.count() >= 3
    kinds = {d.kind for d in waiting_for(station_user)}
    assert TELL_DEADLINE in kinds


def test_the_demo_handler_has_referrals_to_answer_one_overdue():
    deadlines = [d for d in waiting_for(user("handler")) if d.kind == ANSWER_DEADLINE]
    assert len(deadlines) >= 3
    overdue = [d for d in deadlines if d.due_date < timezone.localdate()]
    assert len(overdue) == 1


def test_the_demo_deadlines_say_what_is_due_as_the_actions_do():
    """The untranslated message and its values, read in each viewer's language."""
    deadlines = list(
        Deadline.objects.filter(kind__in=(ANSWER_DEADLINE, TELL_DEADLINE), closed_at=None)
    )
    assert deadlines
    opinions = ConstituentOpinion.objects.in_bulk([d.object_id for d in deadlines])
    for d in deadlines:
        assert d.what == (OPINION_LABEL if d.kind == ANSWER_DEADLINE else TELL_LABEL)
        assert d.params == label_params(opinions[d.object_id])
        with translation.override("en"):
            assert d.label == d.what % d.params
        if d.kind == ANSWER_DEADLINE:
            with translation.override("zh-hans"):
                assert d.label.startswith(f"群众意见建议第 {d.object_id} 号：")


def test_every_visibility_rule_agrees_with_its_list_on_every_row_for_every_demo_account():
    """Each Scope's predicate (asked of one row) and its queryset filter (the lists), on the
    whole demo year, for each account of the demo."""
    from django.conf import settings

    from renda.meetings.models import Meeting
    from renda.meetings.rules import SEE_MEETING
    from renda.opinions.rules import OPINIONS
    from renda.stations.rules import ACTIVITIES, DUTY_RECORDS, TRAININGS

    scopes = [
        (ACTIVITIES, Activity.objects.all()),
        (DUTY_RECORDS, DutyRecord.objects.select_related("deputy")),
        (TRAININGS, Training.objects.all()),
        (SEE_MEETING, Meeting.objects.all()),
        (OPINIONS, ConstituentOpinion.objects.all()),
    ]
    for username in settings.DEMO_USERNAMES:
        account = user(username)
        for scope, rows in scopes:
            listed = set(scope.rows(account, rows.model.objects.all()).values_list("pk", flat=True))
            disagree = [r.pk for r in rows if bool(scope.predicate(account, r)) != (r.pk in listed)]
            assert not disagree, (username, rows.model.__name__, disagree[:5])


def test_building_again_gives_the_same_rows():
    def counts() -> dict[str, Any]:
        return {
            "activities": Activity.objects.count(),
            "attendances": ActivityAttendance.objects.count(),
            "duty": DutyRecord.objects.count(),
            "opinions": Counter(ConstituentOpinion.objects.values_list("source", "state")),
            "events": Counter(Event.objects.values_list("action", flat=True)),
            "deadlines": Deadline.objects.filter(closed_at=None).count(),
        }

    before = counts()
    build()
    assert counts() == before


def test_forum_opinions_come_from_deputies_who_attended_the_meeting():
    from renda.meetings.models import ForumOpinion, MeetingAttendance

    attended = set(MeetingAttendance.objects.values_list("meeting_id", "deputy_id"))
    said = ForumOpinion.objects.values_list("forum__meeting_id", "deputy_id")
    assert said and all(pair in attended for pair in said)
    demo_deputy = user("deputy").deputy_id
    assert ForumOpinion.objects.filter(deputy_id=demo_deputy, forum__held_on__year=2024).exists()


def test_some_constituents_rated_their_outcome_after_it_and_by_the_workflow():
    rated = ConstituentOpinion.objects.exclude(rating="")
    assert rated.count() > 500
    assert set(rated.values_list("state", flat=True)) <= {
        OpinionState.RESOLVED,
        OpinionState.CLOSED,
    }
    assert Counter(rated.values_list("rating", flat=True)).most_common(1)[0][0] == "satisfied"
    for o in rated.order_by("pk")[:50]:
        assert o.rated_at is not None and o.closed_at is not None and o.rated_at > o.closed_at
        assert list(history(o))[-1].action == "rate"


def test_the_open311_keys_were_issued_by_staff_and_only_their_digests_are_kept():
    from renda.opinions.models import ApiClientKey

    keys = list(ApiClientKey.objects.all())
    assert len(keys) == 2 and all(len(k.digest) == 64 and k.active for k in keys)
    assert any(k.station_id == user("station").station_id for k in keys)


def test_2024_opinions_not_resolved_were_answered_with_a_plan_and_closed():
    from renda.opinions.models import AnswerKind

    of_2024 = ConstituentOpinion.objects.filter(received_at__year=2024)
    assert not of_2024.filter(state__in=(OpinionState.ANSWERED, OpinionState.REFERRED)).exists()
    planned = of_2024.filter(state=OpinionState.CLOSED, answer_kind=AnswerKind.PLANNED)
    assert planned.count() == 4781 - 3270


def test_forum_opinions_read_as_said_once():
    from renda.meetings.models import ForumOpinion

    texts = list(ForumOpinion.objects.values_list("text", flat=True))
    doubled = [
        t for t in texts if any(w in t for w in ("建议建议", "希望希望", "建议希望", "希望建议"))
    ]
    assert texts and not doubled


def test_the_meetings_attended_are_the_standing_committees_meetings_with_their_members():
    """2024's meetings deputies attended are the 15th to 21st of the fifth standing committee,
    closed, each member present or on leave (a quorum), with the history the actions write."""
    from renda.meetings.models import Meeting, MemberAttendance

    meetings = list(
        Meeting.objects.filter(start_date__year=2024, kind="standing_committee").order_by(
            "start_date"
        )
    )
    assert [m.number for m in meetings] == list(range(15, 22))
    assert meetings[0].title == "晋中市第五届人大常委会第十五次会议"
    assert {(m.kind, m.state, m.term.number) for m in meetings} == {
        ("standing_committee", "closed", 5)
    }
    for m in meetings:
        presence = Counter(
            MemberAttendance.objects.filter(meeting=m).values_list("presence", flat=True)
        )
        assert set(presence) <= {"present", "leave"} and sum(presence.values()) == 35
        assert presence["present"] > 35 / 2
    # The attendees and their forum land in the meeting's history between its opening and its
    # closing, among what the meeting did.
    actions = [e.action for e in history(meetings[0])]
    steps = ["create", "fix_agenda", "record_attendance", "open", "attendance", "forum", "close"]
    assert [a for a in actions if a in steps] == steps
