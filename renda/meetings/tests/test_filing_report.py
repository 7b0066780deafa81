"""The annual filing-review report on a meeting's agenda: offered for a "filing_report" item
once submitted, and recorded as heard, with the meeting's day and name, when it closes."""

from __future__ import annotations

import pytest

from renda.core import agenda
from renda.filings.actions.report import report_draft, report_submit
from renda.meetings import actions as A
from renda.meetings.tests.conftest import mark

pytestmark = pytest.mark.django_db


def test_a_submitted_report_is_heard_when_the_meeting_that_takes_it_up_closes(
    cast, congress, members, meeting, on_day
):
    staff = cast["staff"]
    report = report_draft(actor=staff, congress=congress, year=2024)
    assert agenda.candidates(congress.pk, "filing_report") == []  # a draft is not offered
    report_submit(report=report, actor=staff)
    key = f"filings.annualreport:{report.pk}"
    assert dict(agenda.candidates(congress.pk, "filing_report")) == {key: report.title}
    assert agenda.resolve(key, congress.pk, "report") is None  # not for another kind of item
    case = agenda.resolve(key, congress.pk, "filing_report")
    A.item_add(meeting=meeting, actor=staff, kind="filing_report", title=report.title, case=case)
    A.meeting_fix_agenda(meeting=meeting, actor=staff)
    mark(meeting, staff, members, present=set(range(len(members))))
    A.meeting_open(meeting=meeting, actor=staff)
    A.meeting_close(meeting=meeting, actor=staff)
    report.refresh_from_db()
    assert report.state == "heard"
    assert (report.heard_on, report.meeting_note) == (on_day, meeting.title)
    assert agenda.candidates(congress.pk, "filing_report") == []
