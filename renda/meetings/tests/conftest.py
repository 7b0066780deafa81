"""Fixtures for meetings: a standing committee of five members with their accounts, and a
meeting planned a week ahead with one item."""

from __future__ import annotations

import datetime

import pytest

TODAY = datetime.date(2024, 6, 17)  # a Monday


@pytest.fixture
def members(db, congress, org):
    """Five standing committee members (deputies flagged so), each with a leader account."""
    from renda.accounts.models import User
    from renda.org.models import Deputy, Person

    found = []
    for i, name in enumerate(["赵一", "钱二", "孙三", "李四", "周五"], start=1):
        person = Person.objects.create(congress=congress, name=name, gender="M")
        deputy = Deputy.objects.create(
            congress=congress,
            term=org["term"],
            person=person,
            card_number=f"0590{i:02d}",
            electoral_unit=org["electoral_unit"],
            is_standing_committee_member=True,
            elected_on=datetime.date(2021, 9, 1),
        )
        user = User.objects.create_user(
            username=f"member{i}",
            password="x-long-password",
            congress=congress,
            role="leader",
            deputy=deputy,
        )
        found.append(user)
    return found


@pytest.fixture
def on_day():
    import time_machine

    with time_machine.travel(datetime.datetime(2024, 6, 17, 9, 0), tick=False):
        yield TODAY


@pytest.fixture
def meeting(cast, org, members, on_day):
    from renda.meetings import actions as A

    m = A.meeting_plan(
        actor=cast["staff"],
        term=org["term"],
        kind="standing_committee",
        start_date=on_day + datetime.timedelta(days=7),
        place="市人大常委会会议室",
        convener="王主任",
    )
    A.item_add(
        meeting=m, actor=cast["staff"], kind="decision", title="关于推进节水型城市建设的决定"
    )
    return m


def mark(meeting, staff, members, present, leave=()):
    """Record attendance: `present` and `leave` are indexes into `members`."""
    from renda.meetings import actions as A

    presences = {}
    for i, user in enumerate(members):
        if i in present:
            presences[user.deputy_id] = ("present", "")
        elif i in leave:
            presences[user.deputy_id] = ("leave", "出差")
        else:
            presences[user.deputy_id] = ("absent", "")
    A.meeting_record_attendance(meeting=meeting, actor=staff, presences=presences)


@pytest.fixture
def in_session(meeting, cast, members):
    from renda.meetings import actions as A

    A.meeting_fix_agenda(meeting=meeting, actor=cast["staff"], notice="请审阅材料。")
    mark(meeting, cast["staff"], members, present={0, 1, 2, 3}, leave={4})
    A.meeting_open(meeting=meeting, actor=cast["staff"])
    return meeting
