"""A constituent's opinion: recorded, then resolved on the spot, or referred to a unit that
answers, and closed once the constituent is told; the constituent may rate the outcome."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core.settings_registry import Setting
from renda.core.workflow import Transition, Workflow
from renda.opinions.models import OpinionState as O
from renda.opinions.rules import handles_referral, is_constituent, keeps_opinion

# The states in which the constituent has their outcome (Open311 "closed").
FINISHED = frozenset({O.RESOLVED, O.CLOSED, O.DISMISSED})

OPINION = Workflow(
    "constituent_opinion",
    states=O,
    settings=[
        Setting(
            "opinion_answer_working_days",
            15,
            _("Working days a unit has to answer a constituent's opinion"),
        ),
        Setting(
            "opinion_tell_working_days",
            5,
            _("Working days a station has to tell the constituent the answer"),
        ),
    ],
    transitions=[
        Transition("resolve", {O.RECORDED}, O.RESOLVED, keeps_opinion, _("Resolve on the spot")),
        Transition("refer", {O.RECORDED}, O.REFERRED, keeps_opinion, _("Refer to a unit")),
        Transition("dismiss", {O.RECORDED}, O.DISMISSED, keeps_opinion, _("Dismiss")),
        Transition(
            "return", {O.REFERRED}, O.RECORDED, handles_referral, _("Return: not for this unit")
        ),
        Transition("answer", {O.REFERRED}, O.ANSWERED, handles_referral, _("Answer")),
        Transition(
            "close", {O.ANSWERED}, O.CLOSED, keeps_opinion, _("Tell the constituent and close")
        ),
        Transition("rate", {O.RESOLVED, O.CLOSED}, None, is_constituent, _("Rate the outcome")),
    ],
)
