"""An inspection carries out an item of the supervision plan, and its report is heard as a
supervision report of kind "inspection report" (created through supervision's action), whose
deliberation opinions then follow supervision's workflow."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from renda.core.workflow import ActionForbidden, ActionInvalid
from renda.inspections import actions as A
from renda.supervision import actions as SA
from renda.supervision.models import Report, ReportKind

from .conftest import D, on

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_item(cast: dict[str, Any], congress: Any) -> Any:
    with on(D(2024, 1, 20)):
        plan = SA.plan_create(congress=congress, year=2024, actor=cast["staff"])
        return SA.plan_item_add(
            plan=plan, actor=cast["staff"], kind="inspect", title="食品安全法执法检查", month=4
        )


def _written(item: Any, cast: dict[str, Any]) -> None:
    A.inspection_report(
        inspection=item, actor=cast["staff"], title="关于食品安全法执法检查情况的报告",
        text="检查组采取明查暗访方式开展工作。", dated=D(2024, 7, 1),
    )  # fmt: skip


def test_an_item_carries_out_a_plan_item_of_its_congress(cast, plan_item) -> None:
    i = A.inspection_create(
        actor=cast["staff"], kind="law", title="执法检查", subject="食品安全法",
        starts_on=D(2024, 4, 10), plan_item=plan_item,
    )  # fmt: skip
    assert i.plan_item == plan_item
    with pytest.raises(ActionInvalid) as e:
        A.inspection_create(
            actor=cast["stranger"], kind="law", title="执法检查", subject="食品安全法",
            starts_on=D(2024, 4, 10), plan_item=plan_item,
        )  # fmt: skip
    assert e.value.field == "plan_item"


def test_the_report_is_heard_as_a_supervision_report(cast, item, plan_item) -> None:
    item.plan_item = plan_item
    item.save()
    with pytest.raises(ActionInvalid) as e:
        A.inspection_to_hearing(inspection=item, actor=cast["staff"])
    assert e.value.field == "report_text"
    _written(item, cast)
    report = A.inspection_to_hearing(inspection=item, actor=cast["staff"])
    assert (report.kind, report.title, report.plan_item) == (
        ReportKind.INSPECTION,
        "关于食品安全法执法检查情况的报告",
        plan_item,
    )
    assert report.state == "planned"
    item.refresh_from_db()
    assert item.heard_as == report
    with pytest.raises(ActionInvalid):
        A.inspection_to_hearing(inspection=item, actor=cast["staff"])
    assert Report.objects.count() == 1


@pytest.mark.parametrize("who", ["leader", "deputy", "handler", "stranger"])
def test_only_the_staff_send_the_report_to_the_hearing(cast, item, who) -> None:
    _written(item, cast)
    with pytest.raises(ActionForbidden):
        A.inspection_to_hearing(inspection=item, actor=cast[who])
    assert not Report.objects.exists()


def test_the_item_page_sends_it_and_links_to_the_report(client, cast, item) -> None:
    _written(item, cast)
    client.force_login(cast["staff"])
    page = reverse("inspections:inspection", args=[item.pk])
    assert reverse("inspections:to_hearing", args=[item.pk]) in client.get(page).content.decode()
    assert client.post(reverse("inspections:to_hearing", args=[item.pk])).status_code == 302
    report = Report.objects.get()
    assert reverse("supervision:report", args=[report.pk]) in client.get(page).content.decode()
    client.force_login(cast["leader"])
    assert client.post(reverse("inspections:to_hearing", args=[item.pk])).status_code == 403
