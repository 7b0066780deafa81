"""Deadlines on cases, who is waited for, and `renda remind`'s warnings (once each)."""

from __future__ import annotations

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from renda.accounts.models import User
from renda.core.deadlines import close_deadlines, set_deadline, waiting_for
from renda.core.models import Deadline, Event, Notification
from renda.core.tests.caseapp.models import Ticket
from renda.core.workflow import history

D = datetime.date
SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(congress, org) -> Ticket:
    return Ticket.objects.create(congress=congress, title="路灯不亮", unit=org["unit"])


@pytest.fixture
def other_ticket(congress, org) -> Ticket:
    return Ticket.objects.create(congress=congress, title="校车不够", unit=org["other_unit"])


def _remind(today: D, django_capture_on_commit_callbacks) -> str:
    """Run `renda remind` at 08:00 Beijing time on `today`, with after-commit callbacks run."""
    out = io.StringIO()
    at = datetime.datetime.combine(today, datetime.time(8), tzinfo=SHANGHAI)
    with (
        time_machine.travel(at, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("remind", stdout=out)
    return out.getvalue().strip()


# set_deadline / close_deadlines


def test_setting_a_deadline_closes_the_open_one_of_the_same_kind(ticket, org):
    first = set_deadline(
        case=ticket, kind="reply", label="答复", due_date=D(2024, 10, 8), unit=org["unit"]
    )
    other_kind = set_deadline(
        case=ticket, kind="contest", label="异议", due_date=D(2024, 10, 1), role="staff"
    )
    second = set_deadline(
        case=ticket, kind="reply", label="答复", due_date=D(2024, 11, 8), unit=org["unit"]
    )
    first.refresh_from_db()
    other_kind.refresh_from_db()
    assert first.closed_at is not None
    assert other_kind.closed_at is None
    assert (second.closed_at, second.due_date, second.congress_id) == (
        None,
        D(2024, 11, 8),
        ticket.congress_id,
    )
    assert second.case == ticket


def test_close_deadlines_closes_one_kind_or_all_of_the_case(ticket, other_ticket):
    set_deadline(case=ticket, kind="reply", label="答复", due_date=D(2024, 10, 8), role="staff")
    set_deadline(case=ticket, kind="contest", label="异议", due_date=D(2024, 10, 1), role="staff")
    untouched = set_deadline(
        case=other_ticket, kind="reply", label="答复", due_date=D(2024, 10, 8), role="staff"
    )
    assert close_deadlines(case=ticket, kind="contest") == 1
    assert close_deadlines(case=ticket) == 1
    assert close_deadlines(case=ticket) == 0
    untouched.refresh_from_db()
    assert untouched.closed_at is None


# waiting_for


@pytest.fixture
def deadlines(ticket, other_ticket, org, cast) -> dict[str, Deadline]:
    return {
        "unit_late": set_deadline(
            case=ticket, kind="reply", label="答复", due_date=D(2024, 12, 1), unit=org["unit"]
        ),
        "unit_early": set_deadline(
            case=ticket, kind="rectify", label="整改", due_date=D(2024, 9, 1), unit=org["unit"]
        ),
        "other_unit": set_deadline(
            case=other_ticket,
            kind="reply",
            label="答复",
            due_date=D(2024, 10, 1),
            unit=org["other_unit"],
        ),
        "staff": set_deadline(
            case=ticket, kind="assign", label="交办", due_date=D(2024, 10, 1), role="staff"
        ),
        "deputy": set_deadline(
            case=ticket, kind="evaluate", label="评价", due_date=D(2024, 10, 1), user=cast["deputy"]
        ),
        "station": set_deadline(
            case=other_ticket,
            kind="record",
            label="登记",
            due_date=D(2024, 10, 1),
            station=org["station"],
        ),
    }


def test_handler_waits_for_their_units_deadlines_overdue_first(deadlines, cast):
    assert list(waiting_for(cast["handler"])) == [deadlines["unit_early"], deadlines["unit_late"]]


def test_handler_of_other_unit_waits_only_for_theirs(deadlines, cast):
    assert list(waiting_for(cast["other_handler"])) == [deadlines["other_unit"]]


def test_staff_wait_for_staff_deadlines(deadlines, cast):
    assert list(waiting_for(cast["staff"])) == [deadlines["staff"]]


def test_deputy_and_station_wait_for_their_own(deadlines, cast):
    assert list(waiting_for(cast["deputy"])) == [deadlines["deputy"]]
    assert list(waiting_for(cast["deputy2"])) == []
    assert list(waiting_for(cast["station"])) == [deadlines["station"]]
    assert list(waiting_for(cast["other_station"])) == []


def test_nobody_outside_the_congress_or_without_a_role_waits(deadlines, cast, congress):
    from django.contrib.auth.models import AnonymousUser

    no_role = User.objects.create_user("visitor", congress=congress)
    assert list(waiting_for(cast["stranger"])) == []  # staff, but of another congress
    assert list(waiting_for(cast["leader"])) == []
    assert list(waiting_for(no_role)) == []
    assert list(waiting_for(AnonymousUser())) == []


def test_closed_deadlines_are_not_waited_for(deadlines, ticket, cast):
    close_deadlines(case=ticket)
    assert list(waiting_for(cast["handler"])) == []


# renda remind


@pytest.fixture
def emailed_handler(cast) -> User:
    handler = cast["handler"]
    handler.email = "handler@jt.jz.gov.cn"
    handler.save()
    return handler


@pytest.fixture
def silent_colleague(congress, org) -> User:
    """A second officer of the same unit, with no e-mail address."""
    return User.objects.create_user(
        "handler_b", congress=congress, role="handler", unit=org["unit"]
    )


def test_deadline_after_national_day_is_soon_due_counting_the_holiday(
    ticket, org, congress, emailed_handler, silent_colleague, django_capture_on_commit_callbacks
):
    # 8 Oct 2024 is the first working day after Golden Week (1-7 Oct off, Sunday 29 Sep a
    # make-up workday). From Thursday 26 Sep it is 4 working days away, from Friday 27 Sep 3.
    assert congress.setting("soon_due_working_days") == 3
    deadline = set_deadline(
        case=ticket, kind="reply", label="答复路灯", due_date=D(2024, 10, 8), unit=org["unit"]
    )
    assert _remind(D(2024, 9, 26), django_capture_on_commit_callbacks) == (
        "soon due: 0, overdue: 0, notified: 0, system transitions: 0"
    )
    assert not Notification.objects.exists()

    assert _remind(D(2024, 9, 27), django_capture_on_commit_callbacks) == (
        "soon due: 1, overdue: 0, notified: 2, system transitions: 0"
    )
    deadline.refresh_from_db()
    assert deadline.soon_warned_at is not None
    assert deadline.overdue_warned_at is None
    notes = Notification.objects.order_by("recipient__username")
    assert [n.recipient for n in notes] == [emailed_handler, silent_colleague]
    assert "答复路灯" in notes[0].title
    assert "3" in notes[0].body
    assert [m.to for m in mail.outbox] == [["handler@jt.jz.gov.cn"]]
    assert history(ticket).filter(action="remind.soon").count() == 1


def test_congress_may_shorten_the_soon_due_warning(
    ticket, org, congress, cast, django_capture_on_commit_callbacks
):
    congress.settings = {"soon_due_working_days": 2}
    congress.save()
    set_deadline(case=ticket, kind="reply", label="答复", due_date=D(2024, 10, 8), unit=org["unit"])
    assert _remind(D(2024, 9, 27), django_capture_on_commit_callbacks).startswith("soon due: 0")
    assert _remind(D(2024, 9, 29), django_capture_on_commit_callbacks).startswith("soon due: 1")


def test_overdue_is_warned_once_and_lands_in_the_case_history(
    ticket, org, emailed_handler, cast, django_capture_on_commit_callbacks
):
    deadline = set_deadline(
        case=ticket, kind="reply", label="答复路灯", due_date=D(2024, 9, 20), unit=org["unit"]
    )
    assert _remind(D(2024, 9, 27), django_capture_on_commit_callbacks) == (
        "soon due: 0, overdue: 1, notified: 1, system transitions: 0"
    )
    event = history(ticket).get()
    assert event.action == "remind.overdue"
    assert event.actor is None
    assert event.data == {"deadline": "reply", "due_date": "2024-09-20"}
    note = Notification.objects.get()
    assert note.recipient == emailed_handler
    assert "答复路灯" in note.title and "2024-09-20" in note.title
    assert note.emailed_at is not None
    assert len(mail.outbox) == 1
    deadline.refresh_from_db()
    assert deadline.overdue_warned_at is not None

    # The next day, and the day after: no second warning.
    assert _remind(D(2024, 9, 29), django_capture_on_commit_callbacks) == (
        "soon due: 0, overdue: 0, notified: 0, system transitions: 0"
    )
    assert _remind(D(2024, 9, 30), django_capture_on_commit_callbacks).startswith("soon due: 0")
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1
    assert Event.objects.filter(action__startswith="remind").count() == 1


def test_running_remind_twice_the_same_day_notifies_once(
    ticket, org, cast, django_capture_on_commit_callbacks
):
    set_deadline(case=ticket, kind="reply", label="答复", due_date=D(2024, 9, 30), unit=org["unit"])
    set_deadline(case=ticket, kind="assign", label="交办", due_date=D(2024, 9, 2), role="staff")
    first = _remind(D(2024, 9, 27), django_capture_on_commit_callbacks)
    second = _remind(D(2024, 9, 27), django_capture_on_commit_callbacks)
    assert first == "soon due: 1, overdue: 1, notified: 2, system transitions: 0"
    assert second == "soon due: 0, overdue: 0, notified: 0, system transitions: 0"
    assert sorted(n.recipient.username for n in Notification.objects.all()) == [
        "handler",
        "staff",
    ]


def test_soon_warned_deadline_is_warned_again_when_overdue(
    ticket, org, cast, django_capture_on_commit_callbacks
):
    set_deadline(case=ticket, kind="reply", label="答复", due_date=D(2024, 9, 30), unit=org["unit"])
    assert _remind(D(2024, 9, 27), django_capture_on_commit_callbacks).startswith("soon due: 1")
    assert _remind(D(2024, 10, 8), django_capture_on_commit_callbacks) == (
        "soon due: 0, overdue: 1, notified: 1, system transitions: 0"
    )
    assert [e.action for e in history(ticket)] == ["remind.soon", "remind.overdue"]


def test_overdue_deadline_never_warned_soon_gets_only_the_overdue_warning(
    ticket, org, cast, django_capture_on_commit_callbacks
):
    deadline = set_deadline(
        case=ticket, kind="reply", label="答复", due_date=D(2024, 9, 2), unit=org["unit"]
    )
    _remind(D(2024, 9, 27), django_capture_on_commit_callbacks)
    deadline.refresh_from_db()
    assert deadline.soon_warned_at is None
    assert [e.action for e in history(ticket)] == ["remind.overdue"]


def test_closed_deadlines_are_ignored(ticket, org, cast, django_capture_on_commit_callbacks):
    set_deadline(case=ticket, kind="reply", label="答复", due_date=D(2024, 9, 2), unit=org["unit"])
    close_deadlines(case=ticket)
    assert _remind(D(2024, 9, 27), django_capture_on_commit_callbacks) == (
        "soon due: 0, overdue: 0, notified: 0, system transitions: 0"
    )
    assert not Notification.objects.exists()
    assert not Event.objects.exists()


def test_inactive_users_are_not_notified(ticket, org, cast, django_capture_on_commit_callbacks):
    cast["handler"].is_active = False
    cast["handler"].save()
    set_deadline(case=ticket, kind="reply", label="答复", due_date=D(2024, 9, 2), unit=org["unit"])
    assert _remind(D(2024, 9, 27), django_capture_on_commit_callbacks).endswith(
        "notified: 0, system transitions: 0"
    )
    assert not Notification.objects.exists()


def test_today_option_pretends_the_date(ticket, org, cast, django_capture_on_commit_callbacks):
    set_deadline(case=ticket, kind="reply", label="答复", due_date=D(2024, 9, 20), unit=org["unit"])
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind", today="2024-09-19", stdout=out)
        call_command("remind", today="2024-09-23", stdout=out)
    assert out.getvalue().splitlines() == [
        "soon due: 1, overdue: 0, notified: 1, system transitions: 0",
        "soon due: 0, overdue: 1, notified: 1, system transitions: 0",
    ]


@pytest.mark.parametrize("bad", ["2024-13-01", "yesterday", "27/09/2024"])
def test_bad_today_is_a_command_error(db, bad):
    with pytest.raises(CommandError, match="--today"):
        call_command("remind", today=bad)


def test_a_warning_that_fails_is_given_on_the_next_run(
    ticket, org, cast, monkeypatch, django_capture_on_commit_callbacks
):
    from renda.core import deadlines as deadlines_module

    deadline = set_deadline(
        case=ticket, kind="reply", label="答复", due_date=D(2024, 9, 2), unit=org["unit"]
    )

    def broken(**kwargs):
        raise RuntimeError("database hiccup")

    with monkeypatch.context() as patch:
        patch.setattr(deadlines_module, "record_event", broken)
        with pytest.raises(RuntimeError):
            _remind(D(2024, 9, 27), django_capture_on_commit_callbacks)
    deadline.refresh_from_db()
    assert deadline.overdue_warned_at is None  # the claim was rolled back with the failure
    assert _remind(D(2024, 9, 27), django_capture_on_commit_callbacks).startswith(
        "soon due: 0, overdue: 1"
    )
    assert Notification.objects.count() == 1
