"""Files added to a suggestion after it was written: the lead deputy's attachments while the
suggestion is not yet accepted (through the API, where a submission is JSON), and a handling
unit's signed reply letter (PDF) on its reply until the deputy evaluates it. The same checks
as the pages (type by content, size, count); each addition is an event."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid, record_event
from renda.suggestions.actions._common import MAX_ATTACHMENTS, store_attachments
from renda.suggestions.models import Reply, Suggestion, SuggestionState
from renda.suggestions.rules import is_lead_deputy

# Before staff accept it the deputy may still add to what they submitted.
OPEN_TO_AUTHOR = {SuggestionState.COSIGNING, SuggestionState.SUBMITTED, SuggestionState.RETURNED}
# A reply's letter may follow the reply until the deputy has evaluated it.
OPEN_TO_REPLIER = {SuggestionState.REPLIED, SuggestionState.REHANDLING}


def _require_files(files: Sequence[Any]) -> None:
    if not files:
        raise ActionInvalid(_("Choose at least one file."), field="files")


def suggestion_attachments_add(
    *, suggestion: Suggestion, actor: Any, files: Sequence[Any]
) -> Suggestion:
    """The lead deputy adds attachments before the suggestion is accepted."""
    if not is_lead_deputy(actor, suggestion):
        raise ActionForbidden(_("Only the lead deputy adds files to a suggestion."))
    _require_files(files)
    with transaction.atomic():
        locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if locked.state not in OPEN_TO_AUTHOR:
            raise ActionConflict(_("Files can be added only before the suggestion is accepted."))
        store_attachments(locked, files, actor, field="files")
        record_event(case=locked, action="files_added", actor=actor, data={"n": len(files)})
    return locked


def reply_files_add(*, reply: Reply, actor: Any, files: Sequence[Any]) -> Reply:
    """The replying unit adds its signed reply letter (or other files) to its reply."""
    if getattr(actor, "unit_id", None) != reply.unit_id:
        raise ActionForbidden(_("Only the unit that replied adds files to its reply."))
    _require_files(files)
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=reply.suggestion_id)
        if suggestion.state not in OPEN_TO_REPLIER:
            raise ActionConflict(_("Files can be added to a reply only until it is evaluated."))
        store_attachments(suggestion, files, actor, reply=reply, field="files")
        record_event(
            case=suggestion,
            action="files_added",
            actor=actor,
            data={"n": len(files), "reply": reply.pk},
        )
    return reply


__all__ = ["MAX_ATTACHMENTS", "reply_files_add", "suggestion_attachments_add"]
