"""The demo year's suggestions: the work report's 2024 figures, and work waiting now."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from renda.accounts.models import User
from renda.core.deadlines import waiting_for
from renda.core.models import Event, Poll
from renda.core.workflow import history
from renda.suggestions.models import Motion, Suggestion


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        call_command("demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        from renda.demo import clear

        clear()


pytestmark = pytest.mark.usefixtures("demo")


@pytest.mark.django_db
def test_2024_has_333_suggestions_324_from_the_session_and_9_direct_ones():
    rows = Suggestion.objects.filter(year=2024)
    assert rows.count() == 333
    assert rows.filter(period="session").count() == 324
    assert rows.filter(period="recess").count() == 9
    assert set(rows.values_list("state", flat=True)) == {"evaluated"}
    assert not rows.filter(replies__isnull=True).exists()


@pytest.mark.django_db
def test_stats_for_2024_are_computed_from_the_demo_rows():
    out = io.StringIO()
    call_command("stats", year=2024, json=True, stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["suggestions"] == 333
    assert figures["suggestions_session"] == 324
    assert figures["suggestions_recess"] == 9
    assert figures["suggestions_answered"] == 333
    assert figures["key_suggestions"] == 11
    assert figures["motions"] == 3


@pytest.mark.django_db
def test_eleven_key_suggestions_of_2024_have_closed_polls_with_votes():
    polls = Poll.objects.filter(
        pk__in=Suggestion.objects.filter(year=2024).values("poll")
    ).annotate(n=Count("votes"))
    assert polls.count() == 11
    assert all(p.closed_at and p.n >= 30 for p in polls)


@pytest.mark.django_db
def test_every_2024_history_runs_from_submit_to_evaluate_in_order():
    for s in Suggestion.objects.filter(year=2024):
        events = list(history(s))
        steps = [e for e in events if not e.action.startswith("poll_")]
        assert steps[0].action == "submit" and steps[-1].action == "evaluate"
        assert [e.at for e in events] == sorted(e.at for e in events)
        assert steps[-1].to_state == "evaluated"
        assert {"accept", "assign", "communicate", "reply"} <= {e.action for e in steps}
    assert not Event.objects.filter(at__gt=timezone.now()).exists()


@pytest.mark.django_db
def test_some_2024_suggestions_were_handled_again_after_a_dissatisfied_evaluation():
    again = Suggestion.objects.filter(year=2024, handling_round=2)
    assert again.count() >= 3
    s = again.first()
    assert [e.result for e in s.evaluations.all()][0] == "dissatisfied"


@pytest.mark.django_db
def test_three_motions_in_2024():
    assert Motion.objects.filter(year=2024).count() == 3


@pytest.mark.django_db
def test_the_current_year_has_suggestions_at_every_step():
    year = timezone.localdate().year
    states = set(Suggestion.objects.filter(year=year).values_list("state", flat=True))
    assert {
        "cosigning",
        "submitted",
        "returned",
        "accepted",
        "assigned",
        "replied",
        "rehandling",
        "evaluated",
    } <= states


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["staff", "deputy", "deputy2", "handler", "leader"])
def test_each_demo_account_has_work_waiting(username):
    assert waiting_for(User.objects.get(username=username)).exists()


@pytest.mark.django_db
def test_some_of_the_handlers_work_is_overdue():
    handler = User.objects.get(username="handler")
    today = timezone.localdate()
    assert any(d.due_date < today for d in waiting_for(handler))
