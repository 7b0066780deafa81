"""Fixtures for suggestions: a session, a third unit, a co-signing deputy, and shortcuts."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(y: int, m: int, d: int, h: int = 10) -> datetime.datetime:
    return datetime.datetime(y, m, d, h, tzinfo=SH)


@pytest.fixture
def session(org, congress):
    from renda.org.models import Session

    return Session.objects.create(
        congress=congress,
        term=org["term"],
        number=4,
        start_date=datetime.date(2024, 1, 23),
        end_date=datetime.date(2024, 1, 26),
    )


@pytest.fixture
def during_session(session):
    """Today is a day of the session (motions are proposed only while it sits)."""
    import time_machine

    with time_machine.travel(at(2024, 1, 24), tick=False):
        yield session


@pytest.fixture
def third_unit(congress):
    from renda.org.models import HandlingUnit

    return HandlingUnit.objects.create(
        congress=congress, name="晋中市住房和城乡建设局", kind="department"
    )


@pytest.fixture
def third_handler(cast, third_unit):
    from renda.accounts.models import User

    return User.objects.create_user(
        username="third_handler",
        password="x-very-long-pass",
        congress=cast["staff"].congress,
        role="handler",
        unit=third_unit,
    )


@pytest.fixture
def submit(cast):
    from renda.suggestions.actions import suggestion_submit

    def _submit(author=None, **kw):
        kw.setdefault("title", "关于改善榆次区公交线路的建议")
        kw.setdefault("body", "建议增开连接大学城与老城区的公交线路，方便群众出行。")
        kw.setdefault("category", "transport")
        return suggestion_submit(author=author or cast["deputy"], **kw)

    return _submit
