"""满意度测评: staff open a satisfaction poll on a key suggestion, standing committee members
vote, staff close it (its results are then shown to everyone)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renda.core.calendar import WorkingCalendar
from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.inputs import require_choice, require_text
from renda.core.workflow import ActionConflict, ActionForbidden, record_event
from renda.suggestions.actions._common import today, url_of
from renda.suggestions.models import PollVote, Satisfaction, SatisfactionPoll, Suggestion


@transaction.atomic
def poll_open(
    *, suggestion: Suggestion, actor: Any, title: str, report: str = ""
) -> SatisfactionPoll:
    if not actor.has_perm("suggestions.open_poll", suggestion):
        raise ActionForbidden(_("Only staff of this congress open polls."))
    if not suggestion.is_key:
        raise ActionConflict(_("Polls are held on key suggestions."))
    title = require_text(title, "title", _("Title"), max_length=200)
    if SatisfactionPoll.objects.filter(suggestion=suggestion).exists():
        raise ActionConflict(_("This suggestion already has a poll."))
    poll = SatisfactionPoll.objects.create(
        suggestion=suggestion,
        congress_id=suggestion.congress_id,
        title=title,
        report=report,
        opened_at=timezone.now(),
    )
    record_event(case=suggestion, action="poll_open", actor=actor, data={"poll": poll.pk})
    _open_poll_deadlines(suggestion, poll)
    return poll


def _open_poll_deadlines(suggestion: Suggestion, poll: SatisfactionPoll) -> None:
    """Each standing committee member has the poll waiting until they vote."""
    from renda.accounts.models import User

    due = WorkingCalendar().add_working_days(
        today(), suggestion.congress.setting("poll_working_days")
    )
    for voter in User.objects.filter(
        role="leader", congress_id=suggestion.congress_id, is_active=True
    ):
        set_deadline(
            case=suggestion,
            kind=f"poll:{voter.pk}",
            user=voter,
            due_date=due,
            url=url_of(suggestion),
            label=gettext_noop("Vote in the poll: %(title)s"),
            params={"title": poll.title},
        )


@transaction.atomic
def poll_vote(*, poll: SatisfactionPoll, actor: Any, result: str) -> PollVote:
    if not actor.has_perm("suggestions.vote_poll", poll):
        raise ActionForbidden(_("Only standing committee members vote in polls."))
    result = require_choice(result, Satisfaction, "result")
    locked = SatisfactionPoll.objects.select_for_update().get(pk=poll.pk)
    if locked.closed_at:
        raise ActionConflict(_("This poll is closed."))
    if PollVote.objects.filter(poll=locked, voter=actor).exists():
        raise ActionConflict(_("You have already voted in this poll."))
    close_deadlines(case=locked.suggestion, kind=f"poll:{actor.pk}")
    return PollVote.objects.create(poll=locked, voter=actor, result=result, voted_at=timezone.now())


@transaction.atomic
def poll_close(*, poll: SatisfactionPoll, actor: Any) -> SatisfactionPoll:
    if not actor.has_perm("suggestions.open_poll", poll):
        raise ActionForbidden(_("Only staff of this congress close polls."))
    updated = SatisfactionPoll.objects.filter(pk=poll.pk, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )
    if not updated:
        raise ActionConflict(_("This poll is closed."))
    poll.refresh_from_db()
    close_deadlines(case=poll.suggestion, kind_prefix="poll:")
    record_event(case=poll.suggestion, action="poll_close", actor=actor, data={"poll": poll.pk})
    return poll
