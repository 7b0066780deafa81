"""5. 答复 reply: the unit's formal letter with its result and promises; promises delivered
are marked in the ledger. 6. 评价 evaluate: the deputy's verdict, which may send the
suggestion back to be handled again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renda.core.calendar import add_months, next_workday_on_or_after
from renda.core.deadlines import close_deadlines
from renda.core.inputs import require_choice, require_text
from renda.core.uploads import check_upload
from renda.core.workflow import (
    ActionConflict,
    ActionForbidden,
    ActionInvalid,
    Goto,
    perform,
)
from renda.suggestions.actions._common import (
    active_assignment,
    lead_deputy_deadline,
    open_unit_deadlines,
    store_attachments,
    tell_deputy,
    tell_units,
    today,
)
from renda.suggestions.models import (
    Assignment,
    Evaluation,
    Promise,
    Reply,
    ReplyCategory,
    Satisfaction,
    Suggestion,
    SuggestionState,
)
from renda.suggestions.payloads import (
    EvaluateIn,
    PromiseDoneIn,
    PromiseIn,
    ReplyIn,
    refuse_without_promises,
)
from renda.suggestions.queries import contact_recorded
from renda.suggestions.rules import owns_promise
from renda.suggestions.workflow import SUGGESTION

S = SuggestionState


@SUGGESTION.action("reply", payload=ReplyIn)
def suggestion_reply(
    *,
    suggestion: Suggestion,
    actor: Any,
    text: str,
    category: str,
    signer: str,
    promises: Sequence[PromiseIn] = (),
    contact_person: str = "",
    contact_phone: str = "",
    attachments: Sequence[Any] = (),
) -> Reply:
    """答复: the unit's formal letter with its result (A/B/C); B carries promises.

    In separate handling each unit replies for its part and the suggestion is replied once
    all have; otherwise the sole or lead unit's reply completes the step.
    """
    SUGGESTION.check(actor, suggestion, "reply")
    text = require_text(text, "text", _("Reply"))
    category = require_choice(category, ReplyCategory, "category")
    signer = require_text(signer, "signer", _("Signed by"), max_length=40)
    if category == ReplyCategory.B and not promises:
        raise ActionInvalid(
            _("A “being solved” reply lists what the unit promises and by when."), field="promises"
        )
    for p in promises:
        if not p.text.strip():
            raise ActionInvalid(_("Each promise needs a text."), field="promises")
        if p.due_date < today():
            raise ActionInvalid(_("A promise cannot be due in the past."), field="promises")
    for f in attachments:
        check_upload(f)

    def apply(s: Suggestion) -> Goto:
        a = active_assignment(s, actor)
        if a.is_co:
            raise ActionForbidden(_("A co-handler sends its input to the lead unit instead."))
        if a.contest_state == Assignment.ContestState.PENDING:
            raise ActionConflict(_("Wait for staff to decide on your adjustment request."))
        if Reply.objects.filter(
            suggestion=s, unit=a.unit, handling_round=s.handling_round
        ).exists():
            raise ActionConflict(_("Your unit has already replied in this round."))
        if not contact_recorded(s, a.unit_id):
            raise ActionConflict(
                _("Talk with the deputy first and record the contact before replying.")
            )
        reply = Reply.objects.create(
            suggestion=s,
            unit=a.unit,
            handling_round=s.handling_round,
            text=text,
            category=category,
            signer=signer,
            contact_person=contact_person.strip(),
            contact_phone=contact_phone.strip(),
            replied_at=timezone.now(),
            recorded_by=actor,
        )
        Promise.objects.bulk_create(
            [
                Promise(
                    reply=reply,
                    suggestion=s,
                    unit=a.unit,
                    congress_id=s.congress_id,
                    text=p.text.strip(),
                    due_date=p.due_date,
                )
                for p in promises
            ]
        )
        store_attachments(s, attachments, actor, reply=reply)
        close_deadlines(case=s, kind=f"reply:{a.unit_id}")
        # Complete once every replying unit has answered in this round (separate handling).
        replying = s.assignments.filter(active=True).exclude(role=Assignment.Role.CO).count()
        replied = Reply.objects.filter(suggestion=s, handling_round=s.handling_round).count()
        if replied < replying:
            return Goto(s.state, reply)
        lead_deputy_deadline(
            s, "evaluate", "evaluation_working_days", gettext_noop("Evaluate the reply: %(title)s")
        )
        return Goto(S.REPLIED, reply)

    return perform(
        SUGGESTION,
        case=suggestion,
        action="reply",
        actor=actor,
        apply=apply,
        data={"category": category, "unit": actor.unit_id, "round": suggestion.handling_round},
        notify=lambda e: (
            tell_deputy(suggestion, _("Your suggestion has a reply: %(title)s"))
            if e.to_state == S.REPLIED
            else None
        ),
    )


def promise_done(*, promise: Promise, actor: Any, evidence: str) -> Promise:
    """落实: a promise in the ledger is marked delivered, with how."""
    return suggestion_promise_done(
        suggestion=promise.suggestion, actor=actor, promise=promise, evidence=evidence
    )


@SUGGESTION.action("promise_done", payload=PromiseDoneIn)
def suggestion_promise_done(
    *, suggestion: Suggestion, actor: Any, promise: Promise, evidence: str
) -> Promise:
    SUGGESTION.check(actor, suggestion, "promise_done")
    refuse_without_promises(suggestion)
    if promise.suggestion_id != suggestion.pk:
        raise ActionInvalid(_("No such promise on this suggestion."), field="promise")
    evidence = require_text(evidence, "evidence", _("How it was delivered"))
    if not owns_promise(actor, promise):
        raise ActionForbidden(_("This promise belongs to another unit."))
    if promise.done_at:
        raise ActionConflict(_("This promise is already marked delivered."))

    def apply(s: Suggestion) -> None:
        updated = Promise.objects.filter(pk=promise.pk, done_at__isnull=True).update(
            done_at=timezone.now(), evidence=evidence
        )
        if not updated:
            raise ActionConflict(_("This promise is already marked delivered."))

    perform(
        SUGGESTION,
        case=suggestion,
        action="promise_done",
        actor=actor,
        comment=evidence,
        apply=apply,
        data={"promise": promise.pk},
    )
    promise.refresh_from_db()
    return promise


@SUGGESTION.action("evaluate", payload=EvaluateIn)
def suggestion_evaluate(
    *, suggestion: Suggestion, actor: Any, result: str, comment: str = ""
) -> Evaluation:
    """评价: 不满意 in the first round sends it back to be handled again within a month."""
    SUGGESTION.check(actor, suggestion, "evaluate")
    result = require_choice(result, Satisfaction, "result")
    if result == Satisfaction.DISSATISFIED and not comment.strip():
        raise ActionInvalid(_("Say why you are not satisfied."), field="comment")
    rehandle = result == Satisfaction.DISSATISFIED and suggestion.handling_round == 1

    def apply(s: Suggestion) -> Goto:
        evaluation = Evaluation.objects.create(
            suggestion=s,
            handling_round=s.handling_round,
            result=result,
            comment=comment.strip(),
            evaluated_at=timezone.now(),
            deputy_id=s.lead_deputy_id,
        )
        close_deadlines(case=s, kind="evaluate")
        if not rehandle:
            s.closed_at = timezone.now()
            return Goto(S.EVALUATED, evaluation)
        s.handling_round += 1
        s.reply_due = next_workday_on_or_after(
            add_months(today(), s.congress.setting("rehandle_months"))
        )
        open_unit_deadlines(s)
        return Goto(S.REHANDLING, evaluation)

    return perform(
        SUGGESTION,
        case=suggestion,
        action="evaluate",
        actor=actor,
        comment=comment,
        apply=apply,
        data={"result": result},
        notify=lambda e: tell_units(
            suggestion,
            _("The deputy is not satisfied; handle again: %(title)s")
            if rehandle
            else _("The deputy evaluated your reply: %(title)s"),
        ),
    )
