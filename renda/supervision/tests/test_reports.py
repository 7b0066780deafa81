"""Reports heard: planned, researched with findings, heard (by staff or the meeting's agenda
item), state-assets figures, published; each refusal changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from renda.core import agenda
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid, history
from renda.supervision import actions as A
from renda.supervision.models import Report, ReportState

from .conftest import D, on


def test_a_report_is_planned_researched_and_heard(report, cast):
    assert report.state == ReportState.PLANNED
    with on(D(2024, 4, 1)):
        A.report_research(
            report=report, actor=cast["staff"], researched_on=D(2024, 3, 28), findings="债务率偏高"
        )
    assert report.state == ReportState.RESEARCHED and report.findings == "债务率偏高"
    with on(D(2024, 4, 20)):
        A.report_record_hearing(
            report=report, actor=cast["staff"], heard_on=D(2024, 4, 19), meeting="第十五次会议"
        )
    report.refresh_from_db()
    assert report.state == ReportState.HEARD and report.heard_on == D(2024, 4, 19)
    assert [e.action for e in history(report)] == ["create", "research", "record_hearing"]


@pytest.mark.parametrize("who", ["leader", "deputy", "handler", "stranger"])
def test_only_staff_of_the_congress_plan_research_and_record(report, cast, congress, who):
    with pytest.raises(ActionForbidden):
        A.report_create(congress=congress, kind="special", title="报告", actor=cast[who])
    with pytest.raises(ActionForbidden):
        A.report_research(report=report, actor=cast[who], researched_on=D(2024, 2, 1), findings="x")
    report.refresh_from_db()
    assert report.state == ReportState.PLANNED


def test_bad_input_is_refused_beside_its_field(report, cast, congress, other_congress):
    with on(D(2024, 4, 1)):
        with pytest.raises(ActionInvalid) as e:
            A.report_research(
                report=report, actor=cast["staff"], researched_on=D(2024, 5, 1), findings="x"
            )
        assert e.value.field == "researched_on"
        with pytest.raises(ActionInvalid) as e:
            A.report_create(congress=congress, kind="gossip", title="x", actor=cast["staff"])
        assert e.value.field == "kind"
        with pytest.raises(ActionInvalid) as e:
            A.report_create(
                congress=congress, kind="special", title="x", actor=cast["staff"], month_planned=13
            )
        assert e.value.field == "month_planned"
    assert Report.objects.count() == 1


def test_a_report_is_heard_once(heard, cast):
    with pytest.raises(ActionConflict), on(D(2024, 5, 1)):
        A.report_record_hearing(
            report=heard, actor=cast["staff"], heard_on=D(2024, 4, 30), meeting="again"
        )


def test_the_meeting_records_the_hearing_through_the_agenda(report, cast, congress):
    assert agenda.resolve(f"supervision.report:{report.pk}", congress.pk, "report") == report
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(Report)
    with on(D(2024, 4, 20)):
        agenda.item_heard(
            ct.pk,
            report.pk,
            agenda.Heard(kind="report", day=D(2024, 4, 19), meeting_title="十五次", item_id=7),
            cast["staff"],
        )
    report.refresh_from_db()
    assert report.state == ReportState.HEARD and report.agenda_item_id == 7
    assert agenda.resolve(f"supervision.report:{report.pk}", congress.pk, "report") is None


def test_state_assets_figures_by_category(cast, congress):
    with on(D(2024, 6, 1)):
        r = A.report_create(
            congress=congress, kind="state_assets", title="国有资产综合报告", actor=cast["staff"]
        )
        A.report_set_figures(
            report=r,
            actor=cast["staff"],
            figures={
                "enterprise": (Decimal("1200.50"), Decimal("700"), ""),
                "natural": (Decimal("300"), Decimal("0"), "土地"),
            },
        )
    assert {f.category: f.net_assets for f in r.asset_figures.all()} == {
        "enterprise": Decimal("500.50"),
        "natural": Decimal("300.00"),
    }
    with pytest.raises(ActionInvalid):
        A.report_set_figures(
            report=r, actor=cast["staff"], figures={"enterprise": (Decimal(-1), Decimal(0), "")}
        )


def test_figures_only_on_a_state_assets_report(report, cast):
    with pytest.raises(ActionConflict):
        A.report_set_figures(
            report=report, actor=cast["staff"], figures={"enterprise": (Decimal(1), Decimal(0), "")}
        )


def test_an_inspection_report_can_be_created_by_another_app(cast, congress):
    """The inspections app has its report heard as a report of kind "inspection"."""
    with on(D(2024, 9, 1)):
        r = A.report_create(
            congress=congress,
            kind="inspection",
            title="关于食品安全法执法检查情况的报告",
            actor=cast["staff"],
        )
    assert r.kind == "inspection" and r.unit is None and r.year == 2024


def test_published_once_heard(report, cast):
    with pytest.raises(ActionConflict):
        A.report_publish(report=report, actor=cast["staff"])
