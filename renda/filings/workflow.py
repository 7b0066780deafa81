"""Filing review (备案审查): a filing is registered or returned (报备, formal review); a review of
a document in the register records its checks and ends with no problem, or a problem the
issuing body corrects (审查意见 → 纠正 → 核实), or that goes to the chair's council and can end
in a revocation decided at a meeting; a review proposal from the public is accepted into a
review or declined, and answered; the annual report is drafted, submitted and heard."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.models import Event
from renda.core.predicates import leader_of_congress, staff_of_congress
from renda.core.settings_registry import Setting
from renda.core.workflow import EventKind, Transition, Workflow, describe_choice
from renda.filings.models import (
    AnnualReport,
    CorrectionKind,
    Filing,
    ReportState,
    Review,
    ReviewKind,
    ReviewProposal,
)
from renda.filings.models import FilingState as F
from renda.filings.models import ProposalState as P
from renda.filings.models import ReviewState as R
from renda.filings.rules import is_filer, speaks_for_issuer

Names = Mapping[str, Mapping[Any, str]]


def _due(event: Event, names: Names) -> str:
    due = (event.data or {}).get("due")
    return str(_("To correct by %(date)s") % {"date": due}) if due else ""


def _verified(event: Event, names: Names) -> str:
    from renda.filings.payloads import VerifyDecision

    data = event.data or {}
    if "accepted" not in data:
        return ""
    decision = VerifyDecision.ACCEPT if data["accepted"] else VerifyDecision.INSUFFICIENT
    return str(decision.label)


def _late(event: Event, names: Names) -> str:
    return str(_("Filed late")) if (event.data or {}).get("late") else ""


def _aspect(event: Event, names: Names) -> str:
    from renda.filings.models import Aspect, CheckResult

    data = event.data or {}
    aspect, result = data.get("aspect"), data.get("result")
    if aspect not in Aspect.values or result not in CheckResult.values:
        return ""
    return f"{Aspect(aspect).label}: {CheckResult(result).label}"


# Named sets of states, declared once here and imported everywhere else.
REVIEW_OPEN = frozenset({R.REVIEWING, R.PROBLEM, R.CORRECTING, R.VERIFYING, R.REFERRED,
                         R.REVOCATION_PROPOSED})  # fmt: skip
REVIEW_CLOSED = frozenset({R.NO_PROBLEM, R.CORRECTED, R.REVOKED})
# A problem was found (whatever came of it).
WITH_PROBLEM = frozenset({R.PROBLEM, R.CORRECTING, R.VERIFYING, R.CORRECTED, R.REFERRED,
                          R.REVOCATION_PROPOSED, R.REVOKED})  # fmt: skip
# Waiting for the issuing body to correct, and what the council may still see corrected.
AWAITING_CORRECTION = frozenset({R.CORRECTING, R.REFERRED})
FILING_OPEN = frozenset({F.FILED, F.RETURNED})

RULES = "《法规、司法解释备案审查工作办法》"
SETTINGS = [
    Setting(
        "filing_days",
        30,
        _("Days after publication within which a normative document is filed"),
        _("%(rules)s and the local filing-review rules: filed within 30 days of publication")
        % {"rules": RULES},
    ),
    Setting(
        "filing_register_working_days",
        5,
        _("Working days staff have to register or return a filing"),
    ),
    Setting(
        "filing_refile_working_days",
        10,
        _("Working days an issuing body has to complete a returned filing"),
    ),
    Setting(
        "filing_review_months",
        2,
        _("Months to review a registered document"),
    ),
    Setting(
        "filing_correction_months",
        2,
        _("Months an issuing body has to correct a document after a review opinion"),
        _("%(rules)s: the issuing body answers a written review opinion within two months")
        % {"rules": RULES},
    ),
    Setting(
        "filing_verify_working_days",
        10,
        _("Working days staff have to verify a reported correction"),
    ),
    Setting(
        "filing_council_working_days",
        20,
        _("Working days for the chair's council to take up a document not corrected"),
    ),
    Setting(
        "proposal_decide_working_days",
        15,
        _("Working days staff have to accept or decline a review proposal"),
    ),
]

FILING = Workflow(
    "filing",
    model=Filing,
    states=F,
    settings=SETTINGS,
    tones={F.FILED: "info", F.RETURNED: "warning", F.REGISTERED: "success"},
    groups={"open": FILING_OPEN},
    transitions=[
        Transition(
            "register",
            {F.FILED},
            F.REGISTERED,
            staff_of_congress,
            _("Register"),
            past=_("Registered"),
            done=_("The filing is registered; the document is in the register, under review."),
        ),
        Transition(
            "return",
            {F.FILED},
            F.RETURNED,
            staff_of_congress,
            _("Return for completion"),
            past=_("Returned for completion"),
            done=_("The filing is returned to the issuing body."),
            style="secondary",
        ),
        Transition(
            "refile",
            {F.RETURNED},
            F.FILED,
            is_filer,
            _("File again"),
            past=_("Filed again"),
            done=_("The filing is sent again."),
        ),
    ],
    events=[
        EventKind("file", _("Filed"), describe=_late),
        EventKind("add_files", _("Files added")),
    ],
    order=["register", "return", "refile"],
)

REVIEW = Workflow(
    "review",
    model=Review,
    states=R,
    tones={
        R.REVIEWING: "info",
        R.NO_PROBLEM: "success",
        R.PROBLEM: "danger",
        R.CORRECTING: "warning",
        R.VERIFYING: "info",
        R.CORRECTED: "success",
        R.REFERRED: "danger",
        R.REVOCATION_PROPOSED: "danger",
        R.REVOKED: "neutral",
    },
    groups={
        "open": REVIEW_OPEN,
        "closed": REVIEW_CLOSED,
        "with_problem": WITH_PROBLEM,
        "awaiting_correction": AWAITING_CORRECTION,
    },
    transitions=[
        Transition(
            "record_check",
            {R.REVIEWING},
            None,
            staff_of_congress,
            _("Record a check"),
            past=_("Check recorded"),
            done=_("The check is recorded."),
            describe=_aspect,
        ),
        Transition(
            "conclude",
            {R.REVIEWING},
            (R.NO_PROBLEM, R.PROBLEM),
            staff_of_congress,
            _("Conclude the review"),
            past=_("Review concluded"),
            done=_("The review is concluded."),
        ),
        Transition(
            "send_opinion",
            {R.PROBLEM},
            R.CORRECTING,
            staff_of_congress,
            _("Send the review opinion"),
            past=_("Review opinion sent"),
            done=_("The review opinion is sent to the issuing body."),
            describe=_due,
        ),
        Transition(
            "report_correction",
            AWAITING_CORRECTION,
            R.VERIFYING,
            speaks_for_issuer | staff_of_congress,
            _("Report the correction"),
            past=_("Correction reported"),
            done=_("The correction is reported; staff will verify it."),
            describe=describe_choice(CorrectionKind, "kind"),
        ),
        Transition(
            "verify",
            {R.VERIFYING},
            (R.CORRECTED, R.CORRECTING),
            staff_of_congress,
            _("Verify the correction"),
            past=_("Correction verified"),
            done=_("The correction is verified."),
            describe=_verified,
        ),
        Transition(
            "refer",
            {R.CORRECTING},
            R.REFERRED,
            staff_of_congress,
            _("Refer to the chair's council"),
            past=_("Referred to the chair's council"),
            done=_("The review is referred to the chair's council."),
            style="danger",
            confirm=True,
        ),
        Transition(
            "propose_revocation",
            {R.REFERRED},
            R.REVOCATION_PROPOSED,
            leader_of_congress,
            _("Propose revocation to the standing committee"),
            past=_("Revocation proposed"),
            done=_("The revocation is put to the standing committee's meeting."),
            style="danger",
            confirm=True,
        ),
        Transition(
            "record_revocation",
            {R.REVOCATION_PROPOSED},
            R.REVOKED,
            staff_of_congress,
            _("Record the revocation decision"),
            past=_("Revocation decided"),
            done=_("The revocation decision is recorded; the document is revoked."),
            style="danger",
            confirm=True,
        ),
    ],
    events=[
        EventKind("open", _("Review opened"), describe=describe_choice(ReviewKind, "kind")),
        EventKind("proposal", _("A review proposal joined this review")),
    ],
    order=[
        "record_check",
        "conclude",
        "send_opinion",
        "report_correction",
        "verify",
        "refer",
        "propose_revocation",
        "record_revocation",
    ],
)

PROPOSAL = Workflow(
    "review_proposal",
    model=ReviewProposal,
    states=P,
    case_arg="proposal",
    tones={
        P.SUBMITTED: "info",
        P.ACCEPTED: "warning",
        P.DECLINED: "neutral",
        P.ANSWERED: "success",
    },
    groups={"closed": frozenset({P.DECLINED, P.ANSWERED})},
    transitions=[
        Transition(
            "accept",
            {P.SUBMITTED},
            P.ACCEPTED,
            staff_of_congress,
            _("Accept for review"),
            past=_("Accepted for review"),
            done=_("The proposal is accepted: the document is under review."),
        ),
        Transition(
            "decline",
            {P.SUBMITTED},
            P.DECLINED,
            staff_of_congress,
            _("Decline"),
            done=_("The proposal is declined; the proposer can read why."),
            style="secondary",
            confirm=True,
        ),
        Transition(
            "answer",
            {P.ACCEPTED},
            P.ANSWERED,
            staff_of_congress,
            _("Answer the proposer"),
            past=_("Proposer answered"),
            done=_("The proposer can read the outcome with the receipt code."),
        ),
    ],
    events=[EventKind("submit", _("Submitted online"), actor_label=_("the proposer"))],
    order=["accept", "answer", "decline"],
)

REPORT = Workflow(
    "filing_report",
    model=AnnualReport,
    states=ReportState,
    case_arg="report",
    tones={
        ReportState.DRAFT: "info",
        ReportState.SUBMITTED: "warning",
        ReportState.HEARD: "success",
    },
    transitions=[
        Transition(
            "submit",
            {ReportState.DRAFT},
            ReportState.SUBMITTED,
            staff_of_congress,
            _("Submit for the standing committee's agenda"),
            past=_("Submitted for the agenda"),
            done=_("The report is submitted for the standing committee's agenda."),
        ),
        Transition(
            "record_hearing",
            {ReportState.SUBMITTED},
            ReportState.HEARD,
            staff_of_congress,
            _("Record the hearing"),
            past=_("Heard by the standing committee"),
            done=_("The hearing is recorded."),
        ),
    ],
    events=[EventKind("draft", _("Drafted"))],
)
