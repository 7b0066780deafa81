"""One timeline for every case: its events, oldest first, each named and described as its
declaration says (a transition's label or past tense, an event kind's label, the detail line
its `describe` gives), with who acted and the change of state."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.translation import gettext as _

from renda.core.models import Event
from renda.core.workflow import EventKind, Transition, Workflow, history, workflow_for


@dataclass(frozen=True)
class RecordHistory:
    """The events of a record that has no states (a station's activity, a duty record): how
    the timeline names and describes them."""

    model: type[models.Model]
    events: Iterable[EventKind]
    refs: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "events", tuple(self.events))
        _RECORDS[self.model] = self


_RECORDS: dict[type[models.Model], RecordHistory] = {}


@dataclass
class TimelineEntry:
    event: Event
    label: str
    detail: str
    who: str
    from_label: str
    to_label: str

    @property
    def system(self) -> bool:
        return self.event.actor_id is None


def _names(refs: Mapping[str, Any], events: list[Event]) -> dict[str, dict[Any, str]]:
    """The names of the rows events refer to, one query per kind of row."""
    names: dict[str, dict[Any, str]] = {}
    for key, model in refs.items():
        if isinstance(model, str):
            model = apps.get_model(model)
        ids: set[int] = set()
        for e in events:
            value = (e.data or {}).get(key) if isinstance(e.data, dict) else None
            if isinstance(value, list):
                ids.update(v for v in value if isinstance(v, int))
            elif isinstance(value, int):
                ids.add(value)
        rows = model._default_manager.filter(pk__in=ids) if ids else []
        names[key] = {row.pk: str(row) for row in rows}
    return names


def _who(event: Event, kind: EventKind | Transition | None) -> str:
    actor = event.actor
    if actor is not None:
        role = actor.get_role_display() if actor.role else ""
        return f"{actor.display_name} ({role})" if role else actor.display_name
    if kind is not None and kind.actor_label:
        return str(kind.actor_label)
    return _("the system")


def timeline(case: models.Model, events: list[Event] | None = None) -> list[TimelineEntry]:
    """The case's timeline (`events`: already read, else its history)."""
    events = list(history(case)) if events is None else events
    flow: Workflow | None = workflow_for(case)
    record = _RECORDS.get(type(case))
    refs = flow.refs if flow is not None else (record.refs if record else {})
    names = _names(refs, events)
    kinds = {k.action: k for k in record.events} if record is not None else {}
    entries = []
    for e in events:
        kind: EventKind | None = None
        transition = None
        if flow is not None:
            kind = flow.event_kind(e.action)
            if kind is None and e.action in flow.actions:
                transition = flow.transition(e.action)
        else:
            kind = kinds.get(e.action)
        describe = None
        if transition is not None:
            label = str(transition.history_label)
            describe = transition.describe
        elif kind is not None:
            label = str(kind.label)
            describe = kind.describe
        else:
            label = e.action
        changed = bool(e.from_state and e.to_state and e.from_state != e.to_state)
        entries.append(
            TimelineEntry(
                event=e,
                label=label,
                detail=describe(e, names) if describe is not None else "",
                who=_who(e, transition or kind),
                from_label=flow.state_label(e.from_state) if changed and flow else "",
                to_label=flow.state_label(e.to_state) if changed and flow else "",
            )
        )
    return entries
