"""Deliberation opinions (审议意见): the committee drafts them with their points after the
hearing; staff record the chair's council's approval and send them to the government or body
with a deadline; the body's officers report what was done (研究处理情况报告) and each point as it
is done; staff assess the report (a satisfaction poll of members where decided) and close the
opinions or follow them up with a further deadline (跟踪监督)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core import polls
from renda.core.calendar import WorkingCalendar, add_months, next_workday_on_or_after
from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.inputs import require_choice, require_text
from renda.core.models import Poll
from renda.core.notifications import notify
from renda.core.workflow import (
    ActionConflict,
    ActionForbidden,
    ActionInvalid,
    Goto,
    perform,
    record_event,
)
from renda.supervision.actions._common import (
    LABEL_ANSWER,
    LABEL_ASSESS,
    in_future,
    not_in_future,
    opinion_title,
    opinion_url,
    require_staff,
    today,
)
from renda.supervision.models import (
    Assessment,
    DeliberationOpinion,
    OpinionPoint,
    OpinionState,
    Report,
    ReportState,
)
from renda.supervision.payloads import AnswerIn, ApproveIn, AssessIn, SendIn
from renda.supervision.workflow import OPINION, OPINION_SENT

OS = OpinionState


def default_due(opinion: DeliberationOpinion, start: datetime.date) -> datetime.date:
    months = opinion.congress.setting("opinion_answer_months")
    return next_workday_on_or_after(add_months(start, months))


def _unit_officers(unit_id: int) -> list[Any]:
    from renda.accounts.models import User

    return list(User.objects.filter(role="handler", unit_id=unit_id, is_active=True))


@transaction.atomic
def opinion_draft(
    *,
    report: Report,
    actor: Any,
    unit: Any,
    text: str,
    points: Sequence[str],
    title: str = "",
) -> DeliberationOpinion:
    """The committee drafts the opinions on a report heard, one point per line of `points`."""
    require_staff(actor, report.congress_id)
    if report.state != ReportState.HEARD:
        raise ActionConflict(_("Deliberation opinions are drafted once the report is heard."))
    if unit is None or unit.congress_id != report.congress_id:
        raise ActionInvalid(_("Choose the body of this congress they are sent to."), field="unit")
    title = require_text(title, "title", _("Title"), required=False, max_length=200)
    text = require_text(text, "text", _("Text"))
    clean = [p.strip() for p in points if p and p.strip()]
    if not clean:
        raise ActionInvalid(_("Enter at least one point."), field="points")
    opinion = DeliberationOpinion.objects.create(
        congress_id=report.congress_id,
        report=report,
        unit=unit,
        title=title or opinion_title(report.title),
        text=text,
        drafted_at=timezone.now(),
    )
    OpinionPoint.objects.bulk_create(
        OpinionPoint(opinion=opinion, congress_id=report.congress_id, number=i, text=p)
        for i, p in enumerate(clean, start=1)
    )
    record_event(case=opinion, action="draft", actor=actor, to_state=OS.DRAFTED)
    return opinion


@OPINION.action("approve", payload=ApproveIn)
def opinion_approve(
    *, opinion: DeliberationOpinion, actor: Any, approved_on: datetime.date, comment: str = ""
) -> DeliberationOpinion:
    OPINION.check(actor, opinion, "approve")
    not_in_future(approved_on, "approved_on")

    def apply(o: DeliberationOpinion) -> None:
        o.approved_on = approved_on

    perform(OPINION, case=opinion, action="approve", actor=actor, comment=comment, apply=apply)
    return opinion


@OPINION.action("send", payload=SendIn)
def opinion_send(
    *, opinion: DeliberationOpinion, actor: Any, due_date: datetime.date | None = None
) -> DeliberationOpinion:
    """交办: to the body, which reports what it did by the deadline (2 months by default)."""
    OPINION.check(actor, opinion, "send")
    due = in_future(due_date, "due_date") if due_date else default_due(opinion, today())

    def apply(o: DeliberationOpinion) -> None:
        o.sent_on = today()
        o.due_date = due
        _answer_deadline(o, due)

    perform(
        OPINION,
        case=opinion,
        action="send",
        actor=actor,
        data={"due": due.isoformat()},
        apply=apply,
        notify=lambda e: _tell_unit(opinion),
    )
    return opinion


def _tell_unit(opinion: DeliberationOpinion) -> None:
    notify(_unit_officers(opinion.unit_id), title=str(opinion.title), url=opinion_url(opinion))


def _answer_deadline(o: DeliberationOpinion, due: datetime.date) -> None:
    set_deadline(
        case=o,
        kind="answer",
        unit=o.unit,
        due_date=due,
        url=opinion_url(o),
        label=LABEL_ANSWER,
        params={"title": o.title},
    )


@OPINION.action("answer", payload=AnswerIn)
def opinion_answer(*, opinion: DeliberationOpinion, actor: Any, answer: str) -> DeliberationOpinion:
    """研究处理情况报告: the body reports what it did (its officer, or staff for a letter)."""
    OPINION.check(actor, opinion, "answer")
    answer = require_text(answer, "answer", _("Report on what was done"))

    def apply(o: DeliberationOpinion) -> None:
        o.answer = answer
        o.answered_on = today()
        close_deadlines(case=o, kind="answer")
        set_deadline(
            case=o,
            kind="assess",
            role="staff",
            due_date=WorkingCalendar().add_working_days(
                today(), o.congress.setting("opinion_assess_working_days")
            ),
            url=opinion_url(o),
            label=LABEL_ASSESS,
            params={"title": o.title},
        )

    perform(OPINION, case=opinion, action="answer", actor=actor, apply=apply)
    return opinion


@OPINION.action("assess", payload=AssessIn)
def opinion_assess(
    *,
    opinion: DeliberationOpinion,
    actor: Any,
    assessment: str,
    note: str = "",
    follow_up: bool = False,
    due_date: datetime.date | None = None,
) -> DeliberationOpinion:
    """Staff assess the report on what was done: closed, or followed up with a further
    deadline (跟踪监督). An open satisfaction poll must be closed first."""
    OPINION.check(actor, opinion, "assess")
    assessment = require_choice(assessment, Assessment, "assessment")
    note = require_text(note, "note", _("Assessment note"), required=False)
    if follow_up and due_date is None:
        raise ActionInvalid(_("Give the further deadline."), field="due_date")
    if follow_up and due_date is not None:
        in_future(due_date, "due_date")
    if opinion.poll_id and opinion.poll is not None and opinion.poll.closed_at is None:
        raise ActionConflict(_("Close the satisfaction poll before the assessment."))

    def apply(o: DeliberationOpinion) -> Goto:
        o.assessment = assessment
        o.assessment_note = note
        close_deadlines(case=o, kind="assess")
        if follow_up and due_date is not None:
            o.rounds += 1
            o.due_date = due_date
            _answer_deadline(o, due_date)
            return Goto(OS.FOLLOWED_UP)
        o.closed_on = today()
        return Goto(OS.CLOSED)

    perform(
        OPINION,
        case=opinion,
        action="assess",
        actor=actor,
        comment=note,
        data={
            "assessment": assessment,
            "due": due_date.isoformat() if follow_up and due_date else None,
        },
        apply=apply,
    )
    return opinion


# --- points (tracked separately to done, like the promises ledger) --------------------------


@transaction.atomic
def point_done(*, point: OpinionPoint, actor: Any, note: str) -> OpinionPoint:
    """A point is done: the body's officer (or staff) says what was done."""
    opinion = DeliberationOpinion.objects.select_for_update().get(pk=point.opinion_id)
    if not (
        actor.has_perm("supervision.manage", opinion)
        or (
            getattr(actor, "unit_id", None) == opinion.unit_id
            and actor.has_perm("supervision.view_unit")
        )
    ):
        raise ActionForbidden(_("Only the body the opinions were sent to, or staff, do this."))
    if opinion.state not in OPINION_SENT or opinion.state == OS.CLOSED:
        raise ActionConflict(_("Points are reported done once the opinions are sent."))
    note = require_text(note, "note", _("What was done"))
    if OpinionPoint.objects.filter(pk=point.pk, done_on__isnull=False).exists():
        raise ActionConflict(_("This point is done already."))
    OpinionPoint.objects.filter(pk=point.pk).update(done_on=today(), done_note=note)
    point.done_on, point.done_note = today(), note
    record_event(
        case=opinion, action="point_done", actor=actor, comment=note, data={"point": point.number}
    )
    return point


@transaction.atomic
def point_reopen(*, point: OpinionPoint, actor: Any, reason: str) -> OpinionPoint:
    """Staff find a point not done after all."""
    require_staff(actor, point.congress_id)
    opinion = DeliberationOpinion.objects.select_for_update().get(pk=point.opinion_id)
    reason = require_text(reason, "reason", _("Reason"))
    if point.done_on is None:
        raise ActionConflict(_("This point is not done."))
    if opinion.state == OS.CLOSED:
        raise ActionConflict(_("The opinions are closed."))
    OpinionPoint.objects.filter(pk=point.pk).update(done_on=None, done_note="")
    point.done_on, point.done_note = None, ""
    record_event(
        case=opinion,
        action="point_reopened",
        actor=actor,
        comment=reason,
        data={"point": point.number},
    )
    return point


# --- the assessment's satisfaction poll (core's engine) -------------------------------------


@transaction.atomic
def opinion_open_poll(
    *, opinion: DeliberationOpinion, actor: Any, title: str = "", report: str = ""
) -> Poll:
    """Where the standing committee decided so, members assess the report on what was done."""
    require_staff(actor, opinion.congress_id)
    locked = DeliberationOpinion.objects.select_for_update().get(pk=opinion.pk)
    if locked.state != OS.ANSWERED:
        raise ActionConflict(_("A poll is held on a report on what was done, before assessing."))
    if locked.poll_id is not None:
        raise ActionConflict(_("These opinions already have a poll."))
    poll = polls.poll_open(
        case=locked,
        actor=actor,
        title=title or f"对{locked.unit.name}{locked.title}研究处理情况的满意度测评",
        report=report or locked.answer,
        url=opinion_url(locked),
    )
    DeliberationOpinion.objects.filter(pk=locked.pk).update(poll=poll)
    opinion.poll = poll
    return poll


@transaction.atomic
def opinion_publish(*, opinion: DeliberationOpinion, actor: Any) -> DeliberationOpinion:
    require_staff(actor, opinion.congress_id)
    if opinion.state not in OPINION_SENT:
        raise ActionConflict(_("Opinions are published once they are sent."))
    if opinion.published:
        raise ActionConflict(_("This is published already."))
    DeliberationOpinion.objects.filter(pk=opinion.pk).update(published=True)
    opinion.published = True
    record_event(case=opinion, action="publish", actor=actor)
    return opinion
