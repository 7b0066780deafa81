"""The six steps of a suggestion (提交, 审查, 交办, 沟通, 答复, 评价) and a motion's path."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.models import Event
from renda.core.settings_registry import Setting
from renda.core.workflow import EventKind, Transition, Workflow
from renda.suggestions.models import (
    ConvertedTo,
    Motion,
    MotionState,
    ReplyCategory,
    Satisfaction,
    Suggestion,
)
from renda.suggestions.models import SuggestionState as S
from renda.suggestions.rules import (
    is_assigned_handler,
    is_co_handler,
    is_cosigner,
    is_lead_deputy,
    is_pending_cosigner,
    is_replying_handler,
    leader_of_congress,
    staff_of_congress,
    was_assigned_handler,
    was_replying_handler,
)

Names = Mapping[str, Mapping[Any, str]]


def _choice(choices: Any, key: str) -> Any:
    """A timeline detail: the label of the choice the event's data names under `key`."""

    def describe(event: Event, names: Names) -> str:
        value = (event.data or {}).get(key)
        return str(choices(value).label) if value in choices.values else ""

    return describe


def _extension_decided(event: Event, names: Names) -> str:
    data = event.data or {}
    if "approved" not in data:
        return ""
    return str(_("Approved") if data["approved"] else _("Refused"))


def _extension_asked(event: Event, names: Names) -> str:
    new_due = (event.data or {}).get("new_due")
    return str(_("New date: %(date)s") % {"date": new_due}) if new_due else ""


# Named sets of states, declared once here (SUGGESTION.groups) and imported everywhere else.
HANDLING = frozenset({S.ASSIGNED, S.REHANDLING})  # a unit owes a reply
ANSWERED = frozenset({S.REPLIED, S.REHANDLING, S.EVALUATED})  # a reply exists (publishable)
CLOSED = frozenset({S.EVALUATED, S.WITHDRAWN, S.CONVERTED, S.MERGED})  # nothing more to do
HANDLED = HANDLING | ANSWERED  # assigned to units and not withdrawn: what units are scored on
# A suggestion counts once staff accepted it (立案) and as long as it is handled: not while
# it waits for co-signers, review or revision, and not once withdrawn, converted to a letter
# or reference item, or merged into another one (the one it joined is counted instead).
COUNTED = HANDLED | {S.ACCEPTED}

# The deadlines and thresholds of suggestions and motions, with their statutory defaults
# (DOMAIN.md; the usual local rules on handling deputies' suggestions, 代表建议办理办法).
RULES = "《代表建议、批评和意见办理办法》"
SETTINGS = [
    Setting(
        "recess_assign_working_days",
        5,
        _("Working days to review and assign a suggestion"),
        _("%(rules)s: assigned within 5 working days of receipt") % {"rules": RULES},
    ),
    Setting(
        "contest_working_days",
        5,
        _("Working days a unit has to request an adjustment"),
        _("%(rules)s: an adjustment is requested within 5 working days") % {"rules": RULES},
    ),
    Setting(
        "contest_decision_working_days",
        3,
        _("Working days staff have to decide on an adjustment or extension request"),
    ),
    Setting(
        "reply_months",
        3,
        _("Months a unit has to reply"),
        _("%(rules)s: replied within 3 months of assignment") % {"rules": RULES},
    ),
    Setting(
        "reply_max_months",
        6,
        _("Months a reply may be extended to at most"),
        _("%(rules)s: 6 months at most, with approval") % {"rules": RULES},
    ),
    Setting(
        "co_handler_input_months",
        1,
        _("Months a co-handler has to send its input to the lead unit"),
        _("%(rules)s: co-handlers' input within 1 month") % {"rules": RULES},
    ),
    Setting(
        "rehandle_months",
        1,
        _("Months a unit has to reply again after a dissatisfied evaluation"),
        _("%(rules)s: handled again and replied within 1 month") % {"rules": RULES},
    ),
    Setting(
        "cosign_working_days",
        3,
        _("Working days co-signers have to confirm"),
    ),
    Setting(
        "resubmit_working_days",
        10,
        _("Working days a deputy has to revise a returned suggestion"),
    ),
    Setting(
        "evaluation_working_days",
        10,
        _("Working days a deputy has to evaluate a reply"),
    ),
    Setting(
        "score_min_cases",
        3,
        _("Suggestions a unit needs to be ranked in the unit scores"),
    ),
    Setting(
        "motion_min_deputies",
        10,
        _("Deputies who must propose a motion jointly"),
        _("Organic law of local people's congresses: 10 deputies at county level and above"),
    ),
    Setting(
        "motions_after_session",
        False,
        _("Accept motions after their session has ended"),
    ),
]


def _files_added(event: Event, names: Names) -> str:
    """How many files were added, and to the reply when to one."""
    data = event.data if isinstance(event.data, dict) else {}
    text = _("%(n)d files") % {"n": data.get("n", 0)}
    return f"{text} · {_('to the reply')}" if data.get("reply") else text


SUGGESTION = Workflow(
    "suggestion",
    model=Suggestion,
    states=S,
    settings=SETTINGS,
    tones={
        S.COSIGNING: "neutral",
        S.SUBMITTED: "info",
        S.RETURNED: "warning",
        S.ACCEPTED: "info",
        S.ASSIGNED: "warning",
        S.REPLIED: "success",
        S.REHANDLING: "danger",
        S.EVALUATED: "success",
        S.WITHDRAWN: "neutral",
        S.CONVERTED: "neutral",
        S.MERGED: "neutral",
    },
    groups={
        "handling": HANDLING,
        "answered": ANSWERED,
        "closed": CLOSED,
        "handled": HANDLED,
        "counted": COUNTED,
    },
    transitions=[
        # 1. submit (the submission itself is the first event; co-signers confirm)
        Transition(
            "confirm",
            {S.COSIGNING},
            (S.COSIGNING, S.SUBMITTED),
            is_pending_cosigner,
            _("Confirm co-signing"),
            done=_("You confirmed co-signing."),
            historic=is_cosigner,
        ),
        Transition(
            "decline",
            {S.COSIGNING},
            (S.COSIGNING, S.SUBMITTED),
            is_pending_cosigner,
            _("Decline co-signing"),
            done=_("You declined co-signing."),
            style="secondary",
            historic=is_cosigner,
            confirm=_("You will no longer co-sign this suggestion. This cannot be undone."),
        ),
        Transition(
            "resubmit",
            {S.RETURNED},
            S.SUBMITTED,
            is_lead_deputy,
            _("Resubmit"),
            done=_("The suggestion is resubmitted for review."),
        ),
        Transition(
            "withdraw",
            {S.COSIGNING, S.SUBMITTED, S.RETURNED, S.ACCEPTED, S.ASSIGNED, S.REHANDLING},
            S.WITHDRAWN,
            is_lead_deputy,
            _("Withdraw"),
            done=_("The suggestion is withdrawn."),
            style="danger",
            confirm=_("The suggestion is withdrawn: its handling stops. This cannot be undone."),
        ),
        # 2. review
        Transition(
            "accept",
            {S.SUBMITTED},
            S.ACCEPTED,
            staff_of_congress,
            _("Accept"),
            done=_("The suggestion is accepted and numbered."),
        ),
        Transition(
            "return",
            {S.SUBMITTED},
            S.RETURNED,
            staff_of_congress,
            _("Return for revision"),
            done=_("The suggestion is returned to the deputy for revision."),
            style="secondary",
        ),
        Transition(
            "convert",
            {S.SUBMITTED},
            S.CONVERTED,
            staff_of_congress,
            _("Convert to a letter or reference item"),
            done=_("The suggestion is converted."),
            style="secondary",
            describe=_choice(ConvertedTo, "to"),
            confirm=True,
        ),
        Transition(
            "merge",
            {S.SUBMITTED, S.ACCEPTED},
            S.MERGED,
            staff_of_congress,
            _("Merge into another suggestion"),
            done=_("The suggestion is merged."),
            style="secondary",
            confirm=True,
        ),
        # 3. assign
        Transition(
            "assign",
            {S.ACCEPTED},
            S.ASSIGNED,
            staff_of_congress,
            _("Assign"),
            done=_("The suggestion is assigned; the units are notified."),
        ),
        Transition(
            "contest",
            HANDLING,
            None,
            is_assigned_handler,
            _("Request adjustment"),
            done=_("Your adjustment request is sent to the staff."),
            style="secondary",
            historic=was_assigned_handler,
        ),
        Transition(
            "reassign",
            HANDLING,
            None,
            staff_of_congress,
            _("Reassign"),
            done=_("The adjustment is granted: the part moves to the new unit."),
        ),
        Transition(
            "refuse_contest",
            HANDLING,
            None,
            staff_of_congress,
            _("Refuse the adjustment"),
            done=_("The adjustment request is refused."),
            style="secondary",
        ),
        Transition(
            "mark_key",
            {S.ACCEPTED, S.ASSIGNED, S.REHANDLING, S.REPLIED},
            None,
            leader_of_congress | staff_of_congress,
            _("Mark as key suggestion"),
            done=_("Marked as a key suggestion."),
            style="secondary",
        ),
        # 4. communicate
        Transition(
            "communicate",
            HANDLING,
            None,
            is_assigned_handler,
            _("Record a contact"),
            done=_("The contact is recorded."),
            historic=was_assigned_handler,
        ),
        Transition(
            "co_input",
            HANDLING,
            None,
            is_co_handler,
            _("Send co-handler input"),
            done=_("Your input is sent to the lead unit."),
            historic=was_assigned_handler,
        ),
        Transition(
            "request_extension",
            HANDLING,
            None,
            is_replying_handler,
            _("Request an extension"),
            done=_("The extension request is sent to the staff."),
            style="secondary",
            describe=_extension_asked,
            historic=was_replying_handler,
        ),
        Transition(
            "extend",
            HANDLING,
            None,
            staff_of_congress,
            _("Decide on an extension"),
            done=_("The extension request is decided."),
            describe=_extension_decided,
        ),
        # 5. reply
        Transition(
            "reply",
            HANDLING,
            (S.ASSIGNED, S.REHANDLING, S.REPLIED),
            is_replying_handler,
            _("Reply"),
            done=_("The reply is recorded; the deputy is asked to evaluate it."),
            describe=_choice(ReplyCategory, "category"),
            historic=was_replying_handler,
        ),
        Transition(
            "promise_done",
            {S.REPLIED, S.REHANDLING, S.EVALUATED},
            None,
            is_assigned_handler | staff_of_congress,
            _("Mark a promise delivered"),
            done=_("The promise is marked delivered."),
            historic=was_assigned_handler | staff_of_congress,
        ),
        # 6. evaluate
        Transition(
            "evaluate",
            {S.REPLIED},
            (S.EVALUATED, S.REHANDLING),
            is_lead_deputy,
            _("Evaluate"),
            done=_("Thank you: your evaluation is recorded."),
            describe=_choice(Satisfaction, "result"),
        ),
    ],
    events=[
        EventKind("submit", _("Submitted")),
        EventKind("merged_in", _("Another suggestion merged into this one")),
        EventKind("from_motion", _("Motion handled as a suggestion")),
        EventKind("files_added", _("Files added"), _files_added),
        EventKind("poll_open", _("Satisfaction poll opened")),
        EventKind("poll_close", _("Satisfaction poll closed")),
    ],
    # The order of a page's action forms: the usual next step first, the rare ones last.
    order=[
        "confirm",
        "decline",
        "evaluate",
        "reply",
        "communicate",
        "co_input",
        "accept",
        "assign",
        "return",
        "resubmit",
        "promise_done",
        "extend",
        "reassign",
        "refuse_contest",
        "request_extension",
        "contest",
        "mark_key",
        "merge",
        "convert",
        "withdraw",
    ],
)

MOTION = Workflow(
    "motion",
    model=Motion,
    states=MotionState,
    tones={
        MotionState.SUBMITTED: "warning",
        MotionState.REFERRED: "info",
        MotionState.LISTED: "success",
        MotionState.NOT_LISTED: "neutral",
    },
    transitions=[
        Transition(
            "refer",
            {MotionState.SUBMITTED},
            MotionState.REFERRED,
            staff_of_congress,
            _("Refer to a special committee"),
            done=_("The motion is referred to the special committee."),
        ),
        Transition(
            "list",
            {MotionState.SUBMITTED, MotionState.REFERRED},
            MotionState.LISTED,
            staff_of_congress,
            _("List on the agenda"),
            done=_("The motion is listed on the agenda."),
        ),
        Transition(
            "not_list",
            {MotionState.SUBMITTED, MotionState.REFERRED},
            MotionState.NOT_LISTED,
            staff_of_congress,
            _("Handle as a suggestion"),
            done=_("The motion is not listed: it is handled as a suggestion."),
            style="secondary",
        ),
    ],
    events=[EventKind("submit", _("Submitted"))],
)
