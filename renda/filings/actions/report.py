"""The annual filing-review report (年度备案审查工作情况报告): staff draft it for a year (its
text is drafted from the year's rows, see documents.py), submit it for the standing
committee's agenda and record the hearing; a later meetings app links the agenda item."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.inputs import require_text
from renda.core.predicates import is_staff
from renda.core.workflow import ActionForbidden, ActionInvalid, perform, record_event
from renda.filings.actions._common import today
from renda.filings.models import AnnualReport, ReportState
from renda.filings.payloads import HearingIn, SubmitReportIn
from renda.filings.workflow import REPORT


def default_title(congress: Any, year: int) -> str:
    # The report's fixed wording is Chinese, as the document it becomes.
    return f"{congress.name}常务委员会关于{year}年度规范性文件备案审查工作情况的报告"


def report_draft(
    *, actor: Any, congress: Any, year: int, title: str = "", foreword: str = ""
) -> AnnualReport:
    """One report a year: its figures and cases are read from the year's rows."""
    if not (is_staff(actor) and getattr(actor, "congress_id", None) == congress.pk):
        raise ActionForbidden(_("Only the standing committee's staff draft the report."))
    if not 2000 <= year <= today().year:
        raise ActionInvalid(_("Choose a year that has begun."), field="year")
    title = require_text(title, "title", _("Title"), required=False, max_length=200)
    foreword = require_text(foreword, "foreword", _("Opening paragraphs"), required=False)
    with transaction.atomic():
        if AnnualReport.objects.filter(congress=congress, year=year).exists():
            raise ActionInvalid(
                _("The report for %(year)s is drafted already.") % {"year": year}, field="year"
            )
        report = AnnualReport.objects.create(
            congress=congress,
            year=year,
            title=title or default_title(congress, year),
            foreword=foreword,
            created_at=timezone.now(),
            created_by=actor,
        )
        record_event(case=report, action="draft", actor=actor, to_state=ReportState.DRAFT, data={})
    return report


@REPORT.action("submit", payload=SubmitReportIn)
def report_submit(*, report: AnnualReport, actor: Any, comment: str = "") -> AnnualReport:
    """提请审议: for the chair's council to put on a standing committee meeting's agenda."""

    def apply(r: AnnualReport) -> None:
        r.submitted_at = timezone.now()

    perform(REPORT, case=report, action="submit", actor=actor, comment=comment, apply=apply)
    return report


@REPORT.action("record_hearing", payload=HearingIn)
def report_record_hearing(
    *, report: AnnualReport, actor: Any, heard_on: datetime.date, meeting: str
) -> AnnualReport:
    """The standing committee heard the report at a meeting's agenda item."""
    REPORT.check(actor, report, "record_hearing")
    if heard_on > today():
        raise ActionInvalid(_("The date cannot be in the future."), field="heard_on")
    meeting = require_text(meeting, "meeting", _("Meeting"), max_length=200)

    def apply(r: AnnualReport) -> None:
        r.heard_on = heard_on
        r.meeting_note = meeting

    perform(
        REPORT,
        case=report,
        action="record_hearing",
        actor=actor,
        comment=meeting,
        data={"heard_on": heard_on.isoformat()},
        apply=apply,
    )
    return report
