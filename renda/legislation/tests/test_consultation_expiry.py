"""A consultation whose window ended is closed by `renda remind` (the declaration's scheduled
system transition): once, with no actor, its stations' deadlines closed with it; a window
extended meanwhile stays open."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from renda.core.deadlines import waiting_for
from renda.core.models import Event
from renda.core.timeline import timeline
from renda.core.workflow import SYSTEM, ActionConflict
from renda.legislation.actions.consultations import consultation_extend
from renda.legislation.models import Consultation
from renda.legislation.workflow import CONSULTATION

from .conftest import D, on


def remind(day: str) -> str:
    out = io.StringIO()
    call_command("remind", today=day, stdout=out)
    return out.getvalue()


def test_remind_closes_an_ended_window_once_with_no_actor(cast, consultation):
    assert "system transitions: 0" in remind("2024-03-30")  # its last day: still open
    assert "system transitions: 1" in remind("2024-03-31")
    assert "system transitions: 0" in remind("2024-04-01")

    consultation.refresh_from_db()
    assert consultation.state == "closed"
    (event,) = Event.objects.filter(object_id=consultation.pk, action="expire")
    assert event.actor is None and (event.from_state, event.to_state) == ("open", "closed")
    with on(D(2024, 4, 1)):
        assert list(waiting_for(cast["station"])) == []
    entry = timeline(consultation)[-1]
    assert entry.system and "2024-03-30" in entry.detail  # the window that ended


def test_a_window_extended_after_the_scan_read_it_stays_open(cast, consultation):
    seen = Consultation.objects.get(pk=consultation.pk)  # as the scan read it
    with on(D(2024, 3, 30)):
        consultation_extend(consultation=consultation, actor=cast["staff"], closes_on=D(2024, 4, 9))
    with pytest.raises(ActionConflict):
        CONSULTATION.take("expire", case=seen, actor=SYSTEM)
    consultation.refresh_from_db()
    assert consultation.state == "open"
    assert "system transitions: 0" in remind("2024-04-05")


def test_staff_cannot_take_the_expiry(cast, consultation):
    from renda.core.workflow import ActionForbidden

    with pytest.raises(ActionForbidden):
        CONSULTATION.take("expire", case=consultation, actor=cast["staff"])
