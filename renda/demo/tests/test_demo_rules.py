"""The demo year keeps the platform's own rules: every event it writes is a legal step of its
case's declaration (source state, target state, the actor's rule), and for every demo account
each visibility rule's predicate and queryset filter agree on every row.

The demo builds its year in bulk for speed, "as the actions would have written it"; these
checks are what keep it so."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType

from renda.accounts.models import User
from renda.core.models import Event
from renda.core.predicates import SCOPES
from renda.core.workflow import WORKFLOWS, Workflow


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo year, built once for the module (committed), removed after it."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("demo", verbosity=0)
    yield
    with django_db_blocker.unblock():
        from renda.demo import clear

        clear()


@pytest.fixture
def accounts(demo: None, db: None) -> list[Any]:
    users = list(User.objects.filter(username__in=settings.DEMO_USERNAMES).order_by("username"))
    assert len(users) == len(settings.DEMO_USERNAMES)
    return [*users, AnonymousUser()]


def _declared() -> list[Workflow]:
    return [
        w
        for w in WORKFLOWS.values()
        if w.model is not None and w.model._meta.app_label != "caseapp"
    ]


def test_every_demo_event_is_a_legal_step_of_its_declaration(demo: None, db: None) -> None:
    problems: list[str] = []
    checked: dict[str, int] = defaultdict(int)
    for flow in _declared():
        model = flow.model
        assert model is not None
        ct = ContentType.objects.get_for_model(model)
        cases = {c.pk: c for c in model._default_manager.all()}
        history: dict[int, list[Event]] = defaultdict(list)
        for event in (
            Event.objects.filter(content_type=ct)
            .select_related("actor")
            .order_by("object_id", "at", "id")
        ):
            history[event.object_id].append(event)
        for pk, events in history.items():
            case = cases.get(pk)
            if case is None:
                problems.append(f"{flow.name} {pk}: events of a case that does not exist")
                continue
            state = None  # the state the history has reached
            for e in events:
                checked[flow.name] += 1
                where = f"{flow.name} {pk} {e.action} @ {e.at:%Y-%m-%d}"
                kind = flow.event_kind(e.action)
                if kind is not None:
                    if e.to_state:
                        state = e.to_state
                    continue
                if e.action not in flow.actions:
                    problems.append(f"{where}: not a transition nor a declared event")
                    continue
                t = flow.transition(e.action)
                if e.from_state not in t.sources:
                    problems.append(f"{where}: from {e.from_state!r}, not one of its sources")
                if state is not None and e.from_state != state:
                    problems.append(f"{where}: from {e.from_state!r} after reaching {state!r}")
                expected = t.targets or {e.from_state}
                if e.to_state not in expected:
                    problems.append(f"{where}: to {e.to_state!r}, not one of {sorted(expected)}")
                state = e.to_state
                if t.system:
                    if e.actor_id is not None:
                        problems.append(f"{where}: a system transition taken by a user")
                    continue
                # The actor's rule, on the case as it stood: its state then, its rows now.
                setattr(case, flow.state_field, e.from_state)
                rule = t.historic or t.allowed
                # No user: the public (a constituent rating by receipt code, say).
                if not rule(e.actor or AnonymousUser(), case):
                    problems.append(f"{where}: {e.actor} may not take it")
            setattr(case, flow.state_field, state)
            if state is not None and flow.state_of(case) != getattr(
                model._default_manager.get(pk=pk), flow.state_field
            ):
                problems.append(f"{flow.name} {pk}: its history ends elsewhere than its state")
    # The whole year of each case type the demo writes, not an empty history.
    assert checked["suggestion"] > 3_000 and checked["motion"] >= 3, dict(checked)
    assert checked["constituent_opinion"] > 10_000 and checked["regulation"] > 20, dict(checked)
    assert checked["consultation"] > 10 and checked["opinion"] > 400, dict(checked)
    assert checked["meeting"] > 50, dict(checked)  # the standing committee's, with attendees
    assert checked["inspection_problem"] > 1_500, dict(checked)  # found, referred, verified
    assert problems == [], f"{len(problems)} illegal demo events, e.g. {problems[:10]}"


def test_every_visibility_rule_agrees_with_its_filter_for_every_demo_account(
    accounts: list[Any],
) -> None:
    assert SCOPES, "no visibility rule is registered"
    disagreements: list[str] = []
    for registered in SCOPES:
        model = registered.model
        if isinstance(model, str):
            model = apps.get_model(model)
        rows = list(model._default_manager.all())
        assert rows, f"the demo year has no {model._meta.label}"
        for user in accounts:
            listed = set(
                registered.scope.rows(user, model._default_manager.all()).values_list(
                    "pk", flat=True
                )
            )
            for row in rows:
                if user.has_perm(registered.perm, row) != (row.pk in listed):
                    disagreements.append(f"{registered.perm} {row.pk} for {user}")
    assert disagreements == [], f"{len(disagreements)}, e.g. {disagreements[:10]}"


def test_the_search_keys_show_every_demo_account_what_its_lists_show(
    accounts: list[Any],
) -> None:
    """A user with a key (renda.search.registry.Seers: a unit, a station, a deputy) finds
    through the index rows holding it exactly the rows their lists show them."""
    from renda.search.tests.conftest import keys_against_lists

    wrong, checked = keys_against_lists(accounts)
    assert wrong == []
    assert checked > 100, "the demo's handler, operator and deputy find too little to check"


def test_a_unit_reassigned_away_no_longer_reads_the_suggestion(accounts: list[Any]) -> None:
    """The leak issue 11 found: the list, the API and the page followed a filter without the
    assignment's `active`, while the rule had it."""
    from renda.suggestions.models import Assignment
    from renda.suggestions.queries import visible_to

    handler = next(u for u in accounts if getattr(u, "username", "") == "handler")
    a = Assignment.objects.filter(unit_id=handler.unit_id, active=True).first()
    assert a is not None
    Assignment.objects.filter(pk=a.pk).update(active=False)
    assert not visible_to(handler).filter(pk=a.suggestion_id).exists()
    assert not handler.has_perm("suggestions.view_suggestion", a.suggestion)
