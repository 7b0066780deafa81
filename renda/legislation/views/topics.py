"""Agenda topic solicitations (议题征集): the list, asking the deputies, a solicitation's page
(the answers per topic for staff and leaders, a form per topic for a deputy), a deputy's
answer and staff's closing summary."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core.actionforms import form_class_for
from renda.core.http import AuthedRequest
from renda.core.pages import conflict_message, page_requires, paginate, run_action_form
from renda.core.workflow import ActionError
from renda.legislation import forms as F
from renda.legislation.models import AgendaTopic, TopicAnswer, TopicSolicitation
from renda.legislation.queries import deputies_answered, topic_summary
from renda.legislation.rules import TOPIC_SOLICITATIONS
from renda.legislation.views.common import PER_PAGE, making_page
from renda.legislation.workflow import TOPIC_SOLICITATION


def _solicitations(user: Any) -> QuerySet[TopicSolicitation]:
    return TOPIC_SOLICITATIONS.rows(user, TopicSolicitation.objects.all())


@page_requires("legislation.view_topics")
def topic_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    qs = _solicitations(user).annotate(
        topic_count=Count("topics", distinct=True),
        answer_count=Count("topics__answers", distinct=True),
    )
    answers = user.has_perm("legislation.answer_topics")
    if answers and user.deputy_id is not None:
        mine = TopicAnswer.objects.filter(
            topic__solicitation=OuterRef("pk"), deputy_id=user.deputy_id
        )
        qs = qs.annotate(answered=Exists(mine))
    context = {
        "page_obj": paginate(request, qs.order_by("-meeting_date", "-id"), PER_PAGE),
        "manages": user.has_perm("legislation.manage"),
        "answers": answers,
        "today": timezone.localdate(),
    }
    return render(request, "legislation/topic_list.html", context)


@page_requires("legislation.manage")
def topic_new(request: AuthedRequest) -> HttpResponse:
    return making_page(
        request,
        F.TopicSolicitationForm(request.POST or None, actor=request.user),
        template="legislation/topic_new.html",
        done=lambda made: reverse("legislation:topics", args=[made.pk]),
    )


def _solicitation(user: Any, pk: int) -> TopicSolicitation:
    row = _solicitations(user).filter(pk=pk).first()
    if row is None:
        raise Http404(_("No such solicitation."))
    return row


def _topics_page(
    request: AuthedRequest,
    s: TopicSolicitation,
    *,
    bound: Any = None,
    status: int = 200,
    conflict: str = "",
) -> HttpResponse:
    user = request.user
    reads = user.has_perm("legislation.read_topic_answers", s)
    deputy_id = user.deputy_id if user.has_perm("legislation.answer_topics", s) else None
    topics = topic_summary(s) if reads else list(s.topics.order_by("order"))
    if deputy_id is not None:
        mine = {
            a.topic_id: a
            for a in TopicAnswer.objects.filter(topic__solicitation=s, deputy_id=deputy_id)
        }
        answering = any(t.action == "answer" for t in TOPIC_SOLICITATION.available(user, s))
        answering = answering and timezone.localdate() <= s.deadline
        for topic in topics:
            answer = mine.get(topic.pk)
            topic.my_answer = answer  # type: ignore[attr-defined]
            if bound is not None and getattr(bound, "topic", None) == topic:
                topic.form = bound  # type: ignore[attr-defined]
            elif answering:
                topic.form = F.AnswerForm(  # type: ignore[attr-defined]
                    case=s, user=user, topic=topic, initial={"text": answer.text if answer else ""}
                )
    close = next((t for t in TOPIC_SOLICITATION.available(user, s) if t.action == "close"), None)
    close_form = bound if bound is not None and bound.action == "close" else None
    if close is not None and close_form is None:
        close_form = form_class_for(TOPIC_SOLICITATION, "close")(case=s, user=user)
    context = {
        "s": s,
        "topics": topics,
        "reads": reads,
        "answers": deputy_id is not None,
        "deputies_answered": deputies_answered(s) if reads else 0,
        "close_form": close_form if close is not None else None,
        "conflict": conflict,
    }
    return render(request, "legislation/topics.html", context, status=status)


@page_requires("legislation.view_topics")
def topics(request: AuthedRequest, pk: int) -> HttpResponse:
    return _topics_page(request, _solicitation(request.user, pk))


def _take(request: AuthedRequest, pk: int, form: Any) -> HttpResponse:
    """A solicitation's action posted from its page: back to the page with its message, or
    the page with the form again (422 beside its field; 409 with why nothing changed)."""
    user = request.user

    def refused(error: ActionError) -> HttpResponse:
        fresh = _solicitation(user, pk)
        return _topics_page(
            request, fresh, bound=form, status=409, conflict=conflict_message(error)
        )

    done = reverse("legislation:topics", args=[pk])
    response = run_action_form(request, form, done=done, conflict=refused)
    if response is not None:
        return response
    return _topics_page(request, _solicitation(user, pk), bound=form, status=422)


@require_POST
@page_requires("legislation.answer_topics")
def topic_answer(request: AuthedRequest, pk: int, topic: int) -> HttpResponse:
    user = request.user
    s = _solicitation(user, pk)
    row = get_object_or_404(AgendaTopic, solicitation=s, pk=topic)
    form = F.AnswerForm(request.POST, case=s, user=user, topic=row)
    return _take(request, pk, form)


@require_POST
@page_requires("legislation.manage")
def topic_close(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    s = _solicitation(user, pk)
    form = form_class_for(TOPIC_SOLICITATION, "close")(request.POST, case=s, user=user)
    return _take(request, pk, form)
