"""Fixtures for supervision: a report taken through its steps, deliberation opinions sent to
the handler's unit, a special inquiry; and `on(day)` to freeze time (Asia/Shanghai)."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import pytest
import time_machine

from renda.accounts.models import User
from renda.supervision import actions as A
from renda.supervision.models import DeliberationOpinion, Inquiry, Report

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date


def on(day: datetime.date, hour: int = 10) -> Any:
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SH), tick=False
    )


@pytest.fixture
def leaders(cast, congress) -> list[User]:
    more = [
        User.objects.create_user(
            username=f"member{i}",
            password="correct-horse-battery",
            congress=congress,
            role="leader",
        )
        for i in (2, 3)
    ]
    return [cast["leader"], *more]


@pytest.fixture
def report(cast, congress, org) -> Report:
    with on(D(2024, 3, 1)):
        return A.report_create(
            congress=congress,
            kind="debt",
            title="市人民政府关于全市政府债务管理情况的报告",
            actor=cast["staff"],
            unit=org["unit"],
            presenter="市财政局局长",
            year=2024,
        )


@pytest.fixture
def heard(report, cast) -> Report:
    with on(D(2024, 4, 20)):
        A.report_record_hearing(
            report=report, actor=cast["staff"], heard_on=D(2024, 4, 19), meeting="第十五次会议"
        )
    return report


@pytest.fixture
def opinion(heard, cast, org) -> DeliberationOpinion:
    with on(D(2024, 4, 25)):
        return A.opinion_draft(
            report=heard,
            actor=cast["staff"],
            unit=org["unit"],
            text="常委会组成人员在审议中提出以下意见。",
            points=["严控债务规模", "防范隐性债务风险", "提高债务资金使用效益"],
        )


@pytest.fixture
def sent(opinion, cast) -> DeliberationOpinion:
    with on(D(2024, 5, 6)):
        A.opinion_approve(opinion=opinion, actor=cast["staff"], approved_on=D(2024, 5, 6))
        A.opinion_send(opinion=opinion, actor=cast["staff"])
    return opinion


@pytest.fixture
def inquiry(cast, congress, org) -> Inquiry:
    with on(D(2024, 10, 20)):
        i = A.inquiry_create(
            congress=congress, actor=cast["staff"], title="农村人居环境整治专题询问", year=2024
        )
        A.inquiry_add_unit(inquiry=i, actor=cast["staff"], unit=org["unit"], mode="on_site")
        A.inquiry_add_unit(inquiry=i, actor=cast["staff"], unit=org["other_unit"], mode="written")
    return i
