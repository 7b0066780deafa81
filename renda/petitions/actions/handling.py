"""受理 and 办理: the office decides within its days whether and how to accept a petition (it
handles it itself, forwards it to the body competent, or assigns it with a report required)
and tells the petitioner; the handling body answers in writing within 60 days, once extended
by at most 30 with reasons. Only the body a petition went to answers it."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.deadlines import close_deadlines
from renda.core.inputs import require_choice, require_text
from renda.core.workflow import ActionConflict, ActionInvalid, perform
from renda.petitions.actions._common import (
    answer_deadline,
    close_answer_deadlines,
    tell_office,
    tell_unit,
    today,
)
from renda.petitions.models import AnswerResult, HandlingMode, Petition
from renda.petitions.payloads import AcceptIn, AnswerIn, DeclineIn, ExtendIn, LinkIn
from renda.petitions.workflow import PETITION


@PETITION.action("accept", payload=AcceptIn)
def petition_accept(
    *, petition: Petition, actor: Any, mode: str, note: str, unit: Any = None
) -> Petition:
    """受理: how it is handled, and what the petitioner is told; the answer is due in the
    congress's days from today."""
    PETITION.check(actor, petition, "accept")
    mode = require_choice(mode, HandlingMode, "mode")
    note = require_text(note, "note", _("What the petitioner is told"))
    if mode == HandlingMode.DIRECT and unit is not None:
        raise ActionInvalid(_("The office handles it itself: name no unit."), field="unit")
    if mode != HandlingMode.DIRECT and unit is None:
        raise ActionInvalid(_("Name the body competent."), field="unit")
    if unit is not None and unit.congress_id != petition.congress_id:
        raise ActionInvalid(_("No such handling unit in your congress."), field="unit")

    def apply(p: Petition) -> None:
        p.mode = mode
        p.unit = unit
        p.decision_note = note
        p.decided_at = timezone.now()
        p.answer_due = today() + datetime.timedelta(days=p.congress.setting("petition_answer_days"))
        close_deadlines(case=p, kind_prefix="accept:")
        answer_deadline(p)

    perform(
        PETITION,
        case=petition,
        action="accept",
        actor=actor,
        comment=note,
        data={"mode": mode, "unit": unit.pk if unit else None},
        apply=apply,
        notify=None
        if unit is None
        else lambda e: tell_unit(petition, _("A petition is sent to your unit: %(title)s")),
    )
    return petition


@PETITION.action("decline", payload=DeclineIn)
def petition_decline(*, petition: Petition, actor: Any, reason: str) -> Petition:
    """不予受理 (a matter for the courts, for another level…): the petitioner reads why and
    where to turn."""
    PETITION.check(actor, petition, "decline")
    reason = require_text(reason, "reason", _("Reason"))

    def apply(p: Petition) -> None:
        p.decision_note = reason
        p.decided_at = timezone.now()
        p.closed_at = p.decided_at
        close_deadlines(case=p)

    perform(PETITION, case=petition, action="decline", actor=actor, comment=reason, apply=apply)
    return petition


@PETITION.action("extend", payload=ExtendIn)
def petition_extend(*, petition: Petition, actor: Any, days: int, reason: str) -> Petition:
    """延期: once, before the answer is due, by at most the congress's days, with reasons the
    petitioner reads."""
    PETITION.check(actor, petition, "extend")
    reason = require_text(reason, "reason", _("Reason"))
    most = petition.congress.setting("petition_extension_days")
    if not 1 <= days <= most:
        raise ActionInvalid(
            _("An answer may be extended by 1 to %(most)s days.") % {"most": most}, field="days"
        )

    def apply(p: Petition) -> None:
        if p.extended_days:
            raise ActionConflict(_("The time to answer was extended already; it is extended once."))
        assert p.answer_due is not None
        if today() > p.answer_due:
            raise ActionConflict(
                _("The answer was due on %(date)s: answer now rather than extend.")
                % {"date": p.answer_due.isoformat()}
            )
        p.extended_days = days
        p.extension_reason = reason
        p.answer_due = p.answer_due + datetime.timedelta(days=days)
        answer_deadline(p)

    assert petition.answer_due is not None  # an accepted petition has its due date
    new_due = petition.answer_due + datetime.timedelta(days=days)
    perform(
        PETITION,
        case=petition,
        action="extend",
        actor=actor,
        comment=reason,
        data={"days": days, "due": new_due.isoformat()},
        apply=apply,
    )
    return petition


@PETITION.action("answer", payload=AnswerIn)
def petition_answer(*, petition: Petition, actor: Any, result: str, text: str) -> Petition:
    """答复: the handling opinion in writing; the petitioner may ask for a review within the
    congress's days (30 by default)."""
    PETITION.check(actor, petition, "answer")
    result = require_choice(result, AnswerResult, "result")
    text = require_text(text, "text", _("Written answer"))

    def apply(p: Petition) -> None:
        p.answer = text
        p.answer_result = result
        p.answered_at = timezone.now()
        p.window_ends = today() + datetime.timedelta(
            days=p.congress.setting("petition_review_request_days")
        )
        close_answer_deadlines(p)

    perform(
        PETITION,
        case=petition,
        action="answer",
        actor=actor,
        comment=text,
        data={"result": result},
        apply=apply,
        notify=lambda e: tell_office(petition, _("Petition %(number)s is answered: %(title)s")),
    )
    return petition


@PETITION.action("link", payload=LinkIn)
def petition_link(
    *, petition: Petition, actor: Any, earlier: Petition, comment: str = ""
) -> Petition:
    """重复信访: the same matter petitioned again is linked to the earlier petition."""
    PETITION.check(actor, petition, "link")
    if earlier.pk == petition.pk or earlier.congress_id != petition.congress_id:
        raise ActionInvalid(_("No such earlier petition."), field="earlier")
    if earlier.received_at > petition.received_at:
        raise ActionInvalid(_("Link it to a petition received before it."), field="earlier")

    def apply(p: Petition) -> None:
        p.repeat_of = earlier

    perform(
        PETITION,
        case=petition,
        action="link",
        actor=actor,
        comment=comment,
        data={"earlier": earlier.pk},
        apply=apply,
    )
    return petition
