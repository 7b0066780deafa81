"""A constituent's opinion: recorded, then resolved on the spot, or referred to a unit that
answers, and closed once the constituent is told; the constituent may rate the outcome."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.core.models import Event
from renda.core.settings_registry import Setting
from renda.core.workflow import EventKind, Transition, Workflow
from renda.opinions.models import ConstituentOpinion, OpinionSource, Rating, ToldBy
from renda.opinions.models import OpinionState as O
from renda.opinions.rules import handles_referral, is_constituent, keeps_opinion

Names = Mapping[str, Mapping[Any, str]]

# How the timeline names an opinion's intake, by where it came from.
RECORD_LABELS: dict[str, Any] = {
    OpinionSource.STATION: gettext_lazy("Recorded at the station"),
    OpinionSource.ONLINE: gettext_lazy("Submitted online"),
    OpinionSource.APP: gettext_lazy("Sent through an Open311 application"),
    OpinionSource.QR: gettext_lazy("Sent by scanning a QR code poster"),
}


def _data(event: Event) -> dict[str, Any]:
    return event.data if isinstance(event.data, dict) else {}


def _recorded(event: Event, names: Names) -> str:
    return str(RECORD_LABELS.get(str(_data(event).get("source")), ""))


def _unit(event: Event, names: Names) -> str:
    return names["unit"].get(_data(event).get("unit"), "")


def _referred(event: Event, names: Names) -> str:
    unit = _unit(event, names)
    if not unit:
        return ""
    return _("%(unit)s, answer by %(date)s") % {"unit": unit, "date": _data(event).get("due", "")}


def _answered(event: Event, names: Names) -> str:
    return _("after the due date") if _data(event).get("late") else ""


def _told(event: Event, names: Names) -> str:
    told_by = _data(event).get("told_by")
    return str(ToldBy(told_by).label) if told_by in ToldBy.values else ""


def _rated(event: Event, names: Names) -> str:
    rating = _data(event).get("rating")
    return str(Rating(rating).label) if rating in Rating.values else ""


THE_CONSTITUENT = gettext_lazy("the constituent")

OPINION = Workflow(
    "constituent_opinion",
    model=ConstituentOpinion,
    case_arg="opinion",
    states=O,
    tones={
        O.RECORDED: "warning",
        O.RESOLVED: "success",
        O.REFERRED: "info",
        O.ANSWERED: "warning",
        O.CLOSED: "success",
        O.DISMISSED: "neutral",
    },
    groups={
        # The constituent has their outcome (Open311 "closed").
        "finished": {O.RESOLVED, O.CLOSED, O.DISMISSED},
        # The station (or staff, for an opinion without a station) acts next: resolve, refer or
        # dismiss a recorded one; tell the constituent an answered one and close it.
        "keeper_todo": {O.RECORDED, O.ANSWERED},
    },
    settings=[
        Setting(
            "opinion_answer_working_days",
            15,
            gettext_lazy("Working days a unit has to answer a constituent's opinion"),
        ),
        Setting(
            "opinion_tell_working_days",
            5,
            gettext_lazy("Working days a station has to tell the constituent the answer"),
        ),
    ],
    transitions=[
        Transition(
            "resolve",
            {O.RECORDED},
            O.RESOLVED,
            keeps_opinion,
            gettext_lazy("Resolve on the spot"),
            done=gettext_lazy(
                "Resolved on the spot. The constituent can read the outcome by the receipt code."
            ),
            past=gettext_lazy("Resolved on the spot"),
        ),
        Transition(
            "refer",
            {O.RECORDED},
            O.REFERRED,
            keeps_opinion,
            gettext_lazy("Refer to a unit"),
            done=gettext_lazy("Referred. The unit is notified and answers by the date shown."),
            past=gettext_lazy("Referred to a unit"),
            describe=_referred,
        ),
        Transition(
            "dismiss",
            {O.RECORDED},
            O.DISMISSED,
            keeps_opinion,
            gettext_lazy("Dismiss"),
            done=gettext_lazy(
                "Dismissed. The constituent can read the reason by the receipt code."
            ),
            style="danger",
            past=gettext_lazy("Dismissed"),
            confirm=True,
        ),
        Transition(
            "return",
            {O.REFERRED},
            O.RECORDED,
            handles_referral,
            gettext_lazy("Return: not for this unit"),
            done=gettext_lazy("Returned. The station or staff will refer it to the right unit."),
            style="secondary",
            past=gettext_lazy("Returned by the unit: not its matter"),
            describe=_unit,
        ),
        Transition(
            "answer",
            {O.REFERRED},
            O.ANSWERED,
            handles_referral,
            gettext_lazy("Answer"),
            done=gettext_lazy("Answered. The station tells the constituent and closes the case."),
            past=gettext_lazy("Answered by the unit"),
            describe=_answered,
        ),
        Transition(
            "close",
            {O.ANSWERED},
            O.CLOSED,
            keeps_opinion,
            gettext_lazy("Tell the constituent and close"),
            done=gettext_lazy(
                "Closed: the constituent was told. They can rate the outcome by the receipt code."
            ),
            past=gettext_lazy("Constituent told; closed"),
            describe=_told,
        ),
        Transition(
            "rate",
            {O.RESOLVED, O.CLOSED},
            None,
            is_constituent,
            gettext_lazy("Rate the outcome"),
            done=gettext_lazy("Thank you: your rating is recorded."),
            past=gettext_lazy("Rated by the constituent"),
            describe=_rated,
            actor_label=THE_CONSTITUENT,
        ),
    ],
    # Recorded at a station, by the operator; or sent by the constituent, online or by an app.
    events=[
        EventKind(
            "record", gettext_lazy("Opinion received"), _recorded, actor_label=THE_CONSTITUENT
        )
    ],
    # What is left recorded after the reception desk (whose form resolves on the spot) is
    # usually referred: referring comes first.
    order=["refer", "resolve", "answer", "close", "return", "dismiss"],
    refs={"unit": "org.HandlingUnit"},
)

FINISHED = OPINION.group("finished")
KEEPER_TODO = OPINION.group("keeper_todo")


def rateable(opinion: ConstituentOpinion) -> bool:
    """The constituent may still rate the outcome: they have it, and have not rated it."""
    return not opinion.rating and opinion.state in OPINION.transition("rate").sources
