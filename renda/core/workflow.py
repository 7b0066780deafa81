"""The workflow core: a case type is a declaration; `perform` takes one of its transitions.

A domain declares, in its own workflow.py, everything core needs to render and run its cases:

    SUGGESTION = Workflow(
        "suggestion",
        model=Suggestion,
        states=SuggestionState,
        tones={S.SUBMITTED: "info", ...},              # badge colour of each state
        groups={"handling": {S.ASSIGNED, S.REHANDLING}},  # named sets of states
        transitions=[
            Transition("accept", {"submitted"}, "accepted", staff_of_congress, _("Accept"),
                       done=_("The suggestion is accepted.")),
            ...
        ],
        events=[EventKind("submit", _("Submitted"))],  # history that is not a transition
        order=["accept", ...],                          # how a page lists the actions
        settings=[Setting("reply_months", 3, _("…"), _("statutory source"))],
    )

and its actions.py binds one function to each transition, with the payload it takes:

    @SUGGESTION.action("accept", payload=AcceptIn)
    def suggestion_accept(*, suggestion, actor, comment=""):
        ...
        return perform(SUGGESTION, case=suggestion, action="accept", actor=actor, apply=apply)

From that, core renders state badges (`{% state_badge %}`), timelines (core.timeline), each
case page's action forms (core.actionforms, core.pages) and the API's action routes
(core.api.add_case_routes); `renda remind` runs the system transitions the declaration
schedules (expiry). `perform` checks the rule, locks the row, changes the state, writes an
append-only Event in the same transaction and schedules notifications for after the commit.
"""

from __future__ import annotations

import datetime
import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import rules
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from renda.core.models import Event
from renda.core.settings_registry import Setting, register_settings

if TYPE_CHECKING:
    # gettext_lazy's type in django-stubs; at run time it is a plain Promise.
    from django.utils.functional import _StrPromise as StrPromise

# A permission predicate: (user, case) -> bool. `rules` predicates fit.
Allowed = Callable[[Any, Any], bool]
# What a timeline says of one event beyond its label: (event, names) -> a short line, where
# names["unit"][7] is the name of the row the event's data calls "unit" (see Workflow.refs).
Describe = Callable[[Event, Mapping[str, Mapping[Any, str]]], str]

TONES = ("success", "warning", "danger", "neutral", "info")


def describe_choice(choices: Any, key: str) -> Describe:
    """A timeline detail: the label of the choice (a TextChoices) the event's data names under
    `key` (the reply's category, the handling opinion…); nothing for another value."""

    def describe(event: Event, names: Mapping[str, Mapping[Any, str]]) -> str:
        value = (event.data or {}).get(key)
        return str(choices(value).label) if value in choices.values else ""

    return describe


STYLES = ("primary", "secondary", "danger")


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


class SystemActor:
    """Who takes a system transition (an expiry, an automatic closing): no user. Events it
    writes have no actor; only transitions declared `system=True` accept it."""

    pk = None
    id = None
    is_authenticated = False
    is_active = True
    is_system = True
    role = ""
    congress_id = None
    unit_id = None
    station_id = None
    deputy_id = None
    display_name = ""

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = SystemActor()


@rules.predicate
def is_system(user: Any, case: Any = None) -> bool:
    return user is SYSTEM


@dataclass(frozen=True)
class Transition:
    action: str
    sources: AbstractSet[str]  # a set of the domain's states (an enum of str), kept frozen
    # None: the state does not change (a note, a contact, a reminder). A tuple: the action
    # chooses one of these states (an evaluation that sends a case back, say), by returning
    # Goto(state) from its apply() or passing to_state to perform().
    target: str | tuple[str, ...] | None
    allowed: Allowed
    label: str | Promise = ""  # the button and the API summary: "Reply"
    done: str | Promise = ""  # what the page says once it is taken: "The reply is recorded."
    style: str = "primary"  # the button: primary, secondary or danger
    past: str | Promise = ""  # how the timeline names it, when not the label: "Replied"
    describe: Describe | None = None  # the timeline's detail line for its events
    system: bool = False  # taken by the system (SYSTEM), scheduled by `renda remind`
    # The rule as it can be checked afterwards, where `allowed` reads rows that this or a
    # later step changes (a co-signer no longer pending once they confirmed; a unit that
    # was reassigned away): what the check of a history (the demo's) asks.
    historic: Allowed | None = None
    # Who the timeline names when its event has no user (a constituent rating by a receipt
    # code, say); else the system.
    actor_label: str | Promise | None = None
    # Irreversible: pages ask to confirm before taking it (core.pages.run_action_form shows
    # a confirmation step first, without JavaScript). True, or what will happen, in words.
    confirm: bool | str | Promise = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "sources", frozenset(self.sources))
        if self.style not in STYLES:
            raise ValueError(f"{self.action}: style must be one of {STYLES}")

    @property
    def targets(self) -> frozenset[str]:
        if self.target is None:
            return frozenset()
        if isinstance(self.target, str):
            return frozenset({self.target})
        return frozenset(self.target)

    @property
    def history_label(self) -> str | Promise:
        return self.past or self.label


@dataclass(frozen=True)
class EventKind:
    """An event that is not a transition (the submission, a reminder), for the timeline."""

    action: str
    label: str | Promise
    describe: Describe | None = None
    # Who the timeline names when the event has no user (e.g. "the constituent"); else the
    # system.
    actor_label: str | Promise | None = None


# Events core writes on every case type.
CORE_EVENTS = (
    EventKind("remind.soon", _("Reminder: due soon")),
    EventKind("remind.overdue", _("Warning: overdue")),
)


class Goto(NamedTuple):
    """What an apply() returns to choose the next state among a transition's targets, with
    the value perform() hands back to the action."""

    state: str
    value: Any = None


@dataclass(frozen=True)
class Binding:
    """The function of actions.py that takes a transition, and the payload it takes."""

    fn: Callable[..., Any]
    payload: type | None  # a core.schemas.ActionIn subclass; None: nothing to send
    case_arg: str  # the keyword the function takes the case by


@dataclass(frozen=True)
class Scheduled:
    """A system transition `renda remind` takes on every case `due(today)` returns."""

    action: str
    due: Callable[[datetime.date], Iterable[models.Model]]


WORKFLOWS: dict[str, Workflow] = {}
_BY_MODEL: dict[type[models.Model], Workflow] = {}


@dataclass
class Workflow:
    name: str
    states: type[models.TextChoices]
    transitions: Iterable[Transition]
    state_field: str = "state"
    model: type[models.Model] | None = None
    tones: Mapping[str, str] = field(default_factory=dict)
    groups: Mapping[str, AbstractSet[str]] = field(default_factory=dict)
    events: Iterable[EventKind] = ()
    order: Sequence[str] = ()  # the actions as a page lists them; default: as declared
    refs: Mapping[str, Any] = field(default_factory=dict)  # data key -> model, for names
    settings: Iterable[Setting] = ()
    schedule: Iterable[Scheduled] = ()
    case_arg: str = ""  # how action functions name the case; default: the model's name
    _by_action: dict[str, Transition] = field(init=False, default_factory=dict)
    _events: dict[str, EventKind] = field(init=False, default_factory=dict)
    _bindings: dict[str, Binding] = field(init=False, default_factory=dict)
    _forms: dict[str, type] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        valid = set(self.states.values)
        self.transitions = list(self.transitions)
        for t in self.transitions:
            unknown = (set(t.sources) | t.targets) - valid
            if unknown:
                raise ValueError(f"{self.name}.{t.action}: unknown states {sorted(unknown)}")
            if t.action in self._by_action:
                raise ValueError(f"{self.name}: action {t.action!r} declared twice")
            self._by_action[t.action] = t
        for kind in (*CORE_EVENTS, *self.events):
            if kind.action in self._by_action:
                raise ValueError(f"{self.name}: {kind.action!r} is a transition, not an event")
            self._events[kind.action] = kind
        for state, tone in self.tones.items():
            if state not in valid or tone not in TONES:
                raise ValueError(f"{self.name}: bad tone {tone!r} for {state!r}")
        if self.tones and set(self.tones) != valid:
            missing = sorted(valid - set(self.tones))
            raise ValueError(f"{self.name}: no tone for states {missing}")
        self.groups = {name: frozenset(states) for name, states in self.groups.items()}
        for name, states in self.groups.items():
            if set(states) - valid:
                raise ValueError(f"{self.name}: group {name!r} has unknown states")
        self.order = list(self.order) or [t.action for t in self.transitions]
        if set(self.order) - set(self._by_action):
            raise ValueError(f"{self.name}: order names unknown actions")
        self.schedule = list(self.schedule)
        for task in self.schedule:
            if not self.transition(task.action).system:
                raise ValueError(f"{self.name}.{task.action}: scheduled but not a system one")
        register_settings(self.settings)
        if self.model is not None and not self.case_arg:
            self.case_arg = self.model._meta.model_name or ""
        WORKFLOWS[self.name] = self
        if self.model is not None:
            _BY_MODEL[self.model] = self

    # --- the declaration, read ---------------------------------------------------------

    @property
    def actions(self) -> list[str]:
        return list(self._by_action)

    def transition(self, action: str) -> Transition:
        try:
            return self._by_action[action]
        except KeyError:
            raise ActionInvalid(_("Unknown action: %(action)s") % {"action": action}) from None

    def event_kind(self, action: str) -> EventKind | None:
        return self._events.get(action)

    def group(self, name: str) -> frozenset[str]:
        return frozenset(self.groups[name])

    def state_of(self, case: models.Model) -> str:
        return str(getattr(case, self.state_field))

    def state_label(self, state: str) -> str:
        try:
            return str(self.states(state).label)
        except ValueError:
            return state

    def tone(self, state: str) -> str:
        return self.tones.get(state, "neutral")

    def consequence(self, action: str) -> str:
        """What a confirmation step says will happen (for a transition declared `confirm`):
        its own words, else the state it leads to."""
        t = self.transition(action)
        if t.confirm and t.confirm is not True:
            return str(t.confirm)
        if isinstance(t.target, str):
            return _("Once done, it is “%(state)s”. This cannot be undone.") % {
                "state": self.state_label(t.target)
            }
        return str(_("This cannot be undone."))

    def rank(self, action: str) -> int:
        """Where a page lists this action: the usual next step first, the rare ones last."""
        return self.order.index(action) if action in self.order else len(self.order)

    def available(self, user: Any, case: models.Model) -> list[Transition]:
        """The actions this user may take on this case now, in the page's order."""
        state = self.state_of(case)
        found = [
            t
            for t in self._by_action.values()
            if not t.system and state in t.sources and t.allowed(user, case)
        ]
        return sorted(found, key=lambda t: self.rank(t.action))

    def check(self, user: Any, case: models.Model, action: str) -> Transition:
        t = self.transition(action)
        if t.system != (user is SYSTEM) or not t.allowed(user, case):
            raise ActionForbidden(_("You may not do this."))
        if self.state_of(case) not in t.sources:
            raise ActionConflict(
                _("This cannot be done while the case is “%(state)s”.")
                % {"state": self.state_label(self.state_of(case))}
            )
        return t

    # --- actions bound to transitions --------------------------------------------------

    def action(
        self, name: str, *, payload: type | None = None, case: str = ""
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Bind the function of actions.py that takes transition `name`, with the payload
        schema it takes (pages derive its form, the API its route). The function runs in one
        transaction: its follow-up writes commit or roll back with the transition."""
        self.transition(name)

        def bind(fn: Callable[..., Any]) -> Callable[..., Any]:
            case_arg = case or self.case_arg
            # Checked here, at import: a function that names the case otherwise would fail
            # only when a page or an API route takes the action.
            if case_arg not in inspect.signature(fn).parameters:
                raise TypeError(f"{self.name}.{name}: {fn.__name__}() takes no {case_arg!r}")
            atomic = transaction.atomic(fn)
            self._bindings[name] = Binding(atomic, payload, case_arg)
            return atomic

        return bind

    def binding(self, action: str) -> Binding:
        self.transition(action)
        try:
            return self._bindings[action]
        except KeyError:
            raise LookupError(f"{self.name}.{action}: no action function is bound") from None

    @property
    def bound_actions(self) -> list[str]:
        return [a for a in self.order if a in self._bindings] + [
            a for a in self._bindings if a not in self.order
        ]

    def take(
        self, action: str, *, case: models.Model, actor: Any, payload: Any = None, **extra: Any
    ) -> Any:
        """Take an action through its bound function, with its payload's arguments (ids in
        the payload are turned into rows the actor may name: see ActionIn.arguments)."""
        b = self.binding(action)
        args = payload.arguments(actor, case) if payload is not None else {}
        return b.fn(**{b.case_arg: case, "actor": actor, **args, **extra})

    def register_form(self, action: str, form_class: type) -> None:
        self.transition(action)
        self._forms[action] = form_class

    def custom_form(self, action: str) -> type | None:
        return self._forms.get(action)

    def run_scheduled(self, today: datetime.date) -> int:
        """Take every scheduled system transition that is due; idempotent (a case someone
        else moved first is skipped)."""
        taken = 0
        for task in self.schedule:
            for case in task.due(today):
                try:
                    self.take(task.action, case=case, actor=SYSTEM)
                except ActionConflict:
                    continue
                taken += 1
        return taken


def workflow_for(model_or_case: Any) -> Workflow | None:
    """The declaration of a case's type (by its model class or an instance)."""
    model = model_or_case if isinstance(model_or_case, type) else type(model_or_case)
    return _BY_MODEL.get(model)


def run_scheduled(today: datetime.date | None = None) -> int:
    """Every workflow's due system transitions (for `renda remind`)."""
    day = today or timezone.localdate()
    return sum(w.run_scheduled(day) for w in list(WORKFLOWS.values()))


Notify = Callable[[Event], None]


def perform(
    workflow: Workflow,
    *,
    case: models.Model,
    action: str,
    actor: Any,
    comment: str = "",
    data: dict[str, Any] | None = None,
    apply: Callable[[Any], Any] | None = None,
    notify: Notify | None = None,
    at: Any = None,
    to_state: str | None = None,
) -> Any:
    """Take `action` on `case` as `actor`, atomically; return what apply() returned (the
    reply it wrote, say), or the event when it returned nothing.

    `apply(locked_case)` makes the domain's own changes (fields, related rows) inside the
    transaction, on the freshly locked row; raising ActionError there rolls everything back;
    returning Goto(state, value) picks the target of a transition that has several.
    `notify(event)` runs only after the transaction commits.
    """
    model = type(case)
    with transaction.atomic():
        locked = model._default_manager.select_for_update().get(pk=case.pk)
        transition = workflow.check(actor, locked, action)
        from_state = workflow.state_of(locked)
        # For a transition with several targets, apply() may choose one from what it found
        # under the lock (e.g. whether this reply was the last one missing).
        value = apply(locked) if apply is not None else None
        if isinstance(value, Goto):
            to_state = to_state or value.state
            value = value.value
        to_state = _target_state(transition, from_state, to_state)
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
    return event if value is None else value


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
