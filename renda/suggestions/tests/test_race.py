"""Two handlers of one unit replying at once: one wins, the other is told, nothing is lost."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection

from renda.core.models import Event
from renda.core.workflow import ActionConflict
from renda.suggestions import actions as A
from renda.suggestions.models import Reply, Suggestion


def _ready(cast, org, submit):
    from renda.accounts.models import User

    colleague = User.objects.create_user(
        username="handler_b",
        password="x-long-password",
        congress=cast["staff"].congress,
        role="handler",
        unit=org["unit"],
    )
    s = submit()
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    A.suggestion_assign(
        suggestion=s, actor=cast["staff"], mode="sole", parts=[A.UnitPart(org["unit"], "sole")]
    )
    A.suggestion_communicate(
        suggestion=s,
        actor=cast["handler"],
        method="phone",
        date=datetime.date.today(),
        people="x",
        notes="y",
    )
    return s, colleague


def test_second_reply_from_a_stale_page_is_refused(cast, org, submit):
    s, colleague = _ready(cast, org, submit)
    stale = Suggestion.objects.get(pk=s.pk)
    A.suggestion_reply(
        suggestion=s, actor=cast["handler"], text="甲的答复", category="A", signer="赵"
    )
    with pytest.raises(ActionConflict):
        A.suggestion_reply(
            suggestion=stale, actor=colleague, text="乙的答复", category="A", signer="钱"
        )
    assert list(Reply.objects.filter(suggestion=s).values_list("text", flat=True)) == ["甲的答复"]
    assert Event.objects.filter(object_id=s.pk, action="reply").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_handlers_replying_at_once_on_postgresql(cast, org, submit):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent row locks are tested on PostgreSQL")
    s, colleague = _ready(cast, org, submit)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def reply(user, text):
        try:
            barrier.wait()
            A.suggestion_reply(
                suggestion=Suggestion.objects.get(pk=s.pk),
                actor=user,
                text=text,
                category="A",
                signer="x",
            )
            outcomes.append("ok")
        except ActionConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=reply, args=(u, t))
        for u, t in ((cast["handler"], "甲"), (colleague, "乙"))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "ok"]
    assert Reply.objects.filter(suggestion=s).count() == 1
    assert Event.objects.filter(object_id=s.pk, action="reply").count() == 1
    assert Suggestion.objects.get(pk=s.pk).state == "replied"
