"""Key cases (督办): the supervising leader's instructions and the office's follow-up; a
petition passed to a station's deputies, whose follow-up lands in their performance record."""

from __future__ import annotations

import pytest

from renda.core.models import Deadline
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid
from renda.petitions import actions as A

from .conftest import D, on

pytestmark = pytest.mark.django_db


def test_a_key_case_gets_the_supervising_leaders_instruction_and_its_follow_up(
    handling, cast, office
):
    leader = cast["leader"]
    A.petition_mark_key(petition=handling, actor=office, leader=leader, comment="群众反映强烈。")
    handling.refresh_from_db()
    assert handling.is_key and handling.supervisor == leader
    assert leader.has_perm("petitions.view_petition", handling)
    with pytest.raises(ActionConflict):
        A.petition_follow_up(petition=handling, actor=office, text="x")  # nothing to act on
    with on(D(2024, 3, 12)):
        A.petition_instruct(petition=handling, actor=leader, text="请交通运输局一周内拿出方案。")
    deadline = Deadline.objects.get(object_id=handling.pk, kind=f"follow_up:{office.pk}")
    assert deadline.closed_at is None and deadline.due_date == D(2024, 3, 26)
    with on(D(2024, 3, 20)):
        instruction = A.petition_follow_up(
            petition=handling, actor=office, text="已约谈交通运输局，方案已上报。"
        )
    assert instruction.followed_up_by == office and instruction.follow_up.startswith("已约谈")
    deadline.refresh_from_db()
    assert deadline.closed_at is not None


@pytest.mark.parametrize("who", ["staff", "staff2", "handler", "deputy"])
def test_only_the_supervising_leader_instructs(handling, cast, office, who):
    A.petition_mark_key(petition=handling, actor=office, leader=cast["leader"])
    with pytest.raises(ActionForbidden):
        A.petition_instruct(petition=handling, actor=cast[who], text="x")


def test_another_leader_does_not_instruct_on_a_case_they_do_not_supervise(
    handling, cast, office, congress
):
    from renda.accounts.models import User

    other = User.objects.create_user("leader2", password="x" * 12, congress=congress, role="leader")
    A.petition_mark_key(petition=handling, actor=office, leader=cast["leader"])
    with pytest.raises(ActionForbidden):
        A.petition_instruct(petition=handling, actor=other, text="x")
    with pytest.raises(ActionInvalid):
        A.petition_mark_key(petition=handling, actor=office, leader=cast["handler"])


def test_a_petition_passed_to_a_station_is_followed_up_by_its_deputies(handling, cast, office, org):
    deputy = cast["deputy"]  # a deputy of org["station"]
    assert not deputy.has_perm("petitions.view_petition", handling)
    A.petition_pass_to_deputies(petition=handling, actor=office, station=org["station"])
    assert deputy.has_perm("petitions.view_petition", handling)
    with pytest.raises(ActionConflict):
        A.petition_pass_to_deputies(petition=handling, actor=office, station=org["station"])
    with on(D(2024, 3, 25)):
        follow_up = A.petition_deputy_follow_up(
            petition=handling,
            actor=deputy,
            date=D(2024, 3, 22),
            notes="走访沿线小区，向交通运输局了解复线计划。",
        )
        with pytest.raises(ActionInvalid) as future:
            A.petition_deputy_follow_up(
                petition=handling, actor=deputy, date=D(2024, 3, 26), notes="x"
            )
    assert future.value.field == "date"
    assert follow_up.deputy == org["deputy"]

    from renda.performance.record import record_for

    record = record_for(org["deputy"], 2024)
    titles = [i.title for i in record.items if i.source == "petitions.deputyfollowup"]
    assert titles and handling.title in titles[0]


def test_a_deputy_of_another_station_neither_sees_nor_follows_up(handling, cast, office, org):
    A.petition_pass_to_deputies(petition=handling, actor=office, station=org["other_station"])
    deputy = cast["deputy"]
    assert not deputy.has_perm("petitions.view_petition", handling)
    with pytest.raises(ActionForbidden):
        A.petition_deputy_follow_up(petition=handling, actor=deputy, date=D(2024, 3, 22), notes="x")
