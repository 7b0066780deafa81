"""满意度测评 on a key suggestion, through core's poll engine (renda/core/polls.py): staff open a
poll on a key suggestion, standing committee members vote, staff close it (its results are then
shown to everyone)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from renda.core import polls
from renda.core.models import Poll, PollVote
from renda.core.workflow import ActionConflict, ActionForbidden
from renda.suggestions.models import Suggestion


@transaction.atomic
def poll_open(*, suggestion: Suggestion, actor: Any, title: str, report: str = "") -> Poll:
    if not actor.has_perm("suggestions.open_poll", suggestion):
        raise ActionForbidden(_("Only staff of this congress open polls."))
    if not suggestion.is_key:
        raise ActionConflict(_("Polls are held on key suggestions."))
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.poll_id is not None:
        raise ActionConflict(_("This suggestion already has a poll."))
    poll = polls.poll_open(
        case=locked,
        actor=actor,
        title=title,
        report=report,
        url=reverse("suggestions:key_suggestion", args=[suggestion.pk]),
    )
    Suggestion.objects.filter(pk=suggestion.pk).update(poll=poll)
    suggestion.poll = poll
    return poll


def poll_vote(*, poll: Poll, actor: Any, result: str) -> PollVote:
    return polls.poll_vote(poll=poll, actor=actor, result=result)


def poll_close(*, poll: Poll, actor: Any) -> Poll:
    return polls.poll_close(poll=poll, actor=actor)
