"""The suggestions and motions API: lists, details, one endpoint per action, polls, public reads.

Thin on purpose: each endpoint looks the case up among what the caller may see (404 otherwise),
turns ids in the payload into rows of the caller's congress, and calls one function of
actions.py, which checks role (403), state (409) and input (422).
"""

# No `from __future__ import annotations` here: the action endpoints are built in a loop, and
# django-ninja reads each one's payload class from its (evaluated) annotation.

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Body as RequestBody
from ninja import Field, P, PathEx, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from renda.accounts.models import User
from renda.core.api import Pages, caller, congress_of, payload_row
from renda.core.workflow import ActionInvalid, Workflow, history
from renda.org.models import Body, Delegation, HandlingUnit, Session
from renda.suggestions import actions as A
from renda.suggestions.models import (
    Category,
    Motion,
    MotionState,
    Period,
    PollVote,
    Promise,
    Satisfaction,
    SatisfactionPoll,
    Suggestion,
    SuggestionState,
)
from renda.suggestions.queries import (
    filter_list,
    motions_visible_to,
    published,
    visible_to,
    with_detail_data,
    with_list_data,
)
from renda.suggestions.schemas import (
    MAX_ID,
    AssignIn,
    CoInputIn,
    CommentIn,
    CommunicateIn,
    ConvertIn,
    EvaluateIn,
    ExtendIn,
    MarkKeyIn,
    MergeIn,
    MotionIn,
    MotionOut,
    NoPayload,
    PollIn,
    PollOut,
    PromiseDoneIn,
    PublicSuggestionDetailOut,
    PublicSuggestionOut,
    ReasonIn,
    ReassignIn,
    ReferIn,
    RefuseContestIn,
    ReplyIn,
    RequestExtensionIn,
    ResubmitIn,
    SuggestionDetailOut,
    SuggestionIn,
    SuggestionOut,
    VoteIn,
    poll_results,
)
from renda.suggestions.workflow import MOTION, SUGGESTION

router = Router(tags=["suggestions"])

PkPath = PathEx[int, P(ge=1, le=MAX_ID)]


# --- suggestions: reads ------------------------------------------------------------------


class SuggestionFilters(Schema):
    year: int | None = Field(None, ge=1900, le=9999)
    state: SuggestionState | None = None
    unit: int | None = Field(None, ge=1, le=MAX_ID, description="A handling unit's id")
    category: Category | None = None
    period: Period | None = None
    is_key: bool | None = None
    q: str | None = Field(None, min_length=1, max_length=100, description="Words to look for")


def _ordered(qs: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    return qs.order_by("-year", "number", "-submitted_at", "-id")  # stable across pages


@router.get(
    "/suggestions",
    response=list[SuggestionOut],
    summary="Suggestions (代表建议) the caller may see",
)
@paginate(Pages)
def suggestion_list(request: HttpRequest, filters: Query[SuggestionFilters]) -> Any:
    qs = visible_to(caller(request))
    return _ordered(with_list_data(filter_list(qs, **filters.dict())))


def _detail(user: Any, pk: int) -> Suggestion:
    s = with_detail_data(visible_to(user)).filter(pk=pk).first()
    if s is None:
        raise Http404
    extra: Any = s  # what the detail shows beyond the row's own fields
    extra.available_actions = [t.action for t in SUGGESTION.available(user, s)]
    extra.events = list(history(s))
    return s


def _suggestion(user: Any, pk: int) -> Suggestion:
    s = visible_to(user).filter(pk=pk).first()
    if s is None:
        raise Http404
    return s


@router.get("/suggestions/{suggestion_id}", response=SuggestionDetailOut)
def suggestion_detail(request: HttpRequest, suggestion_id: PkPath) -> Any:
    return _detail(caller(request), suggestion_id)


@router.post(
    "/suggestions",
    response={201: SuggestionDetailOut},
    summary="A deputy submits a suggestion (提交)",
)
def suggestion_submit(request: HttpRequest, payload: SuggestionIn) -> Any:
    user = caller(request)
    s = A.suggestion_submit(
        author=user,
        title=payload.title,
        body=payload.body,
        category=payload.category,
        cosigner_ids=payload.cosigner_ids,
        confidential=payload.confidential,
    )
    return Status(201, _detail(user, s.pk))


# --- suggestions: one endpoint per action ------------------------------------------------


def _units(user: Any) -> QuerySet[HandlingUnit]:
    return HandlingUnit.objects.filter(congress_id=user.congress_id)


def _assign(user: Any, s: Suggestion, p: AssignIn) -> None:
    units = {u.pk: u for u in _units(user).filter(pk__in=[part.unit for part in p.units])}
    missing = [part.unit for part in p.units if part.unit not in units]
    if missing:
        raise ActionInvalid(_("No such handling unit in your congress."), field="units")
    parts = [A.UnitPart(unit=units[part.unit], role=part.role, part=part.part) for part in p.units]
    A.suggestion_assign(suggestion=s, actor=user, mode=p.mode, parts=parts, comment=p.comment)


def _mark_key(user: Any, s: Suggestion, p: MarkKeyIn) -> None:
    body = leader = None
    if p.body is not None:
        body = payload_row(
            Body.objects.filter(congress_id=user.congress_id),
            p.body,
            "body",
            _("No such body in your congress."),
        )
    if p.leader is not None:
        leader = payload_row(
            User.objects.filter(congress_id=user.congress_id, role="leader", is_active=True),
            p.leader,
            "leader",
            _("No such leader in your congress."),
        )
    A.suggestion_mark_key(suggestion=s, actor=user, body=body, leader=leader, comment=p.comment)


def _merge(user: Any, s: Suggestion, p: MergeIn) -> None:
    into = payload_row(visible_to(user), p.into, "into", _("No such suggestion in your congress."))
    A.suggestion_merge(suggestion=s, actor=user, into=into, comment=p.comment)


def _reassign(user: Any, s: Suggestion, p: ReassignIn) -> None:
    unit = payload_row(_units(user), p.unit, "unit", _("No such handling unit in your congress."))
    A.suggestion_reassign(
        suggestion=s, actor=user, assignment_id=p.assignment, unit=unit, comment=p.comment
    )


def _reply(user: Any, s: Suggestion, p: ReplyIn) -> None:
    A.suggestion_reply(
        suggestion=s,
        actor=user,
        text=p.text,
        category=p.category,
        signer=p.signer,
        contact_person=p.contact_person,
        contact_phone=p.contact_phone,
        promises=[A.PromiseIn(text=x.text, due_date=x.due_date) for x in p.promises],
    )


def _promise_done(user: Any, s: Suggestion, p: PromiseDoneIn) -> None:
    # Only this suggestion's promises: an id from elsewhere is as good as unknown.
    promise = payload_row(
        Promise.objects.filter(suggestion=s).select_related("suggestion"),
        p.promise,
        "promise",
        _("No such promise on this suggestion."),
    )
    A.promise_done(promise=promise, actor=user, evidence=p.evidence)


@dataclass(frozen=True)
class ActionEndpoint:
    payload: type[Schema]
    run: Callable[[Any, Any, Any], object]  # (caller, case, payload)


@dataclass(frozen=True)
class CaseRoutes:
    """How a kind of case is reached: its path, workflow, lookup and answer."""

    path: str  # "/suggestions"
    name: str  # "suggestion": operation ids are suggestion_action_<action>
    workflow: Workflow
    load: Callable[[Any, int], Any]  # the case the caller may see, else Http404
    show: Callable[[Any, int], Any]  # what an action answers: the updated case
    response: type[Schema]
    tag: str


# Every action of the SUGGESTION workflow, with its payload and the call it makes.
ACTIONS: dict[str, ActionEndpoint] = {
    "confirm": ActionEndpoint(
        NoPayload, lambda u, s, p: A.suggestion_cosign(suggestion=s, actor=u, confirm=True)
    ),
    "decline": ActionEndpoint(
        NoPayload, lambda u, s, p: A.suggestion_cosign(suggestion=s, actor=u, confirm=False)
    ),
    "resubmit": ActionEndpoint(
        ResubmitIn,
        lambda u, s, p: A.suggestion_resubmit(
            suggestion=s, actor=u, title=p.title, body=p.body, category=p.category
        ),
    ),
    "withdraw": ActionEndpoint(
        ReasonIn, lambda u, s, p: A.suggestion_withdraw(suggestion=s, actor=u, reason=p.reason)
    ),
    "accept": ActionEndpoint(
        CommentIn, lambda u, s, p: A.suggestion_accept(suggestion=s, actor=u, comment=p.comment)
    ),
    "return": ActionEndpoint(
        ReasonIn, lambda u, s, p: A.suggestion_return(suggestion=s, actor=u, reason=p.reason)
    ),
    "convert": ActionEndpoint(
        ConvertIn,
        lambda u, s, p: A.suggestion_convert(suggestion=s, actor=u, to=p.to, reason=p.reason),
    ),
    "merge": ActionEndpoint(MergeIn, _merge),
    "assign": ActionEndpoint(AssignIn, _assign),
    "contest": ActionEndpoint(
        ReasonIn, lambda u, s, p: A.suggestion_contest(suggestion=s, actor=u, reason=p.reason)
    ),
    "reassign": ActionEndpoint(ReassignIn, _reassign),
    "refuse_contest": ActionEndpoint(
        RefuseContestIn,
        lambda u, s, p: A.suggestion_refuse_contest(
            suggestion=s, actor=u, assignment_id=p.assignment, reason=p.reason
        ),
    ),
    "mark_key": ActionEndpoint(MarkKeyIn, _mark_key),
    "communicate": ActionEndpoint(
        CommunicateIn,
        lambda u, s, p: A.suggestion_communicate(
            suggestion=s, actor=u, method=p.method, date=p.date, people=p.people, notes=p.notes
        ),
    ),
    "co_input": ActionEndpoint(
        CoInputIn, lambda u, s, p: A.suggestion_co_input(suggestion=s, actor=u, text=p.text)
    ),
    "request_extension": ActionEndpoint(
        RequestExtensionIn,
        lambda u, s, p: A.suggestion_request_extension(
            suggestion=s, actor=u, new_due=p.new_due, reason=p.reason
        ),
    ),
    "extend": ActionEndpoint(
        ExtendIn,
        # The action looks the request up among this suggestion's pending ones.
        lambda u, s, p: A.suggestion_extend(
            suggestion=s, actor=u, extension_id=p.extension, approve=p.approve, comment=p.comment
        ),
    ),
    "reply": ActionEndpoint(ReplyIn, _reply),
    "promise_done": ActionEndpoint(PromiseDoneIn, _promise_done),
    "evaluate": ActionEndpoint(
        EvaluateIn,
        lambda u, s, p: A.suggestion_evaluate(
            suggestion=s, actor=u, result=p.result, comment=p.comment
        ),
    ),
}


def _body(payload_class: type[Schema]) -> Any:
    """The request body: required, unless every field of the payload has a default."""
    optional = not any(f.is_required() for f in payload_class.model_fields.values())
    return RequestBody(None if optional else ...)


def _description(workflow: Workflow, action: str) -> str:
    states = ", ".join(sorted(workflow.transition(action).sources))
    return f"Allowed while the case is: {states}. Answers the updated case."


def _add_action_route(case: CaseRoutes, action: str, endpoint: ActionEndpoint) -> None:
    payload_class = endpoint.payload
    body = _body(payload_class)

    def take_action(
        request: HttpRequest,
        case_id: PkPath,
        payload: payload_class = body,  # type: ignore[valid-type]
    ) -> Any:
        user = caller(request)
        endpoint.run(user, case.load(user, case_id), payload or payload_class())
        return case.show(user, case_id)

    take_action.__name__ = f"{case.name}_action_{action}"
    router.post(
        f"{case.path}/{{case_id}}/actions/{action}",
        response=case.response,
        operation_id=f"{case.name}_action_{action}",
        # A lazy label: the OpenAPI document is built per request, in the caller's language.
        summary=case.workflow.transition(action).label,  # type: ignore[arg-type]
        description=_description(case.workflow, action),
        tags=[case.tag],
    )(take_action)


def _add_action_routes(case: CaseRoutes, actions: dict[str, ActionEndpoint]) -> None:
    """One route per action, each with its own payload in the OpenAPI document, then a
    catch-all that answers other names with a 422 and a message rather than a bare 404."""
    if set(actions) != set(case.workflow.actions):
        raise RuntimeError(f"{case.name}: API actions differ from the workflow's")
    for action, endpoint in actions.items():
        _add_action_route(case, action, endpoint)

    def unknown_action(request: HttpRequest, case_id: str, action: str) -> Any:
        caller(request)
        case.workflow.transition(action[:60])  # raises ActionInvalid: "Unknown action: …"
        raise Http404  # pragma: no cover - a known action has its own route

    router.post(f"{case.path}/{{case_id}}/actions/{{action}}", include_in_schema=False)(
        unknown_action
    )


_add_action_routes(
    CaseRoutes(
        path="/suggestions",
        name="suggestion",
        workflow=SUGGESTION,
        load=_suggestion,
        show=_detail,
        response=SuggestionDetailOut,
        tag="suggestion actions",
    ),
    ACTIONS,
)


# --- the public's view -------------------------------------------------------------------


class PublicFilters(Schema):
    year: int | None = Field(None, ge=1900, le=9999)
    category: Category | None = None
    unit: int | None = Field(None, ge=1, le=MAX_ID, description="A handling unit's id")
    q: str | None = Field(None, min_length=1, max_length=100, description="Words to look for")


@router.get(
    "/public/suggestions",
    auth=None,
    response=list[PublicSuggestionOut],
    summary="Published suggestions and replies (公开), for anyone",
    tags=["public"],
)
@paginate(Pages)
def public_suggestion_list(request: HttpRequest, filters: Query[PublicFilters]) -> Any:
    return _ordered(with_list_data(filter_list(published(), **filters.dict())))


@router.get(
    "/public/suggestions/{suggestion_id}",
    auth=None,
    response=PublicSuggestionDetailOut,
    tags=["public"],
)
def public_suggestion_detail(request: HttpRequest, suggestion_id: PkPath) -> Any:
    s = with_detail_data(published()).filter(pk=suggestion_id).first()
    if s is None:
        raise Http404
    return s


# --- motions -----------------------------------------------------------------------------


def _motion(user: Any, pk: int) -> Motion:
    m = motions_visible_to(user).filter(pk=pk).first()
    if m is None:
        raise Http404
    return m


class MotionFilters(Schema):
    year: int | None = Field(None, ge=1900, le=9999)
    state: MotionState | None = None


@router.get("/motions", response=list[MotionOut], summary="Motions (议案)", tags=["motions"])
@paginate(Pages)
def motion_list(request: HttpRequest, filters: Query[MotionFilters]) -> Any:
    user = caller(request)
    qs = motions_visible_to(user)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.state:
        qs = qs.filter(state=filters.state)
    return qs.order_by("-year", "number", "-id")


@router.get("/motions/{motion_id}", response=MotionOut, tags=["motions"])
def motion_detail(request: HttpRequest, motion_id: PkPath) -> Any:
    return _motion(caller(request), motion_id)


@router.post(
    "/motions",
    response={201: MotionOut},
    summary="A deputy submits a motion (议案)",
    tags=["motions"],
)
def motion_submit(request: HttpRequest, payload: MotionIn) -> Any:
    user = caller(request)
    congress_id = congress_of(request)
    session = payload_row(
        Session.objects.filter(congress_id=congress_id),
        payload.session,
        "session",
        _("No such session in your congress."),
    )
    delegation = None
    if payload.delegation is not None:
        delegation = payload_row(
            Delegation.objects.filter(congress_id=congress_id),
            payload.delegation,
            "delegation",
            _("No such delegation in your congress."),
        )
    m = A.motion_submit(
        author=user,
        session=session,
        title=payload.title,
        body=payload.body,
        category=payload.category,
        deputy_ids=payload.deputy_ids,
        delegation=delegation,
    )
    return Status(201, _motion(user, m.pk))


def _refer(user: Any, m: Motion, p: ReferIn) -> None:
    committee = payload_row(
        Body.objects.filter(congress_id=user.congress_id, kind=Body.Kind.SPECIAL_COMMITTEE),
        p.committee,
        "committee",
        _("No such special committee in your congress."),
    )
    A.motion_refer(motion=m, actor=user, committee=committee, comment=p.comment)


MOTION_ACTIONS: dict[str, ActionEndpoint] = {
    "refer": ActionEndpoint(ReferIn, _refer),
    "list": ActionEndpoint(
        CommentIn, lambda u, m, p: A.motion_list(motion=m, actor=u, comment=p.comment)
    ),
    "not_list": ActionEndpoint(
        CommentIn, lambda u, m, p: A.motion_not_list(motion=m, actor=u, comment=p.comment)
    ),
}

_add_action_routes(
    CaseRoutes(
        path="/motions",
        name="motion",
        workflow=MOTION,
        load=_motion,
        show=_motion,
        response=MotionOut,
        tag="motions",
    ),
    MOTION_ACTIONS,
)


# --- satisfaction polls on key suggestions (满意度测评) ------------------------------------


def _poll(user: Any, pk: int) -> SatisfactionPoll:
    poll = (
        SatisfactionPoll.objects.filter(pk=pk, suggestion__in=visible_to(user))
        .annotate(voted=Exists(PollVote.objects.filter(poll=OuterRef("pk"), voter_id=user.pk)))
        .first()
    )
    if poll is None:
        raise Http404
    counts = {result: 0 for result in Satisfaction.values}
    counts.update(poll.votes.values_list("result").annotate(n=Count("id")).order_by())
    poll.counts = counts  # type: ignore[attr-defined]
    poll.total, poll.satisfaction_rate = poll_results(counts)  # type: ignore[attr-defined]
    return poll


@router.post(
    "/suggestions/{suggestion_id}/poll",
    response={201: PollOut},
    summary="Staff open a satisfaction poll on a key suggestion",
    tags=["polls"],
)
def poll_open(request: HttpRequest, suggestion_id: PkPath, payload: PollIn) -> Any:
    user = caller(request)
    s = _suggestion(user, suggestion_id)
    poll = A.poll_open(suggestion=s, actor=user, title=payload.title, report=payload.report)
    return Status(201, _poll(user, poll.pk))


@router.get("/polls/{poll_id}", response=PollOut, summary="A poll and its results", tags=["polls"])
def poll_detail(request: HttpRequest, poll_id: PkPath) -> Any:
    return _poll(caller(request), poll_id)


@router.post(
    "/polls/{poll_id}/vote",
    response=PollOut,
    summary="A standing committee member votes",
    tags=["polls"],
)
def poll_vote(request: HttpRequest, poll_id: PkPath, payload: VoteIn) -> Any:
    user = caller(request)
    A.poll_vote(poll=_poll(user, poll_id), actor=user, result=payload.result)
    return _poll(user, poll_id)


@router.post(
    "/polls/{poll_id}/close", response=PollOut, summary="Staff close a poll", tags=["polls"]
)
def poll_close(request: HttpRequest, poll_id: PkPath) -> Any:
    user = caller(request)
    A.poll_close(poll=_poll(user, poll_id), actor=user)
    return _poll(user, poll_id)
