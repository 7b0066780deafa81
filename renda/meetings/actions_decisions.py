"""Every write on decisions and resolutions (决定, 决议) and on appointments and removals
(任免): drafting and tabling them at a meeting, what a vote on them decides, publishing,
and the register of who holds which office. Each runs in one transaction with its event."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core import agenda
from renda.core.inputs import require_choice, require_text
from renda.core.workflow import (
    SYSTEM,
    ActionConflict,
    ActionForbidden,
    ActionInvalid,
    perform,
    record_event,
)
from renda.meetings.actions import item_add, vote_prepare
from renda.meetings.models import (
    Appointee,
    AppointmentProposal,
    Decision,
    DecisionKind,
    DecisionState,
    ItemKind,
    Meeting,
    Nomination,
    NominationAction,
    Office,
    Outcome,
    Proposer,
    Tenure,
)
from renda.meetings.payloads import ExamIn, OathIn, PublishIn, ReviewIn, StatementIn, TableIn
from renda.meetings.workflow import DECISION, PROPOSAL


def _require_staff(actor: Any, congress_id: int) -> None:
    if not actor.has_perm("meetings.manage") or actor.congress_id != congress_id:
        raise ActionForbidden(_("Only staff of this congress do this."))


def _result_data(result: agenda.VoteResult) -> dict[str, Any]:
    return {
        "for": result.votes_for,
        "against": result.votes_against,
        "abstain": result.votes_abstain,
        "vote": result.vote_id,
    }


# --- decisions --------------------------------------------------------------------------------


@transaction.atomic
def decision_draft(
    *,
    actor: Any,
    kind: str,
    title: str,
    text: str,
    drafted_by: Any = None,
    amends: Sequence[Decision] = (),
    repeals: Sequence[Decision] = (),
) -> Decision:
    """A draft decision or resolution, with the earlier ones it would amend or repeal."""
    congress_id = actor.congress_id
    _require_staff(actor, congress_id)
    kind = require_choice(kind, DecisionKind, "kind")
    title = require_text(title, "title", _("Title"), max_length=200)
    text = require_text(text, "text", _("Text"))
    for field, earlier in (("amends", amends), ("repeals", repeals)):
        if any(
            d.congress_id != congress_id
            or d.state not in (DecisionState.IN_FORCE, DecisionState.AMENDED)
            for d in earlier
        ):
            raise ActionInvalid(
                _("Only decisions of this congress in force can be amended or repealed."),
                field=field,
            )
    decision = Decision.objects.create(
        congress_id=congress_id, kind=kind, title=title, text=text, drafted_by=drafted_by
    )
    decision.amends.set(amends)
    decision.repeals.set(repeals)
    record_event(case=decision, action="create", actor=actor, to_state=decision.state)
    return decision


def _table(case: Any, *, meeting: Meeting, actor: Any, kind: str, title: str) -> Any:
    return item_add(meeting=meeting, actor=actor, kind=kind, title=title, case=case)


@DECISION.action("table", payload=TableIn)
def decision_table(*, decision: Decision, actor: Any, meeting: Meeting, method: str) -> Decision:
    """提请审议: on a meeting's agenda, with its vote prepared."""
    DECISION.check(actor, decision, "table")

    def apply(d: Decision) -> None:
        item = _table(d, meeting=meeting, actor=actor, kind=ItemKind.DECISION, title=d.title)
        d.item = item
        vote_prepare(
            item=item,
            actor=actor,
            subject=_("Adopt: %(title)s") % {"title": d.title},
            method=method,
            case=d,
        )

    perform(
        DECISION,
        case=decision,
        action="table",
        actor=actor,
        apply=apply,
        data={"meeting": meeting.title},
    )
    return decision


def _decision_voted(decision: Decision, result: agenda.VoteResult, actor: Any) -> None:
    """What the vote decided: adopted with the next number of its year, or not adopted."""

    def apply(d: Decision) -> None:
        d.votes_for, d.votes_against = result.votes_for, result.votes_against
        d.votes_abstain = result.votes_abstain
        if result.passed:
            d.year = result.day.year
            last = Decision.objects.filter(congress_id=d.congress_id, year=d.year).aggregate(
                n=Max("number")
            )["n"]
            d.number = (last or 0) + 1
            d.adopted_on = result.day

    action = "adopt" if result.passed else "reject"
    perform(
        DECISION, case=decision, action=action, actor=SYSTEM, apply=apply, data=_result_data(result)
    )


@DECISION.action("publish", payload=PublishIn)
def decision_publish(*, decision: Decision, actor: Any) -> Decision:
    """公布: in force from today; the decisions it amends or repeals change with it."""

    def apply(d: Decision) -> None:
        d.published_on = timezone.localdate()
        for earlier in d.amends.filter(state=DecisionState.IN_FORCE):
            perform(DECISION, case=earlier, action="amend", actor=SYSTEM, data={"by": d.pk})
        for earlier in d.repeals.filter(state__in=(DecisionState.IN_FORCE, DecisionState.AMENDED)):
            perform(DECISION, case=earlier, action="repeal", actor=SYSTEM, data={"by": d.pk})

    perform(DECISION, case=decision, action="publish", actor=actor, apply=apply)
    return decision


# --- appointments and removals ----------------------------------------------------------------


@transaction.atomic
def proposal_receive(
    *, actor: Any, proposer: str, title: str, received_on: datetime.date
) -> AppointmentProposal:
    """提请任免: the letter of the mayor, the court's president, the procurator-general or
    the chair's council."""
    _require_staff(actor, actor.congress_id)
    proposer = require_choice(proposer, Proposer, "proposer")
    title = require_text(title, "title", _("Title"), max_length=200)
    if received_on > timezone.localdate():
        raise ActionInvalid(_("The date cannot be in the future."), field="received_on")
    proposal = AppointmentProposal.objects.create(
        congress_id=actor.congress_id, proposer=proposer, title=title, received_on=received_on
    )
    record_event(case=proposal, action="create", actor=actor, to_state=proposal.state)
    return proposal


def holders(office: Office, on: datetime.date | None = None) -> list[Tenure]:
    """Who holds the office (on a day; today by default)."""
    day = on or timezone.localdate()
    return list(
        Tenure.objects.filter(office=office, start_date__lte=day)
        .exclude(end_date__lte=day)  # a tenure ending today frees the office today
        .select_related("appointee")
    )


@transaction.atomic
def nomination_add(
    *,
    proposal: AppointmentProposal,
    actor: Any,
    appointee: Appointee,
    action: str,
    office: Office,
    current_office: str = "",
) -> Nomination:
    """A person of the proposal: to appoint to an office not already filled, or to remove,
    dismiss or release (resignation) from an office they hold."""
    _require_staff(actor, proposal.congress_id)
    action = require_choice(action, NominationAction, "action")
    if proposal.state not in ("received", "reviewed"):
        raise ActionConflict(_("Persons are added before the proposal is on an agenda."))
    if office.congress_id != proposal.congress_id or appointee.congress_id != proposal.congress_id:
        raise ActionInvalid(_("Choose an office and a person of this congress."), field="office")
    held = holders(office)
    if action == NominationAction.APPOINT:
        leaving = {
            n.appointee_id
            for n in proposal.nominations.filter(office=office).exclude(
                action=NominationAction.APPOINT
            )
        }
        if any(t.appointee_id == appointee.pk for t in held):
            raise ActionInvalid(
                _("%(name)s already holds this office.") % {"name": appointee}, field="office"
            )
        if len([t for t in held if t.appointee_id not in leaving]) >= office.seats:
            raise ActionInvalid(
                _("%(office)s is held by %(who)s: remove them first.")
                % {"office": office, "who": "、".join(t.appointee.name for t in held)},
                field="office",
            )
    elif not any(t.appointee_id == appointee.pk for t in held):
        raise ActionInvalid(
            _("%(name)s does not hold %(office)s.") % {"name": appointee, "office": office},
            field="office",
        )
    nomination = Nomination.objects.create(
        proposal=proposal,
        appointee=appointee,
        action=action,
        office=office,
        current_office=current_office.strip()[:200],
    )
    record_event(
        case=proposal,
        action="nomination_added",
        actor=actor,
        data={"nomination": nomination.pk, "person": str(nomination)},
    )
    return nomination


@PROPOSAL.action("review", payload=ReviewIn)
def proposal_review(*, proposal: AppointmentProposal, actor: Any, note: str) -> AppointmentProposal:
    """主任会议审议: the chair's council reviews the proposal before it goes to a meeting."""
    note = require_text(note, "note", _("Review"))
    if not proposal.nominations.exists():
        raise ActionConflict(_("Add the persons proposed first."))

    def apply(p: AppointmentProposal) -> None:
        p.review_note = note

    perform(PROPOSAL, case=proposal, action="review", actor=actor, comment=note, apply=apply)
    return proposal


def _subject(n: Nomination) -> str:
    texts = {
        NominationAction.APPOINT: _("Appoint %(name)s as %(office)s"),
        NominationAction.REMOVE: _("Remove %(name)s from %(office)s"),
        NominationAction.RESIGN: _("Accept the resignation of %(name)s as %(office)s"),
        NominationAction.DISMISS: _("Dismiss %(name)s from %(office)s"),
    }
    return texts[NominationAction(n.action)] % {"name": n.appointee.name, "office": n.office}


@PROPOSAL.action("table", payload=TableIn)
def proposal_table(
    *, proposal: AppointmentProposal, actor: Any, meeting: Meeting, method: str
) -> AppointmentProposal:
    """提请常委会审议: one agenda item, and one vote for each person (by name or secret, as the
    rules for this vote say)."""
    PROPOSAL.check(actor, proposal, "table")

    def apply(p: AppointmentProposal) -> None:
        item = _table(p, meeting=meeting, actor=actor, kind=ItemKind.APPOINTMENTS, title=p.title)
        p.item = item
        for n in p.nominations.select_related("appointee", "office"):
            n.vote = vote_prepare(
                item=item, actor=actor, subject=_subject(n), method=method, case=n
            )
            n.save(update_fields=["vote"])

    perform(
        PROPOSAL,
        case=proposal,
        action="table",
        actor=actor,
        apply=apply,
        data={"meeting": meeting.title},
    )
    return proposal


def _nomination_voted(nomination: Nomination, result: agenda.VoteResult, actor: Any) -> None:
    """What a person's vote decided: the register follows (appointed from the day of the
    vote; removed, released or dismissed on it)."""
    with transaction.atomic():
        n = (
            Nomination.objects.select_for_update()
            .select_related("office", "appointee")
            .get(pk=nomination.pk)
        )
        if n.outcome != Outcome.PENDING:
            raise ActionConflict(_("This person has been voted on already."))
        n.outcome = Outcome.PASSED if result.passed else Outcome.FAILED
        n.decided_on = result.day
        n.save(update_fields=["outcome", "decided_on"])
        if result.passed:
            if n.action == NominationAction.APPOINT:
                if len(holders(n.office, result.day)) >= n.office.seats:
                    raise ActionConflict(
                        _("%(office)s is held by someone already.") % {"office": n.office}
                    )
                Tenure.objects.create(
                    appointee=n.appointee, office=n.office, start_date=result.day, appointed_by=n
                )
            else:
                Tenure.objects.filter(
                    appointee=n.appointee, office=n.office, end_date__isnull=True
                ).update(end_date=result.day, ended_by=n)
        proposal = n.proposal
        record_event(
            case=proposal,
            action="voted",
            actor=actor if getattr(actor, "pk", None) else None,
            data={**_result_data(result), "person": str(n), "passed": result.passed},
        )
        if not proposal.nominations.filter(outcome=Outcome.PENDING).exists():
            perform(PROPOSAL, case=proposal, action="decide", actor=SYSTEM)


def _check_date(on: datetime.date) -> None:
    if on > timezone.localdate():
        raise ActionInvalid(_("The date cannot be in the future."), field="on")


@PROPOSAL.action("record_statement", payload=StatementIn)
def nomination_statement(
    *, proposal: AppointmentProposal, actor: Any, nomination: Nomination, on: datetime.date
) -> Nomination:
    """供职发言: the candidate spoke to the meeting before the vote."""
    PROPOSAL.check(actor, proposal, "record_statement")  # role and state (403, 409) first
    _check_date(on)
    if nomination.action != NominationAction.APPOINT:
        raise ActionInvalid(_("Only a person to appoint makes a statement."), field="nomination")

    def apply(p: AppointmentProposal) -> None:
        Nomination.objects.filter(pk=nomination.pk).update(statement_on=on)

    perform(
        PROPOSAL,
        case=proposal,
        action="record_statement",
        actor=actor,
        apply=apply,
        data={"nomination": nomination.pk, "person": str(nomination), "on": on.isoformat()},
    )
    return nomination


@PROPOSAL.action("record_exam", payload=ExamIn)
def nomination_exam(
    *,
    proposal: AppointmentProposal,
    actor: Any,
    nomination: Nomination,
    on: datetime.date,
    passed: bool,
) -> Nomination:
    """法律知识考试: where the rules require it, before the appointment."""
    PROPOSAL.check(actor, proposal, "record_exam")  # role and state (403, 409) first
    _check_date(on)

    def apply(p: AppointmentProposal) -> None:
        Nomination.objects.filter(pk=nomination.pk).update(law_exam_on=on, law_exam_passed=passed)

    perform(
        PROPOSAL,
        case=proposal,
        action="record_exam",
        actor=actor,
        apply=apply,
        data={"nomination": nomination.pk, "person": str(nomination), "passed": passed},
    )
    return nomination


@PROPOSAL.action("record_oath", payload=OathIn)
def nomination_oath(
    *, proposal: AppointmentProposal, actor: Any, nomination: Nomination, on: datetime.date
) -> Nomination:
    """宪法宣誓: taken by a person appointed, on or after the day of the vote."""
    PROPOSAL.check(actor, proposal, "record_oath")  # role and state (403, 409) first
    _check_date(on)
    if nomination.action != NominationAction.APPOINT or nomination.outcome != Outcome.PASSED:
        raise ActionInvalid(_("Only a person appointed takes the oath."), field="nomination")
    if nomination.decided_on and on < nomination.decided_on:
        raise ActionInvalid(_("The oath comes after the appointment."), field="on")

    def apply(p: AppointmentProposal) -> None:
        Nomination.objects.filter(pk=nomination.pk).update(oath_on=on)

    perform(
        PROPOSAL,
        case=proposal,
        action="record_oath",
        actor=actor,
        apply=apply,
        data={"nomination": nomination.pk, "person": str(nomination), "on": on.isoformat()},
    )
    return nomination


agenda.register(Decision, on_vote=_decision_voted)
agenda.register(Nomination, on_vote=_nomination_voted)
