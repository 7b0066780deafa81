"""Fixtures for petitions: the petitions office (the cast's staff is its officer; another
staff member is not), and shortcuts that take a petition through its steps on given days."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import pytest
import time_machine

from renda.petitions import actions as A
from renda.petitions.models import Petition, PetitionOfficer

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SH)


def on(day: datetime.date, hour: int = 10) -> Any:
    """Freeze time at `hour` (Asia/Shanghai) on `day`."""
    return time_machine.travel(at(day, hour), tick=False)


@pytest.fixture
def office(cast: dict[str, Any], congress: Any) -> Any:
    """The cast's staff member works in the petitions office; `staff2` is other staff."""
    from renda.accounts.models import User

    PetitionOfficer.objects.create(congress=congress, user=cast["staff"], since=D(2023, 1, 1))
    cast["staff2"] = User.objects.create_user(
        "staff2", password="correct-horse-battery", congress=congress, role="staff"
    )
    return cast["staff"]


@pytest.fixture
def register(office: Any, org: dict[str, Any]) -> Any:
    """register(day=…, **fields) -> a petition the office registered (a visit by 王秀英)."""

    def make(day: datetime.date | None = None, **kw: Any) -> Petition:
        day = day or D(2024, 3, 4)
        fields: dict[str, Any] = {
            "actor": office,
            "channel": "visit",
            "received_at": at(day, 9),
            "title": "反映城区3路公交停运问题",
            "content": "城区3路公交车停运两个月，沿线三个小区居民出行困难，多次反映未果。",
            "category": "transport",
            "petitioners": [
                A.Person(name="王秀英", phone="13912340001", id_number="140702198001011234")
            ],
            "area": org["county"],
        }
        fields.update(kw)
        with on(day, 11):
            return A.petition_register(**fields)

    return make


@pytest.fixture
def handling(register: Any, office: Any, org: dict[str, Any]) -> Petition:
    """Received 2024-03-04 and forwarded on 03-08 to the handler's unit (answer due 05-07)."""
    p = register()
    with on(D(2024, 3, 8)):
        A.petition_accept(
            petition=p,
            actor=office,
            mode="forward",
            unit=org["unit"],
            note="已转送市交通运输局办理。",
        )
    return p


ANSWER = "经核实，3路公交已于4月15日恢复运营。"


def answered(p: Petition, handler: Any, day: datetime.date | None = None) -> Petition:
    """The handler answers on `day` (2024-04-20 by default): supported."""
    with on(day or D(2024, 4, 20)):
        A.petition_answer(petition=p, actor=handler, result="supported", text=ANSWER)
    p.refresh_from_db()
    return p
