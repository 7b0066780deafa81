"""The workflow core: who may take which transition when, atomically, with one event each."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, models, transaction

from renda.core.models import AppendOnlyError, Event
from renda.core.tests.caseapp.models import Ticket
from renda.core.tests.caseapp.workflow import TICKET
from renda.core.workflow import (
    ActionConflict,
    ActionForbidden,
    ActionInvalid,
    Transition,
    Workflow,
    history,
    perform,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(congress, org) -> Ticket:
    return Ticket.objects.create(congress=congress, title="路灯不亮", unit=org["unit"])


@pytest.fixture
def assigned(ticket, cast) -> Ticket:
    perform(TICKET, case=ticket, action="assign", actor=cast["staff"])
    return ticket


def _state_in_db(ticket: Ticket) -> str:
    return Ticket.objects.values_list("state", flat=True).get(pk=ticket.pk)


def test_staff_assigns_an_open_ticket_and_exactly_one_event_records_it(ticket, cast, congress):
    event = perform(
        TICKET,
        case=ticket,
        action="assign",
        actor=cast["staff"],
        comment="请交通局办理",
        data={"units": [1]},
    )
    assert ticket.state == "assigned"  # the caller's object shows the new state
    assert _state_in_db(ticket) == "assigned"
    assert Event.objects.count() == 1
    stored = Event.objects.get()
    assert stored.pk == event.pk
    assert stored.case == ticket
    assert (stored.action, stored.from_state, stored.to_state) == ("assign", "open", "assigned")
    assert stored.actor == cast["staff"]
    assert stored.comment == "请交通局办理"
    assert stored.data == {"units": [1]}
    assert stored.congress == congress


def test_handler_cannot_assign_and_nothing_is_written(ticket, cast):
    with pytest.raises(ActionForbidden) as exc:
        perform(TICKET, case=ticket, action="assign", actor=cast["handler"])
    assert exc.value.status == 403
    assert ticket.state == "open"
    assert _state_in_db(ticket) == "open"
    assert not Event.objects.exists()


@pytest.mark.parametrize("who", ["leader", "deputy", "handler", "station", "stranger"])
def test_only_staff_of_the_same_congress_may_assign(ticket, cast, who):
    with pytest.raises(ActionForbidden):
        perform(TICKET, case=ticket, action="assign", actor=cast[who])
    assert _state_in_db(ticket) == "open"
    assert not Event.objects.exists()


def test_anonymous_user_cannot_take_any_action(ticket):
    for action in TICKET.actions:
        with pytest.raises(ActionForbidden):
            perform(TICKET, case=ticket, action=action, actor=AnonymousUser())
    assert not Event.objects.exists()


def test_reply_to_an_open_ticket_is_a_conflict(ticket, cast):
    with pytest.raises(ActionConflict) as exc:
        perform(TICKET, case=ticket, action="reply", actor=cast["handler"])
    assert exc.value.status == 409
    assert _state_in_db(ticket) == "open"
    assert not Event.objects.exists()


def test_assigning_twice_is_a_conflict(assigned, cast):
    with pytest.raises(ActionConflict):
        perform(TICKET, case=assigned, action="assign", actor=cast["staff"])
    assert Event.objects.filter(action="assign").count() == 1


def test_handler_of_other_unit_cannot_reply(assigned, cast):
    with pytest.raises(ActionForbidden):
        perform(TICKET, case=assigned, action="reply", actor=cast["other_handler"])
    assert _state_in_db(assigned) == "assigned"
    assert Event.objects.filter(action="reply").count() == 0


def test_handler_of_the_unit_replies_and_apply_changes_are_saved(assigned, cast):
    def write_answer(locked: Ticket) -> None:
        locked.answer = "已修复"

    event = perform(
        TICKET, case=assigned, action="reply", actor=cast["handler"], apply=write_answer
    )
    assert (event.from_state, event.to_state) == ("assigned", "done")
    fresh = Ticket.objects.get(pk=assigned.pk)
    assert (fresh.state, fresh.answer) == ("done", "已修复")
    assert (assigned.state, assigned.answer) == ("done", "已修复")


def test_note_keeps_the_state_and_still_records_an_event(ticket, cast):
    event = perform(TICKET, case=ticket, action="note", actor=cast["deputy"], comment="已电话联系")
    assert (event.from_state, event.to_state) == ("open", "open")
    assert _state_in_db(ticket) == "open"
    assert list(history(ticket)) == [event]


def test_stranger_cannot_note_a_case_of_another_congress(ticket, cast):
    with pytest.raises(ActionForbidden):
        perform(TICKET, case=ticket, action="note", actor=cast["stranger"])


def test_unknown_action_is_invalid(ticket, cast):
    with pytest.raises(ActionInvalid):
        perform(TICKET, case=ticket, action="explode", actor=cast["staff"])


def test_apply_raising_rolls_back_everything(assigned, cast):
    def half_done(locked: Ticket) -> None:
        locked.answer = "写了一半"
        locked.save()
        raise ActionInvalid("answer too short", field="answer")

    events_before = Event.objects.count()
    with pytest.raises(ActionInvalid) as exc:
        perform(TICKET, case=assigned, action="reply", actor=cast["handler"], apply=half_done)
    assert exc.value.field == "answer"
    fresh = Ticket.objects.get(pk=assigned.pk)
    assert (fresh.state, fresh.answer) == ("assigned", "")
    assert assigned.state == "assigned"
    assert Event.objects.count() == events_before


def test_notifications_run_only_after_commit(ticket, cast, django_capture_on_commit_callbacks):
    seen: list[Event] = []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        event = perform(
            TICKET, case=ticket, action="assign", actor=cast["staff"], notify=seen.append
        )
        assert seen == []  # still inside the (test's) transaction: not yet
    assert len(callbacks) == 1
    assert seen == [event]


def test_no_notification_when_the_transaction_rolls_back(
    ticket, cast, django_capture_on_commit_callbacks
):
    seen: list[Event] = []
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        perform(TICKET, case=ticket, action="assign", actor=cast["staff"], notify=seen.append)
        raise RuntimeError("something after the action failed")
    assert callbacks == []
    assert seen == []
    assert _state_in_db(ticket) == "open"
    assert not Event.objects.exists()


def test_no_notification_when_the_action_is_refused(
    ticket, cast, django_capture_on_commit_callbacks
):
    seen: list[Event] = []
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ActionForbidden),
    ):
        perform(TICKET, case=ticket, action="assign", actor=cast["deputy"], notify=seen.append)
    assert callbacks == []
    assert seen == []


def test_events_cannot_be_changed_or_deleted_through_the_model(assigned):
    event = Event.objects.get()
    event.comment = "rewritten history"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    stored = Event.objects.get()
    assert stored.comment == ""


class _Colour(models.TextChoices):
    RED = "red", "Red"
    GREEN = "green", "Green"


def _anyone(user: Any, case: Any) -> bool:
    return True


def test_workflow_rejects_unknown_states():
    with pytest.raises(ValueError, match="unknown states"):
        Workflow("w", states=_Colour, transitions=[Transition("go", {"red"}, "blue", _anyone)])
    with pytest.raises(ValueError, match="unknown states"):
        Workflow("w", states=_Colour, transitions=[Transition("go", {"amber"}, "red", _anyone)])


def test_workflow_rejects_duplicate_actions():
    with pytest.raises(ValueError, match="declared twice"):
        Workflow(
            "w",
            states=_Colour,
            transitions=[
                Transition("go", {"red"}, "green", _anyone),
                Transition("go", {"green"}, "red", _anyone),
            ],
        )


def test_action_with_several_targets_needs_one_of_them(ticket, cast):
    flow = Workflow(
        "choice",
        states=Ticket.State,
        transitions=[Transition("decide", {"open"}, ("assigned", "done"), _anyone)],
    )
    with pytest.raises(ValueError, match="needs to_state"):
        perform(flow, case=ticket, action="decide", actor=cast["staff"])
    with pytest.raises(ValueError, match="cannot lead to"):
        perform(flow, case=ticket, action="decide", actor=cast["staff"], to_state="open")
    assert not Event.objects.exists()
    event = perform(flow, case=ticket, action="decide", actor=cast["staff"], to_state="done")
    assert event.to_state == "done"
    assert _state_in_db(ticket) == "done"


def _actions(user: Any, ticket: Ticket) -> list[str]:
    return [t.action for t in TICKET.available(user, ticket)]


def test_available_lists_only_what_the_user_may_do_now(ticket, cast):
    assert _actions(cast["staff"], ticket) == ["assign", "note"]
    assert _actions(cast["handler"], ticket) == ["note"]
    assert _actions(cast["stranger"], ticket) == []
    assert _actions(AnonymousUser(), ticket) == []
    perform(TICKET, case=ticket, action="assign", actor=cast["staff"])
    assert _actions(cast["staff"], ticket) == ["note"]
    assert _actions(cast["handler"], ticket) == ["reply", "note"]
    assert _actions(cast["other_handler"], ticket) == ["note"]


def test_two_stale_copies_one_wins_and_the_other_gets_a_conflict(ticket, cast, congress):
    from renda.accounts.models import User

    staff2 = User.objects.create_user("staff2", congress=congress, role="staff")
    first = Ticket.objects.get(pk=ticket.pk)
    second = Ticket.objects.get(pk=ticket.pk)
    perform(TICKET, case=first, action="assign", actor=cast["staff"], comment="first")
    assert second.state == "open"  # stale: it still believes the ticket is open
    with pytest.raises(ActionConflict):
        perform(TICKET, case=second, action="assign", actor=staff2, comment="second")
    event = Event.objects.get()
    assert (event.actor, event.comment) == (cast["staff"], "first")
    assert _state_in_db(ticket) == "assigned"


@pytest.mark.django_db(transaction=True)
def test_two_threads_racing_on_postgresql_one_wins(ticket, cast, congress):
    if connection.vendor != "postgresql":
        pytest.skip("real row locks need PostgreSQL")
    from renda.accounts.models import User

    staff2 = User.objects.create_user("staff2", congress=congress, role="staff")
    barrier = threading.Barrier(2, timeout=10)
    outcomes: list[str] = []
    lock = threading.Lock()

    def hold_the_row(locked: Ticket) -> None:
        time.sleep(0.3)  # the loser is now waiting on the row lock (or the guard)

    def act(actor: Any) -> None:
        try:
            case = Ticket.objects.get(pk=ticket.pk)
            barrier.wait()
            perform(TICKET, case=case, action="assign", actor=actor, apply=hold_the_row)
            outcome = "won"
        except ActionConflict:
            outcome = "conflict"
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcome = repr(exc)
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=act, args=(u,)) for u in (cast["staff"], staff2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["conflict", "won"]
    assert Event.objects.filter(action="assign").count() == 1
    assert _state_in_db(ticket) == "assigned"


def test_a_failing_notification_does_not_undo_or_fail_the_action(
    ticket, cast, django_capture_on_commit_callbacks, caplog
):
    def broken(event: Event) -> None:
        raise RuntimeError("notification service down")

    with django_capture_on_commit_callbacks(execute=True):
        perform(TICKET, case=ticket, action="assign", actor=cast["staff"], notify=broken)
    assert _state_in_db(ticket) == "assigned"
    assert Event.objects.count() == 1
    assert "notification service down" in caplog.text


def test_binding_a_function_that_names_the_case_otherwise_fails_at_import(monkeypatch):
    """A page or an API route passes the case by the declaration's name (the model's, unless
    `case_arg` says otherwise): a function that takes it by another name is refused when it is
    bound, not with a 500 the first time someone takes the action."""
    from renda.core import workflow

    # This declaration of Ticket must not replace the test app's for the tests after it.
    monkeypatch.setattr(workflow, "_BY_MODEL", dict(workflow._BY_MODEL))
    monkeypatch.setattr(workflow, "WORKFLOWS", dict(workflow.WORKFLOWS))
    flow = Workflow(
        "bind-check",
        model=Ticket,
        states=Ticket.State,
        transitions=[Transition("close", {"open"}, "done", _anyone)],
    )
    with pytest.raises(TypeError, match="takes no 'ticket'"):

        @flow.action("close")
        def close(*, case: Any, actor: Any) -> None: ...

    @flow.action("close")
    def close_ticket(*, ticket: Any, actor: Any) -> None: ...
