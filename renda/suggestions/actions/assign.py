"""3. 交办 assign: staff assign a suggestion to units (sole, lead + co-handlers, or
separate); a unit may request an adjustment, which staff grant by reassigning or refuse; the
chair's council marks key suggestions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renda.core.calendar import WorkingCalendar, add_months, next_workday_on_or_after
from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.inputs import require_choice, require_text
from renda.core.predicates import leader_of_congress
from renda.core.workflow import ActionConflict, ActionInvalid, perform
from renda.org.models import Body, HandlingUnit
from renda.routing.actions import record_decision
from renda.suggestions.actions._common import (
    active_assignment,
    open_unit_deadlines,
    tell_staff,
    tell_units,
    today,
    url_of,
)
from renda.suggestions.models import Assignment, HandlingMode, Suggestion
from renda.suggestions.payloads import (
    AssignIn,
    ContestIn,
    MarkKeyIn,
    ReassignIn,
    RefuseContestIn,
    UnitPart,
)
from renda.suggestions.workflow import SUGGESTION

Role = Assignment.Role


def _validate_parts(suggestion: Suggestion, mode: str, parts: Sequence[UnitPart]) -> None:
    mode = require_choice(mode, HandlingMode, "mode")
    if not parts:
        raise ActionInvalid(_("Choose at least one handling unit."), field="units")
    units = [p.unit.pk for p in parts]
    if len(set(units)) != len(units):
        raise ActionInvalid(_("A unit is listed twice."), field="units")
    if any(p.unit.congress_id != suggestion.congress_id or not p.unit.active for p in parts):
        raise ActionInvalid(_("Units must be active units of this congress."), field="units")
    roles = [p.role for p in parts]
    if mode == HandlingMode.SOLE and roles != [Role.SOLE]:
        raise ActionInvalid(_("Sole handling takes exactly one unit."), field="units")
    if mode == HandlingMode.JOINT and (
        roles.count(Role.LEAD) != 1 or set(roles) - {Role.LEAD, Role.CO} or len(roles) < 2
    ):
        raise ActionInvalid(
            _("Joint handling takes one lead unit and at least one co-handler."), field="units"
        )
    if mode == HandlingMode.SEPARATE:
        if len(roles) < 2 or set(roles) != {Role.SEPARATE}:
            raise ActionInvalid(_("Separate handling takes two or more units."), field="units")
        if any(not p.part.strip() for p in parts):
            raise ActionInvalid(_("Say which part each unit handles."), field="units")


@SUGGESTION.action("assign", payload=AssignIn)
def suggestion_assign(
    *, suggestion: Suggestion, actor: Any, mode: str, parts: Sequence[UnitPart], comment: str = ""
) -> Suggestion:
    """交办: sole, lead + co-handlers, or separate; the reply is due in N months."""
    SUGGESTION.check(actor, suggestion, "assign")
    _validate_parts(suggestion, mode, parts)
    congress = suggestion.congress
    day = today()
    contest_due = WorkingCalendar().add_working_days(day, congress.setting("contest_working_days"))
    reply_due = next_workday_on_or_after(add_months(day, congress.setting("reply_months")))
    input_due = next_workday_on_or_after(
        add_months(day, congress.setting("co_handler_input_months"))
    )

    def apply(s: Suggestion) -> None:
        now = timezone.now()
        s.handling_mode = mode
        s.assigned_at = now
        s.reply_due = reply_due
        for p in parts:
            Assignment.objects.create(
                suggestion=s,
                unit=p.unit,
                role=p.role,
                part=p.part.strip(),
                assigned_at=now,
                contest_due=contest_due,
                input_due=input_due if p.role == Role.CO else None,
            )
        close_deadlines(case=s, kind="review")
        open_unit_deadlines(s)
        record_decision(  # what routing proposed beside what staff chose (智能交办)
            congress_id=s.congress_id,
            kind="suggestion",
            object_id=s.pk,
            text=f"{s.title}\n{s.body}",
            units=[p.unit.pk for p in sorted(parts, key=lambda p: p.role == Role.CO)],
            category=s.category,
            actor=actor,
        )

    perform(
        SUGGESTION,
        case=suggestion,
        action="assign",
        actor=actor,
        comment=comment,
        apply=apply,
        data={"mode": mode, "units": [{"unit": p.unit.pk, "role": p.role} for p in parts]},
        notify=lambda e: tell_units(suggestion, _("New suggestion assigned: %(title)s")),
    )
    return suggestion


@SUGGESTION.action("contest", payload=ContestIn)
def suggestion_contest(*, suggestion: Suggestion, actor: Any, reason: str) -> Suggestion:
    """申请调整: within N working days of assignment, with reasons."""
    SUGGESTION.check(actor, suggestion, "contest")
    reason = require_text(reason, "reason", _("Reason"))

    def apply(s: Suggestion) -> None:
        a = active_assignment(s, actor)
        if a.contest_state == Assignment.ContestState.PENDING:
            raise ActionConflict(_("An adjustment request is already waiting for staff."))
        if today() > a.contest_due:
            raise ActionConflict(
                _("The time to request an adjustment ended on %(date)s.")
                % {"date": a.contest_due.isoformat()}
            )
        a.contest_state = Assignment.ContestState.PENDING
        a.contest_reason = reason
        a.save(update_fields=["contest_state", "contest_reason"])
        set_deadline(
            case=s,
            kind=f"contest:{a.pk}",
            role="staff",
            url=url_of(s),
            due_date=WorkingCalendar().add_working_days(
                today(), s.congress.setting("contest_decision_working_days")
            ),
            label=gettext_noop("Decide on %(unit)s's adjustment request"),
            params={"unit": a.unit.name},
        )

    perform(
        SUGGESTION,
        case=suggestion,
        action="contest",
        actor=actor,
        comment=reason,
        apply=apply,
        data={"unit": actor.unit_id},
        notify=lambda e: tell_staff(suggestion, _("Adjustment requested: %(title)s")),
    )
    return suggestion


def _pending_contest(s: Suggestion, assignment_id: int) -> Assignment:
    a = s.assignments.filter(pk=assignment_id, active=True).select_related("unit").first()
    if a is None:
        raise ActionInvalid(_("No such assignment on this suggestion."), field="assignment")
    if a.contest_state != Assignment.ContestState.PENDING:
        raise ActionConflict(_("This unit has not requested an adjustment."))
    return a


@SUGGESTION.action("reassign", payload=ReassignIn)
def suggestion_reassign(
    *, suggestion: Suggestion, actor: Any, assignment_id: int, unit: HandlingUnit, comment: str = ""
) -> Suggestion:
    """Grant an adjustment: the unit's part moves to another unit, with fresh deadlines. The
    unit that asked is told too, though it no longer handles the suggestion."""
    SUGGESTION.check(actor, suggestion, "reassign")
    if unit.congress_id != suggestion.congress_id or not unit.active:
        raise ActionInvalid(_("Units must be active units of this congress."), field="unit")
    told: list[int] = []

    def apply(s: Suggestion) -> None:
        old = _pending_contest(s, assignment_id)
        if s.assignments.filter(unit=unit, active=True).exists():
            raise ActionInvalid(_("That unit already handles this suggestion."), field="unit")
        old.contest_state = Assignment.ContestState.GRANTED
        old.active = False
        old.save(update_fields=["contest_state", "active"])
        close_deadlines(case=s, kind=f"reply:{old.unit_id}")
        close_deadlines(case=s, kind=f"input:{old.unit_id}")
        close_deadlines(case=s, kind=f"contest:{old.pk}")
        Assignment.objects.create(
            suggestion=s,
            unit=unit,
            role=old.role,
            part=old.part,
            assigned_at=timezone.now(),
            contest_due=WorkingCalendar().add_working_days(
                today(), s.congress.setting("contest_working_days")
            ),
            input_due=old.input_due,
        )
        open_unit_deadlines(s)
        told.append(old.unit_id)

    perform(
        SUGGESTION,
        case=suggestion,
        action="reassign",
        actor=actor,
        comment=comment,
        apply=apply,
        data={"assignment": assignment_id, "unit": unit.pk},
        notify=lambda e: _tell_reassigned(suggestion, told),
    )
    return suggestion


def _tell_reassigned(suggestion: Suggestion, old_units: list[int]) -> None:
    from renda.core.notifications import notify
    from renda.suggestions.actions._common import unit_users

    tell_units(suggestion, _("Suggestion reassigned: %(title)s"))
    notify(
        unit_users(old_units),
        title=_("Your adjustment request is granted: %(title)s") % {"title": suggestion.title},
        url=url_of(suggestion),
    )


@SUGGESTION.action("refuse_contest", payload=RefuseContestIn)
def suggestion_refuse_contest(
    *, suggestion: Suggestion, actor: Any, assignment_id: int, reason: str
) -> Suggestion:
    SUGGESTION.check(actor, suggestion, "refuse_contest")
    reason = require_text(reason, "reason", _("Reason"))

    def apply(s: Suggestion) -> None:
        a = _pending_contest(s, assignment_id)
        a.contest_state = Assignment.ContestState.REFUSED
        a.save(update_fields=["contest_state"])
        close_deadlines(case=s, kind=f"contest:{a.pk}")

    perform(
        SUGGESTION,
        case=suggestion,
        action="refuse_contest",
        actor=actor,
        comment=reason,
        apply=apply,
        data={"assignment": assignment_id},
        notify=lambda e: tell_units(suggestion, _("Adjustment refused: %(title)s")),
    )
    return suggestion


@SUGGESTION.action("mark_key", payload=MarkKeyIn)
def suggestion_mark_key(
    *,
    suggestion: Suggestion,
    actor: Any,
    body: Body | None = None,
    leader: Any = None,
    comment: str = "",
) -> Suggestion:
    """重点建议: picked by the chair's council, supervised by a committee or a leader."""
    SUGGESTION.check(actor, suggestion, "mark_key")
    if body is None and leader is None:
        raise ActionInvalid(_("Name a supervising committee or leader."), field="body")
    if body is not None and body.congress_id != suggestion.congress_id:
        raise ActionInvalid(_("Choose a body of this congress."), field="body")
    if leader is not None and not leader_of_congress(leader, suggestion):
        raise ActionInvalid(_("Choose a leader of this congress."), field="leader")

    def apply(s: Suggestion) -> None:
        s.is_key = True
        s.supervising_body = body
        s.supervising_leader = leader

    perform(
        SUGGESTION,
        case=suggestion,
        action="mark_key",
        actor=actor,
        comment=comment,
        apply=apply,
        data={"body": body.pk if body else None, "leader": leader.pk if leader else None},
    )
    return suggestion
