"""复查 and 复核: the petitioner may ask for a review within the congress's days of the answer,
and then for a re-examination within as many days of the review; each is answered within its
days; the re-examination's opinion is final. Closed once the window ends with nothing asked
(`renda remind`). The petitioner rates the answer with the receipt code."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.deadlines import close_deadlines
from renda.core.inputs import require_choice, require_text
from renda.core.workflow import ActionConflict, Goto, perform
from renda.petitions.actions._common import LABEL_REVIEW, office_deadline, tell_office, today
from renda.petitions.models import Petition, PetitionState, Rating, ReviewResult
from renda.petitions.payloads import RateIn, RequestReviewIn, ReviewAnswerIn
from renda.petitions.workflow import PETITION


@PETITION.action("request_review", payload=RequestReviewIn)
def petition_request_review(*, petition: Petition, actor: Any, reason: str) -> Petition:
    """The office records a review request (a letter), or the petitioner asks online with the
    receipt code: within the window only."""
    PETITION.check(actor, petition, "request_review")
    reason = require_text(reason, "reason", _("Reason"))

    def apply(p: Petition) -> None:
        assert p.window_ends is not None
        if today() > p.window_ends:
            raise ActionConflict(
                _("A review could be asked until %(date)s; that time has passed.")
                % {"date": p.window_ends.isoformat()}
            )
        p.review_round += 1
        p.review_reason = reason
        p.review_due = today() + datetime.timedelta(
            days=p.congress.setting("petition_review_answer_days")
        )
        office_deadline(p, "review", LABEL_REVIEW, p.review_due)

    perform(
        PETITION,
        case=petition,
        action="request_review",
        actor=actor,
        comment=reason,
        data={"round": petition.review_round + 1},
        apply=apply,
        notify=lambda e: tell_office(petition, _("A review is asked of petition %(number)s")),
    )
    return petition


@PETITION.action("answer_review", payload=ReviewAnswerIn)
def petition_answer_review(
    *, petition: Petition, actor: Any, body: str, result: str, text: str
) -> Petition:
    """The reviewing body's opinion, recorded by the office; after a re-examination (the
    second round) it is final and the petition closes."""
    PETITION.check(actor, petition, "answer_review")
    body = require_text(body, "body", _("Reviewing body"), max_length=100)
    result = require_choice(result, ReviewResult, "result")
    text = require_text(text, "text", _("Review opinion"))

    def apply(p: Petition) -> Goto:
        p.review_body = body
        p.review_result = result
        p.review_answer = text
        p.reviewed_at = timezone.now()
        close_deadlines(case=p, kind_prefix="review:")
        if p.review_round >= 2:
            p.closed_at = p.reviewed_at
            p.window_ends = None
            return Goto(PetitionState.CLOSED)
        p.window_ends = today() + datetime.timedelta(
            days=p.congress.setting("petition_review_request_days")
        )
        return Goto(PetitionState.REVIEWED)

    perform(
        PETITION,
        case=petition,
        action="answer_review",
        actor=actor,
        comment=text,
        data={"result": result, "round": petition.review_round},
        apply=apply,
    )
    return petition


@PETITION.action("close")
def petition_close(*, petition: Petition, actor: Any) -> Petition:
    """办结: no review was asked in time (a system step of `renda remind`)."""

    def apply(p: Petition) -> None:
        if p.window_ends is None or p.window_ends >= today():
            raise ActionConflict(_("A review may still be asked."))
        p.closed_at = timezone.now()
        close_deadlines(case=p)

    perform(PETITION, case=petition, action="close", actor=actor, apply=apply)
    return petition


@PETITION.action("rate", payload=RateIn)
def petition_rate(
    *, petition: Petition, rating: str, comment: str = "", actor: Any = None
) -> Petition:
    """The petitioner, holding the receipt code (no account), rates the answer once."""
    petitioner = actor if actor is not None else AnonymousUser()
    PETITION.check(petitioner, petition, "rate")
    rating = require_choice(rating, Rating, "rating")
    comment = require_text(comment, "comment", _("Comment"), required=False, max_length=5_000)

    def apply(p: Petition) -> None:
        if p.rating:
            raise ActionConflict(_("This answer has been rated already."), field="rating")
        p.rating = rating
        p.rating_comment = comment
        p.rated_at = timezone.now()

    perform(
        PETITION,
        case=petition,
        action="rate",
        actor=petitioner,
        comment=comment,
        data={"rating": rating},
        apply=apply,
    )
    return petition
