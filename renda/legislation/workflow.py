"""The declarations of legislation's four case types: regulations through their stages,
consultations on a draft, the opinions given in them, and agenda-topic solicitations.

Each says its states with their badge tones and named groups (import the groups from here),
its transitions with the rule, label, message and button of each, the events that are not
transitions, how a timeline describes them, and, for consultations, the window's length and
the expiry `renda remind` takes when a window ends.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.core.models import Event
from renda.core.predicates import has_deputyship, same_congress, staff_of_congress
from renda.core.settings_registry import Setting
from renda.core.workflow import EventKind, Scheduled, Transition, Workflow, is_system
from renda.legislation.models import (
    Consultation,
    Opinion,
    OpinionSource,
    Regulation,
    TopicSolicitation,
)
from renda.legislation.models import ConsultationState as C
from renda.legislation.models import OpinionState as O
from renda.legislation.models import RegulationState as R
from renda.legislation.models import TopicSolicitationState as T

Names = Mapping[str, Mapping[Any, str]]


# --- how a timeline describes an event ---------------------------------------------------------


def _on_day(event: Event, names: Names) -> str:
    """A stage happens on a meeting day, which staff give (not the day they record it)."""
    return str(event.data.get("date", ""))


def _version(event: Event, names: Names) -> str:
    return _("Version %(number)s") % {"number": event.data.get("number", "")}


def _label_of(choices: Any, key: str) -> Any:
    """The label of the choice the event's data names under `key` (a stage, a source)."""

    def describe(event: Event, names: Names) -> str:
        value = event.data.get(key, "")
        return str(choices(value).label) if value in choices.values else ""

    return describe


def _window(event: Event, names: Names) -> str:
    return f"{event.data.get('from', '')} → {event.data.get('to', '')}"


def _window_ended(event: Event, names: Names) -> str:
    return _("The window ended on %(date)s.") % {"date": event.data.get("closes_on", "")}


def _led_to(event: Event, names: Names) -> str:
    return names["led_to"].get(event.data.get("led_to"), "")


def _topic(event: Event, names: Names) -> str:
    return names["topic"].get(event.data.get("topic"), "")


# --- regulations (地方性法规) ---------------------------------------------------------------------

_readings = {R.FIRST_READING, R.SECOND_READING, R.THIRD_READING}
_stage_done = gettext_lazy("The stage is recorded.")


def _stage_transition(
    action: str, sources: AbstractSet[str], target: str, label: Any
) -> Transition:
    # Every stage change is staff's: they record what the standing committee did on a
    # meeting day, which the timeline shows.
    return Transition(
        action, sources, target, staff_of_congress, label, done=_stage_done, describe=_on_day
    )


REGULATION = Workflow(
    "regulation",
    model=Regulation,
    states=R,
    tones={
        R.PLAN: "info",
        R.DRAFTING: "warning",
        R.FIRST_READING: "warning",
        R.SECOND_READING: "warning",
        R.THIRD_READING: "warning",
        R.ADOPTED: "success",
        R.APPROVED: "success",
        R.PROMULGATED: "success",
        R.IN_FORCE: "success",
        R.WITHDRAWN: "neutral",
    },
    groups={
        "readings": _readings,
        # No new version of the draft is imported once it is adopted or withdrawn.
        "drafting_over": {R.ADOPTED, R.APPROVED, R.PROMULGATED, R.IN_FORCE, R.WITHDRAWN},
    },
    transitions=[
        _stage_transition("start_drafting", {R.PLAN}, R.DRAFTING, gettext_lazy("Start drafting")),
        _stage_transition(
            "first_reading", {R.DRAFTING}, R.FIRST_READING, gettext_lazy("First reading")
        ),
        _stage_transition(
            "second_reading",
            {R.FIRST_READING},
            R.SECOND_READING,
            gettext_lazy("Second reading"),
        ),
        _stage_transition(
            "third_reading", {R.SECOND_READING}, R.THIRD_READING, gettext_lazy("Third reading")
        ),
        # From the first reading only for an amendment (修正), checked in actions.
        _stage_transition("adopt", _readings, R.ADOPTED, gettext_lazy("Adopted by vote")),
        _stage_transition(
            "approve", {R.ADOPTED}, R.APPROVED, gettext_lazy("Approved by the province")
        ),
        # Straight from adoption only for a congress that needs no approval, see actions.
        _stage_transition(
            "promulgate", {R.ADOPTED, R.APPROVED}, R.PROMULGATED, gettext_lazy("Promulgate")
        ),
        _stage_transition(
            "enter_into_force", {R.PROMULGATED}, R.IN_FORCE, gettext_lazy("Enter into force")
        ),
        Transition(
            "withdraw",
            {R.PLAN, R.DRAFTING, *_readings},
            R.WITHDRAWN,
            staff_of_congress,
            gettext_lazy("Withdraw"),
            done=_stage_done,
            style="danger",
            describe=_on_day,
            confirm=True,
        ),
    ],
    # The next stage first, as a regulation takes them; withdrawing last.
    order=[
        "start_drafting",
        "first_reading",
        "second_reading",
        "third_reading",
        "adopt",
        "approve",
        "promulgate",
        "enter_into_force",
        "withdraw",
    ],
    events=[
        EventKind("create", gettext_lazy("Listed in the plan"), describe=_on_day),
        EventKind("import_draft", gettext_lazy("Draft version imported"), describe=_version),
        EventKind(
            "add_document", gettext_lazy("Stage document added"), describe=_label_of(R, "stage")
        ),
    ],
)

READINGS = REGULATION.group("readings")
DRAFTING_OVER = REGULATION.group("drafting_over")


# --- consultations (征求意见) -----------------------------------------------------------------


def _ended(today: datetime.date) -> QuerySet[Consultation]:
    """Open consultations whose window ended before today."""
    return Consultation.objects.filter(state=C.OPEN, closes_on__lt=today).order_by("pk")


CONSULTATION = Workflow(
    "consultation",
    model=Consultation,
    states=C,
    tones={C.DRAFT: "warning", C.OPEN: "success", C.CLOSED: "neutral"},
    # Opened at some time: the public may have commented (a closed one still shows so).
    groups={"opened": {C.OPEN, C.CLOSED}},
    settings=[
        Setting(
            "consultation_days",
            30,
            gettext_lazy("Days a draft is open for comment"),
            gettext_lazy("Legislation law: generally at least 30 days"),
        )
    ],
    transitions=[
        Transition(
            "open",
            {C.DRAFT},
            C.OPEN,
            staff_of_congress,
            gettext_lazy("Open for comment"),
            done=gettext_lazy("Open for comment: the deputies and the contact points are told."),
        ),
        Transition(
            "extend",
            {C.OPEN},
            None,
            staff_of_congress,
            gettext_lazy("Extend the window"),
            done=gettext_lazy("The window is extended."),
            style="secondary",
            describe=_window,
        ),
        Transition(
            "close",
            {C.OPEN},
            C.CLOSED,
            staff_of_congress,
            gettext_lazy("Close now"),
            done=gettext_lazy("The consultation is closed."),
            style="danger",
            past=gettext_lazy("Closed"),
            confirm=True,
        ),
        # `renda remind` closes a consultation the day after its window ends.
        Transition(
            "expire",
            {C.OPEN},
            C.CLOSED,
            is_system,
            gettext_lazy("Closed when its window ended"),
            describe=_window_ended,
            system=True,
        ),
    ],
    events=[EventKind("create", gettext_lazy("Prepared"))],
    order=["open", "extend", "close"],
    schedule=[Scheduled("expire", _ended)],
)

OPENED = CONSULTATION.group("opened")


# --- opinions on a draft (意见) ----------------------------------------------------------------

_outcomes = (O.ADOPTED, O.PARTLY_ADOPTED, O.NOT_ADOPTED)
_awaiting = {O.RECEIVED, O.PUBLISHED}

OPINION = Workflow(
    "opinion",
    model=Opinion,
    states=O,
    tones={
        O.PENDING: "warning",
        O.REJECTED: "neutral",
        O.PUBLISHED: "info",
        O.RECEIVED: "info",
        O.ADOPTED: "success",
        O.PARTLY_ADOPTED: "success",
        O.NOT_ADOPTED: "danger",
    },
    groups={
        "awaiting_handling": _awaiting,
        "handled": set(_outcomes),
        # Adopted in whole or in part (采纳 and 部分采纳 both count as adopted).
        "adopted": {O.ADOPTED, O.PARTLY_ADOPTED},
        # Opinions that count: moderated spam (rejected) and unmoderated posts are none yet.
        "counted": {*_awaiting, *_outcomes},
    },
    transitions=[
        Transition(
            "publish",
            {O.PENDING},
            O.PUBLISHED,
            staff_of_congress,
            gettext_lazy("Publish"),
            done=gettext_lazy("Published for handling."),
        ),
        Transition(
            "reject",
            {O.PENDING},
            O.REJECTED,
            staff_of_congress,
            gettext_lazy("Do not publish"),
            done=gettext_lazy("Kept out."),
            style="danger",
            confirm=True,
        ),
        # Handling again corrects an outcome (e.g. once the next version is drafted).
        Transition(
            "handle",
            {*_awaiting, *_outcomes},
            _outcomes,
            staff_of_congress,
            gettext_lazy("Record the outcome"),
            done=gettext_lazy("The outcome is recorded; the contributor is told."),
            describe=_led_to,
        ),
        Transition(
            "link_change",
            {O.ADOPTED, O.PARTLY_ADOPTED},
            None,
            staff_of_congress,
            gettext_lazy("Link to the change made"),
            done=gettext_lazy("The change is linked to the opinion."),
            style="secondary",
            describe=_led_to,
        ),
    ],
    events=[
        EventKind(
            "submit",
            gettext_lazy("Submitted"),
            describe=_label_of(OpinionSource, "source"),
            actor_label=gettext_lazy("the public"),
        )
    ],
    order=["publish", "reject", "handle", "link_change"],
    refs={"led_to": "legislation.DraftNode"},
)

AWAITING_HANDLING = OPINION.group("awaiting_handling")
HANDLED = OPINION.group("handled")
ADOPTED_OPINIONS = OPINION.group("adopted")
COUNTED_OPINIONS = OPINION.group("counted")
# The outcomes of handling, in the order a form offers them.
OUTCOMES: tuple[str, ...] = _outcomes


# --- agenda topic solicitations (议题征集) -----------------------------------------------------

TOPIC_SOLICITATION = Workflow(
    "topic_solicitation",
    model=TopicSolicitation,
    states=T,
    tones={T.OPEN: "success", T.CLOSED: "neutral"},
    transitions=[
        Transition(
            "answer",
            {T.OPEN},
            None,
            has_deputyship & same_congress,
            gettext_lazy("Give an opinion"),
            done=gettext_lazy("Your opinion is recorded."),
            describe=_topic,
        ),
        Transition(
            "close",
            {T.OPEN},
            T.CLOSED,
            staff_of_congress,
            gettext_lazy("Close and summarise"),
            done=gettext_lazy("Closed; the summary is kept with the answers."),
            confirm=True,
        ),
    ],
    events=[EventKind("create", gettext_lazy("Deputies asked for their opinions"))],
    order=["answer", "close"],
    refs={"topic": "legislation.AgendaTopic"},
    case_arg="solicitation",
)
