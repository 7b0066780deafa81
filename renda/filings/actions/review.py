"""审查: staff record the checks (legality, consistency with higher law, appropriateness) and
conclude; a problem becomes a written opinion to the issuing body, which corrects (amends or
repeals) by a deadline; staff verify it. An unresolved problem goes to the chair's council,
which can put a revocation to the standing committee; its decision is recorded."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.calendar import WorkingCalendar, add_months
from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.inputs import require_choice, require_text
from renda.core.predicates import staff_of_congress
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid, Goto, perform
from renda.filings.actions._common import (
    LABEL_ANSWER,
    LABEL_CORRECT,
    LABEL_COUNCIL,
    LABEL_VERIFY,
    change_status,
    issuer_deadline_owner,
    review_url,
    tell_issuer,
    today,
)
from renda.filings.actions.filing import open_review
from renda.filings.models import (
    Aspect,
    CheckResult,
    CorrectionKind,
    DocumentStatus,
    NormativeDocument,
    ProposalState,
    Review,
    ReviewCheck,
    ReviewKind,
)
from renda.filings.models import ReviewState as R
from renda.filings.payloads import (
    CheckIn,
    ConcludeIn,
    CorrectionIn,
    OpinionIn,
    ReferIn,
    RevocationDecisionIn,
    RevocationIn,
    VerifyDecision,
    VerifyIn,
)
from renda.filings.workflow import REVIEW, REVIEW_OPEN


def review_open(*, document: NormativeDocument, kind: str, topic: str, actor: Any) -> Review:
    """专项审查 (a topic across documents) or 移送审查 (transferred by another body): staff open
    a review of a document of the register. Active reviews open with a registration, reviews
    on request with an accepted proposal."""
    if not staff_of_congress(actor, document):
        raise ActionForbidden(_("Only the standing committee's staff may open a review."))
    if kind not in (ReviewKind.SPECIAL, ReviewKind.TRANSFERRED):
        raise ActionInvalid(_("Open a special or a transferred review here."), field="kind")
    label = _("Topic of the special review") if kind == ReviewKind.SPECIAL else _("Transferred by")
    topic = require_text(topic, "topic", label, max_length=200)
    with transaction.atomic():
        if Review.objects.filter(document=document, state__in=REVIEW_OPEN).exists():
            raise ActionConflict(_("This document is under review already."), field="document")
        return open_review(document=document, kind=kind, actor=actor, topic=topic)


@REVIEW.action("record_check", payload=CheckIn)
def review_record_check(
    *, review: Review, actor: Any, aspect: str, result: str, note: str = ""
) -> Review:
    """One aspect checked, with what was found (a later check of the same aspect replaces it;
    the timeline keeps both)."""
    REVIEW.check(actor, review, "record_check")
    aspect = require_choice(aspect, Aspect, "aspect")
    result = require_choice(result, CheckResult, "result")
    note = require_text(note, "note", _("Findings"), required=result == CheckResult.PROBLEM)

    def apply(r: Review) -> None:
        ReviewCheck.objects.update_or_create(
            review=r,
            aspect=aspect,
            defaults={
                "result": result,
                "note": note,
                "checked_by": actor,
                "checked_at": timezone.now(),
            },
        )

    # The findings stay on the check (staff and leaders read them), not in the timeline the
    # issuing body reads too.
    perform(
        REVIEW,
        case=review,
        action="record_check",
        actor=actor,
        data={"aspect": aspect, "result": result},
        apply=apply,
    )
    return review


@REVIEW.action("conclude", payload=ConcludeIn)
def review_conclude(*, review: Review, actor: Any, summary: str) -> Review:
    """The outcome follows the checks: every aspect must be checked; a problem in any of them
    is a problem found, otherwise the review closes with no problem."""
    REVIEW.check(actor, review, "conclude")
    summary = require_text(summary, "summary", _("Conclusion"))

    def apply(r: Review) -> Goto:
        results = dict(r.checks.values_list("aspect", "result"))
        missing = [str(label) for value, label in Aspect.choices if value not in results]
        if missing:
            raise ActionInvalid(
                _("Record the checks first: %(missing)s.") % {"missing": ", ".join(missing)}
            )
        r.summary = summary
        r.concluded_at = timezone.now()
        close_deadlines(case=r, kind="review")
        if CheckResult.PROBLEM in results.values():
            return Goto(R.PROBLEM)
        r.closed_at = r.concluded_at
        review_closed(r)
        return Goto(R.NO_PROBLEM)

    perform(REVIEW, case=review, action="conclude", actor=actor, comment=summary, apply=apply)
    return review


def review_closed(review: Review) -> None:
    """Whoever proposed this review is owed the outcome: staff answer them (a deadline)."""
    for proposal in review.proposals.filter(state=ProposalState.ACCEPTED):
        set_deadline(
            case=proposal,
            kind="answer",
            role="staff",
            due_date=WorkingCalendar().add_working_days(
                today(), review.congress.setting("filing_verify_working_days")
            ),
            url=proposal_url(proposal),
            label=LABEL_ANSWER,
            params={"title": review.document.title},
        )


def proposal_url(proposal: Any) -> str:
    from django.urls import reverse

    return reverse("filings:proposal", args=[proposal.pk])


def _working_days_deadline(r: Review, kind: str, label: str, setting: str, role: str) -> None:
    """What a role of the congress must do within the congress's working days."""
    set_deadline(
        case=r,
        kind=kind,
        role=role,
        due_date=WorkingCalendar().add_working_days(today(), r.congress.setting(setting)),
        url=review_url(r),
        label=label,
        params={"title": r.document.title},
    )


def _correct_deadline(r: Review, due: datetime.date) -> None:
    filing = r.filing
    owner = issuer_deadline_owner(r.document.issuer, filing.filed_by if filing else None)
    if owner.get("user") is None and "unit" not in owner:
        owner = {"role": "staff"}
    set_deadline(
        case=r,
        kind="correct",
        due_date=due,
        url=review_url(r),
        label=LABEL_CORRECT,
        params={"title": r.document.title},
        **owner,
    )


@REVIEW.action("send_opinion", payload=OpinionIn)
def review_send_opinion(
    *, review: Review, actor: Any, opinion: str, due: datetime.date | None = None
) -> Review:
    """审查意见: the written opinion to the issuing body, which corrects by the date given
    (by default the congress's correction months)."""
    REVIEW.check(actor, review, "send_opinion")
    opinion = require_text(opinion, "opinion", _("Written review opinion"))
    due = due or add_months(today(), review.congress.setting("filing_correction_months"))
    if due < today():
        raise ActionInvalid(_("A correction deadline cannot be in the past."), field="due")

    def apply(r: Review) -> None:
        r.opinion = opinion
        r.opinion_sent_at = timezone.now()
        r.correction_due = due
        _correct_deadline(r, due)

    perform(
        REVIEW,
        case=review,
        action="send_opinion",
        actor=actor,
        comment=opinion,
        data={"due": due.isoformat()},
        apply=apply,
        notify=lambda e: _tell(
            review, _("A review opinion asks you to correct a document: %(title)s")
        ),
    )
    return review


def _tell(review: Review, title: str) -> None:
    filing = review.filing
    tell_issuer(
        review.document.issuer,
        title % {"title": review.document.title},
        review_url(review),
        fallback=filing.filed_by if filing else None,
    )


@REVIEW.action("report_correction", payload=CorrectionIn)
def review_report_correction(
    *, review: Review, actor: Any, kind: str, text: str, number: str = ""
) -> Review:
    """纠正: the issuing body reports that it amended or repealed the document; staff verify."""
    REVIEW.check(actor, review, "report_correction")
    kind = require_choice(kind, CorrectionKind, "kind")
    text = require_text(text, "text", _("What the issuing body did"))
    number = require_text(number, "number", _("Document number"), required=False, max_length=60)

    def apply(r: Review) -> None:
        r.correction_kind = kind
        r.correction_text = text
        r.correction_number = number
        r.correction_reported_at = timezone.now()
        close_deadlines(case=r, kind="correct")
        close_deadlines(case=r, kind="council")
        _working_days_deadline(r, "verify", LABEL_VERIFY, "filing_verify_working_days", "staff")

    perform(
        REVIEW,
        case=review,
        action="report_correction",
        actor=actor,
        comment=text,
        data={"kind": kind, "number": number},
        apply=apply,
    )
    return review


@REVIEW.action("verify", payload=VerifyIn)
def review_verify(
    *,
    review: Review,
    actor: Any,
    decision: str,
    comment: str = "",
    new_due: datetime.date | None = None,
) -> Review:
    """核实: the correction settles the problem (closed; the document's status follows), or
    is not sufficient and the issuing body corrects again (by a new date, if given)."""
    REVIEW.check(actor, review, "verify")
    decision = require_choice(decision, VerifyDecision, "decision")
    accepted = decision == VerifyDecision.ACCEPT
    comment = require_text(comment, "comment", _("Comment"), required=not accepted)
    if not accepted and new_due is not None and new_due < today():
        raise ActionInvalid(_("A correction deadline cannot be in the past."), field="new_due")

    def apply(r: Review) -> Goto:
        close_deadlines(case=r, kind="verify")
        if accepted:
            r.closed_at = timezone.now()
            status = (
                DocumentStatus.AMENDED
                if r.correction_kind == CorrectionKind.AMENDED
                else DocumentStatus.REPEALED
            )
            change_status(r.document, status, actor=actor, note=r.correction_number)
            review_closed(r)
            return Goto(R.CORRECTED)
        r.correction_due = new_due or r.correction_due or today()
        _correct_deadline(r, r.correction_due)
        return Goto(R.CORRECTING)

    perform(
        REVIEW,
        case=review,
        action="verify",
        actor=actor,
        comment=comment,
        data={"accepted": accepted},
        apply=apply,
        notify=None
        if accepted
        else lambda e: _tell(review, _("Your correction is not sufficient: %(title)s")),
    )
    return review


@REVIEW.action("refer", payload=ReferIn)
def review_refer(*, review: Review, actor: Any, note: str) -> Review:
    """提请主任会议: the issuing body did not correct; the chair's council takes it up (at a
    meeting the later meetings app will link)."""
    REVIEW.check(actor, review, "refer")
    note = require_text(note, "note", _("Note"))

    def apply(r: Review) -> None:
        r.council_note = note
        r.referred_at = timezone.now()
        close_deadlines(case=r, kind="correct")
        _working_days_deadline(r, "council", LABEL_COUNCIL, "filing_council_working_days", "leader")

    perform(REVIEW, case=review, action="refer", actor=actor, comment=note, apply=apply)
    return review


@REVIEW.action("propose_revocation", payload=RevocationIn)
def review_propose_revocation(*, review: Review, actor: Any, note: str) -> Review:
    """The chair's council puts a revocation (撤销) to the standing committee's meeting."""
    REVIEW.check(actor, review, "propose_revocation")
    note = require_text(note, "note", _("The revocation proposal"))

    def apply(r: Review) -> None:
        r.revocation_note = note
        r.revocation_proposed_at = timezone.now()
        close_deadlines(case=r, kind="council")

    perform(
        REVIEW, case=review, action="propose_revocation", actor=actor, comment=note, apply=apply
    )
    return review


@REVIEW.action("record_revocation", payload=RevocationDecisionIn)
def review_record_revocation(
    *, review: Review, actor: Any, decision: str, comment: str = ""
) -> Review:
    """The standing committee revoked the document: the review closes, the document is
    revoked in the register."""
    REVIEW.check(actor, review, "record_revocation")
    decision = require_text(decision, "decision", _("Meeting and decision"), max_length=200)

    def apply(r: Review) -> None:
        if r.document.status == DocumentStatus.REVOKED:
            raise ActionConflict(_("The document is revoked already."))
        r.decision_note = decision
        r.closed_at = timezone.now()
        change_status(r.document, DocumentStatus.REVOKED, actor=actor, note=decision)
        review_closed(r)

    perform(
        REVIEW,
        case=review,
        action="record_revocation",
        actor=actor,
        comment=comment or decision,
        data={"decision": decision},
        apply=apply,
        notify=lambda e: _tell(review, _("The standing committee revoked: %(title)s")),
    )
    return review
