"""Every write on suggestions and motions. Each runs in a transaction and leaves an event."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.calendar import WorkingCalendar, add_months, next_workday_on_or_after
from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.inputs import require_choice, require_text
from renda.core.notifications import notify_after_commit
from renda.core.uploads import check_upload
from renda.core.workflow import (
    ActionConflict,
    ActionForbidden,
    ActionInvalid,
    Goto,
    perform,
    record_event,
)
from renda.org.models import Body, Congress, Deputy, HandlingUnit, Session
from renda.suggestions.models import (
    Assignment,
    Attachment,
    Category,
    Contact,
    ConvertedTo,
    CoSigner,
    Evaluation,
    Extension,
    HandlingMode,
    Motion,
    Period,
    PollVote,
    Promise,
    Reply,
    ReplyCategory,
    Satisfaction,
    SatisfactionPoll,
    Suggestion,
    SuggestionState,
)
from renda.suggestions.workflow import MOTION, SUGGESTION

S = SuggestionState


# --- helpers -----------------------------------------------------------------------------


def _today() -> datetime.date:
    return timezone.localdate()


def _url(suggestion: Suggestion) -> str:
    return reverse("suggestions:detail", args=[suggestion.pk])


def _deputy_users(deputy_ids: Iterable[int]) -> list[Any]:
    from renda.accounts.models import User

    return list(User.objects.filter(role="deputy", deputy_id__in=list(deputy_ids), is_active=True))


def _user_of(deputy_id: int) -> Any:
    from renda.accounts.models import User

    return (
        User.objects.filter(role="deputy", deputy_id=deputy_id, is_active=True)
        .order_by("pk")
        .first()
    )


def _lead_deputy_deadline(s: Suggestion, kind: str, setting: str, label: str) -> None:
    """Something the lead deputy must do within the congress's number of working days."""
    user = _user_of(s.lead_deputy_id)
    if user is not None:
        set_deadline(
            case=s,
            kind=kind,
            user=user,
            url=_url(s),
            due_date=WorkingCalendar().add_working_days(_today(), s.congress.setting(setting)),
            label=label % {"title": s.title},
        )


def _unit_users(unit_ids: Iterable[int]) -> list[Any]:
    from renda.accounts.models import User

    return list(User.objects.filter(role="handler", unit_id__in=list(unit_ids), is_active=True))


def _staff_users(congress_id: int) -> list[Any]:
    from renda.accounts.models import User

    return list(User.objects.filter(role="staff", congress_id=congress_id, is_active=True))


def _precheck(case: Any, action: str, actor: Any, workflow: Any = SUGGESTION) -> None:
    """Role and state first (403, 409), then the payload (422); perform() checks again."""
    workflow.check(actor, case, action)


def _store_attachments(
    suggestion: Suggestion, files: Sequence[Any], actor: Any, *, reply: Reply | None = None
) -> None:
    checked = [check_upload(f) for f in files]  # refuse before anything is stored
    for c in checked:
        Attachment.objects.create(
            suggestion=suggestion,
            reply=reply,
            purpose=Attachment.Purpose.REPLY if reply else Attachment.Purpose.SUGGESTION,
            file=c.file,
            name=c.name,
            size=c.size,
            content_type=c.content_type,
            uploaded_by=actor,
        )


def _period_for(congress: Congress, day: datetime.date) -> tuple[str, Session | None]:
    session = (
        Session.objects.filter(congress=congress, start_date__lte=day, end_date__gte=day)
        .order_by("-start_date")
        .first()
    )
    return (Period.SESSION, session) if session else (Period.RECESS, None)


# --- 1. submit ---------------------------------------------------------------------------


def suggestion_submit(
    *,
    author: Any,
    title: str,
    body: str,
    category: str,
    cosigner_ids: Sequence[int] = (),
    confidential: bool = False,
    attachments: Sequence[Any] = (),
    at: datetime.datetime | None = None,
) -> Suggestion:
    """A deputy submits a suggestion, alone or with co-signers who must confirm.

    During a session it is a session suggestion; otherwise a recess "直通车" suggestion,
    which staff must assign within the congress's working-day limit.
    """
    if getattr(author, "role", "") != "deputy" or not author.deputy_id:
        raise ActionForbidden(_("Only a deputy can submit a suggestion."))
    deputy = author.deputy
    title = require_text(title, "title", _("Title"), max_length=200)
    body = require_text(body, "body", _("Text"))
    category = require_choice(category, Category, "category")
    cosigner_ids = sorted({int(i) for i in cosigner_ids} - {deputy.pk})
    cosigners = list(
        Deputy.objects.filter(pk__in=cosigner_ids, congress_id=deputy.congress_id, status="active")
    )
    if len(cosigners) != len(cosigner_ids):
        raise ActionInvalid(
            _("Co-signers must be serving deputies of this congress."), field="cosigner_ids"
        )
    now = at or timezone.now()
    period, session = _period_for(deputy.congress, timezone.localdate(now))
    with transaction.atomic():
        suggestion = Suggestion.objects.create(
            congress_id=deputy.congress_id,
            year=timezone.localdate(now).year,
            period=period,
            session=session,
            title=title,
            body=body,
            category=category,
            lead_deputy=deputy,
            confidential=bool(confidential),
            state=S.COSIGNING if cosigners else S.SUBMITTED,
            submitted_at=now,
        )
        CoSigner.objects.bulk_create([CoSigner(suggestion=suggestion, deputy=d) for d in cosigners])
        _store_attachments(suggestion, attachments, author)
        record_event(
            case=suggestion,
            action="submit",
            actor=author,
            to_state=suggestion.state,
            at=now,
            data={"period": period, "cosigners": [d.pk for d in cosigners]},
        )
        if cosigners:
            due = WorkingCalendar().add_working_days(
                timezone.localdate(now), deputy.congress.setting("cosign_working_days")
            )
            for d in cosigners:
                user = _user_of(d.pk)
                if user is not None:
                    set_deadline(
                        case=suggestion,
                        kind=f"cosign:{d.pk}",
                        user=user,
                        due_date=due,
                        url=_url(suggestion),
                        label=_("Confirm co-signing: %(title)s") % {"title": title},
                    )
            notify_after_commit(
                _deputy_users(d.pk for d in cosigners),
                title=_("Please confirm co-signing: %(title)s") % {"title": title},
                url=_url(suggestion),
            )
        else:
            _on_submitted(suggestion)
    return suggestion


def _on_submitted(suggestion: Suggestion) -> None:
    """Review waits for staff; a recess suggestion must be assigned within N working days."""
    congress = suggestion.congress
    due = WorkingCalendar().add_working_days(
        timezone.localdate(suggestion.submitted_at), congress.setting("recess_assign_working_days")
    )
    if suggestion.period == Period.RECESS:
        set_deadline(
            case=suggestion,
            kind="review",
            role="staff",
            due_date=due,
            url=_url(suggestion),
            label=_("Review and assign suggestion “%(title)s”") % {"title": suggestion.title},
        )
    else:
        set_deadline(
            case=suggestion,
            kind="review",
            role="staff",
            due_date=due,
            url=_url(suggestion),
            label=_("Review suggestion “%(title)s”") % {"title": suggestion.title},
        )
    notify_after_commit(
        _staff_users(suggestion.congress_id),
        title=_("New suggestion to review: %(title)s") % {"title": suggestion.title},
        url=_url(suggestion),
    )


def suggestion_cosign(*, suggestion: Suggestion, actor: Any, confirm: bool) -> Suggestion:
    """A co-signer confirms or declines; once all have answered, the suggestion is submitted."""

    def apply(s: Suggestion) -> Goto:
        CoSigner.objects.filter(suggestion=s, deputy_id=actor.deputy_id).update(
            **({"confirmed_at": timezone.now()} if confirm else {"declined_at": timezone.now()})
        )
        close_deadlines(case=s, kind=f"cosign:{actor.deputy_id}")
        pending = s.cosigners.filter(confirmed_at__isnull=True, declined_at__isnull=True)
        if pending.exists():
            return Goto(S.COSIGNING)
        _on_submitted(s)
        return Goto(S.SUBMITTED)

    perform(
        SUGGESTION,
        case=suggestion,
        action="confirm" if confirm else "decline",
        actor=actor,
        apply=apply,
    )
    return suggestion


def suggestion_resubmit(
    *, suggestion: Suggestion, actor: Any, title: str, body: str, category: str
) -> Suggestion:
    _precheck(suggestion, "resubmit", actor)
    title = require_text(title, "title", _("Title"), max_length=200)
    body = require_text(body, "body", _("Text"))
    category = require_choice(category, Category, "category")

    def apply(s: Suggestion) -> None:
        s.title, s.body, s.category = title, body, category
        close_deadlines(case=s, kind="resubmit")

    with transaction.atomic():
        perform(SUGGESTION, case=suggestion, action="resubmit", actor=actor, apply=apply)
        _on_submitted(suggestion)
    return suggestion


def suggestion_withdraw(*, suggestion: Suggestion, actor: Any, reason: str) -> Suggestion:
    """撤回: in writing, by the lead deputy; handling stops."""
    _precheck(suggestion, "withdraw", actor)
    reason = require_text(reason, "reason", _("Reason"))

    def apply(s: Suggestion) -> None:
        s.closed_at = timezone.now()
        close_deadlines(case=s)

    perform(
        SUGGESTION,
        case=suggestion,
        action="withdraw",
        actor=actor,
        comment=reason,
        apply=apply,
        notify=lambda e: _notify_units_of(suggestion, _("Suggestion withdrawn: %(title)s")),
    )
    return suggestion


def _notify_units_of(suggestion: Suggestion, title: str) -> None:
    from renda.core.notifications import notify

    unit_ids = suggestion.assignments.filter(active=True).values_list("unit_id", flat=True)
    notify(_unit_users(unit_ids), title=title % {"title": suggestion.title}, url=_url(suggestion))


# --- 2. review ---------------------------------------------------------------------------


def suggestion_accept(*, suggestion: Suggestion, actor: Any, comment: str = "") -> Suggestion:
    """立案: accepted suggestions are numbered per congress and year."""

    def apply(s: Suggestion) -> None:
        # Lock the congress row so that two staff accepting at once never share a number.
        Congress.objects.select_for_update().get(pk=s.congress_id)
        last = Suggestion.objects.filter(congress_id=s.congress_id, year=s.year).aggregate(
            n=Max("number")
        )["n"]
        s.number = (last or 0) + 1
        s.accepted_at = timezone.now()
        s.return_reason = ""

    perform(
        SUGGESTION,
        case=suggestion,
        action="accept",
        actor=actor,
        comment=comment,
        apply=apply,
        notify=lambda e: _notify_deputy(
            suggestion, _("Your suggestion was accepted as No. %(number)s: %(title)s")
        ),
    )
    _set_assign_deadline(suggestion)
    return suggestion


def _set_assign_deadline(suggestion: Suggestion) -> None:
    due = WorkingCalendar().add_working_days(
        _today(), suggestion.congress.setting("recess_assign_working_days")
    )
    set_deadline(
        case=suggestion,
        kind="review",
        role="staff",
        due_date=due,
        url=_url(suggestion),
        label=_("Assign suggestion No. %(number)s") % {"number": suggestion.number},
    )


def _notify_deputy(suggestion: Suggestion, title: str, body: str = "") -> None:
    from renda.core.notifications import notify

    text = title % {"title": suggestion.title, "number": suggestion.number or ""}
    notify(_deputy_users([suggestion.lead_deputy_id]), title=text, body=body, url=_url(suggestion))


def suggestion_return(*, suggestion: Suggestion, actor: Any, reason: str) -> Suggestion:
    """退回修改, with the reasons the deputy must address."""
    _precheck(suggestion, "return", actor)
    reason = require_text(reason, "reason", _("Reason"))

    def apply(s: Suggestion) -> None:
        s.return_reason = reason
        close_deadlines(case=s, kind="review")
        _lead_deputy_deadline(
            s, "resubmit", "resubmit_working_days", _("Revise and resubmit: %(title)s")
        )

    perform(
        SUGGESTION,
        case=suggestion,
        action="return",
        actor=actor,
        comment=reason,
        apply=apply,
        notify=lambda e: _notify_deputy(
            suggestion, _("Your suggestion was returned for revision: %(title)s"), reason
        ),
    )
    return suggestion


def suggestion_convert(*, suggestion: Suggestion, actor: Any, to: str, reason: str) -> Suggestion:
    """转来信/参阅件: not acceptable as a suggestion (personal matters, cases in court, …)."""
    _precheck(suggestion, "convert", actor)
    to = require_choice(to, ConvertedTo, "to")
    reason = require_text(reason, "reason", _("Reason"))

    def apply(s: Suggestion) -> None:
        s.converted_to = to
        s.closed_at = timezone.now()
        close_deadlines(case=s)

    perform(
        SUGGESTION,
        case=suggestion,
        action="convert",
        actor=actor,
        comment=reason,
        data={"to": to},
        apply=apply,
        notify=lambda e: _notify_deputy(
            suggestion, _("Your suggestion was converted: %(title)s"), reason
        ),
    )
    return suggestion


def suggestion_merge(
    *, suggestion: Suggestion, actor: Any, into: Suggestion, comment: str = ""
) -> Suggestion:
    """并案: similar suggestions are handled jointly under one of them."""
    _precheck(suggestion, "merge", actor)
    if into.pk == suggestion.pk or into.congress_id != suggestion.congress_id:
        raise ActionInvalid(_("Choose another suggestion of this congress."), field="into")
    if into.state in {S.WITHDRAWN, S.CONVERTED, S.MERGED, S.EVALUATED}:
        raise ActionConflict(_("That suggestion can no longer take others in."))

    def apply(s: Suggestion) -> None:
        s.merged_into = into
        close_deadlines(case=s)

    perform(
        SUGGESTION,
        case=suggestion,
        action="merge",
        actor=actor,
        comment=comment,
        data={"into": into.pk},
        apply=apply,
    )
    record_event(case=into, action="merged_in", actor=actor, data={"from": suggestion.pk})
    return suggestion


# --- 3. assign ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitPart:
    unit: HandlingUnit
    role: str  # Assignment.Role
    part: str = ""


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
    if mode == HandlingMode.SOLE and roles != ["sole"]:
        raise ActionInvalid(_("Sole handling takes exactly one unit."), field="units")
    if mode == HandlingMode.JOINT and (
        roles.count("lead") != 1 or set(roles) - {"lead", "co"} or len(roles) < 2
    ):
        raise ActionInvalid(
            _("Joint handling takes one lead unit and at least one co-handler."), field="units"
        )
    if mode == HandlingMode.SEPARATE:
        if len(roles) < 2 or set(roles) != {"separate"}:
            raise ActionInvalid(_("Separate handling takes two or more units."), field="units")
        if any(not p.part.strip() for p in parts):
            raise ActionInvalid(_("Say which part each unit handles."), field="units")


def suggestion_assign(
    *, suggestion: Suggestion, actor: Any, mode: str, parts: Sequence[UnitPart], comment: str = ""
) -> Suggestion:
    """交办: sole, lead + co-handlers, or separate; the reply is due in N months."""
    _precheck(suggestion, "assign", actor)
    _validate_parts(suggestion, mode, parts)
    congress = suggestion.congress
    today = _today()
    cal = WorkingCalendar()
    contest_due = cal.add_working_days(today, congress.setting("contest_working_days"))
    reply_due = next_workday_on_or_after(add_months(today, congress.setting("reply_months")))
    input_due = next_workday_on_or_after(
        add_months(today, congress.setting("co_handler_input_months"))
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
                input_due=input_due if p.role == "co" else None,
            )
        close_deadlines(case=s, kind="review")
        _open_unit_deadlines(s)

    perform(
        SUGGESTION,
        case=suggestion,
        action="assign",
        actor=actor,
        comment=comment,
        apply=apply,
        data={"mode": mode, "units": [{"unit": p.unit.pk, "role": p.role} for p in parts]},
        notify=lambda e: _notify_units_of(suggestion, _("New suggestion assigned: %(title)s")),
    )
    return suggestion


def _open_unit_deadlines(s: Suggestion) -> None:
    """One reply deadline per replying unit, one input deadline per co-handler."""
    reply_due = s.reply_due
    if reply_due is None:  # every caller has just set it: an assigned case has a due date
        raise ValueError(f"suggestion {s.pk} is assigned without a reply due date")
    for a in s.assignments.filter(active=True).select_related("unit"):
        if a.role == "co":
            if not a.input_text and a.input_due:
                set_deadline(
                    case=s,
                    kind=f"input:{a.unit_id}",
                    unit=a.unit,
                    due_date=a.input_due,
                    url=_url(s),
                    label=_("Send your input to the lead unit: %(title)s") % {"title": s.title},
                )
        elif not Reply.objects.filter(
            suggestion=s, unit=a.unit, handling_round=s.handling_round
        ).exists():
            set_deadline(
                case=s,
                kind=f"reply:{a.unit_id}",
                unit=a.unit,
                due_date=reply_due,
                url=_url(s),
                label=_("Reply to suggestion No. %(number)s: %(title)s")
                % {"number": s.number, "title": s.title},
            )


def _active_assignment(suggestion: Suggestion, actor: Any) -> Assignment:
    a = suggestion.assignments.filter(unit_id=actor.unit_id, active=True).first()
    if a is None:
        raise ActionForbidden(_("This suggestion is not assigned to your unit."))
    return a


def suggestion_contest(*, suggestion: Suggestion, actor: Any, reason: str) -> Suggestion:
    """申请调整: within N working days of assignment, with reasons."""
    _precheck(suggestion, "contest", actor)
    reason = require_text(reason, "reason", _("Reason"))

    def apply(s: Suggestion) -> None:
        a = _active_assignment(s, actor)
        if a.contest_state == Assignment.ContestState.PENDING:
            raise ActionConflict(_("An adjustment request is already waiting for staff."))
        if _today() > a.contest_due:
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
            url=_url(s),
            due_date=WorkingCalendar().add_working_days(
                _today(), s.congress.setting("contest_decision_working_days")
            ),
            label=_("Decide on %(unit)s's adjustment request") % {"unit": a.unit},
        )

    perform(
        SUGGESTION,
        case=suggestion,
        action="contest",
        actor=actor,
        comment=reason,
        apply=apply,
        data={"unit": actor.unit_id},
        notify=lambda e: _notify_staff(suggestion, _("Adjustment requested: %(title)s")),
    )
    return suggestion


def _notify_staff(suggestion: Suggestion, title: str) -> None:
    from renda.core.notifications import notify

    notify(
        _staff_users(suggestion.congress_id),
        title=title % {"title": suggestion.title},
        url=_url(suggestion),
    )


def _pending_contest(s: Suggestion, assignment_id: int) -> Assignment:
    a = s.assignments.filter(pk=assignment_id, active=True).select_related("unit").first()
    if a is None:
        raise ActionInvalid(_("No such assignment on this suggestion."), field="assignment")
    if a.contest_state != Assignment.ContestState.PENDING:
        raise ActionConflict(_("This unit has not requested an adjustment."))
    return a


def suggestion_reassign(
    *, suggestion: Suggestion, actor: Any, assignment_id: int, unit: HandlingUnit, comment: str = ""
) -> Suggestion:
    """Grant an adjustment: the unit's part moves to another unit, with fresh deadlines."""
    _precheck(suggestion, "reassign", actor)
    if unit.congress_id != suggestion.congress_id or not unit.active:
        raise ActionInvalid(_("Units must be active units of this congress."), field="unit")

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
        now = timezone.now()
        cong = s.congress
        Assignment.objects.create(
            suggestion=s,
            unit=unit,
            role=old.role,
            part=old.part,
            assigned_at=now,
            contest_due=WorkingCalendar().add_working_days(
                _today(), cong.setting("contest_working_days")
            ),
            input_due=old.input_due,
        )
        _open_unit_deadlines(s)

    perform(
        SUGGESTION,
        case=suggestion,
        action="reassign",
        actor=actor,
        comment=comment,
        apply=apply,
        data={"assignment": assignment_id, "unit": unit.pk},
        notify=lambda e: _notify_units_of(suggestion, _("Suggestion reassigned: %(title)s")),
    )
    return suggestion


def suggestion_refuse_contest(
    *, suggestion: Suggestion, actor: Any, assignment_id: int, reason: str
) -> Suggestion:
    _precheck(suggestion, "refuse_contest", actor)
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
        notify=lambda e: _notify_units_of(suggestion, _("Adjustment refused: %(title)s")),
    )
    return suggestion


def suggestion_mark_key(
    *,
    suggestion: Suggestion,
    actor: Any,
    body: Body | None = None,
    leader: Any = None,
    comment: str = "",
) -> Suggestion:
    """重点建议: picked by the chair's council, supervised by a committee or a leader."""
    _precheck(suggestion, "mark_key", actor)
    if body is None and leader is None:
        raise ActionInvalid(_("Name a supervising committee or leader."), field="body")
    if body is not None and body.congress_id != suggestion.congress_id:
        raise ActionInvalid(_("Choose a body of this congress."), field="body")
    if leader is not None and (
        leader.congress_id != suggestion.congress_id or leader.role != "leader"
    ):
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


# --- 4. communicate ----------------------------------------------------------------------


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
    _precheck(suggestion, "communicate", actor)
    method = require_choice(method, Contact.Method, "method")
    people = require_text(people, "people", _("People"), max_length=200)
    notes = require_text(notes, "notes", _("Notes"))
    if date > _today():
        raise ActionInvalid(_("The date cannot be in the future."), field="date")
    created: list[Contact] = []

    def apply(s: Suggestion) -> None:
        a = _active_assignment(s, actor)
        if s.assigned_at and date < timezone.localdate(s.assigned_at):
            raise ActionInvalid(_("The date is before the assignment."), field="date")
        created.append(
            Contact.objects.create(
                suggestion=s,
                unit=a.unit,
                method=method,
                date=date,
                people=people,
                notes=notes,
                recorded_by=actor,
            )
        )

    perform(
        SUGGESTION,
        case=suggestion,
        action="communicate",
        actor=actor,
        comment=notes,
        apply=apply,
        data={"method": method, "date": date.isoformat(), "people": people},
    )
    return created[0]


def suggestion_co_input(*, suggestion: Suggestion, actor: Any, text: str) -> Suggestion:
    """A co-handler sends its input to the lead unit (within 1 month by default)."""
    _precheck(suggestion, "co_input", actor)
    text = require_text(text, "text", _("Input"))

    def apply(s: Suggestion) -> None:
        a = _active_assignment(s, actor)
        a.input_text = text
        a.input_at = timezone.now()
        a.save(update_fields=["input_text", "input_at"])
        close_deadlines(case=s, kind=f"input:{a.unit_id}")

    perform(SUGGESTION, case=suggestion, action="co_input", actor=actor, comment=text, apply=apply)
    return suggestion


def suggestion_request_extension(
    *, suggestion: Suggestion, actor: Any, new_due: datetime.date, reason: str
) -> Extension:
    _precheck(suggestion, "request_extension", actor)
    reason = require_text(reason, "reason", _("Reason"))
    created: list[Extension] = []

    def apply(s: Suggestion) -> None:
        a = _active_assignment(s, actor)
        current = s.reply_due or _today()
        limit = add_months(
            timezone.localdate(s.assigned_at), s.congress.setting("reply_max_months")
        )
        if new_due <= current:
            raise ActionInvalid(_("The new date must be after the current one."), field="new_due")
        if new_due > limit:
            raise ActionInvalid(
                _("At most until %(date)s (6 months after assignment).") % {"date": limit},
                field="new_due",
            )
        if s.extensions.filter(unit=a.unit, state=Extension.State.REQUESTED).exists():
            raise ActionConflict(_("An extension request is already waiting for staff."))
        created.append(
            Extension.objects.create(
                suggestion=s,
                unit=a.unit,
                reason=reason,
                old_due=current,
                new_due=new_due,
                requested_by=actor,
                requested_at=timezone.now(),
            )
        )

    perform(
        SUGGESTION,
        case=suggestion,
        action="request_extension",
        actor=actor,
        comment=reason,
        apply=apply,
        data={"new_due": new_due.isoformat()},
        notify=lambda e: _notify_staff(suggestion, _("Extension requested: %(title)s")),
    )
    return created[0]


def suggestion_extend(
    *, suggestion: Suggestion, actor: Any, extension_id: int, approve: bool, comment: str = ""
) -> Extension:
    """Staff approve or refuse an extension; an approved one moves the reply deadline."""
    decided: list[Extension] = []

    def apply(s: Suggestion) -> None:
        ext = s.extensions.filter(pk=extension_id, state=Extension.State.REQUESTED).first()
        if ext is None:
            raise ActionInvalid(_("No pending extension request with that id."), field="extension")
        ext.state = Extension.State.APPROVED if approve else Extension.State.REFUSED
        ext.decided_by = actor
        ext.decided_at = timezone.now()
        ext.save(update_fields=["state", "decided_by", "decided_at"])
        if approve:
            s.reply_due = ext.new_due
            _open_unit_deadlines(s)
        decided.append(ext)

    perform(
        SUGGESTION,
        case=suggestion,
        action="extend",
        actor=actor,
        comment=comment,
        apply=apply,
        data={"extension": extension_id, "approved": approve},
        notify=lambda e: _notify_units_of(
            suggestion,
            _("Extension approved: %(title)s") if approve else _("Extension refused: %(title)s"),
        ),
    )
    return decided[0]


# --- 5. reply ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PromiseIn:
    text: str
    due_date: datetime.date


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
    _precheck(suggestion, "reply", actor)
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
        if p.due_date < _today():
            raise ActionInvalid(_("A promise cannot be due in the past."), field="promises")
    for f in attachments:
        check_upload(f)
    created: list[Reply] = []

    def apply(s: Suggestion) -> Goto:
        a = _active_assignment(s, actor)
        if a.role == "co":
            raise ActionForbidden(_("A co-handler sends its input to the lead unit instead."))
        if a.contest_state == Assignment.ContestState.PENDING:
            raise ActionConflict(_("Wait for staff to decide on your adjustment request."))
        if Reply.objects.filter(
            suggestion=s, unit=a.unit, handling_round=s.handling_round
        ).exists():
            raise ActionConflict(_("Your unit has already replied in this round."))
        if not Contact.objects.filter(
            suggestion=s, unit=a.unit, date__gte=_round_start(s)
        ).exists():
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
        _store_attachments(s, attachments, actor, reply=reply)
        close_deadlines(case=s, kind=f"reply:{a.unit_id}")
        created.append(reply)
        # Complete once every replying unit has answered in this round (separate handling).
        replying = s.assignments.filter(active=True).exclude(role="co").count()
        replied = Reply.objects.filter(suggestion=s, handling_round=s.handling_round).count()
        if replied < replying:
            return Goto(s.state)
        _lead_deputy_deadline(
            s, "evaluate", "evaluation_working_days", _("Evaluate the reply: %(title)s")
        )
        return Goto(S.REPLIED)

    perform(
        SUGGESTION,
        case=suggestion,
        action="reply",
        actor=actor,
        apply=apply,
        data={"category": category, "unit": actor.unit_id, "round": suggestion.handling_round},
        notify=lambda e: (
            _notify_deputy(suggestion, _("Your suggestion has a reply: %(title)s"))
            if e.to_state == S.REPLIED
            else None
        ),
    )
    return created[0]


def _round_start(s: Suggestion) -> datetime.date:
    if s.handling_round > 1:
        last = s.evaluations.order_by("-handling_round").first()
        if last:
            return timezone.localdate(last.evaluated_at)
    return timezone.localdate(s.assigned_at) if s.assigned_at else _today()


def promise_done(*, promise: Promise, actor: Any, evidence: str) -> Promise:
    """落实: a promise in the ledger is marked delivered, with how."""
    _precheck(promise.suggestion, "promise_done", actor)
    evidence = require_text(evidence, "evidence", _("How it was delivered"))
    if getattr(actor, "role", "") == "handler" and actor.unit_id != promise.unit_id:
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
        case=promise.suggestion,
        action="promise_done",
        actor=actor,
        comment=evidence,
        apply=apply,
        data={"promise": promise.pk},
    )
    promise.refresh_from_db()
    return promise


# --- 6. evaluate -------------------------------------------------------------------------


def suggestion_evaluate(
    *, suggestion: Suggestion, actor: Any, result: str, comment: str = ""
) -> Evaluation:
    """评价: 不满意 in the first round sends it back to be handled again within a month."""
    _precheck(suggestion, "evaluate", actor)
    result = require_choice(result, Satisfaction, "result")
    if result == Satisfaction.DISSATISFIED and not comment.strip():
        raise ActionInvalid(_("Say why you are not satisfied."), field="comment")
    rehandle = result == Satisfaction.DISSATISFIED and suggestion.handling_round == 1
    created: list[Evaluation] = []

    def apply(s: Suggestion) -> None:
        created.append(
            Evaluation.objects.create(
                suggestion=s,
                handling_round=s.handling_round,
                result=result,
                comment=comment.strip(),
                evaluated_at=timezone.now(),
                deputy_id=s.lead_deputy_id,
            )
        )
        close_deadlines(case=s, kind="evaluate")
        if rehandle:
            s.handling_round += 1
            s.reply_due = next_workday_on_or_after(
                add_months(_today(), s.congress.setting("rehandle_months"))
            )
            _open_unit_deadlines(s)
        else:
            s.closed_at = timezone.now()

    perform(
        SUGGESTION,
        case=suggestion,
        action="evaluate",
        actor=actor,
        comment=comment,
        apply=apply,
        to_state=S.REHANDLING if rehandle else S.EVALUATED,
        data={"result": result},
        notify=lambda e: _notify_units_of(
            suggestion,
            _("The deputy is not satisfied; handle again: %(title)s")
            if rehandle
            else _("The deputy evaluated your reply: %(title)s"),
        ),
    )
    return created[0]


# --- supervision: satisfaction polls on key suggestions -------------------------------------


def poll_open(
    *, suggestion: Suggestion, actor: Any, title: str, report: str = ""
) -> SatisfactionPoll:
    if getattr(actor, "role", "") != "staff" or actor.congress_id != suggestion.congress_id:
        raise ActionForbidden(_("Only staff of this congress open polls."))
    if not suggestion.is_key:
        raise ActionConflict(_("Polls are held on key suggestions."))
    title = require_text(title, "title", _("Title"), max_length=200)
    with transaction.atomic():
        if SatisfactionPoll.objects.filter(suggestion=suggestion).exists():
            raise ActionConflict(_("This suggestion already has a poll."))
        poll = SatisfactionPoll.objects.create(
            suggestion=suggestion,
            congress_id=suggestion.congress_id,
            title=title,
            report=report,
            opened_at=timezone.now(),
        )
        record_event(case=suggestion, action="poll_open", actor=actor, data={"poll": poll.pk})
        _open_poll_deadlines(suggestion, poll)
    return poll


def _open_poll_deadlines(suggestion: Suggestion, poll: SatisfactionPoll) -> None:
    """Each standing committee member has the poll waiting until they vote."""
    from renda.accounts.models import User

    due = WorkingCalendar().add_working_days(
        _today(), suggestion.congress.setting("poll_working_days")
    )
    for voter in User.objects.filter(
        role="leader", congress_id=suggestion.congress_id, is_active=True
    ):
        set_deadline(
            case=suggestion,
            kind=f"poll:{voter.pk}",
            user=voter,
            due_date=due,
            url=_url(suggestion),
            label=_("Vote in the poll: %(title)s") % {"title": poll.title},
        )


def poll_vote(*, poll: SatisfactionPoll, actor: Any, result: str) -> PollVote:
    if getattr(actor, "role", "") != "leader" or actor.congress_id != poll.congress_id:
        raise ActionForbidden(_("Only standing committee members vote in polls."))
    result = require_choice(result, Satisfaction, "result")
    with transaction.atomic():
        locked = SatisfactionPoll.objects.select_for_update().get(pk=poll.pk)
        if locked.closed_at:
            raise ActionConflict(_("This poll is closed."))
        if PollVote.objects.filter(poll=locked, voter=actor).exists():
            raise ActionConflict(_("You have already voted in this poll."))
        close_deadlines(case=locked.suggestion, kind=f"poll:{actor.pk}")
        return PollVote.objects.create(
            poll=locked, voter=actor, result=result, voted_at=timezone.now()
        )


def poll_close(*, poll: SatisfactionPoll, actor: Any) -> SatisfactionPoll:
    if getattr(actor, "role", "") != "staff" or actor.congress_id != poll.congress_id:
        raise ActionForbidden(_("Only staff of this congress close polls."))
    with transaction.atomic():
        updated = SatisfactionPoll.objects.filter(pk=poll.pk, closed_at__isnull=True).update(
            closed_at=timezone.now()
        )
        if not updated:
            raise ActionConflict(_("This poll is closed."))
        poll.refresh_from_db()
        close_deadlines(case=poll.suggestion, kind_prefix="poll:")
        record_event(case=poll.suggestion, action="poll_close", actor=actor, data={"poll": poll.pk})
    return poll


# --- motions -----------------------------------------------------------------------------


def motion_submit(
    *,
    author: Any,
    session: Session,
    title: str,
    body: str,
    category: str,
    deputy_ids: Sequence[int] = (),
    delegation: Any = None,
    at: datetime.datetime | None = None,
) -> Motion:
    """议案: by a delegation, or jointly by at least N deputies (10 by default)."""
    if getattr(author, "role", "") != "deputy" or not author.deputy_id:
        raise ActionForbidden(_("Only a deputy can submit a motion."))
    lead = author.deputy
    title = require_text(title, "title", _("Title"), max_length=200)
    body = require_text(body, "body", _("Text"))
    category = require_choice(category, Category, "category")
    if session.congress_id != lead.congress_id:
        raise ActionInvalid(_("Choose a session of your congress."), field="session")
    ids = {int(i) for i in deputy_ids} | {lead.pk}
    deputies = list(
        Deputy.objects.filter(pk__in=ids, congress_id=lead.congress_id, status="active")
    )
    if len(deputies) != len(ids):
        raise ActionInvalid(
            _("Proposers must be serving deputies of this congress."), field="deputy_ids"
        )
    if delegation is not None:
        if delegation.congress_id != lead.congress_id or lead.delegation_id != delegation.pk:
            raise ActionInvalid(
                _("You can only propose for your own delegation."), field="delegation"
            )
    else:
        minimum = lead.congress.setting("motion_min_deputies")
        if len(deputies) < minimum:
            raise ActionInvalid(
                _("A motion needs a delegation or at least %(n)d deputies.") % {"n": minimum},
                field="deputy_ids",
            )
    now = at or timezone.now()
    with transaction.atomic():
        last = Motion.objects.filter(
            congress_id=lead.congress_id, year=session.start_date.year
        ).aggregate(n=Max("number"))["n"]
        motion = Motion.objects.create(
            congress_id=lead.congress_id,
            year=session.start_date.year,
            number=(last or 0) + 1,
            session=session,
            title=title,
            body=body,
            category=category,
            delegation=delegation,
            lead_deputy=lead,
            submitted_at=now,
        )
        motion.deputies.set(deputies)
        record_event(case=motion, action="submit", actor=author, to_state=motion.state, at=now)
    return motion


def motion_refer(*, motion: Motion, actor: Any, committee: Body, comment: str = "") -> Motion:
    _precheck(motion, "refer", actor, MOTION)
    if committee.congress_id != motion.congress_id or committee.kind != Body.Kind.SPECIAL_COMMITTEE:
        raise ActionInvalid(_("Choose a special committee of this congress."), field="committee")

    def apply(m: Motion) -> None:
        m.committee = committee

    perform(
        MOTION,
        case=motion,
        action="refer",
        actor=actor,
        comment=comment,
        apply=apply,
        data={"committee": committee.pk},
    )
    return motion


def motion_list(*, motion: Motion, actor: Any, comment: str = "") -> Motion:
    _precheck(motion, "list", actor, MOTION)

    def apply(m: Motion) -> None:
        m.decision_note = comment

    perform(MOTION, case=motion, action="list", actor=actor, comment=comment, apply=apply)
    return motion


def motion_not_list(*, motion: Motion, actor: Any, comment: str = "") -> Suggestion:
    """Not listed on the agenda: handled as a suggestion that keeps the motion's history."""
    _precheck(motion, "not_list", actor, MOTION)
    created: list[Suggestion] = []

    def apply(m: Motion) -> None:
        m.decision_note = comment
        period, session = Period.SESSION, m.session
        s = Suggestion.objects.create(
            congress_id=m.congress_id,
            year=m.year,
            period=period,
            session=session,
            title=m.title,
            body=m.body,
            category=m.category,
            lead_deputy_id=m.lead_deputy_id,
            state=S.SUBMITTED,
            submitted_at=m.submitted_at,
            from_motion=m,
        )
        CoSigner.objects.bulk_create(
            [
                CoSigner(suggestion=s, deputy_id=d, confirmed_at=m.submitted_at)
                for d in m.deputies.exclude(pk=m.lead_deputy_id).values_list("pk", flat=True)
            ]
        )
        record_event(
            case=s,
            action="from_motion",
            actor=actor,
            to_state=S.SUBMITTED,
            comment=comment,
            data={"motion": m.pk, "motion_number": m.number},
        )
        created.append(s)

    with transaction.atomic():
        perform(MOTION, case=motion, action="not_list", actor=actor, comment=comment, apply=apply)
        _on_submitted(created[0])
    return created[0]
