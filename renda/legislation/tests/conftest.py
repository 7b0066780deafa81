"""Fixtures for legislation: contact points, a regulation with two versions, consultations."""

from __future__ import annotations

import datetime
import zoneinfo
from pathlib import Path
from typing import Any

import pytest
import time_machine

SAMPLES = Path(__file__).parent / "samples"
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date

# A small draft and its next version: article 2 reworded, article 3 removed, a new article 4.
DRAFT_V1 = """晋中市餐饮从业人员佩戴口罩规定（草案）
第一条　为了保障食品安全，制定本规定。
第二条　餐饮服务提供者应当要求从业人员在加工食品时佩戴口罩。
第三条　市场监督管理部门负责监督检查。
第四条　本规定自公布之日起施行。
"""
DRAFT_V2 = """晋中市餐饮从业人员佩戴口罩规定（草案修改稿）
第一条　为了保障食品安全，制定本规定。
第二条　餐饮服务提供者应当要求从业人员在加工、分装食品时规范佩戴口罩。
第三条　违反本规定的，由市场监督管理部门责令改正。
第四条　本规定自公布之日起施行。
"""


def on(day: datetime.date, hour: int = 10) -> Any:
    """Freeze time at `hour` o'clock (Asia/Shanghai) on `day`."""
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SH), tick=False
    )


@pytest.fixture
def contact_point(congress, org):
    """A legislative contact point merged with the `station` user's station, and its two
    collection points; and another contact point merged with the other station."""
    from renda.org.models import CollectionPoint, LegislativeContactPoint

    point = LegislativeContactPoint.objects.create(
        congress=congress,
        name="锦纶街道基层立法联系点",
        station=org["station"],
        area=org["county"],
        established_on=D(2020, 1, 1),
    )
    LegislativeContactPoint.objects.create(
        congress=congress,
        name="郭家堡乡基层立法联系点",
        station=org["other_station"],
        area=org["county"],
        established_on=D(2020, 1, 1),
    )
    CollectionPoint.objects.create(
        congress=congress,
        contact_point=point,
        name="锦纶社区信息采集点",
        established_on=D(2021, 1, 1),
    )
    CollectionPoint.objects.create(
        congress=congress,
        contact_point=point,
        name="安宁社区信息采集点",
        established_on=D(2021, 1, 1),
    )
    return point


@pytest.fixture
def other_contact_point(contact_point):
    from renda.org.models import LegislativeContactPoint

    return LegislativeContactPoint.objects.exclude(pk=contact_point.pk).get()


@pytest.fixture
def version(cast, congress):
    """Version 1 of a new regulation being drafted, imported by staff on 2024-03-01."""
    from renda.legislation.actions.drafts import import_draft

    with on(D(2024, 3, 1)):
        return import_draft(actor=cast["staff"], congress=congress, text=DRAFT_V1)


@pytest.fixture
def consultation(cast, version, contact_point):
    """Version 1 opened on 2024-03-01 to everyone for the default 30 days (to 2024-03-30)."""
    from renda.legislation.actions.consultations import consultation_create, consultation_open

    with on(D(2024, 3, 1)):
        c = consultation_create(version=version, actor=cast["staff"])
        consultation_open(consultation=c, actor=cast["staff"])
    return c


@pytest.fixture
def article(version):
    """Article 2 of version 1."""
    return version.nodes.get(kind="article", number=2)
