"""The meetings API: meetings and their agenda, votes and their results, one route per action
of each (built by core from the declarations), and what the projector shows."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from renda.core.api import CaseRoutes, Pages, PkPath, add_case_routes, caller
from renda.meetings import payloads  # noqa: F401  (the actions' payloads, for the routes)
from renda.meetings.models import Meeting, MeetingKind, MeetingState, Vote, VoteMethod
from renda.meetings.queries import (
    filter_meetings,
    meetings_visible_to,
    votes_visible_to,
    with_agenda,
    with_counts,
)
from renda.meetings.views import projector_state
from renda.meetings.workflow import MEETING, VOTE

router = Router(tags=["meetings"])


class VoteOut(Schema):
    id: int
    item: int = Field(alias="item_id")
    subject: str
    method: str
    state: str
    members_total: int
    present: int
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    passed: bool | None

    @staticmethod
    def resolve_votes_for(obj: Any) -> int | None:
        return obj.votes_for if obj.state == "closed" else None

    @staticmethod
    def resolve_votes_against(obj: Any) -> int | None:
        return obj.votes_against if obj.state == "closed" else None

    @staticmethod
    def resolve_votes_abstain(obj: Any) -> int | None:
        return obj.votes_abstain if obj.state == "closed" else None


class BallotOut(Schema):
    member: str
    choice: str


class VoteDetailOut(VoteOut):
    ballots: list[BallotOut] = Field(description="Who voted how: named votes, once closed")
    available_actions: list[str]


class MaterialOut(Schema):
    id: int
    title: str
    version: int
    name: str
    size: int


class ItemOut(Schema):
    id: int
    order: int
    kind: str
    title: str
    presenter: str
    summary: str
    materials: list[MaterialOut]
    votes: list[VoteOut]

    @staticmethod
    def resolve_materials(obj: Any) -> list[Any]:
        return list(obj.materials.all())

    @staticmethod
    def resolve_votes(obj: Any) -> list[Any]:
        return list(obj.votes.all())


class MeetingOut(Schema):
    id: int
    kind: str
    number: int
    title: str
    start_date: Any
    end_date: Any
    place: str
    state: str
    members_total: int
    members_present: int


class MeetingDetailOut(MeetingOut):
    notice: str
    current_item: int | None = Field(alias="current_item_id")
    items: list[ItemOut]
    available_actions: list[str]

    @staticmethod
    def resolve_items(obj: Any) -> list[Any]:
        return list(obj.items.all())


class MeetingFilters(Schema):
    year: int | None = Field(None, ge=1900, le=9999)
    kind: MeetingKind | None = None
    state: MeetingState | None = None


@router.get("/meetings", response=list[MeetingOut], summary="Meetings the caller may see")
@paginate(Pages)
def meeting_list(request: HttpRequest, filters: Query[MeetingFilters]) -> Any:
    qs = meetings_visible_to(caller(request))
    qs = filter_meetings(qs, year=filters.year, kind=filters.kind or "", state=filters.state or "")
    return with_counts(qs).order_by("-start_date", "-id")


def _meeting(user: Any, pk: int) -> Meeting:
    meeting = with_agenda(with_counts(meetings_visible_to(user))).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def _meeting_detail(user: Any, pk: int) -> Meeting:
    meeting = _meeting(user, pk)
    meeting.available_actions = [t.action for t in MEETING.available(user, meeting)]  # type: ignore[attr-defined]
    return meeting


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut)
def meeting_detail(request: HttpRequest, meeting_id: PkPath) -> Any:
    return _meeting_detail(caller(request), meeting_id)


@router.get("/meetings/{meeting_id}/projector", summary="What the hall's screen shows now")
def meeting_projector(request: HttpRequest, meeting_id: PkPath) -> Any:
    return projector_state(_meeting(caller(request), meeting_id))


add_case_routes(
    router,
    CaseRoutes(
        path="/meetings",
        name="meeting",
        workflow=MEETING,
        load=_meeting,
        show=_meeting_detail,
        response=MeetingDetailOut,
        tag="meeting actions",
        id_name="meeting_id",
    ),
)


def _vote(user: Any, pk: int) -> Vote:
    vote = votes_visible_to(user).filter(pk=pk).first()
    if vote is None:
        raise Http404
    return vote


def _vote_detail(user: Any, pk: int) -> Vote:
    vote = _vote(user, pk)
    named = vote.method == VoteMethod.NAMED and vote.state == "closed"
    shown: Any = vote
    shown.ballots_shown = (
        [
            {"member": b.member.person.name, "choice": b.choice}
            for b in vote.ballots.select_related("member__person")
        ]
        if named
        else []
    )
    vote.available_actions = [t.action for t in VOTE.available(user, vote)]  # type: ignore[attr-defined]
    return vote


class _VoteDetail(VoteDetailOut):
    @staticmethod
    def resolve_ballots(obj: Any) -> list[Any]:
        return obj.ballots_shown


@router.get("/votes/{vote_id}", response=_VoteDetail, summary="A vote and, once closed, its result")
def vote_detail(request: HttpRequest, vote_id: PkPath) -> Any:
    return _vote_detail(caller(request), vote_id)


add_case_routes(
    router,
    CaseRoutes(
        path="/votes",
        name="vote",
        workflow=VOTE,
        load=_vote,
        show=_vote_detail,
        response=_VoteDetail,
        tag="votes",
        id_name="vote_id",
    ),
)
