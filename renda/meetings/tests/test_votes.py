"""Votes: opened by staff while the meeting sits, one ballot per member present while open,
passed with more than half of ALL members, secret votes that never tell who chose what, a
show of hands counted by staff, and many members voting at once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from renda.core.models import Event
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid
from renda.meetings import actions as A
from renda.meetings.models import Ballot, Vote

pytestmark = pytest.mark.django_db


def _vote(meeting, staff, method="named"):
    item = meeting.items.get()
    vote = A.vote_prepare(item=item, actor=staff, subject="表决：决定草案", method=method)
    return vote


def test_members_present_vote_once_and_the_result_counts_all_members(in_session, cast, members):
    vote = _vote(in_session, cast["staff"])
    A.vote_open(vote=vote, actor=cast["staff"])
    assert (vote.members_total, vote.present) == (5, 4)
    for user, choice in zip(members[:3], ["for", "for", "against"], strict=True):
        A.vote_cast(vote=vote, actor=user, choice=choice)
    with pytest.raises(ActionConflict):
        A.vote_cast(vote=vote, actor=members[0], choice="against")  # a second time
    A.vote_close(vote=vote, actor=cast["staff"])
    vote.refresh_from_db()
    # 2 for out of 5 members: not more than half of all members, though 2 of 3 who voted.
    assert (vote.votes_for, vote.votes_against, vote.not_voting, vote.passed) == (2, 1, 1, False)
    event = Event.objects.filter(action="close", object_id=vote.pk).latest("id")
    assert event.data == {
        "for": 2, "against": 1, "abstain": 0, "present": 4, "total": 5, "passed": False
    }  # fmt: skip


def test_three_of_five_for_passes(in_session, cast, members):
    vote = _vote(in_session, cast["staff"])
    A.vote_open(vote=vote, actor=cast["staff"])
    for user in members[:3]:
        A.vote_cast(vote=vote, actor=user, choice="for")
    A.vote_close(vote=vote, actor=cast["staff"])
    assert vote.passed is True


def test_a_member_absent_or_on_leave_cannot_vote(in_session, cast, members):
    vote = _vote(in_session, cast["staff"])
    A.vote_open(vote=vote, actor=cast["staff"])
    with pytest.raises(ActionForbidden):
        A.vote_cast(vote=vote, actor=members[4], choice="for")  # on leave
    for who in ("staff", "deputy", "leader"):
        with pytest.raises(ActionForbidden):
            A.vote_cast(vote=vote, actor=cast[who], choice="for")
    assert not Ballot.objects.exists()


def test_no_ballot_before_the_vote_opens_or_after_it_closes(in_session, cast, members):
    vote = _vote(in_session, cast["staff"])
    with pytest.raises(ActionConflict):
        A.vote_cast(vote=vote, actor=members[0], choice="for")
    A.vote_open(vote=vote, actor=cast["staff"])
    A.vote_close(vote=vote, actor=cast["staff"])
    with pytest.raises(ActionConflict):
        A.vote_cast(vote=vote, actor=members[0], choice="for")
    assert not Ballot.objects.exists()


def test_a_bad_choice_is_refused(in_session, cast, members):
    vote = _vote(in_session, cast["staff"])
    A.vote_open(vote=vote, actor=cast["staff"])
    with pytest.raises(ActionInvalid):
        A.vote_cast(vote=vote, actor=members[0], choice="maybe")


def test_a_secret_vote_keeps_who_voted_but_never_who_chose_what(in_session, cast, members):
    vote = _vote(in_session, cast["staff"], method="secret")
    A.vote_open(vote=vote, actor=cast["staff"])
    A.vote_cast(vote=vote, actor=members[0], choice="against")
    A.vote_cast(vote=vote, actor=members[1], choice="for")
    A.vote_close(vote=vote, actor=cast["staff"])
    vote.refresh_from_db()
    assert (vote.votes_for, vote.votes_against) == (1, 1)
    assert set(Ballot.objects.values_list("choice", flat=True)) == {""}
    cast_events = Event.objects.filter(action="cast", object_id=vote.pk)
    assert cast_events.count() == 2 and all(e.data == {} for e in cast_events)


def test_a_vote_opens_only_while_the_meeting_sits_and_one_at_a_time(meeting, cast, members):
    vote = _vote(meeting, cast["staff"])
    with pytest.raises(ActionConflict):
        A.vote_open(vote=vote, actor=cast["staff"])


def test_a_show_of_hands_is_recorded_by_staff(in_session, cast):
    vote = _vote(in_session, cast["staff"], method="hands")
    with pytest.raises(ActionConflict):
        A.vote_open(vote=vote, actor=cast["staff"])
    with pytest.raises(ActionInvalid):  # 5 hands, 4 present
        A.vote_record_hands(
            vote=vote, actor=cast["staff"], votes_for=5, votes_against=0, votes_abstain=0
        )
    A.vote_record_hands(
        vote=vote, actor=cast["staff"], votes_for=3, votes_against=1, votes_abstain=0
    )
    assert vote.state == "closed" and vote.passed is True


def test_the_pass_share_is_a_setting(in_session, cast, members, congress):
    congress.settings = {"vote_pass_share": 2 / 3}  # more than two thirds: 4 of 5
    congress.save()
    vote = _vote(in_session, cast["staff"])
    A.vote_open(vote=vote, actor=cast["staff"])
    for user in members[:3]:
        A.vote_cast(vote=vote, actor=user, choice="for")
    vote.congress.refresh_from_db()
    A.vote_close(vote=vote, actor=cast["staff"])
    assert vote.passed is False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_sixty_members_voting_at_once_lose_nothing(cast, org, congress):
    """60 members press their voters in the same second: every ballot counts once."""
    import datetime

    from django.db import close_old_connections

    from renda.accounts.models import User
    from renda.org.models import Deputy, Person

    users = []
    for i in range(60):
        person = Person.objects.create(congress=congress, name=f"委员{i}", gender="M")
        d = Deputy.objects.create(
            congress=congress, term=org["term"], person=person, card_number=f"07{i:04d}",
            electoral_unit=org["electoral_unit"], is_standing_committee_member=True,
            elected_on=datetime.date(2021, 9, 1),
        )  # fmt: skip
        users.append(
            User.objects.create_user(
                username=f"m{i}",
                password="x-long-password",
                congress=congress,
                role="leader",
                deputy=d,
            )  # fmt: skip
        )
    meeting = A.meeting_plan(
        actor=cast["staff"], term=org["term"], kind="standing_committee",
        start_date=datetime.date.today() + datetime.timedelta(days=1),
    )  # fmt: skip
    item = A.item_add(meeting=meeting, actor=cast["staff"], kind="decision", title="决定")
    A.meeting_fix_agenda(meeting=meeting, actor=cast["staff"])
    A.meeting_record_attendance(
        meeting=meeting,
        actor=cast["staff"],
        presences={u.deputy_id: ("present", "") for u in users},
    )
    A.meeting_open(meeting=meeting, actor=cast["staff"])
    vote = A.vote_prepare(item=item, actor=cast["staff"], subject="表决", method="named")
    A.vote_open(vote=vote, actor=cast["staff"])
    start = threading.Barrier(len(users))
    errors: list[BaseException] = []

    def press(user, choice):
        try:
            start.wait()
            A.vote_cast(vote=Vote.objects.get(pk=vote.pk), actor=user, choice=choice)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [
        threading.Thread(target=press, args=(u, ["for", "against", "abstain"][i % 3]))
        for i, u in enumerate(users)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    vote.refresh_from_db()
    assert Ballot.objects.filter(vote=vote).count() == 60
    assert (vote.votes_for, vote.votes_against, vote.votes_abstain) == (20, 20, 20)
    A.vote_close(vote=vote, actor=cast["staff"])
    assert vote.passed is False  # 20 of 60
