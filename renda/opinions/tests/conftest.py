"""Fixtures for constituents' opinions: an opinion recorded at the `station` user's station
(and referred, and answered), and a fresh cache for the rate limit. Time is frozen as in the
stations' tests (the opinions were the stations' until the apps were split)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.cache import cache

from renda.stations.tests.conftest import MONDAY, D, on

__all__ = ["MONDAY", "D", "on"]  # the opinion tests import them from here


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def record(cast, org):
    """Record an opinion at the `station` user's station (on MONDAY unless time is frozen)."""
    from renda.opinions import actions as A

    def _record(**kw: Any) -> Any:
        kw.setdefault("actor", cast["station"])
        kw.setdefault("station", org["station"])
        kw.setdefault("category", "roads")
        kw.setdefault("content", "锦纶路与迎宾街交叉口红绿灯时间太短，老人过马路来不及。")
        kw.setdefault(
            "constituent",
            A.Constituent(name="赵大妈", phone="13812345678", email="zhao@example.cn"),
        )
        kw.setdefault("place", A.Place(address="榆次区锦纶路与迎宾街交叉口"))
        return A.opinion_record(**kw)

    return _record


@pytest.fixture
def opinion(record):
    with on(MONDAY):
        return record()


@pytest.fixture
def referred(opinion, cast, org):
    from renda.opinions import actions as A

    with on(MONDAY):
        A.opinion_refer(opinion=opinion, actor=cast["station"], unit=org["unit"])
    return opinion


@pytest.fixture
def answered(referred, cast):
    from renda.opinions import actions as A

    with on(MONDAY + datetime.timedelta(days=3)):
        A.opinion_answer(
            opinion=referred, actor=cast["handler"], answer="已延长行人绿灯至35秒。", kind="solved"
        )
    return referred
