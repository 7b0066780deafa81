"""Supervision (监督): the year's plan is drafted and adopted by the chair's council; a report
is planned, researched beforehand (调研) and heard at a meeting; its deliberation opinions (审议
意见) are drafted, approved by the chair's council and sent to the government or body with a
deadline, which reports what it did (研究处理情况报告); staff assess it (a satisfaction poll
where decided) and close it or follow it up with a further deadline (跟踪监督); a special
inquiry (专题询问) is held, its departments answer, some are polled, and it is closed with its
results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.models import Event
from renda.core.predicates import staff_of_congress
from renda.core.settings_registry import Setting
from renda.core.workflow import EventKind, Transition, Workflow, describe_choice
from renda.supervision.models import (
    Assessment,
    DeliberationOpinion,
    Inquiry,
    InquiryState,
    OpinionState,
    PlanState,
    Report,
    ReportKind,
    ReportState,
    SupervisionPlan,
)
from renda.supervision.rules import answers_for_unit

OS = OpinionState
Names = Mapping[str, Mapping[Any, str]]


def _due(event: Event, names: Names) -> str:
    due = (event.data or {}).get("due")
    return str(_("To report by %(date)s") % {"date": due}) if due else ""


def _meeting(event: Event, names: Names) -> str:
    return str((event.data or {}).get("meeting", ""))


def _point(event: Event, names: Names) -> str:
    number = (event.data or {}).get("point")
    return str(_("Point %(number)s") % {"number": number}) if number else ""


SETTINGS = [
    Setting(
        "opinion_answer_months",
        2,
        _("Months the government or body has to report what it did about deliberation opinions"),
        _("《中华人民共和国各级人民代表大会常务委员会监督法》 and the local rules: two months"),
    ),
    Setting(
        "opinion_assess_working_days",
        15,
        _("Working days staff have to assess a report on what was done"),
    ),
]

# Named sets of states, declared once here and imported everywhere else.
AWAITING_ANSWER = frozenset({OS.SENT, OS.FOLLOWED_UP})
OPINION_OPEN = frozenset({OS.DRAFTED, OS.APPROVED, OS.SENT, OS.ANSWERED, OS.FOLLOWED_UP})
OPINION_SENT = frozenset({OS.SENT, OS.ANSWERED, OS.FOLLOWED_UP, OS.CLOSED})
# The reports counted as work reports heard (the economic situation meeting is not a meeting
# of the standing committee; budget adjustment plans are counted by the meetings app).
NOT_WORK_REPORTS = (ReportKind.ECONOMY, ReportKind.BUDGET_ADJUSTMENT)

PLAN = Workflow(
    "supervision_plan",
    model=SupervisionPlan,
    states=PlanState,
    case_arg="plan",
    tones={PlanState.DRAFT: "info", PlanState.ADOPTED: "success"},
    transitions=[
        Transition(
            "adopt",
            {PlanState.DRAFT},
            PlanState.ADOPTED,
            staff_of_congress,
            _("Record the adoption by the chair's council"),
            past=_("Adopted by the chair's council"),
            done=_("The plan is adopted; items added from now on are marked as added."),
            describe=_meeting,
        ),
    ],
    events=[
        EventKind("create", _("Drafted")),
        EventKind("add_item", _("Item added")),
        EventKind("drop_item", _("Item dropped")),
    ],
)

REPORT = Workflow(
    "supervision_report",
    model=Report,
    states=ReportState,
    case_arg="report",
    settings=SETTINGS,
    tones={
        ReportState.PLANNED: "info",
        ReportState.RESEARCHED: "warning",
        ReportState.HEARD: "success",
    },
    groups={"to_hear": frozenset({ReportState.PLANNED, ReportState.RESEARCHED})},
    transitions=[
        Transition(
            "research",
            {ReportState.PLANNED, ReportState.RESEARCHED},
            ReportState.RESEARCHED,
            staff_of_congress,
            _("Record the research beforehand"),
            past=_("Researched"),
            done=_("The research and its findings are recorded."),
        ),
        Transition(
            "record_hearing",
            {ReportState.PLANNED, ReportState.RESEARCHED},
            ReportState.HEARD,
            staff_of_congress,
            _("Record the hearing"),
            past=_("Heard by the standing committee"),
            done=_("The hearing is recorded; the committee can draft the deliberation opinions."),
            describe=_meeting,
        ),
    ],
    events=[
        EventKind("create", _("Planned"), describe=describe_choice(ReportKind, "kind")),
        EventKind("figures", _("State-assets figures recorded")),
        EventKind("publish", _("Published")),
    ],
    order=["research", "record_hearing"],
)

OPINION = Workflow(
    "deliberation_opinion",
    model=DeliberationOpinion,
    states=OpinionState,
    case_arg="opinion",
    tones={
        OS.DRAFTED: "info",
        OS.APPROVED: "info",
        OS.SENT: "warning",
        OS.ANSWERED: "warning",
        OS.FOLLOWED_UP: "danger",
        OS.CLOSED: "success",
    },
    groups={
        "open": OPINION_OPEN,
        "awaiting_answer": AWAITING_ANSWER,
        "sent": OPINION_SENT,
    },
    transitions=[
        Transition(
            "approve",
            {OS.DRAFTED},
            OS.APPROVED,
            staff_of_congress,
            _("Record the approval by the chair's council"),
            past=_("Approved by the chair's council"),
            done=_("The opinions are approved; send them to the body."),
        ),
        Transition(
            "send",
            {OS.APPROVED},
            OS.SENT,
            staff_of_congress,
            _("Send to the body"),
            past=_("Sent"),
            done=_("The opinions are sent; the body reports what it did by the deadline."),
            describe=_due,
        ),
        Transition(
            "answer",
            AWAITING_ANSWER,
            OS.ANSWERED,
            answers_for_unit | staff_of_congress,
            _("Report what was done"),
            past=_("Report on what was done received"),
            done=_("The report on what was done is recorded; staff will assess it."),
        ),
        Transition(
            "assess",
            {OS.ANSWERED},
            (OS.CLOSED, OS.FOLLOWED_UP),
            staff_of_congress,
            _("Assess"),
            past=_("Assessed"),
            done=_("The assessment is recorded."),
            describe=describe_choice(Assessment, "assessment"),
        ),
    ],
    events=[
        EventKind("draft", _("Drafted by the committee")),
        EventKind("point_done", _("Point done"), describe=_point),
        EventKind("point_reopened", _("Point reopened"), describe=_point),
        EventKind("poll_open", _("Satisfaction poll opened")),
        EventKind("poll_close", _("Satisfaction poll closed")),
        EventKind("publish", _("Published")),
    ],
    order=["approve", "send", "answer", "assess"],
)

INQUIRY = Workflow(
    "special_inquiry",
    model=Inquiry,
    states=InquiryState,
    case_arg="inquiry",
    tones={
        InquiryState.PLANNED: "info",
        InquiryState.HELD: "warning",
        InquiryState.CLOSED: "success",
    },
    transitions=[
        Transition(
            "hold",
            {InquiryState.PLANNED},
            InquiryState.HELD,
            staff_of_congress,
            _("Record the inquiry meeting"),
            past=_("Held"),
            done=_("The inquiry is recorded as held; record the questions and answers."),
            describe=_meeting,
        ),
        Transition(
            "close",
            {InquiryState.HELD},
            InquiryState.CLOSED,
            staff_of_congress,
            _("Close with the results"),
            past=_("Closed"),
            done=_("The inquiry is closed with its results and follow-up."),
        ),
    ],
    events=[
        EventKind("create", _("Planned")),
        EventKind("add_unit", _("Department added")),
        EventKind("question", _("Question asked")),
        EventKind("answer_question", _("Question answered")),
        EventKind("poll_open", _("Satisfaction poll opened")),
        EventKind("poll_close", _("Satisfaction poll closed")),
    ],
    order=["hold", "close"],
)
