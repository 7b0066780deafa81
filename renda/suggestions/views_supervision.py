"""The staff and leaders' suggestion pages: work queues, the register and its exports, the
overdue board, the promise ledger, key suggestions and their polls, unit scores and motions."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from renda.accounts.models import User
from renda.core.calendar import WorkingCalendar
from renda.core.http import AuthedRequest, acting_congress, acting_congress_id
from renda.core.models import Event
from renda.core.spreadsheets import xlsx_response
from renda.core.stats import compute
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid
from renda.org.models import HandlingUnit
from renda.suggestions import actions, documents, scoring
from renda.suggestions.forms_supervision import (
    REGISTER_SORTS,
    CommentForm,
    LedgerFilterForm,
    MotionReferForm,
    PollOpenForm,
    PollVoteForm,
    QueueFilterForm,
    RegisterFilterForm,
    YearForm,
    suggestion_years,
)
from renda.suggestions.models import (
    Assignment,
    Evaluation,
    Extension,
    Motion,
    MotionState,
    Period,
    PollVote,
    Reply,
    Satisfaction,
    SatisfactionPoll,
    Suggestion,
    SuggestionState,
)
from renda.suggestions.queries import filter_list, with_list_data
from renda.suggestions.rules import leader_of_congress, staff_of_congress
from renda.suggestions.schemas import poll_results
from renda.suggestions.supervision import overdue_board, promise_ledger

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

S = SuggestionState
PER_PAGE = 50
HANDLING = (S.ASSIGNED, S.REHANDLING)
# The figures of renda.core.stats shown on the overview, in this order.
OVERVIEW_FIGURES = [
    ("suggestions", gettext_lazy("Suggestions accepted")),
    ("suggestions_session", gettext_lazy("During the session")),
    ("suggestions_recess", gettext_lazy("During the recess")),
    ("suggestions_answered", gettext_lazy("Answered")),
    ("key_suggestions", gettext_lazy("Key suggestions")),
    ("motions", gettext_lazy("Motions")),
    ("suggestions_satisfied", gettext_lazy("Satisfied")),
    ("suggestions_basically_satisfied", gettext_lazy("Basically satisfied")),
    ("suggestions_dissatisfied", gettext_lazy("Dissatisfied")),
    ("promises", gettext_lazy("Promises made")),
    ("promises_delivered", gettext_lazy("Promises delivered")),
]
# The pages linked from each page's tab bar: (url name, label, staff only).
TABS = [
    ("suggestions:supervision", gettext_lazy("Overview"), False),
    ("suggestions:review_queue", gettext_lazy("Review"), True),
    ("suggestions:assign_queue", gettext_lazy("To assign"), True),
    ("suggestions:adjustment_queue", gettext_lazy("Adjustments and extensions"), True),
    ("suggestions:register", gettext_lazy("All suggestions"), False),
    ("suggestions:overdue_board", gettext_lazy("Overdue"), False),
    ("suggestions:promise_ledger", gettext_lazy("Promises"), False),
    ("suggestions:key_suggestions", gettext_lazy("Key suggestions"), False),
    ("suggestions:unit_scores", gettext_lazy("Unit scores"), False),
    ("suggestions:motion_board", gettext_lazy("Motions"), False),
]

supervisor = staff_of_congress | leader_of_congress


# --- access, rendering, paging ---------------------------------------------------------------


def supervision_page(
    *, staff_only: bool = False, perm: str = ""
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Staff (and, unless `staff_only`, leaders) of a congress; others get 403."""
    allowed = staff_of_congress if staff_only else supervisor

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.congress_id or not allowed.test(user, None):
                raise PermissionDenied
            if perm and not user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _render(
    request: AuthedRequest, template: str, context: dict[str, Any], *, tab: str
) -> HttpResponse:
    is_staff = request.user.role == "staff"
    tabs = [
        {"url": reverse(name), "label": label, "active": name == tab}
        for name, label, staff_only in TABS
        if is_staff or not staff_only
    ]
    context = {"tabs": tabs, "is_staff": is_staff, "congress": acting_congress(request), **context}
    return render(request, f"suggestions/supervision/{template}", context)


def _page(request: HttpRequest, rows: Any) -> Page:
    # get_page() turns a bad or out-of-range ?page= into a real page instead of an error.
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))


def _filtered(request: HttpRequest) -> bool:
    return any(v for k, v in request.GET.items() if k not in ("page", "sort"))


def _year_param(request: HttpRequest, default: int) -> int:
    raw = request.GET.get("year", "")
    if not raw:
        return default
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        raise Http404(_("No such year."))
    return int(raw)


def _latest_year(congress_id: int, years: list[int] | None = None) -> int:
    years = suggestion_years(congress_id) if years is None else years
    return years[0] if years else timezone.localdate().year


def _units(congress_id: int) -> QuerySet[HandlingUnit]:
    return HandlingUnit.objects.filter(congress_id=congress_id).order_by("name")


# --- 1. staff work queues --------------------------------------------------------------------


def _queue_context(request: AuthedRequest, qs: QuerySet[Suggestion]) -> dict[str, Any]:
    """Filter and page one queue; mark recess suggestions with their assignment deadline."""
    congress = acting_congress(request)
    form = QueueFilterForm(request.GET or None, years=suggestion_years(congress.pk))
    qs = with_list_data(filter_list(qs, **form.filters()))
    page = _page(request, qs)
    today = timezone.localdate()
    cal = WorkingCalendar()
    days = congress.setting("recess_assign_working_days")
    for s in page.object_list:
        received = timezone.localdate(s.submitted_at)
        s.days_waiting = (today - received).days
        # Recess (direct) suggestions are assigned within N working days of their receipt.
        s.assign_due = cal.add_working_days(received, days) if s.period == Period.RECESS else None
        s.assign_overdue = bool(s.assign_due and today > s.assign_due)
    return {"form": form, "page_obj": page, "filtered": _filtered(request), "today": today}


def _queue_counts(congress_id: int) -> dict[str, int]:
    by_state = dict(
        Suggestion.objects.filter(congress_id=congress_id, state__in=[S.SUBMITTED, S.ACCEPTED])
        .values_list("state")
        .annotate(n=Count("id"))
        .order_by()
    )
    contests = Assignment.objects.filter(
        suggestion__congress_id=congress_id,
        active=True,
        contest_state=Assignment.ContestState.PENDING,
    ).count()
    extensions = Extension.objects.filter(
        suggestion__congress_id=congress_id, state=Extension.State.REQUESTED
    ).count()
    return {
        "review": by_state.get(S.SUBMITTED, 0),
        "assign": by_state.get(S.ACCEPTED, 0),
        "requests": contests + extensions,
    }


@supervision_page(staff_only=True)
def review_queue(request: AuthedRequest) -> HttpResponse:
    """Submitted suggestions waiting for staff to accept, return, convert or merge them."""
    qs = Suggestion.objects.filter(
        congress_id=acting_congress_id(request), state=S.SUBMITTED
    ).order_by("submitted_at", "id")
    context = _queue_context(request, qs)
    context["counts"] = _queue_counts(acting_congress_id(request))
    return _render(request, "review_queue.html", context, tab="suggestions:review_queue")


@supervision_page(staff_only=True)
def assign_queue(request: AuthedRequest) -> HttpResponse:
    """Accepted suggestions not yet assigned to handling units."""
    qs = Suggestion.objects.filter(
        congress_id=acting_congress_id(request), state=S.ACCEPTED
    ).order_by("submitted_at", "id")
    context = _queue_context(request, qs)
    context["counts"] = _queue_counts(acting_congress_id(request))
    return _render(request, "assign_queue.html", context, tab="suggestions:assign_queue")


@dataclass
class PendingRequest:
    """A unit's request waiting for staff: an adjustment (申请调整) or an extension (延期)."""

    kind: str  # "adjustment" or "extension"
    suggestion: Suggestion
    unit: HandlingUnit
    reason: str
    requested_at: datetime.datetime | None
    old_due: datetime.date | None = None
    new_due: datetime.date | None = None


def _pending_requests(congress_id: int, suggestions: QuerySet[Suggestion]) -> list[PendingRequest]:
    contests = list(
        Assignment.objects.filter(
            suggestion__in=suggestions, active=True, contest_state=Assignment.ContestState.PENDING
        ).select_related("unit", "suggestion__lead_deputy__person")
    )
    extensions = Extension.objects.filter(
        suggestion__in=suggestions, state=Extension.State.REQUESTED
    ).select_related("unit", "suggestion__lead_deputy__person")
    # An adjustment request keeps no date of its own: its event says when it was made.
    asked: dict[tuple[int, int | None], datetime.datetime] = {}
    if contests:
        events = Event.objects.filter(
            congress_id=congress_id,
            content_type=ContentType.objects.get_for_model(Suggestion),
            object_id__in={a.suggestion_id for a in contests},
            action="contest",
        ).values_list("object_id", "data", "at")
        for object_id, data, at in events:
            asked[(object_id, (data or {}).get("unit"))] = at
    rows = [
        PendingRequest(
            "adjustment",
            a.suggestion,
            a.unit,
            a.contest_reason,
            asked.get((a.suggestion_id, a.unit_id)),
        )
        for a in contests
    ]
    rows += [
        PendingRequest(
            "extension", e.suggestion, e.unit, e.reason, e.requested_at, e.old_due, e.new_due
        )
        for e in extensions
    ]
    oldest = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    return sorted(rows, key=lambda r: (r.requested_at or oldest, r.suggestion.pk))


@supervision_page(staff_only=True)
def adjustment_queue(request: AuthedRequest) -> HttpResponse:
    """Units' pending adjustment and extension requests, oldest first."""
    congress_id = acting_congress_id(request)
    form = QueueFilterForm(request.GET or None, years=suggestion_years(congress_id))
    suggestions = filter_list(Suggestion.objects.filter(congress_id=congress_id), **form.filters())
    page = _page(request, _pending_requests(congress_id, suggestions))
    return _render(
        request,
        "adjustment_queue.html",
        {
            "form": form,
            "page_obj": page,
            "filtered": _filtered(request),
            "counts": _queue_counts(congress_id),
        },
        tab="suggestions:adjustment_queue",
    )


# --- 2. the register and its exports ---------------------------------------------------------


@supervision_page()
def register(request: AuthedRequest) -> HttpResponse:
    """Every suggestion of the congress, filtered, sorted and paged; exports of a year."""
    congress_id = acting_congress_id(request)
    years = suggestion_years(congress_id)
    form = RegisterFilterForm(request.GET or None, years=years, units=_units(congress_id))
    filters = form.filters()
    sort = form.chosen_sort()
    qs = with_list_data(
        filter_list(Suggestion.objects.filter(congress_id=congress_id), **filters)
    ).order_by(*REGISTER_SORTS[sort])
    page = _page(request, qs)
    today = timezone.localdate()
    for s in page.object_list:
        s.reply_overdue = bool(s.state in HANDLING and s.reply_due and s.reply_due < today)
    export_year = filters["year"] or _latest_year(congress_id, years)
    return _render(
        request,
        "register.html",
        {
            "form": form,
            "page_obj": page,
            "sort": sort,
            "filtered": _filtered(request),
            "can_export": request.user.has_perm("suggestions.export"),
            "export_year": export_year,
            "export_unit": form.valid_part().get("unit"),
        },
        tab="suggestions:register",
    )


@supervision_page(perm="suggestions.export")
def export_summary(request: AuthedRequest) -> HttpResponse:
    """年度建议办理汇总表 of a year, as Excel."""
    congress = acting_congress(request)
    year = _year_param(request, _latest_year(congress.pk))
    name = _("%(congress)s suggestions of %(year)s summary") % {
        "congress": congress.short_name,
        "year": year,
    }
    data = documents.year_summary(congress=congress, year=year)
    return xlsx_response(data, name, f"suggestions-{year}-summary")


@supervision_page(perm="suggestions.export")
def export_assignments(request: AuthedRequest) -> HttpResponse:
    """交办清单 of a year, for all units (one sheet each) or one unit, as Excel."""
    congress = acting_congress(request)
    year = _year_param(request, _latest_year(congress.pk))
    unit = None
    raw = request.GET.get("unit", "")
    if raw:
        if not raw.isdigit():
            raise Http404(_("No such handling unit."))
        unit = get_object_or_404(_units(congress.pk), pk=int(raw))
    name = _("%(owner)s assignment sheet %(year)s") % {
        "owner": unit.name if unit else congress.short_name,
        "year": year,
    }
    data = documents.assignment_sheet(congress=congress, year=year, unit=unit)
    fallback = f"assignments-{year}" + (f"-unit-{unit.pk}" if unit else "")
    return xlsx_response(data, name, fallback)


# --- 3, 4. the overdue board and the promise ledger -----------------------------------------


@supervision_page()
def overdue_board_page(request: AuthedRequest) -> HttpResponse:
    """超期预警: replies past due or soon due, per unit, in working days."""
    congress = acting_congress(request)
    today = timezone.localdate()
    boards = overdue_board(congress, today)
    return _render(
        request,
        "overdue_board.html",
        {
            "boards": boards,
            "today": today,
            "overdue_total": sum(len(b.overdue) for b in boards),
            "soon_total": sum(len(b.soon) for b in boards),
            "soon_days": congress.setting("soon_due_working_days"),
        },
        tab="suggestions:overdue_board",
    )


@supervision_page()
def promise_ledger_page(request: AuthedRequest) -> HttpResponse:
    """承诺事项台账: promises made in replies, open ones by default, earliest due first."""
    congress = acting_congress(request)
    form = LedgerFilterForm(
        request.GET or None, years=suggestion_years(congress.pk), units=_units(congress.pk)
    )
    data = form.valid_part()
    today = timezone.localdate()
    qs = promise_ledger(
        congress,
        unit=data.get("unit"),
        open_only=(data.get("show") or "open") == "open",
        year=data.get("year"),
        today=today,
    )
    return _render(
        request,
        "promise_ledger.html",
        {"form": form, "page_obj": _page(request, qs), "today": today},
        tab="suggestions:promise_ledger",
    )


# --- 5. key suggestions and their satisfaction polls ----------------------------------------


@dataclass
class PollResults:
    counts: list[tuple[StrOrPromise, int]]  # (label, votes), in the order of Satisfaction
    total: int
    rate: float | None  # (satisfied + basically satisfied) / votes

    @property
    def percent(self) -> float | None:
        return None if self.rate is None else self.rate * 100


def _results(counts: dict[str, int]) -> PollResults:
    total, rate = poll_results(counts)
    return PollResults(
        [(label, counts.get(v, 0)) for v, label in Satisfaction.choices], total, rate
    )


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

    the_poll: SatisfactionPoll | None
    my_vote: StrOrPromise | None
    waiting_for_me: bool
    results: PollResults | None
    latest_categories: str
    latest_evaluation: Evaluation | None


def _poll_state(user: User, suggestions: list[Suggestion]) -> dict[int, KeyState]:
    """Each suggestion's KeyState, by id, in two queries for the whole list. The templates read
    the same values from the suggestion itself, where they are copied."""
    polls = [s.poll for s in suggestions if hasattr(s, "poll")]
    counts: dict[int, dict[str, int]] = {p.pk: {} for p in polls}
    for poll_id, result, n in (
        PollVote.objects.filter(poll__in=polls)
        .values_list("poll_id", "result")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[poll_id][result] = n
    voted: dict[int, str] = {}
    if user.role == "leader" and polls:
        voted = dict(
            PollVote.objects.filter(poll__in=polls, voter=user).values_list("poll_id", "result")
        )
    labels = dict(Satisfaction.choices)
    states: dict[int, KeyState] = {}
    for s in suggestions:
        poll: SatisfactionPoll | None = getattr(s, "poll", None)
        replies = list(s.replies.all())
        latest_round = max((r.handling_round for r in replies), default=0)
        evaluations = list(s.evaluations.all())
        state = KeyState(
            the_poll=poll,
            my_vote=labels.get(voted.get(poll.pk, "")) if poll else None,
            waiting_for_me=bool(
                poll and not poll.closed_at and user.role == "leader" and poll.pk not in voted
            ),
            # Leaders see the results once the poll is closed; staff follow them live.
            results=(
                _results(counts[poll.pk])
                if poll is not None and (poll.closed_at is not None or user.role == "staff")
                else None
            ),
            latest_categories="/".join(
                dict.fromkeys(r.category for r in replies if r.handling_round == latest_round)
            ),
            latest_evaluation=evaluations[-1] if evaluations else None,
        )
        vars(s).update(vars(state))  # for the templates: {{ s.results }}, {{ s.my_vote }}, ...
        states[s.pk] = state
    return states


@supervision_page()
def key_suggestions(request: AuthedRequest) -> HttpResponse:
    """重点建议 of a year: who supervises them, where they stand, and their polls."""
    congress_id = acting_congress_id(request)
    years = suggestion_years(congress_id)
    form = YearForm(request.GET or None, years=years)
    year = form.chosen_year(_latest_year(congress_id, years))
    rows = list(
        _with_handling(_key_suggestions(congress_id).filter(year=year)).order_by("number", "id")
    )
    states = _poll_state(request.user, rows)
    return _render(
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
    open_form: forms.Form | None = None,
    vote_form: forms.Form | None = None,
) -> HttpResponse:
    poll = state.the_poll
    if open_form is None and request.user.role == "staff" and poll is None:
        open_form = PollOpenForm(
            initial={
                "title": _("Satisfaction poll on key suggestion No. %(number)s: %(title)s")
                % {"number": s.number, "title": s.title}
            }
        )
    if vote_form is None and state.waiting_for_me:
        vote_form = PollVoteForm()
    return _render(
        request,
        "key_suggestion.html",
        {"s": s, "poll": poll, "open_form": open_form, "vote_form": vote_form},
        tab="suggestions:key_suggestions",
    )


@supervision_page()
def key_suggestion(request: AuthedRequest, pk: int) -> HttpResponse:
    return _key_page(request, *_key_suggestion(request, pk))


Outcome = str  # "done", "conflict" (shown as a message) or "invalid" (shown beside a field)


def _attempt(request: HttpRequest, form: forms.Form, action: Callable[[], Any]) -> Outcome:
    """Run an action; its refusal is a 403, a conflict a message, bad input a form error."""
    try:
        action()
    except ActionForbidden as error:
        raise PermissionDenied(error.message) from error
    except ActionConflict as error:
        messages.error(request, error.message)
        return "conflict"
    except ActionInvalid as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return "invalid"
    return "done"


def _take(
    request: HttpRequest, form: forms.Form, action: Callable[[dict[str, Any]], Any], done: str
) -> bool:
    """Validate the form and run the action with its data. True when the page should redirect
    (done, or a conflict shown as a message); False to show the form with its errors."""
    if not form.is_valid():
        return False
    outcome = _attempt(request, form, lambda: action(form.cleaned_data))
    if outcome == "done":
        messages.success(request, done)
    return outcome != "invalid"


@require_POST
@supervision_page(staff_only=True)
def poll_open(request: AuthedRequest, pk: int) -> HttpResponse:
    s, state = _key_suggestion(request, pk)
    form = PollOpenForm(request.POST)
    if _take(
        request,
        form,
        lambda data: actions.poll_open(
            suggestion=s, actor=request.user, title=data["title"], report=data["report"]
        ),
        _("The poll is open: standing committee members vote."),
    ):
        return redirect("suggestions:key_suggestion", pk=s.pk)
    return _key_page(request, s, state, open_form=form)


def _poll_of(request: AuthedRequest, pk: int) -> tuple[Suggestion, KeyState, SatisfactionPoll]:
    s, state = _key_suggestion(request, pk)
    if state.the_poll is None:
        raise Http404(_("This key suggestion has no poll."))
    return s, state, state.the_poll


@require_POST
@supervision_page()
def poll_vote(request: AuthedRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("suggestions.vote_poll"):
        raise PermissionDenied
    s, state, poll = _poll_of(request, pk)
    form = PollVoteForm(request.POST)
    if _take(
        request,
        form,
        lambda data: actions.poll_vote(poll=poll, actor=request.user, result=data["result"]),
        _("Your vote is recorded."),
    ):
        return redirect("suggestions:key_suggestion", pk=s.pk)
    return _key_page(request, s, state, vote_form=form)


@require_POST
@supervision_page(staff_only=True)
def poll_close(request: AuthedRequest, pk: int) -> HttpResponse:
    s, _state, poll = _poll_of(request, pk)
    _take(
        request,
        forms.Form({}),
        lambda _data: actions.poll_close(poll=poll, actor=request.user),
        _("The poll is closed; its results are shown to everyone."),
    )
    return redirect("suggestions:key_suggestion", pk=s.pk)


# --- 6. unit scores --------------------------------------------------------------------------


SCORE_COMPONENTS = [
    (
        "promises",
        gettext_lazy("Promises delivered (落实率)"),
        gettext_lazy("promises due by today that were delivered / promises due"),
    ),
    (
        "on_time",
        gettext_lazy("Replies on time"),
        gettext_lazy(
            "replies given on or before their due date (approved extensions included) / replies"
            " due; each handling round counts once it is replied or past due"
        ),
    ),
    (
        "communication",
        gettext_lazy("Communication before replying"),
        gettext_lazy(
            "of the replies due, those with a contact with the deputy recorded before the reply"
        ),
    ),
    (
        "evaluation",
        gettext_lazy("Deputies' evaluations"),
        gettext_lazy(
            "final evaluations of closed cases: satisfied 1, basically satisfied ½,"
            " dissatisfied 0, averaged"
        ),
    ),
    (
        "rehandling",
        gettext_lazy("Not sent back for re-handling"),
        gettext_lazy("cases not sent back for re-handling / cases"),
    ),
]


@supervision_page(perm="suggestions.view_unit_scores")
def unit_scores(request: AuthedRequest) -> HttpResponse:
    """评分通报: each unit's score for a year, ranked; small units listed apart, not ranked."""
    congress = acting_congress(request)
    years = suggestion_years(congress.pk)
    form = YearForm(request.GET or None, years=years)
    year = form.chosen_year(_latest_year(congress.pk, years))
    scores = scoring.unit_scores(congress=congress, year=year)
    for us in scores:
        us.breakdown = us.points()
    return _render(
        request,
        "unit_scores.html",
        {
            "form": form,
            "year": year,
            "ranked": [us for us in scores if us.rank is not None],
            "unranked": [us for us in scores if us.rank is None],
            "components": [
                (label, scoring.WEIGHTS[key], rate) for key, label, rate in SCORE_COMPONENTS
            ],
            "min_cases": congress.setting("score_min_cases"),
        },
        tab="suggestions:unit_scores",
    )


# --- 7. motions ------------------------------------------------------------------------------


def _motions(congress_id: int) -> QuerySet[Motion]:
    return Motion.objects.filter(congress_id=congress_id).select_related(
        "session__term", "delegation", "lead_deputy__person", "committee", "as_suggestion"
    )


@supervision_page()
def motion_board(request: AuthedRequest) -> HttpResponse:
    """议案 of a year and where each stands."""
    congress_id = acting_congress_id(request)
    years = sorted(
        {*Motion.objects.filter(congress_id=congress_id).values_list("year", flat=True)},
        reverse=True,
    )
    form = YearForm(request.GET or None, years=years)
    year = form.chosen_year(years[0] if years else timezone.localdate().year)
    motions = (
        _motions(congress_id)
        .filter(year=year)
        .annotate(proposers=Count("deputies"))
        .order_by("number", "id")
    )
    return _render(
        request,
        "motion_board.html",
        {"form": form, "year": year, "page_obj": _page(request, motions)},
        tab="suggestions:motion_board",
    )


def _motion(congress_id: int, pk: int) -> Motion:
    motion = _motions(congress_id).prefetch_related("deputies__person").filter(pk=pk).first()
    if motion is None:
        raise Http404(_("No such motion in your congress."))
    return motion


def _motion_page(
    request: AuthedRequest, motion: Motion, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    decision_forms: dict[str, forms.Form] = {}
    if request.user.role == "staff":
        if motion.state == MotionState.SUBMITTED:
            decision_forms["refer"] = MotionReferForm(
                prefix="refer", congress_id=acting_congress_id(request)
            )
        if motion.state in (MotionState.SUBMITTED, MotionState.REFERRED):
            decision_forms["list"] = CommentForm(prefix="list")
            decision_forms["not_list"] = CommentForm(prefix="not_list")
    decision_forms.update(bound or {})
    return _render(
        request,
        "motion.html",
        {"motion": motion, "decision_forms": decision_forms},
        tab="suggestions:motion_board",
    )


@supervision_page()
def motion_page(request: AuthedRequest, pk: int) -> HttpResponse:
    return _motion_page(request, _motion(acting_congress_id(request), pk))


MOTION_DONE = {
    "refer": gettext_lazy("The motion is referred to the special committee."),
    "list": gettext_lazy("The motion is listed on the agenda."),
    "not_list": gettext_lazy("The motion is not listed: it is handled as a suggestion."),
}


@require_POST
@supervision_page(staff_only=True)
def motion_decide(request: AuthedRequest, pk: int, decision: str) -> HttpResponse:
    """Refer a motion to a special committee, list it, or handle it as a suggestion."""
    user = request.user
    congress_id = acting_congress_id(request)
    motion = _motion(congress_id, pk)
    form: forms.Form
    if decision == "refer":
        form = MotionReferForm(request.POST, prefix="refer", congress_id=congress_id)
    elif decision in ("list", "not_list"):
        form = CommentForm(request.POST, prefix=decision)
    else:
        raise Http404
    take: dict[str, Callable[[dict[str, Any]], Any]] = {
        "refer": lambda data: actions.motion_refer(
            motion=motion, actor=user, committee=data["committee"], comment=data["comment"]
        ),
        "list": lambda data: actions.motion_list(
            motion=motion, actor=user, comment=data["comment"]
        ),
        "not_list": lambda data: actions.motion_not_list(
            motion=motion, actor=user, comment=data["comment"]
        ),
    }
    if _take(request, form, take[decision], str(MOTION_DONE[decision])):
        return redirect("suggestions:motion_decision", pk=motion.pk)
    return _motion_page(request, motion, {decision: form})


# --- 8. overview -----------------------------------------------------------------------------


@supervision_page()
def overview(request: AuthedRequest) -> HttpResponse:
    """The year's figures on suggestions, and what waits for staff."""
    congress = acting_congress(request)
    years = suggestion_years(congress.pk)
    form = YearForm(request.GET or None, years=years)
    year = form.chosen_year(_latest_year(congress.pk, years))
    figures = compute(congress, year)
    boards = overdue_board(congress)
    return _render(
        request,
        "overview.html",
        {
            "form": form,
            "year": year,
            "figures": [(label, figures.get(key, 0)) for key, label in OVERVIEW_FIGURES],
            "counts": _queue_counts(congress.pk) if request.user.role == "staff" else None,
            "overdue_total": sum(len(b.overdue) for b in boards),
            "soon_total": sum(len(b.soon) for b in boards),
        },
        tab="suggestions:supervision",
    )
