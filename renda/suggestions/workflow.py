"""The six steps of a suggestion (提交, 审查, 交办, 沟通, 答复, 评价) and a motion's path."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core.settings_registry import Setting
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
        _("Working days staff have to decide on an adjustment request"),
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
        "poll_working_days",
        5,
        _("Working days members have to vote in a satisfaction poll"),
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

SUGGESTION = Workflow(
    "suggestion",
    states=S,
    settings=SETTINGS,
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
