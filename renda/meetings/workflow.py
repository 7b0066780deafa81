"""A meeting: prepared, its agenda fixed, in session, closed; the deputies who attended it
without a vote and their forums are events in its history. A vote: prepared, open while
members vote (or counted by a show of hands), closed with its result. A decision: drafted,
tabled, adopted or not by a vote, published, later amended or repealed. An appointment
proposal: received, reviewed by the chair's council, tabled, decided person by person."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from renda.core.models import Event
from renda.core.settings_registry import Setting
from renda.core.workflow import EventKind, Transition, Workflow, is_system
from renda.meetings.models import AppointmentProposal, Decision, Meeting, Vote
from renda.meetings.models import DecisionState as D
from renda.meetings.models import MeetingState as M
from renda.meetings.models import ProposalState as P
from renda.meetings.models import VoteState as V
from renda.meetings.rules import present_at_vote, staff_of_congress

RULES = "《地方各级人民代表大会和地方各级人民政府组织法》"
SETTINGS = [
    Setting(
        "meeting_quorum_share",
        0.5,
        _("Share of all members that must be exceeded for a meeting to be held"),
        _("%(law)s: more than half of all members present") % {"law": RULES},
    ),
    Setting(
        "vote_pass_share",
        0.5,
        _("Share of all members whose votes for a measure must exceed to pass it"),
        _("%(law)s: adopted by more than half of all members") % {"law": RULES},
    ),
]

Names = Mapping[str, Mapping[Any, str]]


def _result(event: Event, names: Names) -> str:
    data = event.data or {}
    if "for" not in data:
        return ""
    text = _("for %(for)s, against %(against)s, abstain %(abstain)s") % {
        "for": data["for"],
        "against": data.get("against", 0),
        "abstain": data.get("abstain", 0),
    }
    passed = _("passed") if data.get("passed") else _("not passed")
    return f"{text} · {passed}"


def _present(event: Event, names: Names) -> str:
    data = event.data or {}
    if "present" not in data:
        return ""
    return str(
        _("%(present)s of %(total)s members present")
        % {"present": data["present"], "total": data.get("total", 0)}
    )


def _deputies(event: Event, names: Names) -> str:
    """How many deputies attended without a vote, or spoke at the attendees' forum."""
    data = event.data if isinstance(event.data, dict) else {}
    if "deputies" not in data:
        return ""
    return str(_("%(n)d deputies") % {"n": len(data["deputies"])})


def _removed(event: Event, names: Names) -> str:
    """Who was removed from the deputies attending, and why."""
    data = event.data if isinstance(event.data, dict) else {}
    return " · ".join(str(data[k]) for k in ("name", "reason") if data.get(k))


MEETING = Workflow(
    "meeting",
    model=Meeting,
    states=M,
    settings=SETTINGS,
    tones={M.PLANNED: "info", M.FIXED: "warning", M.IN_SESSION: "danger", M.CLOSED: "success"},
    groups={"open": {M.PLANNED, M.FIXED, M.IN_SESSION}, "to_read": {M.FIXED, M.IN_SESSION}},
    transitions=[
        Transition(
            "fix_agenda",
            {M.PLANNED},
            M.FIXED,
            staff_of_congress,
            _("Fix the agenda and notify members"),
            done=_("The agenda is fixed; members are notified and can read the materials."),
            past=_("Agenda fixed"),
        ),
        Transition(
            "open",
            {M.FIXED},
            M.IN_SESSION,
            staff_of_congress,
            _("Open the meeting"),
            done=_("The meeting is open."),
            past=_("Meeting opened"),
            describe=_present,
        ),
        Transition(
            "take_up",
            {M.IN_SESSION},
            None,
            staff_of_congress,
            _("Take up an item"),
            done=_("The projector shows the item now."),
            past=_("Item taken up"),
        ),
        Transition(
            "record_attendance",
            {M.FIXED, M.IN_SESSION},
            None,
            staff_of_congress,
            _("Record attendance"),
            done=_("Attendance is recorded."),
            past=_("Attendance recorded"),
            style="secondary",
            describe=_present,
        ),
        Transition(
            "close",
            {M.IN_SESSION},
            M.CLOSED,
            staff_of_congress,
            _("Close the meeting"),
            done=_("The meeting is closed."),
            past=_("Meeting closed"),
            style="secondary",
            confirm=True,
        ),
    ],
    events=[
        EventKind("create", _("Meeting planned")),
        EventKind("item_added", _("Agenda item added")),
        EventKind("material_added", _("Material added")),
        EventKind("minutes", _("Minutes written")),
        # Recorded from the deputies who attended it (the stations' work pages): held, closed.
        EventKind("held", _("Meeting recorded as held")),
        EventKind("attendance", _("Attendance recorded"), _deputies),  # 列席
        EventKind("forum", _("Attendee forum recorded"), _deputies),  # 列席代表座谈会
        EventKind("attendee_removed", _("Attendee removed"), _removed),
    ],
    order=["open", "take_up", "record_attendance", "fix_agenda", "close"],
)

VOTE = Workflow(
    "vote",
    model=Vote,
    states=V,
    tones={V.PREPARED: "info", V.OPEN: "danger", V.CLOSED: "success"},
    transitions=[
        Transition(
            "open",
            {V.PREPARED},
            V.OPEN,
            staff_of_congress,
            _("Open the vote"),
            done=_("The vote is open: members vote now."),
            past=_("Vote opened"),
        ),
        Transition(
            "cast",
            {V.OPEN},
            None,
            present_at_vote,
            _("Vote"),
            done=_("Your vote is recorded."),
            past=_("Ballot cast"),
        ),
        Transition(
            "close",
            {V.OPEN},
            V.CLOSED,
            staff_of_congress,
            _("Close the vote"),
            done=_("The vote is closed; its result is shown."),
            past=_("Vote closed"),
            describe=_result,
            confirm=True,
        ),
        Transition(
            "record_hands",
            {V.PREPARED},
            V.CLOSED,
            staff_of_congress,
            _("Record a show of hands"),
            done=_("The result of the show of hands is recorded."),
            past=_("Show of hands recorded"),
            style="secondary",
            describe=_result,
        ),
    ],
    events=[EventKind("create", _("Vote prepared"))],
    order=["cast", "open", "close", "record_hands"],
)


# --- decisions and resolutions (决定, 决议) ---------------------------------------------------


def _votes(event: Event, names: Names) -> str:
    data = event.data or {}
    if "for" not in data:
        return ""
    return str(
        _("for %(for)s, against %(against)s, abstain %(abstain)s")
        % {"for": data["for"], "against": data.get("against", 0), "abstain": data.get("abstain", 0)}
    )


def _meeting_named(event: Event, names: Names) -> str:
    return str((event.data or {}).get("meeting", ""))


DECISION = Workflow(
    "decision",
    model=Decision,
    states=D,
    tones={
        D.DRAFT: "info",
        D.TABLED: "warning",
        D.ADOPTED: "success",
        D.REJECTED: "danger",
        D.IN_FORCE: "success",
        D.AMENDED: "neutral",
        D.REPEALED: "neutral",
    },
    groups={"valid": {D.ADOPTED, D.IN_FORCE}, "public": {D.IN_FORCE, D.AMENDED, D.REPEALED}},
    transitions=[
        Transition(
            "table",
            {D.DRAFT},
            D.TABLED,
            staff_of_congress,
            _("Put on a meeting's agenda"),
            done=_("The draft is on the meeting's agenda, with its vote prepared."),
            past=_("Put on the agenda"),
            describe=_meeting_named,
        ),
        Transition(
            "adopt",
            {D.TABLED},
            D.ADOPTED,
            is_system,
            _("Adopted by vote"),
            system=True,
            describe=_votes,
        ),  # fmt: skip
        Transition(
            "reject",
            {D.TABLED},
            D.REJECTED,
            is_system,
            pgettext_lazy("decision", "Not adopted"),
            system=True,
            describe=_votes,
        ),  # fmt: skip
        Transition(
            "publish",
            {D.ADOPTED},
            D.IN_FORCE,
            staff_of_congress,
            pgettext_lazy("decision", "Publish"),
            done=_("The decision is published."),
            past=pgettext_lazy("decision", "Published"),
        ),
        Transition(
            "amend", {D.IN_FORCE}, D.AMENDED, is_system, _("Amended by a later one"), system=True
        ),
        Transition(
            "repeal", {D.IN_FORCE, D.AMENDED}, D.REPEALED, is_system, _("Repealed"), system=True
        ),
    ],
    events=[EventKind("create", _("Drafted"))],
)


# --- appointments and removals (任免) ---------------------------------------------------------


def _person(event: Event, names: Names) -> str:
    return str((event.data or {}).get("person", ""))


PROPOSAL = Workflow(
    "appointment_proposal",
    model=AppointmentProposal,
    case_arg="proposal",  # as its actions name it (the model's name is appointmentproposal)
    states=P,
    tones={P.RECEIVED: "info", P.REVIEWED: "warning", P.TABLED: "danger", P.DECIDED: "success"},
    transitions=[
        Transition(
            "review",
            {P.RECEIVED},
            P.REVIEWED,
            staff_of_congress,
            _("Record the chair's council's review"),
            done=_("The chair's council's review is recorded."),
            past=_("Reviewed by the chair's council"),
        ),
        Transition(
            "table",
            {P.REVIEWED},
            P.TABLED,
            staff_of_congress,
            _("Put on a meeting's agenda"),
            done=_("The proposal is on the meeting's agenda, with a vote for each person."),
            past=_("Put on the agenda"),
            describe=_meeting_named,
        ),
        Transition(
            "record_statement",
            {P.TABLED},
            None,
            staff_of_congress,
            _("Record a candidate's statement"),
            done=_("The statement is recorded."),
            past=_("Statement made"),
            style="secondary",
            describe=_person,
        ),
        Transition(
            "record_exam",
            {P.REVIEWED, P.TABLED},
            None,
            staff_of_congress,
            _("Record a law exam"),
            done=_("The law exam is recorded."),
            past=_("Law exam recorded"),
            style="secondary",
            describe=_person,
        ),
        Transition(
            "record_oath",
            {P.DECIDED},
            None,
            staff_of_congress,
            _("Record an oath"),
            done=_("The oath is recorded."),
            past=_("Constitutional oath taken"),
            describe=_person,
        ),
        Transition("decide", {P.TABLED}, P.DECIDED, is_system, _("Decided"), system=True),
    ],
    events=[
        EventKind("create", pgettext_lazy("appointment proposal", "Proposal received")),
        EventKind("nomination_added", _("Person added"), describe=_person),
        EventKind("voted", _("Person voted on"), describe=_person),
    ],
    order=["review", "table", "record_statement", "record_exam", "record_oath"],
)
