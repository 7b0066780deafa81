"""The six steps of a suggestion (提交, 审查, 交办, 沟通, 答复, 评价) and a motion's path."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core.workflow import Transition, Workflow
from renda.suggestions.models import MotionState
from renda.suggestions.models import SuggestionState as S
from renda.suggestions.rules import (
    is_assigned_handler,
    is_co_handler,
    is_lead_deputy,
    is_pending_cosigner,
    is_replying_handler,
    leader_of_congress,
    staff_of_congress,
)

HANDLING = {S.ASSIGNED, S.REHANDLING}

SUGGESTION = Workflow(
    "suggestion",
    states=S,
    transitions=[
        # 1. submit (the submission itself is the first event; co-signers confirm)
        Transition(
            "confirm",
            {S.COSIGNING},
            (S.COSIGNING, S.SUBMITTED),
            is_pending_cosigner,
            _("Confirm co-signing"),
        ),
        Transition(
            "decline",
            {S.COSIGNING},
            (S.COSIGNING, S.SUBMITTED),
            is_pending_cosigner,
            _("Decline co-signing"),
        ),
        Transition("resubmit", {S.RETURNED}, S.SUBMITTED, is_lead_deputy, _("Resubmit")),
        Transition(
            "withdraw",
            {S.COSIGNING, S.SUBMITTED, S.RETURNED, S.ACCEPTED, S.ASSIGNED, S.REHANDLING},
            S.WITHDRAWN,
            is_lead_deputy,
            _("Withdraw"),
        ),
        # 2. review
        Transition("accept", {S.SUBMITTED}, S.ACCEPTED, staff_of_congress, _("Accept")),
        Transition(
            "return", {S.SUBMITTED}, S.RETURNED, staff_of_congress, _("Return for revision")
        ),
        Transition(
            "convert",
            {S.SUBMITTED},
            S.CONVERTED,
            staff_of_congress,
            _("Convert to a letter or reference item"),
        ),
        Transition(
            "merge",
            {S.SUBMITTED, S.ACCEPTED},
            S.MERGED,
            staff_of_congress,
            _("Merge into another suggestion"),
        ),
        # 3. assign
        Transition("assign", {S.ACCEPTED}, S.ASSIGNED, staff_of_congress, _("Assign")),
        Transition("contest", HANDLING, None, is_assigned_handler, _("Request adjustment")),
        Transition("reassign", HANDLING, None, staff_of_congress, _("Reassign")),
        Transition("refuse_contest", HANDLING, None, staff_of_congress, _("Refuse the adjustment")),
        Transition(
            "mark_key",
            {S.ACCEPTED, S.ASSIGNED, S.REHANDLING, S.REPLIED},
            None,
            leader_of_congress | staff_of_congress,
            _("Mark as key suggestion"),
        ),
        # 4. communicate
        Transition("communicate", HANDLING, None, is_assigned_handler, _("Record a contact")),
        Transition("co_input", HANDLING, None, is_co_handler, _("Send co-handler input")),
        Transition(
            "request_extension", HANDLING, None, is_replying_handler, _("Request an extension")
        ),
        Transition("extend", HANDLING, None, staff_of_congress, _("Decide on an extension")),
        # 5. reply
        Transition(
            "reply",
            HANDLING,
            (S.ASSIGNED, S.REHANDLING, S.REPLIED),
            is_replying_handler,
            _("Reply"),
        ),
        Transition(
            "promise_done",
            {S.REPLIED, S.REHANDLING, S.EVALUATED},
            None,
            is_assigned_handler | staff_of_congress,
            _("Mark a promise delivered"),
        ),
        # 6. evaluate
        Transition(
            "evaluate", {S.REPLIED}, (S.EVALUATED, S.REHANDLING), is_lead_deputy, _("Evaluate")
        ),
    ],
)

MOTION = Workflow(
    "motion",
    states=MotionState,
    transitions=[
        Transition(
            "refer",
            {MotionState.SUBMITTED},
            MotionState.REFERRED,
            staff_of_congress,
            _("Refer to a special committee"),
        ),
        Transition(
            "list",
            {MotionState.SUBMITTED, MotionState.REFERRED},
            MotionState.LISTED,
            staff_of_congress,
            _("List on the agenda"),
        ),
        Transition(
            "not_list",
            {MotionState.SUBMITTED, MotionState.REFERRED},
            MotionState.NOT_LISTED,
            staff_of_congress,
            _("Handle as a suggestion"),
        ),
    ],
)
