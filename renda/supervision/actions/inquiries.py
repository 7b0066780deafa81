"""Special inquiries (专题询问): staff plan one with the departments to question (on site or in
writing, 现场+书面), record the meeting, members' questions and each department head's answer
(a written question is answered by the department's officer), open a satisfaction poll of
members on a department, and close the inquiry with its results and follow-up."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core import polls
from renda.core.inputs import require_choice, require_text
from renda.core.models import Poll
from renda.core.workflow import (
    ActionConflict,
    ActionForbidden,
    ActionInvalid,
    perform,
    record_event,
)
from renda.supervision.actions._common import inquiry_url, not_in_future, require_staff
from renda.supervision.models import (
    Inquiry,
    InquiryMode,
    InquiryQuestion,
    InquiryState,
    InquiryUnit,
    PlanItem,
)
from renda.supervision.payloads import CloseInquiryIn, HoldIn
from renda.supervision.workflow import INQUIRY


@transaction.atomic
def inquiry_create(
    *,
    congress: Any,
    actor: Any,
    title: str,
    year: int | None = None,
    topic: str = "",
    plan_item: PlanItem | None = None,
) -> Inquiry:
    require_staff(actor, congress.pk)
    title = require_text(title, "title", _("Title"), max_length=200)
    topic = require_text(topic, "topic", _("Topic"), required=False)
    if plan_item is not None and plan_item.congress_id != congress.pk:
        raise ActionInvalid(_("Choose one of this congress."), field="plan_item")
    inquiry = Inquiry.objects.create(
        congress=congress,
        year=year or timezone.localdate().year,
        title=title,
        topic=topic,
        plan_item=plan_item,
        created_at=timezone.now(),
    )
    record_event(case=inquiry, action="create", actor=actor, to_state=InquiryState.PLANNED)
    return inquiry


@transaction.atomic
def inquiry_add_unit(
    *, inquiry: Inquiry, actor: Any, unit: Any, mode: str, respondent: str = ""
) -> InquiryUnit:
    require_staff(actor, inquiry.congress_id)
    if inquiry.state == InquiryState.CLOSED:
        raise ActionConflict(_("The inquiry is closed."))
    mode = require_choice(mode, InquiryMode, "mode")
    if unit is None or unit.congress_id != inquiry.congress_id:
        raise ActionInvalid(_("Choose a department of this congress."), field="unit")
    respondent = require_text(
        respondent, "respondent", _("Answered by"), required=False, max_length=60
    )
    if InquiryUnit.objects.filter(inquiry=inquiry, unit=unit).exists():
        raise ActionInvalid(_("This department is asked already."), field="unit")
    row = InquiryUnit.objects.create(
        inquiry=inquiry, unit=unit, mode=mode, respondent=respondent or unit.head
    )
    record_event(
        case=inquiry, action="add_unit", actor=actor, comment=unit.name, data={"unit": unit.pk}
    )
    return row


@INQUIRY.action("hold", payload=HoldIn)
def inquiry_hold(*, inquiry: Inquiry, actor: Any, held_on: datetime.date, meeting: str) -> Inquiry:
    INQUIRY.check(actor, inquiry, "hold")
    not_in_future(held_on, "held_on")
    meeting = require_text(meeting, "meeting", _("Meeting"), max_length=200)
    if not inquiry.units.exists():
        raise ActionInvalid(_("Name the departments questioned first."), field="meeting")

    def apply(i: Inquiry) -> None:
        i.held_on = held_on
        i.meeting = meeting

    perform(
        INQUIRY,
        case=inquiry,
        action="hold",
        actor=actor,
        data={"meeting": meeting, "held_on": held_on.isoformat()},
        apply=apply,
    )
    return inquiry


@INQUIRY.action("close", payload=CloseInquiryIn)
def inquiry_close(*, inquiry: Inquiry, actor: Any, results: str) -> Inquiry:
    INQUIRY.check(actor, inquiry, "close")
    results = require_text(results, "results", _("Results and follow-up"))
    if inquiry.units.filter(poll__isnull=False, poll__closed_at__isnull=True).exists():
        raise ActionConflict(_("Close the satisfaction polls before closing the inquiry."))

    def apply(i: Inquiry) -> None:
        i.results = results

    perform(INQUIRY, case=inquiry, action="close", actor=actor, apply=apply)
    return inquiry


@transaction.atomic
def question_ask(
    *, inquiry_unit: InquiryUnit, actor: Any, asker: str, question: str
) -> InquiryQuestion:
    """A member's question to a department (staff record it, on site or in writing)."""
    inquiry = inquiry_unit.inquiry
    require_staff(actor, inquiry.congress_id)
    if inquiry.state == InquiryState.CLOSED:
        raise ActionConflict(_("The inquiry is closed."))
    asker = require_text(asker, "asker", _("Asked by"), max_length=60)
    question = require_text(question, "question", _("Question"))
    row = InquiryQuestion.objects.create(
        inquiry_unit=inquiry_unit, asker=asker, question=question, asked_at=timezone.now()
    )
    record_event(
        case=inquiry,
        action="question",
        actor=actor,
        comment=question[:200],
        data={"unit": inquiry_unit.unit_id, "question": row.pk},
    )
    return row


@transaction.atomic
def question_answer(*, question: InquiryQuestion, actor: Any, answer: str) -> InquiryQuestion:
    """The department head's answer: recorded by staff on site, or written by the department."""
    inquiry_unit = question.inquiry_unit
    inquiry = inquiry_unit.inquiry
    if not actor.has_perm("supervision.answer_question", inquiry_unit) or (
        getattr(actor, "congress_id", None) != inquiry.congress_id
    ):
        raise ActionForbidden(_("Only the department questioned, or staff, answer."))
    if inquiry.state == InquiryState.CLOSED:
        raise ActionConflict(_("The inquiry is closed."))
    answer = require_text(answer, "answer", _("Answer"))
    locked = InquiryQuestion.objects.select_for_update().get(pk=question.pk)
    if locked.answered_at is not None:
        raise ActionConflict(_("This question is answered already."))
    InquiryQuestion.objects.filter(pk=question.pk).update(answer=answer, answered_at=timezone.now())
    question.refresh_from_db()
    record_event(
        case=inquiry,
        action="answer_question",
        actor=actor,
        comment=answer[:200],
        data={"unit": inquiry_unit.unit_id, "question": question.pk},
    )
    return question


@transaction.atomic
def inquiry_unit_open_poll(*, inquiry_unit: InquiryUnit, actor: Any, title: str = "") -> Poll:
    """满意度测评 of members on one department questioned (core's poll engine)."""
    inquiry = inquiry_unit.inquiry
    require_staff(actor, inquiry.congress_id)
    locked = InquiryUnit.objects.select_for_update().select_related("unit").get(pk=inquiry_unit.pk)
    if inquiry.state != InquiryState.HELD:
        raise ActionConflict(_("Polls are held once the inquiry has been held, before closing."))
    if locked.poll_id is not None:
        raise ActionConflict(_("This department already has a poll."))
    poll = polls.poll_open(
        case=inquiry,
        actor=actor,
        title=title or f"{inquiry.title}：对{locked.unit.name}的满意度测评",
        report=inquiry.topic,
        url=inquiry_url(inquiry),
    )
    InquiryUnit.objects.filter(pk=locked.pk).update(poll=poll)
    inquiry_unit.poll = poll
    return poll
