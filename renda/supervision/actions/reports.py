"""Reports the standing committee hears (听取审议报告): planned (by staff, or by the inspections
app for an inspection report), researched beforehand with findings, heard at a meeting (by the
meeting's agenda item, see agenda.py, or recorded by staff), state-assets figures recorded by
category, published."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.inputs import require_choice, require_text
from renda.core.workflow import ActionConflict, ActionInvalid, perform, record_event
from renda.supervision.actions._common import not_in_future, require_staff
from renda.supervision.models import (
    AssetCategory,
    AssetFigure,
    PlanItem,
    Report,
    ReportKind,
    ReportState,
)
from renda.supervision.payloads import HearingIn, ResearchIn
from renda.supervision.workflow import REPORT

STATE_ASSET_KINDS = (ReportKind.STATE_ASSETS, ReportKind.STATE_ASSETS_SPECIAL)


@transaction.atomic
def report_create(
    *,
    congress: Any,
    kind: str,
    title: str,
    actor: Any,
    year: int | None = None,
    unit: Any = None,
    body: Any = None,
    plan_item: PlanItem | None = None,
    presenter: str = "",
    summary: str = "",
    month_planned: int | None = None,
) -> Report:
    """A report to hear, planned. The public entry point for other apps (the inspections app
    has its inspection report heard as a report of kind INSPECTION)."""
    require_staff(actor, congress.pk)
    kind = require_choice(kind, ReportKind, "kind")
    title = require_text(title, "title", _("Title"), max_length=200)
    presenter = require_text(
        presenter, "presenter", _("Presented by"), required=False, max_length=100
    )
    summary = require_text(summary, "summary", _("Summary"), required=False)
    for row, field in ((unit, "unit"), (body, "body"), (plan_item, "plan_item")):
        if row is not None and row.congress_id != congress.pk:
            raise ActionInvalid(_("Choose one of this congress."), field=field)
    if month_planned is not None and not 1 <= month_planned <= 12:
        raise ActionInvalid(_("Choose a month from 1 to 12."), field="month_planned")
    if year is None:
        year = plan_item.plan.year if plan_item is not None else timezone.localdate().year
    report = Report.objects.create(
        congress=congress,
        year=year,
        kind=kind,
        title=title,
        unit=unit,
        body=body if body is not None else (plan_item.body if plan_item else None),
        plan_item=plan_item,
        presenter=presenter,
        summary=summary,
        month_planned=month_planned or (plan_item.month if plan_item else None),
        created_at=timezone.now(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record_event(
        case=report, action="create", actor=actor, to_state=ReportState.PLANNED, data={"kind": kind}
    )
    return report


@REPORT.action("research", payload=ResearchIn)
def report_research(
    *, report: Report, actor: Any, researched_on: datetime.date, findings: str
) -> Report:
    """会前调研: the committee's research before the hearing, and what it found."""
    REPORT.check(actor, report, "research")
    not_in_future(researched_on, "researched_on")
    findings = require_text(findings, "findings", _("Research findings"))

    def apply(r: Report) -> None:
        r.researched_on = researched_on
        r.findings = findings

    perform(
        REPORT,
        case=report,
        action="research",
        actor=actor,
        data={"researched_on": researched_on.isoformat()},
        apply=apply,
    )
    return report


@REPORT.action("record_hearing", payload=HearingIn)
def report_record_hearing(
    *,
    report: Report,
    actor: Any,
    heard_on: datetime.date,
    meeting: str,
    agenda_item_id: int | None = None,
) -> Report:
    """The standing committee heard the report (at a meeting's agenda item, when the meeting
    closes; or as staff record it)."""
    REPORT.check(actor, report, "record_hearing")
    not_in_future(heard_on, "heard_on")
    meeting = require_text(meeting, "meeting", _("Meeting"), max_length=200)

    def apply(r: Report) -> None:
        r.heard_on = heard_on
        r.meeting = meeting
        r.agenda_item_id = agenda_item_id

    perform(
        REPORT,
        case=report,
        action="record_hearing",
        actor=actor,
        data={"heard_on": heard_on.isoformat(), "meeting": meeting, "item": agenda_item_id},
        apply=apply,
    )
    return report


@transaction.atomic
def report_set_figures(
    *, report: Report, actor: Any, figures: dict[str, tuple[Decimal, Decimal, str]]
) -> list[AssetFigure]:
    """The state-assets figures the government submits, by category: (assets, liabilities,
    note) in 100 million yuan; each replaces the category's earlier figure."""
    require_staff(actor, report.congress_id)
    if report.kind not in STATE_ASSET_KINDS:
        raise ActionConflict(_("Only a state-assets report has figures by category."))
    if not figures:
        raise ActionInvalid(_("Enter the figures of at least one category."), field="category")
    rows = []
    for category, (assets, liabilities, note) in figures.items():
        require_choice(category, AssetCategory, "category")
        if assets < 0 or liabilities < 0:
            raise ActionInvalid(_("Figures cannot be negative."), field="assets")
        row, _created = AssetFigure.objects.update_or_create(
            report=report,
            category=category,
            defaults={"assets": assets, "liabilities": liabilities, "note": note[:200]},
        )
        rows.append(row)
    record_event(case=report, action="figures", actor=actor, data={"categories": sorted(figures)})
    return rows


@transaction.atomic
def report_publish(*, report: Report, actor: Any) -> Report:
    """公开: the report (once heard) is shown to the public."""
    require_staff(actor, report.congress_id)
    if report.state != ReportState.HEARD:
        raise ActionConflict(_("A report is published once it has been heard."))
    if report.published:
        raise ActionConflict(_("This is published already."))
    Report.objects.filter(pk=report.pk).update(published=True)
    report.published = True
    record_event(case=report, action="publish", actor=actor)
    return report
