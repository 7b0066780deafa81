"""A petition under the State Council's 信访工作条例 (2022): registered; accepted within 15 days
(handled by the petitions office, forwarded to the body competent or assigned with a report
required) or not accepted, the petitioner told either way; answered in writing within 60 days
(extendable once by 30); a review (复查) and then a re-examination (复核) may be asked within 30
days of each answer; closed once the window ends. Key cases are supervised by a leader, with
instructions and their follow-up; a petition may be passed to a contact station's deputies."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from renda.core.models import Event
from renda.core.settings_registry import Setting
from renda.core.workflow import (
    EventKind,
    Scheduled,
    Transition,
    Workflow,
    describe_choice,
    is_system,
)
from renda.petitions.models import (
    AnswerResult,
    HandlingMode,
    Petition,
    Rating,
    ReviewResult,
)
from renda.petitions.models import PetitionState as S
from renda.petitions.rules import (
    follows_up,
    handles_petition,
    is_petitioner,
    is_supervisor,
    officer_of_congress,
)

Names = Mapping[str, Mapping[Any, str]]


def _accepted(event: Event, names: Names) -> str:
    data = event.data or {}
    mode = data.get("mode")
    label = str(HandlingMode(mode).label) if mode in HandlingMode.values else ""
    unit = names.get("unit", {}).get(data.get("unit"))
    return f"{label} · {unit}" if unit else label


def _extended(event: Event, names: Names) -> str:
    due = (event.data or {}).get("due")
    return str(_("New date: %(date)s") % {"date": due}) if due else ""


def _station(event: Event, names: Names) -> str:
    return names.get("station", {}).get((event.data or {}).get("station"), "")


def _leader(event: Event, names: Names) -> str:
    return names.get("leader", {}).get((event.data or {}).get("leader"), "")


# Named sets of states, declared once here and imported everywhere else.
OPEN = frozenset({S.RECEIVED, S.HANDLING, S.ANSWERED, S.REVIEW_REQUESTED, S.REVIEWED})
FINISHED = frozenset({S.NOT_ACCEPTED, S.CLOSED})
# An answer exists (the petitioner may read and rate it).
ANSWERED = frozenset({S.ANSWERED, S.REVIEW_REQUESTED, S.REVIEWED, S.CLOSED})
# The window for asking a review (复查) or a re-examination (复核) is open.
REVIEWABLE = frozenset({S.ANSWERED, S.REVIEWED})

REGULATION = "《信访工作条例》（2022）"
SETTINGS = [
    Setting(
        "petition_accept_days",
        15,
        _("Days to decide whether to accept a petition, and tell the petitioner"),
        _("%(rules)s: decided within 15 days of receipt") % {"rules": REGULATION},
    ),
    Setting(
        "petition_answer_days",
        60,
        _("Days to answer an accepted petition in writing"),
        _("%(rules)s: handled within 60 days of acceptance") % {"rules": REGULATION},
    ),
    Setting(
        "petition_extension_days",
        30,
        _("Days an answer may be extended by, once, with reasons"),
        _("%(rules)s: extendable by at most 30 days") % {"rules": REGULATION},
    ),
    Setting(
        "petition_review_request_days",
        30,
        _("Days a petitioner has to ask for a review of an answer"),
        _("%(rules)s: a review is asked within 30 days of the answer") % {"rules": REGULATION},
    ),
    Setting(
        "petition_review_answer_days",
        30,
        _("Days to answer a review request"),
        _("%(rules)s: a review is answered within 30 days") % {"rules": REGULATION},
    ),
    Setting(
        "petition_follow_up_working_days",
        10,
        _("Working days the petitions office has to act on a leader's instruction"),
    ),
]


def _window_ended(today: datetime.date) -> QuerySet[Petition]:
    return Petition.objects.filter(state__in=REVIEWABLE, window_ends__lt=today)


PETITION = Workflow(
    "petition",
    model=Petition,
    states=S,
    settings=SETTINGS,
    tones={
        S.RECEIVED: "info",
        S.NOT_ACCEPTED: "neutral",
        S.HANDLING: "warning",
        S.ANSWERED: "success",
        S.REVIEW_REQUESTED: "danger",
        S.REVIEWED: "success",
        S.CLOSED: "neutral",
    },
    groups={"open": OPEN, "finished": FINISHED, "answered": ANSWERED, "reviewable": REVIEWABLE},
    refs={"unit": "org.HandlingUnit", "station": "org.ContactStation", "leader": "accounts.User"},
    transitions=[
        Transition(
            "accept",
            {S.RECEIVED},
            S.HANDLING,
            officer_of_congress,
            _("Accept the petition"),
            past=_("Petition accepted"),
            done=_("The petition is accepted; the petitioner can read how it is handled."),
            describe=_accepted,
        ),
        Transition(
            "decline",
            {S.RECEIVED},
            S.NOT_ACCEPTED,
            officer_of_congress,
            _("Do not accept"),
            past=_("Not accepted"),
            done=_("The petition is not accepted; the petitioner can read why."),
            style="secondary",
            confirm=True,
        ),
        Transition(
            "extend",
            {S.HANDLING},
            None,
            handles_petition,
            _("Extend the time to answer"),
            past=_("Time to answer extended"),
            done=_("The time to answer is extended; the petitioner can read why."),
            style="secondary",
            describe=_extended,
        ),
        Transition(
            "answer",
            {S.HANDLING},
            S.ANSWERED,
            handles_petition,
            _("Answer in writing"),
            past=_("Answered"),
            done=_("The answer is recorded; the petitioner can read it."),
            describe=describe_choice(AnswerResult, "result"),
        ),
        Transition(
            "request_review",
            REVIEWABLE,
            S.REVIEW_REQUESTED,
            officer_of_congress | is_petitioner,
            _("Record a review request"),
            past=_("Review requested"),
            done=_("The review request is recorded."),
            style="secondary",
            actor_label=_("the petitioner"),
        ),
        Transition(
            "answer_review",
            {S.REVIEW_REQUESTED},
            (S.REVIEWED, S.CLOSED),
            officer_of_congress,
            _("Record the review opinion"),
            past=_("Review opinion recorded"),
            done=_("The review opinion is recorded."),
            describe=describe_choice(ReviewResult, "result"),
        ),
        Transition(
            "close",
            REVIEWABLE,
            S.CLOSED,
            is_system,
            _("Conclude"),
            past=_("Closed: no review was asked in time"),
            system=True,
        ),
        Transition(
            "mark_key",
            OPEN,
            None,
            officer_of_congress,
            _("Mark as a key case"),
            past=_("Marked as a key case"),
            done=_("Marked as a key case; the leader is told."),
            style="secondary",
            describe=_leader,
        ),
        Transition(
            "instruct",
            OPEN,
            None,
            is_supervisor,
            _("Give an instruction"),
            past=_("Instruction given"),
            done=_("Your instruction is sent to the petitions office."),
        ),
        Transition(
            "follow_up",
            OPEN,
            None,
            officer_of_congress,
            _("Report on the instruction"),
            past=_("Instruction followed up"),
            done=_("The follow-up of the instruction is recorded."),
        ),
        Transition(
            "pass_to_deputies",
            OPEN,
            None,
            officer_of_congress,
            _("Pass to a station's deputies"),
            past=_("Passed to a station's deputies"),
            done=_("The petition is passed to the station's deputies."),
            style="secondary",
            describe=_station,
        ),
        Transition(
            "deputy_follow_up",
            OPEN,
            None,
            follows_up,
            _("Record my follow-up"),
            past=_("Deputy's follow-up"),
            done=_("Your follow-up is recorded in your performance record."),
        ),
        Transition(
            "link",
            OPEN,
            None,
            officer_of_congress,
            _("Link to an earlier petition on the same matter"),
            past=_("Linked as a repeated petition"),
            done=_("Linked to the earlier petition."),
            style="secondary",
        ),
        Transition(
            "rate",
            ANSWERED,
            None,
            is_petitioner,
            _("Rate the answer"),
            past=_("Rated by the petitioner"),
            describe=describe_choice(Rating, "rating"),
            actor_label=_("the petitioner"),
        ),
    ],
    events=[EventKind("receive", _("Petition received"), actor_label=_("the petitioner"))],
    order=[
        "accept",
        "answer",
        "answer_review",
        "instruct",
        "follow_up",
        "deputy_follow_up",
        "request_review",
        "extend",
        "mark_key",
        "pass_to_deputies",
        "link",
        "decline",
        "close",
        "rate",
    ],
    schedule=[Scheduled("close", _window_ended)],
)
