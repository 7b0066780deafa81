"""The registers' rows written in Python (renda/meetings/rows.py) are the rows their templates
wrote, character for character: the old template rows are kept beside this file."""

from __future__ import annotations

import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.template import Context, Template
from django.utils import translation

from renda.meetings.models import (
    AgendaItem,
    Appointee,
    AppointmentProposal,
    Decision,
    Meeting,
    Nomination,
    Office,
)
from renda.meetings.rows import decision_rows, meeting_rows, proposal_rows

HERE = Path(__file__).parent
D = datetime.date


def _prefetched(obj: Any, **related: list[Any]) -> Any:
    obj._prefetched_objects_cache = related
    return obj


def _rendered(template: str, rows: list[Any]) -> str:
    page = SimpleNamespace(object_list=rows)
    return Template((HERE / template).read_text()).render(Context({"page_obj": page}))


def _proposals() -> list[AppointmentProposal]:
    office = Office(organization="court", organization_name="中级<人民>法院", title="审判员")
    people = [Appointee(name=name) for name in ("张三", "李&四", "王五")]
    nominations = [
        Nomination(id=1, action=action, appointee=person, office=office, outcome=outcome)
        for action, person, outcome in (
            ("appoint", people[0], "passed"),
            ("remove", people[1], "failed"),
            ("resign", people[2], "pending"),
        )
    ]
    return [
        _prefetched(
            AppointmentProposal(
                id=7,
                proposer="mayor",
                title="关于<提请>任免的议案",
                received_on=D(2024, 3, 1),
                state="decided",
            ),
            nominations=nominations,
        ),
        _prefetched(
            AppointmentProposal(
                id=8, proposer="court", title="B", received_on=D(2024, 3, 2), state="received"
            ),
            nominations=[],
        ),
    ]


def _decisions() -> list[Decision]:
    meeting = Meeting(title="第十次<会议>")
    older = Decision(id=1, title="旧的 & 决定")
    return [
        _prefetched(
            Decision(
                id=5,
                kind="decision",
                title="关于<某事>的决定",
                year=2024,
                number=3,
                adopted_on=D(2024, 5, 6),
                votes_for=40,
                votes_against=0,
                votes_abstain=2,
                state="in_force",
                item=AgendaItem(meeting=meeting),
            ),
            amends=[older],
            repeals=[older, Decision(id=2, title="另一个")],
        ),
        _prefetched(
            Decision(id=6, kind="resolution", title="草案", state="draft"),
            amends=[],
            repeals=[],
        ),
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_proposal_rows_written_in_python_are_the_templates_rows(language):
    proposals = _proposals()
    with translation.override(language):
        assert proposal_rows(proposals) == _rendered("proposal_rows_before.html", proposals)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_decision_rows_written_in_python_are_the_templates_rows(language):
    decisions = _decisions()
    with translation.override(language):
        assert decision_rows(decisions) == _rendered("decision_rows_before.html", decisions)


def _meetings() -> list[Meeting]:
    def meeting(pk: int, state: str, place: str, end: datetime.date) -> Meeting:
        m = Meeting(
            id=pk,
            kind="standing_committee" if pk % 2 else "chair_council",
            title=f"第{pk}次<会议>",
            start_date=D(2024, 6, 3),
            end_date=end,
            place=place,
            state=state,
        )
        m.members_total, m.members_present, m.items_total = 40, 38, 5  # type: ignore[attr-defined]
        return m

    return [
        meeting(1, "planned", "", D(2024, 6, 3)),
        meeting(2, "in_session", "常委会<会议室>", D(2024, 6, 5)),
        meeting(3, "closed", "A & B", D(2024, 7, 1)),
        meeting(4, "fixed", "—", D(2024, 6, 3)),
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("show_presence", [True, False])
def test_the_meeting_rows_written_in_python_are_the_templates_rows(language, show_presence):
    meetings, mine = _meetings(), {2, 4}
    page = SimpleNamespace(object_list=meetings)
    with translation.override(language):
        expected = Template((HERE / "meeting_rows_before.html").read_text()).render(
            Context({"page_obj": page, "mine": mine, "show_presence": show_presence})
        )
        assert meeting_rows(meetings, mine=mine, show_presence=show_presence) == expected
