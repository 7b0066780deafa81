"""The demo year's meetings: the work report's 2024 figures from rows, the readings on the days
legislation records, votes whose arithmetic holds, the register of offices, and the current
year's meeting members are reading and the work waiting for staff."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone

from renda.accounts.models import User
from renda.legislation.models import Regulation
from renda.meetings.models import (
    AgendaItem,
    AppointmentProposal,
    Ballot,
    Decision,
    ItemKind,
    Meeting,
    MeetingKind,
    Nomination,
    Office,
    Outcome,
    Presence,
    Tenure,
    Vote,
)

MODULES = ["org", "legislation", "meetings"]


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        call_command("demo", only=MODULES, stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        from renda.demo import clear

        clear()


pytestmark = [pytest.mark.usefixtures("demo"), pytest.mark.django_db]

STANDING = MeetingKind.STANDING_COMMITTEE


def test_stats_for_2024_count_the_meetings_decisions_appointments_and_budgets_from_rows():
    out = io.StringIO()
    call_command("stats", year=2024, json=True, stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["standing_committee_meetings"] == 7
    assert figures["decisions"] == 10
    assert figures["appointments"] == 69
    assert figures["budget_adjustments"] == 3
    votes = Vote.objects.filter(item__meeting__start_date__year=2024, state="closed")
    assert figures["votes_held"] == votes.count() == 10 + 69 + 3 + 4  # and 4 regulations
    reports = AgendaItem.objects.filter(kind=ItemKind.REPORT, meeting__start_date__year=2024)
    assert reports.count() == 27  # the special work reports the supervision issue fills


def test_each_2024_regulation_is_read_on_its_days_and_adopted_by_a_vote():
    for r in Regulation.objects.filter(adopted_on__year=2024):
        first = AgendaItem.objects.get(
            kind=ItemKind.READING, case_id=r.pk, meeting__start_date=r.first_reading_on
        )
        second = AgendaItem.objects.get(
            kind=ItemKind.READING, case_id=r.pk, meeting__start_date=r.second_reading_on
        )
        assert first.meeting.kind == STANDING and not first.votes.exists()
        vote = second.votes.get()
        assert vote.passed and vote.case_id == r.pk and r.adopted_on == r.second_reading_on


def test_every_meeting_had_its_quorum_and_every_vote_its_majority_of_all_members():
    for m in Meeting.objects.filter(state="closed").annotate(
        total=Count("members"), present=Count("members", filter=Q(members__presence="present"))
    ):
        assert m.present > m.total / 2, m.title
        assert not m.members.filter(presence="expected").exists()
    for v in Vote.objects.filter(state="closed"):
        ballots = Ballot.objects.filter(vote=v)
        assert ballots.count() == v.votes_for + v.votes_against + v.votes_abstain <= v.present
        assert v.passed == (v.votes_for > v.members_total / 2)
        voters = set(ballots.values_list("member_id", flat=True))
        present = set(
            v.item.meeting.members.filter(presence=Presence.PRESENT).values_list(
                "member_id", flat=True
            )
        )
        assert voters <= present  # only members present voted
        if v.method == "secret":
            assert set(ballots.values_list("choice", flat=True)) == {""}  # nobody's choice kept
        else:
            assert v.votes_for == ballots.filter(choice="for").count()


def test_the_decisions_are_numbered_in_their_year_and_the_2019_one_is_repealed():
    adopted = Decision.objects.filter(year=2024).order_by("number")
    assert [d.number for d in adopted] == list(range(1, 11))
    assert all(d.state == "in_force" and d.published_on for d in adopted)
    old = Decision.objects.get(year=2019)
    assert old.state == "repealed" and old.repealed_by.get().year == 2024


def test_the_register_follows_every_vote_and_no_office_holds_more_than_its_seats():
    today = timezone.localdate()
    for n in Nomination.objects.filter(outcome=Outcome.PASSED):
        if n.action == "appoint":
            assert Tenure.objects.filter(appointed_by=n, start_date=n.decided_on).exists()
            assert n.office.organization == "congress" or n.oath_on == n.decided_on
        else:
            assert Tenure.objects.filter(ended_by=n, end_date=n.decided_on).exists()
    for office in Office.objects.annotate(
        held=Count("tenures", filter=Q(tenures__end_date__isnull=True))
    ):
        assert office.held <= office.seats, office
    assert Tenure.objects.filter(start_date__gt=today).count() == 0


def test_the_current_year_has_a_meeting_members_are_reading_and_work_waiting_for_staff(client):
    fixed = Meeting.objects.get(state="fixed")
    assert fixed.kind == STANDING and fixed.start_date > timezone.localdate()
    items = list(fixed.items.all())
    assert {i.kind for i in items} >= {"reading", "decision", "appointments", "report"}
    assert all(i.materials.exists() for i in items)
    assert Vote.objects.filter(item__meeting=fixed, state="prepared").count() >= 4
    assert Meeting.objects.filter(state="planned", kind=MeetingKind.CHAIR_COUNCIL).exists()
    assert AppointmentProposal.objects.filter(state="received").exists()
    assert Decision.objects.filter(state="draft").exists()
    assert Decision.objects.filter(state="adopted").exists()  # to publish

    from renda.core.deadlines import waiting_for

    leader = User.objects.get(username="leader")
    assert [d.object_id for d in waiting_for(leader) if d.kind.startswith("read:")] == [fixed.pk]
    staff = User.objects.get(username="staff")
    adopted = Decision.objects.get(state="adopted")
    assert any(d.kind == "publish" and d.object_id == adopted.pk for d in waiting_for(staff))
    client.force_login(leader)
    assert fixed.title in client.get("/").content.decode()  # on the leader's home page
    page = client.get(f"/meetings/{fixed.pk}/")
    assert page.status_code == 200
    assert items[0].title in page.content.decode()


def test_the_demo_register_exports_as_valid_popolo(client):
    import jsonschema

    from renda.meetings.popolo import SCHEMAS

    data = client.get("/api/v1/popolo/appointments").json()
    assert len(data["memberships"]) == Tenure.objects.count()
    for kind in ("person", "organization", "post", "membership"):
        for row in data[f"{kind}s"]:
            jsonschema.validate(row, SCHEMAS[kind])
