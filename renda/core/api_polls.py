"""The satisfaction polls API (满意度测评), for every domain's polls: the polls waiting for the
caller's vote, one poll and its results, a vote, the closing. A domain opens its polls on its
own route (a key suggestion's, a department's at a special inquiry…)."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from renda.core import polls
from renda.core.api import Pages, PkPath, caller
from renda.core.models import Poll, PollVote, Satisfaction

router = Router(tags=["polls"])


class PollIn(Schema):
    title: str = Field(..., max_length=200)
    report: str = ""


class VoteIn(Schema):
    result: Satisfaction


class PollOut(Schema):
    id: int
    case_type: str = Field(description="The case the poll belongs to: app.model")
    case_id: int = Field(alias="object_id")
    title: str
    report: str
    opened_at: Any
    closed_at: Any
    total: int | None = Field(
        None, description="Votes cast; null while it is open, except for staff"
    )
    counts: dict[str, int] | None = Field(None, description="Votes per result (as `total`)")
    satisfaction_rate: float | None = Field(
        None, description="(satisfied + basically satisfied) / votes; null before any vote"
    )
    voted: bool = Field(description="Whether the caller has voted")

    @staticmethod
    def resolve_case_type(obj: Any) -> str:
        return str(ContentType.objects.get_for_id(obj.content_type_id))


def poll_out(user: Any, pk: int) -> Poll:
    """A poll the caller may see (staff and members of its congress), with its results as this
    caller may read them; 404 for any other."""
    congress_id: int = getattr(user, "congress_id", None) or 0
    poll = (
        Poll.objects.filter(pk=pk, congress_id=congress_id)
        .annotate(voted=Exists(PollVote.objects.filter(poll=OuterRef("pk"), voter_id=user.pk)))
        .first()
    )
    if poll is None or not user.has_perm("core.view_poll", poll):
        raise Http404
    results = polls.facts(user, [poll])[poll.pk].results
    poll.counts = results.by_value if results else None  # type: ignore[attr-defined]
    poll.total = results.total if results else None  # type: ignore[attr-defined]
    poll.satisfaction_rate = results.rate if results else None  # type: ignore[attr-defined]
    return poll


@router.get("/polls", response=list[PollOut], summary="The open polls waiting for my vote")
@paginate(Pages)
def polls_waiting(request: HttpRequest) -> Any:
    user = caller(request)
    return polls.waiting_polls(user).annotate(
        voted=Exists(PollVote.objects.filter(poll=OuterRef("pk"), voter_id=user.pk))
    )


@router.get("/polls/{poll_id}", response=PollOut, summary="A poll and its results")
def poll_detail(request: HttpRequest, poll_id: PkPath) -> Any:
    return poll_out(caller(request), poll_id)


@router.post("/polls/{poll_id}/vote", response=PollOut, summary="A standing committee member votes")
def poll_vote(request: HttpRequest, poll_id: PkPath, payload: VoteIn) -> Any:
    user = caller(request)
    polls.poll_vote(poll=poll_out(user, poll_id), actor=user, result=payload.result)
    return poll_out(user, poll_id)


@router.post("/polls/{poll_id}/close", response=PollOut, summary="Staff close a poll")
def poll_close(request: HttpRequest, poll_id: PkPath) -> Any:
    user = caller(request)
    polls.poll_close(poll=poll_out(user, poll_id), actor=user)
    return poll_out(user, poll_id)
