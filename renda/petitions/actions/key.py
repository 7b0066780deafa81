"""督办: the office marks a key case and the standing committee leader who supervises it; the
leader gives instructions (批示), and the office reports what was done on each."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.calendar import WorkingCalendar
from renda.core.deadlines import close_deadlines
from renda.core.inputs import require_text
from renda.core.predicates import is_leader
from renda.core.workflow import ActionConflict, ActionInvalid, perform
from renda.petitions.actions._common import (
    LABEL_FOLLOW_UP,
    office_deadline,
    tell,
    tell_office,
    today,
)
from renda.petitions.models import Instruction, Petition
from renda.petitions.payloads import FollowUpIn, InstructIn, MarkKeyIn
from renda.petitions.workflow import PETITION


@PETITION.action("mark_key", payload=MarkKeyIn)
def petition_mark_key(
    *, petition: Petition, actor: Any, leader: Any, comment: str = ""
) -> Petition:
    """A key case (重点信访事项), supervised by a leader of the congress."""
    PETITION.check(actor, petition, "mark_key")
    if leader.congress_id != petition.congress_id or not is_leader(leader):
        raise ActionInvalid(_("Choose a leader of your congress."), field="leader")

    def apply(p: Petition) -> None:
        if p.is_key and p.supervisor_id == leader.pk:
            raise ActionConflict(_("This leader supervises it already."))
        p.is_key = True
        p.supervisor = leader

    perform(
        PETITION,
        case=petition,
        action="mark_key",
        actor=actor,
        comment=comment,
        data={"leader": leader.pk},
        apply=apply,
        notify=lambda e: tell(
            [leader], petition, _("You supervise key petition %(number)s: %(title)s")
        ),
    )
    return petition


@PETITION.action("instruct", payload=InstructIn)
def petition_instruct(*, petition: Petition, actor: Any, text: str) -> Instruction:
    """批示: the supervising leader's instruction; the office acts on it within its days."""
    PETITION.check(actor, petition, "instruct")
    text = require_text(text, "text", _("Instruction"))

    def apply(p: Petition) -> Instruction:
        instruction = Instruction.objects.create(
            petition=p, leader=actor, text=text, given_at=timezone.now()
        )
        office_deadline(
            p,
            "follow_up",
            LABEL_FOLLOW_UP,
            WorkingCalendar().add_working_days(
                today(), p.congress.setting("petition_follow_up_working_days")
            ),
        )
        return instruction

    return perform(
        PETITION,
        case=petition,
        action="instruct",
        actor=actor,
        comment=text,
        apply=apply,
        notify=lambda e: tell_office(
            petition, _("A leader's instruction on petition %(number)s: %(title)s")
        ),
    )


@PETITION.action("follow_up", payload=FollowUpIn)
def petition_follow_up(*, petition: Petition, actor: Any, text: str) -> Instruction:
    """督办落实: what was done on the earliest instruction still without a follow-up."""
    PETITION.check(actor, petition, "follow_up")
    text = require_text(text, "text", _("What was done on it"))

    def apply(p: Petition) -> Instruction:
        instruction = (
            Instruction.objects.select_for_update()
            .filter(petition=p, followed_up_at__isnull=True)
            .order_by("given_at", "id")
            .first()
        )
        if instruction is None:
            raise ActionConflict(_("No instruction waits for a follow-up."))
        instruction.follow_up = text
        instruction.followed_up_at = timezone.now()
        instruction.followed_up_by = actor
        instruction.save(update_fields=["follow_up", "followed_up_at", "followed_up_by"])
        if not Instruction.objects.filter(petition=p, followed_up_at__isnull=True).exists():
            close_deadlines(case=p, kind_prefix="follow_up:")
        return instruction

    supervisor = petition.supervisor
    return perform(
        PETITION,
        case=petition,
        action="follow_up",
        actor=actor,
        comment=text,
        apply=apply,
        notify=None
        if supervisor is None
        else lambda e: tell(
            [supervisor], petition, _("Your instruction was acted on: petition %(number)s")
        ),
    )
