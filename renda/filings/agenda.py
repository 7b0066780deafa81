"""What a standing committee meeting does to the annual filing-review report on its agenda
(听取审议备案审查工作情况报告): when the meeting closes, the hearing is recorded on the report,
with the meeting's day and name."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from renda.core import agenda
from renda.filings.actions.report import report_record_hearing
from renda.filings.models import AnnualReport, ReportState


def candidates(congress_id: int) -> QuerySet[AnnualReport]:
    """The reports submitted for the standing committee's agenda, not yet heard."""
    return AnnualReport.objects.filter(congress_id=congress_id, state=ReportState.SUBMITTED)


def on_heard(report: AnnualReport, heard: agenda.Heard, actor: Any) -> None:
    if heard.kind == "filing_report" and report.state == ReportState.SUBMITTED:
        report_record_hearing(
            report=report, actor=actor, heard_on=heard.day, meeting=heard.meeting_title
        )


agenda.register(AnnualReport, kinds=("filing_report",), candidates=candidates, on_heard=on_heard)
