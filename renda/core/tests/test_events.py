"""Events are append-only, in bulk too; only the demo rebuild purges them, never in production."""

import pytest

from renda.core.models import AppendOnlyError, Event
from renda.core.tests.caseapp.models import Ticket
from renda.core.workflow import record_event


@pytest.fixture
def event(cast, congress):
    ticket = Ticket.objects.create(congress=congress, title="t")
    return record_event(case=ticket, action="note", actor=cast["staff"])


def test_bulk_update_and_delete_are_refused(event):
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(comment="changed")
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).delete()
    assert Event.objects.get(pk=event.pk).comment == ""


def test_demo_purge_is_refused_in_production(event, settings):
    settings.PRODUCTION = True
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).purge_demo()
    assert Event.objects.filter(pk=event.pk).exists()
    settings.PRODUCTION = False
    assert Event.objects.filter(pk=event.pk).purge_demo() == 1
