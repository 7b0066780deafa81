"""审查建议: a citizen or an organisation proposes online (no account, rate-limited, a receipt
code to follow it) that a document be reviewed; staff accept it into a review of the document
(依申请审查) or decline it with the reason, and answer the proposer once the review ends."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.calendar import WorkingCalendar
from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.inputs import require_text
from renda.core.receipts import new_receipt_code, rate_limit
from renda.core.schemas import MAX_TEXT
from renda.core.workflow import ActionConflict, ActionInvalid, perform, record_event
from renda.filings.actions._common import LABEL_DECIDE, today
from renda.filings.actions.filing import open_review
from renda.filings.actions.review import proposal_url
from renda.filings.models import (
    NormativeDocument,
    ProposalState,
    Review,
    ReviewKind,
    ReviewProposal,
)
from renda.filings.payloads import AcceptProposalIn, AnswerProposalIn, DeclineProposalIn
from renda.filings.workflow import PROPOSAL, REVIEW_CLOSED, REVIEW_OPEN

PUBLIC_PROPOSALS_PER_HOUR = 5
RATE_WINDOW_SECONDS = 3600


def proposal_submit_online(
    *,
    congress: Any,
    proposer_name: str,
    reasons: str,
    client_ip: str,
    document: NormativeDocument | None = None,
    document_named: str = "",
    organisation: str = "",
    phone: str = "",
    email: str = "",
) -> ReviewProposal:
    """Anyone proposes a review, naming the document and the provisions and reasons; the
    receipt code follows it. Each address may propose a few an hour."""
    name = require_text(proposer_name, "proposer_name", _("Name"), max_length=40)
    reasons = require_text(reasons, "reasons", _("Provisions and reasons"), max_length=MAX_TEXT)
    named = require_text(
        document_named, "document_named", _("Document"), required=False, max_length=200
    )
    if document is not None and document.congress_id != congress.pk:
        raise ActionInvalid(_("No such document in the register."), field="document")
    if document is None and not named:
        raise ActionInvalid(
            _("Choose the document from the register, or name it."), field="document"
        )
    organisation = require_text(
        organisation, "organisation", _("Organisation"), required=False, max_length=100
    )
    phone = require_text(phone, "phone", _("Phone"), required=False, max_length=30)
    email = require_text(email, "email", _("E-mail"), required=False, max_length=254)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ActionInvalid(_("Enter a valid e-mail address."), field="email") from None
    rate_limit(
        scope="filings:proposals",
        client_ip=client_ip,
        limit=PUBLIC_PROPOSALS_PER_HOUR,
        window_seconds=RATE_WINDOW_SECONDS,
        message=_("Too many proposals from your address; try again in an hour."),
        field="reasons",
    )
    with transaction.atomic():
        proposal = ReviewProposal.objects.create(
            congress=congress,
            receipt_code=new_receipt_code(),
            proposer_name=name,
            organisation=organisation,
            phone=phone,
            email=email,
            document=document,
            document_named=named,
            reasons=reasons,
            submitted_at=timezone.now(),
        )
        record_event(
            case=proposal,
            action="submit",
            actor=None,
            to_state=ProposalState.SUBMITTED,
            data={"document": document.pk if document else None},
        )
        set_deadline(
            case=proposal,
            kind="decide",
            role="staff",
            due_date=WorkingCalendar().add_working_days(
                today(), congress.setting("proposal_decide_working_days")
            ),
            url=proposal_url(proposal),
            label=LABEL_DECIDE,
            params={"title": document.title if document else named},
        )
    return proposal


@PROPOSAL.action("accept", payload=AcceptProposalIn)
def proposal_accept(
    *, proposal: ReviewProposal, actor: Any, document: NormativeDocument, comment: str = ""
) -> ReviewProposal:
    """立案审查: the document is reviewed on request; a review of it already open takes the
    proposal in rather than a second one opening."""
    PROPOSAL.check(actor, proposal, "accept")
    if document.congress_id != proposal.congress_id:
        raise ActionInvalid(_("No such document in the register."), field="document")

    def apply(p: ReviewProposal) -> None:
        review = (
            Review.objects.select_for_update()
            .filter(document=document, state__in=REVIEW_OPEN)
            .order_by("opened_at")
            .first()
        )
        if review is None:
            review = open_review(document=document, kind=ReviewKind.REQUEST, actor=actor)
        else:
            record_event(case=review, action="proposal", actor=actor, data={"proposal": p.pk})
        p.document = document
        p.review = review
        close_deadlines(case=p, kind="decide")

    perform(
        PROPOSAL,
        case=proposal,
        action="accept",
        actor=actor,
        comment=comment,
        data={"document": document.pk},
        apply=apply,
    )
    return proposal


@PROPOSAL.action("decline", payload=DeclineProposalIn)
def proposal_decline(*, proposal: ReviewProposal, actor: Any, reason: str) -> ReviewProposal:
    """不予审查 (not a normative document filed with this congress, no reasons given…): the
    proposer reads why with the receipt code."""
    PROPOSAL.check(actor, proposal, "decline")
    reason = require_text(reason, "reason", _("Reason"))

    def apply(p: ReviewProposal) -> None:
        p.answer = reason
        p.answered_at = timezone.now()
        close_deadlines(case=p)

    perform(PROPOSAL, case=proposal, action="decline", actor=actor, comment=reason, apply=apply)
    return proposal


@PROPOSAL.action("answer", payload=AnswerProposalIn)
def proposal_answer(*, proposal: ReviewProposal, actor: Any, answer: str) -> ReviewProposal:
    """反馈: the proposer is told the outcome once the review has ended."""
    PROPOSAL.check(actor, proposal, "answer")
    answer = require_text(answer, "answer", _("Answer"))

    def apply(p: ReviewProposal) -> None:
        if p.review is None or p.review.state not in REVIEW_CLOSED:
            raise ActionConflict(_("The review has not ended yet: answer once it has."))
        p.answer = answer
        p.answered_at = timezone.now()
        close_deadlines(case=p)

    perform(PROPOSAL, case=proposal, action="answer", actor=actor, comment=answer, apply=apply)
    return proposal
