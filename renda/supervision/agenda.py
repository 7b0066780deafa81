"""What a standing committee meeting does to the reports on its agenda (听取审议报告): staff put
a planned or researched report on an item of kind "report"; when the meeting closes, the hearing
is recorded on the report, with the meeting's day, name and item."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from renda.core import agenda
from renda.supervision.actions.reports import report_record_hearing
from renda.supervision.models import Report, ReportState
from renda.supervision.workflow import REPORT


def candidates(congress_id: int) -> QuerySet[Report]:
    """The reports planned (or researched) and not heard yet."""
    return Report.objects.filter(congress_id=congress_id, state__in=REPORT.group("to_hear"))


def on_heard(report: Report, heard: agenda.Heard, actor: Any) -> None:
    if heard.kind == "report" and report.state != ReportState.HEARD:
        report_record_hearing(
            report=report,
            actor=actor,
            heard_on=heard.day,
            meeting=heard.meeting_title,
            agenda_item_id=heard.item_id,
        )


agenda.register(Report, kinds=("report",), candidates=candidates, on_heard=on_heard)
