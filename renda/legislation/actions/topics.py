"""Agenda topic solicitations (议题征集): staff ask the deputies for opinions on the topics of an
upcoming standing committee meeting, deputies answer topic by topic until the due date, and
staff close with a summary."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.inputs import require_text
from renda.core.notifications import notify_after_commit
from renda.core.workflow import ActionConflict, ActionInvalid, perform, record_event
from renda.legislation.actions.common import case_url, require_staff, today, users
from renda.legislation.models import AgendaTopic, TopicAnswer, TopicSolicitation
from renda.legislation.schemas import MAX_OPINION_CHARS, AnswerIn, SummaryIn
from renda.legislation.workflow import TOPIC_SOLICITATION
from renda.org.models import Congress

ANSWERS_LABEL = gettext_noop("Opinions on the topics of %(meeting)s")


def topic_solicitation_open(
    *,
    congress: Congress,
    actor: Any,
    meeting_title: str,
    meeting_date: datetime.date,
    deadline: datetime.date,
    topics: Sequence[str | tuple[str, str]],
    description: str = "",
) -> TopicSolicitation:
    """Staff ask the deputies for opinions on the topics of an upcoming meeting."""
    require_staff(actor, congress.pk)
    meeting_title = require_text(meeting_title, "meeting_title", _("Meeting"), max_length=200)
    if deadline < today():
        raise ActionInvalid(_("The answers cannot be due in the past."), field="deadline")
    if meeting_date < deadline:
        raise ActionInvalid(_("Answers must be due before the meeting."), field="deadline")
    pairs = [(t, "") if isinstance(t, str) else t for t in topics]
    cleaned = [
        (require_text(title, f"topics.{i}", _("Topic"), max_length=200), (desc or "").strip())
        for i, (title, desc) in enumerate(pairs)
    ]
    if not cleaned:
        raise ActionInvalid(_("Enter at least one topic."), field="topics")
    with transaction.atomic():
        solicitation = TopicSolicitation.objects.create(
            congress=congress,
            meeting_title=meeting_title,
            meeting_date=meeting_date,
            deadline=deadline,
            description=(description or "").strip(),
            created_by=actor,
        )
        AgendaTopic.objects.bulk_create(
            AgendaTopic(solicitation=solicitation, order=i, title=title, description=desc)
            for i, (title, desc) in enumerate(cleaned, start=1)
        )
        record_event(case=solicitation, action="create", actor=actor, to_state="open")
        url = case_url("topics", solicitation.pk)
        params = {"meeting": meeting_title}
        set_deadline(
            case=solicitation,
            kind="answers",
            label=ANSWERS_LABEL,
            params=params,
            due_date=deadline,
            url=url,
            role="deputy",
        )
        notify_after_commit(users(congress.pk, "deputy"), title=_(ANSWERS_LABEL) % params, url=url)
    return solicitation


@TOPIC_SOLICITATION.action("answer", payload=AnswerIn)
def topic_answer(
    *, solicitation: TopicSolicitation, topic: AgendaTopic, actor: Any, text: str
) -> TopicAnswer:
    """A deputy gives an opinion on one topic; answering again replaces it until it closes."""
    TOPIC_SOLICITATION.check(actor, solicitation, "answer")
    if today() > solicitation.deadline:
        raise ActionConflict(_("Answers were due on %(date)s.") % {"date": solicitation.deadline})
    if topic.solicitation_id != solicitation.pk:
        raise ActionInvalid(_("No such topic in this solicitation."), field="topic")
    text = require_text(text, "text", _("Opinion"), max_length=MAX_OPINION_CHARS)

    def apply(locked: TopicSolicitation) -> TopicAnswer:
        row, _created = TopicAnswer.objects.update_or_create(
            topic=topic,
            deputy_id=actor.deputy_id,
            defaults={"text": text, "answered_at": timezone.now()},
        )
        return row

    answer: TopicAnswer = perform(
        TOPIC_SOLICITATION,
        case=solicitation,
        action="answer",
        actor=actor,
        data={"topic": topic.pk},
        apply=apply,
    )
    return answer


@TOPIC_SOLICITATION.action("close", payload=SummaryIn)
def topic_solicitation_close(
    *, solicitation: TopicSolicitation, actor: Any, summary: str = ""
) -> TopicSolicitation:
    """Staff close the solicitation and write the summary of the answers for the meeting."""

    def apply(locked: TopicSolicitation) -> None:
        locked.summary = (summary or "").strip()
        locked.closed_at = timezone.now()
        close_deadlines(case=locked)

    perform(
        TOPIC_SOLICITATION,
        case=solicitation,
        action="close",
        actor=actor,
        comment=(summary or "").strip()[:200],
        apply=apply,
    )
    return solicitation
