"""A meeting: prepared, its agenda fixed, in session, closed; the deputies who attended it
without a vote and their forums are events in its history. A vote: prepared, open while
members vote (or counted by a show of hands), closed with its result."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.models import Event
from renda.core.settings_registry import Setting
from renda.core.workflow import EventKind, Transition, Workflow
from renda.meetings.models import Meeting, Vote
from renda.meetings.models import MeetingState as M
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
