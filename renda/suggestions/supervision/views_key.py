"""Key suggestions (重点建议) of a year, each one's supervision, and their satisfaction polls
(满意度测评): staff open and close a poll, standing committee members vote."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.accounts.models import User
from renda.core import polls
from renda.core.http import AuthedRequest, acting_congress_id
from renda.core.models import Poll
from renda.core.pages import page_requires, run_action_form
from renda.core.polls import PollResults
from renda.core.workflow import ActionError
from renda.suggestions.models import Evaluation, Reply, Suggestion
from renda.suggestions.supervision.common import latest_year, render_tab
from renda.suggestions.supervision.forms import (
    PollCloseForm,
    PollOpenForm,
    PollVoteForm,
    YearForm,
    suggestion_years,
)

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


def _key_suggestions(congress_id: int) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(congress_id=congress_id, is_key=True).select_related(
        "lead_deputy__person", "supervising_body", "supervising_leader", "poll"
    )


def _with_handling(qs: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    """The replies and evaluations a key suggestion's row shows (latest last)."""
    return qs.prefetch_related(
        Prefetch("replies", queryset=Reply.objects.order_by("handling_round", "id")),
        Prefetch("evaluations", queryset=Evaluation.objects.order_by("handling_round", "id")),
    )


@dataclass
class KeyState:
    """What the key suggestion pages show beside a suggestion: its poll, the results if this
    user may see them yet, this user's vote or whether they still have to vote, and the latest
    round's reply categories and evaluation."""

    the_poll: Poll | None
    my_vote: StrOrPromise | None
    waiting_for_me: bool
    results: PollResults | None
    latest_categories: str
    latest_evaluation: Evaluation | None


def _poll_state(user: User, suggestions: list[Suggestion]) -> dict[int, KeyState]:
    """Each suggestion's KeyState, by id, in two queries for the whole list. The templates read
    the same values from the suggestion itself, where they are copied."""
    facts = polls.facts(user, (s.poll for s in suggestions))
    states: dict[int, KeyState] = {}
    for s in suggestions:
        poll = s.poll
        fact = facts.get(poll.pk) if poll is not None else None
        replies = list(s.replies.all())
        latest_round = max((r.handling_round for r in replies), default=0)
        evaluations = list(s.evaluations.all())
        state = KeyState(
            the_poll=poll,
            my_vote=fact.my_vote if fact else None,
            waiting_for_me=bool(fact and fact.waiting_for_me),
            results=fact.results if fact else None,
            latest_categories="/".join(
                dict.fromkeys(r.category for r in replies if r.handling_round == latest_round)
            ),
            latest_evaluation=evaluations[-1] if evaluations else None,
        )
        vars(s).update(vars(state))  # for the templates: {{ s.results }}, {{ s.my_vote }}, ...
        states[s.pk] = state
    return states


@page_requires("suggestions.view_supervision")
def key_suggestions(request: AuthedRequest) -> HttpResponse:
    """重点建议 of a year: who supervises them, where they stand, and their polls."""
    congress_id = acting_congress_id(request)
    years = suggestion_years(congress_id)
    form = YearForm(request.GET or None, years=years)
    year = form.chosen_year(latest_year(congress_id, years))
    rows = list(
        _with_handling(_key_suggestions(congress_id).filter(year=year)).order_by("number", "id")
    )
    states = _poll_state(request.user, rows)
    return render_tab(
        request,
        "key_suggestions.html",
        {
            "form": form,
            "year": year,
            "rows": rows,
            "waiting": sum(1 for state in states.values() if state.waiting_for_me),
        },
        tab="suggestions:key_suggestions",
    )


def _key_suggestion(request: AuthedRequest, pk: int) -> tuple[Suggestion, KeyState]:
    qs = _with_handling(_key_suggestions(acting_congress_id(request)))
    s = qs.filter(pk=pk).first()
    if s is None:
        raise Http404(_("No such key suggestion in your congress."))
    return s, _poll_state(request.user, [s])[s.pk]


def _key_page(
    request: AuthedRequest,
    s: Suggestion,
    state: KeyState,
    *,
    open_form: PollOpenForm | None = None,
    vote_form: PollVoteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    poll = state.the_poll
    if open_form is None and poll is None and user.has_perm("suggestions.open_poll", s):
        open_form = PollOpenForm(
            suggestion=s,
            user=user,
            initial={
                "title": _("Satisfaction poll on key suggestion No. %(number)s: %(title)s")
                % {"number": s.number, "title": s.title}
            },
        )
    if vote_form is None and state.waiting_for_me and poll is not None:
        vote_form = PollVoteForm(poll=poll, user=user)
    return render_tab(
        request,
        "key_suggestion.html",
        {"s": s, "poll": poll, "open_form": open_form, "vote_form": vote_form},
        tab="suggestions:key_suggestions",
        status=status,
    )


@page_requires("suggestions.view_supervision")
def key_suggestion(request: AuthedRequest, pk: int) -> HttpResponse:
    return _key_page(request, *_key_suggestion(request, pk))


def _back(request: AuthedRequest, s: Suggestion) -> Any:
    """After a poll action: the key suggestion's page (a conflict shows as a message there)."""

    def on_conflict(error: ActionError) -> HttpResponse:
        messages.error(request, str(error.message))
        return redirect("suggestions:key_suggestion", pk=s.pk)

    return on_conflict


def _again(request: AuthedRequest, s: Suggestion, **forms: Any) -> Any:
    """After a refused poll form: the page with the form as it was typed and the refusal on
    it, while that form still applies; else (someone opened the poll first, it closed) back
    to the page with why, as a message."""

    def on_conflict(error: ActionError) -> HttpResponse:
        fresh, state = _key_suggestion(request, s.pk)
        applies = state.the_poll is None if "open_form" in forms else state.waiting_for_me
        if not applies:
            return _back(request, s)(error)
        for form in forms.values():
            form.add_error(None, str(error.message))
        return _key_page(request, fresh, state, status=409, **forms)

    return on_conflict


@require_POST
@page_requires("suggestions.open_poll")
def poll_open(request: AuthedRequest, pk: int) -> HttpResponse:
    s, state = _key_suggestion(request, pk)
    form = PollOpenForm(request.POST, suggestion=s, user=request.user)
    done = reverse("suggestions:key_suggestion", args=[s.pk])
    conflict = _again(request, s, open_form=form)
    response = run_action_form(request, form, done=done, conflict=conflict)
    return response or _key_page(request, s, state, open_form=form, status=422)


def _poll_of(request: AuthedRequest, pk: int) -> tuple[Suggestion, KeyState, Poll]:
    s, state = _key_suggestion(request, pk)
    if state.the_poll is None:
        raise Http404(_("This key suggestion has no poll."))
    return s, state, state.the_poll


@require_POST
@page_requires("suggestions.vote_poll")
def poll_vote(request: AuthedRequest, pk: int) -> HttpResponse:
    s, state, poll = _poll_of(request, pk)
    form = PollVoteForm(request.POST, poll=poll, user=request.user)
    done = reverse("suggestions:key_suggestion", args=[s.pk])
    response = run_action_form(
        request, form, done=done, conflict=_again(request, s, vote_form=form)
    )
    return response or _key_page(request, s, state, vote_form=form, status=422)


@require_POST
@page_requires("suggestions.open_poll")
def poll_close(request: AuthedRequest, pk: int) -> HttpResponse:
    s, _state, poll = _poll_of(request, pk)
    form = PollCloseForm({}, poll=poll, user=request.user)
    done = reverse("suggestions:key_suggestion", args=[s.pk])
    return run_action_form(request, form, done=done, conflict=_back(request, s)) or redirect(done)
