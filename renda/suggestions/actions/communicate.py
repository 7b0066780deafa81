"""4. 沟通 communicate: the unit records each contact with the deputy, co-handlers send their
input to the lead unit, a replying unit may ask for more time and staff decide."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renda.core.calendar import WorkingCalendar, add_months
from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.inputs import require_choice, require_text
from renda.core.workflow import ActionConflict, ActionInvalid, perform
from renda.suggestions.actions._common import (
    active_assignment,
    open_unit_deadlines,
    tell_staff,
    tell_units,
    today,
    url_of,
)
from renda.suggestions.models import Contact, Extension, Suggestion
from renda.suggestions.payloads import CoInputIn, CommunicateIn, ExtendIn, RequestExtensionIn
from renda.suggestions.workflow import SUGGESTION


@SUGGESTION.action("communicate", payload=CommunicateIn)
def suggestion_communicate(
    *,
    suggestion: Suggestion,
    actor: Any,
    method: str,
    date: datetime.date,
    people: str,
    notes: str,
) -> Contact:
    """沟通: every contact with the deputy is recorded; a reply needs at least one."""
    SUGGESTION.check(actor, suggestion, "communicate")
    method = require_choice(method, Contact.Method, "method")
    people = require_text(people, "people", _("People"), max_length=200)
    notes = require_text(notes, "notes", _("Notes"))
    if date > today():
        raise ActionInvalid(_("The date cannot be in the future."), field="date")

    def apply(s: Suggestion) -> Contact:
        a = active_assignment(s, actor)
        if s.assigned_at and date < timezone.localdate(s.assigned_at):
            raise ActionInvalid(_("The date is before the assignment."), field="date")
        return Contact.objects.create(
            suggestion=s,
            unit=a.unit,
            method=method,
            date=date,
            people=people,
            notes=notes,
            recorded_by=actor,
        )

    return perform(
        SUGGESTION,
        case=suggestion,
        action="communicate",
        actor=actor,
        comment=notes,
        apply=apply,
        data={"method": method, "date": date.isoformat(), "people": people},
    )


@SUGGESTION.action("co_input", payload=CoInputIn)
def suggestion_co_input(*, suggestion: Suggestion, actor: Any, text: str) -> Suggestion:
    """A co-handler sends its input to the lead unit (within 1 month by default)."""
    SUGGESTION.check(actor, suggestion, "co_input")
    text = require_text(text, "text", _("Input"))

    def apply(s: Suggestion) -> None:
        a = active_assignment(s, actor)
        a.input_text = text
        a.input_at = timezone.now()
        a.save(update_fields=["input_text", "input_at"])
        close_deadlines(case=s, kind=f"input:{a.unit_id}")

    perform(SUGGESTION, case=suggestion, action="co_input", actor=actor, comment=text, apply=apply)
    return suggestion


@SUGGESTION.action("request_extension", payload=RequestExtensionIn)
def suggestion_request_extension(
    *, suggestion: Suggestion, actor: Any, new_due: datetime.date, reason: str
) -> Extension:
    SUGGESTION.check(actor, suggestion, "request_extension")
    reason = require_text(reason, "reason", _("Reason"))

    def apply(s: Suggestion) -> Extension:
        a = active_assignment(s, actor)
        current = s.reply_due or today()
        months = s.congress.setting("reply_max_months")
        limit = add_months(timezone.localdate(s.assigned_at), months)
        if new_due <= current:
            raise ActionInvalid(_("The new date must be after the current one."), field="new_due")
        if new_due > limit:
            raise ActionInvalid(
                _("At most until %(date)s (%(months)s months after assignment).")
                % {"date": limit, "months": months},
                field="new_due",
            )
        if s.extensions.filter(unit=a.unit, state=Extension.State.REQUESTED).exists():
            raise ActionConflict(_("An extension request is already waiting for staff."))
        set_deadline(
            case=s,
            kind=f"extension:{a.unit_id}",
            role="staff",
            url=url_of(s),
            due_date=WorkingCalendar().add_working_days(
                today(), s.congress.setting("contest_decision_working_days")
            ),
            label=gettext_noop("Decide on the extension request: %(title)s"),
            params={"title": s.title},
        )
        return Extension.objects.create(
            suggestion=s,
            unit=a.unit,
            reason=reason,
            old_due=current,
            new_due=new_due,
            requested_by=actor,
            requested_at=timezone.now(),
        )

    return perform(
        SUGGESTION,
        case=suggestion,
        action="request_extension",
        actor=actor,
        comment=reason,
        apply=apply,
        data={"new_due": new_due.isoformat()},
        notify=lambda e: tell_staff(suggestion, _("Extension requested: %(title)s")),
    )


@SUGGESTION.action("extend", payload=ExtendIn)
def suggestion_extend(
    *, suggestion: Suggestion, actor: Any, extension_id: int, approve: bool, comment: str = ""
) -> Extension:
    """Staff approve or refuse an extension; an approved one moves the reply deadline."""

    def apply(s: Suggestion) -> Extension:
        ext = s.extensions.filter(pk=extension_id, state=Extension.State.REQUESTED).first()
        if ext is None:
            raise ActionInvalid(_("No pending extension request with that id."), field="extension")
        ext.state = Extension.State.APPROVED if approve else Extension.State.REFUSED
        ext.decided_by = actor
        ext.decided_at = timezone.now()
        ext.save(update_fields=["state", "decided_by", "decided_at"])
        close_deadlines(case=s, kind=f"extension:{ext.unit_id}")
        if approve:
            s.reply_due = ext.new_due
            open_unit_deadlines(s)
        return ext

    return perform(
        SUGGESTION,
        case=suggestion,
        action="extend",
        actor=actor,
        comment=comment,
        apply=apply,
        data={"extension": extension_id, "approved": approve},
        notify=lambda e: tell_units(
            suggestion,
            _("Extension approved: %(title)s") if approve else _("Extension refused: %(title)s"),
        ),
    )
