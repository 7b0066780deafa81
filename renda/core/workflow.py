"""The workflow core: a case type declares its states and transitions; `perform` takes one.

A domain declares, in its own workflow.py:

    SUGGESTION = Workflow(
        "suggestion",
        states=SuggestionState,
        transitions=[
            Transition("accept", {"submitted"}, "accepted", allowed=is_staff_of_case),
            ...
        ],
    )

and its actions.py calls `perform(SUGGESTION, case=s, action="accept", actor=user, ...)`.
`perform` checks the rule, locks the row, changes the state, writes an append-only Event in
the same transaction and schedules notifications for after the commit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from renda.core.models import Event

if TYPE_CHECKING:
    # gettext_lazy's type in django-stubs; at run time it is a plain Promise.
    from django.utils.functional import _StrPromise as StrPromise

# A permission predicate: (user, case) -> bool. `rules` predicates fit.
Allowed = Callable[[Any, Any], bool]


class ActionError(Exception):
    """An action that cannot be taken. `status` is the HTTP status the API answers with."""

    status = 400

    def __init__(self, message: str | StrPromise, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field  # the input field at fault, for forms and API errors


class ActionForbidden(ActionError):
    """This user may not take this action on this case (HTTP 403)."""

    status = 403


class ActionConflict(ActionError):
    """The case's state does not allow the action, or someone acted first (HTTP 409)."""

    status = 409


class ActionInvalid(ActionError):
    """The action's input is wrong (HTTP 422); nothing was changed."""

    status = 422


@dataclass(frozen=True)
class Transition:
    action: str
    sources: AbstractSet[str]  # a set of the domain's states (an enum of str), kept frozen
    # None: the state does not change (a note, a contact, a reminder). A tuple: the action
    # chooses one of these states (an evaluation that sends a case back, say); the caller
    # passes it to perform() as `to_state`.
    target: str | tuple[str, ...] | None
    allowed: Allowed
    label: str | Promise = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "sources", frozenset(self.sources))

    @property
    def targets(self) -> frozenset[str]:
        if self.target is None:
            return frozenset()
        if isinstance(self.target, str):
            return frozenset({self.target})
        return frozenset(self.target)


@dataclass
class Workflow:
    name: str
    states: type[models.TextChoices]
    transitions: Iterable[Transition]
    state_field: str = "state"
    _by_action: dict[str, Transition] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        valid = set(self.states.values)
        for t in self.transitions:
            unknown = (set(t.sources) | t.targets) - valid
            if unknown:
                raise ValueError(f"{self.name}.{t.action}: unknown states {sorted(unknown)}")
            if t.action in self._by_action:
                raise ValueError(f"{self.name}: action {t.action!r} declared twice")
            self._by_action[t.action] = t

    @property
    def actions(self) -> list[str]:
        return list(self._by_action)

    def transition(self, action: str) -> Transition:
        try:
            return self._by_action[action]
        except KeyError:
            raise ActionInvalid(_("Unknown action: %(action)s") % {"action": action}) from None

    def state_of(self, case: models.Model) -> str:
        return str(getattr(case, self.state_field))

    def state_label(self, state: str) -> str:
        try:
            return str(self.states(state).label)
        except ValueError:
            return state

    def available(self, user: Any, case: models.Model) -> list[Transition]:
        """The actions this user may take on this case now (for buttons and the API)."""
        state = self.state_of(case)
        return [t for t in self._by_action.values() if state in t.sources and t.allowed(user, case)]

    def check(self, user: Any, case: models.Model, action: str) -> Transition:
        t = self.transition(action)
        if not t.allowed(user, case):
            raise ActionForbidden(_("You may not do this."))
        if self.state_of(case) not in t.sources:
            raise ActionConflict(
                _("This cannot be done while the case is “%(state)s”.")
                % {"state": self.state_label(self.state_of(case))}
            )
        return t


Notify = Callable[[Event], None]


def perform(
    workflow: Workflow,
    *,
    case: models.Model,
    action: str,
    actor: Any,
    comment: str = "",
    data: dict[str, Any] | None = None,
    apply: Callable[[Any], str | None] | None = None,
    notify: Notify | None = None,
    at: Any = None,
    to_state: str | None = None,
) -> Event:
    """Take `action` on `case` as `actor`, atomically.

    `apply(locked_case)` makes the domain's own changes (fields, related rows) inside the
    transaction, on the freshly locked row; raising ActionError there rolls everything back;
    returning a state picks the target of a transition that has several.
    `notify(event)` runs only after the transaction commits.
    """
    model = type(case)
    with transaction.atomic():
        locked = model._default_manager.select_for_update().get(pk=case.pk)
        transition = workflow.check(actor, locked, action)
        from_state = workflow.state_of(locked)
        # For a transition with several targets, apply() may choose one from what it found
        # under the lock (e.g. whether this reply was the last one missing).
        chosen = apply(locked) if apply is not None else None
        to_state = _target_state(transition, from_state, to_state or chosen)
        # Guarded like a compare-and-swap, so that two actors never both win even on a
        # database without row locks: the state we read must still be the state.
        won = model._default_manager.filter(
            pk=locked.pk, **{workflow.state_field: from_state}
        ).update(**{workflow.state_field: to_state})
        if won != 1:  # pragma: no cover - only reachable without row locks
            raise ActionConflict(_("Someone else acted on this case first."))
        setattr(locked, workflow.state_field, to_state)
        locked.save()
        event = record_event(
            case=locked,
            action=action,
            actor=actor,
            from_state=from_state,
            to_state=to_state,
            comment=comment,
            data=data,
            at=at,
        )
        if notify is not None:
            # robust: the action has committed; a failing notification is logged, and
            # must not make the caller report the action as failed.
            transaction.on_commit(lambda: notify(event), robust=True)
    # The caller's object reflects the new state too.
    for f in model._meta.concrete_fields:
        setattr(case, f.attname, getattr(locked, f.attname))
    return event


def _target_state(transition: Transition, from_state: str, chosen: str | None) -> str:
    if chosen is not None:
        if chosen not in transition.targets:
            raise ValueError(f"{transition.action} cannot lead to {chosen!r}")
        return chosen
    if isinstance(transition.target, tuple):
        raise ValueError(f"{transition.action} needs to_state, one of {transition.target}")
    return transition.target or from_state


def record_event(
    *,
    case: models.Model,
    action: str,
    actor: Any,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    data: dict[str, Any] | None = None,
    at: Any = None,
) -> Event:
    """Append an event to a case's history (for changes that are not transitions)."""
    congress_id = getattr(case, "congress_id", None)
    if congress_id is None:
        raise ValueError(f"{type(case).__name__} has no congress: every case belongs to one")
    return Event.objects.create(
        congress_id=congress_id,
        content_type=ContentType.objects.get_for_model(type(case)),
        object_id=case.pk,
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor=actor if getattr(actor, "pk", None) else None,
        at=at or timezone.now(),
        comment=comment,
        data=data or {},
    )


def history(case: models.Model) -> models.QuerySet[Event]:
    """A case's events, oldest first, with their actors."""
    return (
        Event.objects.filter(
            content_type=ContentType.objects.get_for_model(type(case)), object_id=case.pk
        )
        .select_related("actor")
        .order_by("at", "id")
    )
