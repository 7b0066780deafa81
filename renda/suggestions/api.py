"""The suggestions and motions API: lists, details, one endpoint per action, polls, public reads.

Thin on purpose: each endpoint looks the case up among what the caller may see (404 otherwise)
and calls one function of actions.py, which checks role (403), state (409) and input (422).
The action endpoints are built by core from the declaration (core.api.add_case_routes): each
action's payload (payloads.py) turns ids into rows of the case's congress.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from renda.core.api import (
    CappedPages,
    CaseRoutes,
    Pages,
    PkPath,
    add_case_routes,
    caller,
    congress_of,
    payload_row,
)
from renda.core.api_polls import PollIn, PollOut, poll_out
from renda.core.workflow import history
from renda.org.models import Delegation, Session
from renda.search.engine import Filtered
from renda.suggestions import actions as A
from renda.suggestions import payloads  # noqa: F401  (the actions' payloads, for the routes)
from renda.suggestions.models import (
    Category,
    Motion,
    MotionState,
    Period,
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
    MotionIn,
    MotionOut,
    PublicSuggestionDetailOut,
    PublicSuggestionOut,
    SuggestionDetailOut,
    SuggestionIn,
    SuggestionOut,
)
from renda.suggestions.workflow import MOTION, SUGGESTION

router = Router(tags=["suggestions"])


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
@paginate(CappedPages)
def suggestion_list(request: HttpRequest, filters: Query[SuggestionFilters]) -> Any:
    user = caller(request)
    found = filter_list(visible_to(user), reader=user, **filters.dict())
    return Filtered(_ordered(with_list_data(found.rows)), found.capped)


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


# --- suggestions: one endpoint per action (from the declaration) ----------------------------

add_case_routes(
    router,
    CaseRoutes(
        path="/suggestions",
        name="suggestion",
        workflow=SUGGESTION,
        load=_suggestion,
        show=_detail,
        response=SuggestionDetailOut,
        tag="suggestion actions",
    ),
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
@paginate(CappedPages)
def public_suggestion_list(request: HttpRequest, filters: Query[PublicFilters]) -> Any:
    found = filter_list(published(), reader=None, **filters.dict())
    return Filtered(_ordered(with_list_data(found.rows)), found.capped)


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


add_case_routes(
    router,
    CaseRoutes(
        path="/motions",
        name="motion",
        workflow=MOTION,
        load=_motion,
        show=_motion,
        response=MotionOut,
        tag="motions",
    ),
)


# --- satisfaction polls on key suggestions (满意度测评) ------------------------------------


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
    return Status(201, poll_out(user, poll.pk))
