"""The one satisfaction-poll engine (满意度测评): staff open a poll on a subject of a case (a key
suggestion's handling, a department questioned at a special inquiry, the answer to
deliberation opinions), the standing committee's members vote (each once; every member has the
vote waiting for them until they do), staff close it and its results are shown to everyone.
Staff follow the results live. The case's timeline records the opening and the closing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from renda.core.calendar import WorkingCalendar
from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.inputs import require_choice, require_text
from renda.core.models import Poll, PollVote, Satisfaction
from renda.core.settings_registry import Setting, register_settings
from renda.core.workflow import ActionConflict, ActionForbidden, record_event

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

register_settings(
    [
        Setting(
            "poll_working_days",
            5,
            gettext_lazy("Working days members have to vote in a satisfaction poll"),
        )
    ]
)

LABEL_VOTE = gettext_noop("Vote in the poll: %(title)s")


def vote_kind(poll: Poll, voter_id: int) -> str:
    """The deadline that asks one member to vote in one poll (a case may hold several)."""
    return f"poll:{poll.pk}:{voter_id}"


def voters(congress_id: int) -> models.QuerySet[Any]:
    """Who votes: the standing committee's members (leaders) of the congress."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(role="leader", congress_id=congress_id, is_active=True)


@transaction.atomic
def poll_open(
    *, case: models.Model, actor: Any, title: str, report: str = "", url: str = ""
) -> Poll:
    """Open a poll on `case` (the domain has checked that the case may have one now)."""
    if not actor.has_perm("core.open_poll", case):
        raise ActionForbidden(_("Only staff of this congress open polls."))
    title = require_text(title, "title", _("Title"), max_length=200)
    report = require_text(report, "report", _("Report heard"), required=False)
    congress_id: int = case.congress_id  # type: ignore[attr-defined]
    poll = Poll.objects.create(
        congress_id=congress_id,
        content_type=ContentType.objects.get_for_model(type(case)),
        object_id=case.pk,
        title=title,
        report=report,
        url=url,
        opened_at=timezone.now(),
    )
    record_event(case=case, action="poll_open", actor=actor, data={"poll": poll.pk})
    due = WorkingCalendar().add_working_days(timezone.localdate(), poll_days(case))
    for voter in voters(congress_id):
        set_deadline(
            case=case,
            kind=vote_kind(poll, voter.pk),
            user=voter,
            due_date=due,
            url=url,
            label=LABEL_VOTE,
            params={"title": poll.title},
        )
    return poll


def poll_days(case: Any) -> int:
    return int(case.congress.setting("poll_working_days"))


@transaction.atomic
def poll_vote(*, poll: Poll, actor: Any, result: str) -> PollVote:
    if not actor.has_perm("core.vote_poll", poll):
        raise ActionForbidden(_("Only standing committee members vote in polls."))
    result = require_choice(result, Satisfaction, "result")
    locked = Poll.objects.select_for_update().get(pk=poll.pk)
    if locked.closed_at:
        raise ActionConflict(_("This poll is closed."))
    if PollVote.objects.filter(poll=locked, voter=actor).exists():
        raise ActionConflict(_("You have already voted in this poll."))
    if locked.case is not None:
        close_deadlines(case=locked.case, kind=vote_kind(locked, actor.pk))
    return PollVote.objects.create(poll=locked, voter=actor, result=result, voted_at=timezone.now())


@transaction.atomic
def poll_close(*, poll: Poll, actor: Any) -> Poll:
    if not actor.has_perm("core.open_poll", poll):
        raise ActionForbidden(_("Only staff of this congress close polls."))
    updated = Poll.objects.filter(pk=poll.pk, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )
    if not updated:
        raise ActionConflict(_("This poll is closed."))
    poll.refresh_from_db()
    case = poll.case
    if case is not None:
        close_deadlines(case=case, kind_prefix=f"poll:{poll.pk}:")
        record_event(case=case, action="poll_close", actor=actor, data={"poll": poll.pk})
    return poll


# --- reading polls ------------------------------------------------------------------------


def rate(counts: dict[str, int]) -> tuple[int, float | None]:
    """Total votes and the satisfaction rate (满意度: satisfied and basically satisfied)."""
    total = sum(counts.values())
    if not total:
        return 0, None
    content = counts.get(Satisfaction.SATISFIED, 0) + counts.get(Satisfaction.BASIC, 0)
    return total, round(content / total, 4)


@dataclass
class PollResults:
    counts: list[tuple[StrOrPromise, int]]  # (label, votes), in the order of Satisfaction
    by_value: dict[str, int]  # {"satisfied": n, ...}, every answer
    total: int
    rate: float | None  # (satisfied + basically satisfied) / votes

    @property
    def percent(self) -> float | None:
        return None if self.rate is None else self.rate * 100


def results_of(counts: dict[str, int]) -> PollResults:
    by_value = {v: counts.get(v, 0) for v in Satisfaction.values}
    total, r = rate(by_value)
    return PollResults(
        [(label, by_value[v]) for v, label in Satisfaction.choices], by_value, total, r
    )


@dataclass
class PollFacts:
    """What a page shows of one poll to one user: the results if they may see them yet, their
    vote, whether it waits for their vote."""

    poll: Poll
    results: PollResults | None
    my_vote: StrOrPromise | None
    waiting_for_me: bool


def facts(user: Any, polls: Iterable[Poll | None]) -> dict[int, PollFacts]:
    """Each poll's facts for this user, by poll id, in two queries for any number of polls.
    Leaders see the results once the poll is closed; staff follow them live."""
    found = [p for p in polls if p is not None]
    counts: dict[int, dict[str, int]] = {p.pk: {} for p in found}
    for poll_id, result, n in (
        PollVote.objects.filter(poll__in=found)
        .values_list("poll_id", "result")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[poll_id][result] = n
    votes = any(user.has_perm("core.vote_poll", p) for p in found)
    voted: dict[int, str] = {}
    if votes:
        voted = dict(
            PollVote.objects.filter(poll__in=found, voter=user).values_list("poll_id", "result")
        )
    labels = dict(Satisfaction.choices)
    out: dict[int, PollFacts] = {}
    for p in found:
        live = user.has_perm("core.follow_poll_live", p)
        out[p.pk] = PollFacts(
            poll=p,
            results=results_of(counts[p.pk]) if p.closed_at is not None or live else None,
            my_vote=labels.get(voted.get(p.pk, "")),
            waiting_for_me=bool(not p.closed_at and votes and p.pk not in voted),
        )
    return out


def waiting_polls(user: Any) -> models.QuerySet[Poll]:
    """The open polls of the user's congress this member has not voted in yet."""
    if not user.has_perm("core.vote_poll"):
        return Poll.objects.none()
    return (
        Poll.objects.filter(congress_id=user.congress_id, closed_at__isnull=True)
        .exclude(votes__voter=user)
        .order_by("opened_at", "id")
    )
