"""Helpers of the tests of the meetings deputies attended without a vote: frozen time (the
stations' work tests' helpers, where these meetings were recorded first), and a meeting
recorded with one attendee (import the fixture into a test module to use it)."""

from __future__ import annotations

import pytest

from renda.meetings import actions as M
from renda.meetings import actions_attended as A
from renda.stations.tests.conftest import MONDAY, D, on

__all__ = ["MONDAY", "D", "on"]


@pytest.fixture
def meeting(cast, org, congress):
    """The 18th meeting of the 5th standing committee (2024-04-25), one deputy attending."""
    return A.meeting_attendance_record(
        actor=cast["staff"],
        congress=congress,
        title="市五届人大常委会第十八次会议",
        date=D(2024, 4, 25),
        deputies=[org["deputy"]],
    )


def planned(cast, org, start, end=None):
    """A standing committee meeting the meetings app plans on 2024-06-01 (its members are
    the `members` fixture's)."""
    with on(D(2024, 6, 1)):
        return M.meeting_plan(
            actor=cast["staff"],
            term=org["term"],
            kind="standing_committee",
            start_date=start,
            end_date=end,
        )
