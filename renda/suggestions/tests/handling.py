"""Test helpers: take suggestions through their steps on given days, through the actions."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

import time_machine

from renda.suggestions import actions as A
from renda.suggestions.models import Promise, Reply, Suggestion

from .conftest import at

D = datetime.date


def on(day: datetime.date) -> Any:
    """Freeze time at 10:00 (Asia/Shanghai) on `day`."""
    return time_machine.travel(at(day.year, day.month, day.day), tick=False)


def accepted(submit: Any, staff: Any, day: datetime.date, **kw: Any) -> Suggestion:
    with on(day):
        s = submit(**kw)
        A.suggestion_accept(suggestion=s, actor=staff)
    return s


def assigned(
    submit: Any,
    staff: Any,
    day: datetime.date,
    parts: Sequence[A.UnitPart],
    mode: str | None = None,
    **kw: Any,
) -> Suggestion:
    """Submitted, accepted and assigned on `day`; the mode follows from the roles."""
    s = accepted(submit, staff, day, **kw)
    roles = {p.role for p in parts}
    mode = mode or ("sole" if roles == {"sole"} else "separate" if "separate" in roles else "joint")
    with on(day):
        A.suggestion_assign(suggestion=s, actor=staff, mode=mode, parts=list(parts))
    return s


def replied(
    s: Suggestion,
    handler: Any,
    day: datetime.date,
    category: str = "A",
    promises: Sequence[tuple[str, datetime.date]] = (),
    contact_day: datetime.date | None = None,
    **kw: Any,
) -> Reply:
    """The handler records a contact (on `contact_day`, default the same day) and replies."""
    with on(day):
        A.suggestion_communicate(
            suggestion=s,
            actor=handler,
            method="meeting",
            date=contact_day or day,
            people="承办单位与领衔代表",
            notes="当面沟通办理思路。",
        )
        return A.suggestion_reply(
            suggestion=s,
            actor=handler,
            text=kw.pop("text", "经研究，答复如下。"),
            category=category,
            signer=kw.pop("signer", "赵局长"),
            promises=[A.PromiseIn(t, d) for t, d in promises],
            **kw,
        )


def evaluated(s: Suggestion, deputy: Any, day: datetime.date, result: str) -> None:
    with on(day):
        A.suggestion_evaluate(
            suggestion=s,
            actor=deputy,
            result=result,
            comment="未解决实际问题。" if result == "dissatisfied" else "",
        )


def extended(
    s: Suggestion, handler: Any, staff: Any, day: datetime.date, new_due: datetime.date
) -> None:
    with on(day):
        ext = A.suggestion_request_extension(
            suggestion=s, actor=handler, new_due=new_due, reason="需要纳入预算。"
        )
        A.suggestion_extend(suggestion=s, actor=staff, extension_id=ext.pk, approve=True)


def delivered(promise: Promise, handler: Any, day: datetime.date) -> None:
    with on(day):
        A.promise_done(promise=promise, actor=handler, evidence="已按期完成。")
