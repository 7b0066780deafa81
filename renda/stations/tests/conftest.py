"""Fixtures for the stations' work: frozen time."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import time_machine

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date
# A Monday in an ordinary working week of 2024.
MONDAY = D(2024, 3, 4)


def on(day: datetime.date, hour: int = 10) -> Any:
    """Freeze time at `hour` o'clock (Asia/Shanghai) on `day`."""
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SH), tick=False
    )
