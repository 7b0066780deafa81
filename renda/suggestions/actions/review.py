"""2. 审查 review: staff accept a suggestion (numbering it), return it for revision, convert it
to a letter or reference item, or merge it into a similar one (并案)."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renda.core.calendar import WorkingCalendar
from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.inputs import require_choice, require_text
from renda.core.workflow import ActionConflict, ActionInvalid, perform, record_event
from renda.org.models import Congress
from renda.suggestions.actions._common import (
    lead_deputy_deadline,
    tell_deputy,
    today,
    url_of,
)
from renda.suggestions.models import ConvertedTo, Suggestion
from renda.suggestions.payloads import AcceptIn, ConvertIn, MergeIn, ReturnIn
from renda.suggestions.workflow import CLOSED, SUGGESTION


@SUGGESTION.action("accept", payload=AcceptIn)
def suggestion_accept(*, suggestion: Suggestion, actor: Any, comment: str = "") -> Suggestion:
    """立案: accepted suggestions are numbered per congress and year, then wait to be
    assigned within the congress's working days."""

    # The number is given under the lock; the event keeps it, and the deputy's notification is
    # written from the event, so that it never goes out without it.
    data: dict[str, Any] = {}

    def apply(s: Suggestion) -> None:
        # Lock the congress row so that two staff accepting at once never share a number.
        Congress.objects.select_for_update().get(pk=s.congress_id)
        last = Suggestion.objects.filter(congress_id=s.congress_id, year=s.year).aggregate(
            n=Max("number")
        )["n"]
        s.number = data["number"] = (last or 0) + 1
        s.accepted_at = timezone.now()
        s.return_reason = ""
        set_deadline(
            case=s,
            kind="review",
            role="staff",
            due_date=WorkingCalendar().add_working_days(
                today(), s.congress.setting("recess_assign_working_days")
            ),
            url=url_of(s),
            label=gettext_noop("Assign suggestion No. %(number)s"),
            params={"number": s.number},
        )

    perform(
        SUGGESTION,
        case=suggestion,
        action="accept",
        actor=actor,
        comment=comment,
        data=data,
        apply=apply,
        notify=lambda e: tell_deputy(
            suggestion,
            _("Your suggestion was accepted as No. %(number)s: %(title)s"),
            number=e.data["number"],
        ),
    )
    return suggestion


@SUGGESTION.action("return", payload=ReturnIn)
def suggestion_return(*, suggestion: Suggestion, actor: Any, reason: str) -> Suggestion:
    """退回修改, with the reasons the deputy must address."""
    SUGGESTION.check(actor, suggestion, "return")
    reason = require_text(reason, "reason", _("Reason"))

    def apply(s: Suggestion) -> None:
        s.return_reason = reason
        close_deadlines(case=s, kind="review")
        lead_deputy_deadline(
            s,
            "resubmit",
            "resubmit_working_days",
            gettext_noop("Revise and resubmit: %(title)s"),
        )

    perform(
        SUGGESTION,
        case=suggestion,
        action="return",
        actor=actor,
        comment=reason,
        apply=apply,
        notify=lambda e: tell_deputy(
            suggestion, _("Your suggestion was returned for revision: %(title)s"), reason
        ),
    )
    return suggestion


@SUGGESTION.action("convert", payload=ConvertIn)
def suggestion_convert(*, suggestion: Suggestion, actor: Any, to: str, reason: str) -> Suggestion:
    """转来信/参阅件: not acceptable as a suggestion (personal matters, cases in court, …)."""
    SUGGESTION.check(actor, suggestion, "convert")
    to = require_choice(to, ConvertedTo, "to")
    reason = require_text(reason, "reason", _("Reason"))

    def apply(s: Suggestion) -> None:
        s.converted_to = to
        s.closed_at = timezone.now()
        close_deadlines(case=s)

    perform(
        SUGGESTION,
        case=suggestion,
        action="convert",
        actor=actor,
        comment=reason,
        data={"to": to},
        apply=apply,
        notify=lambda e: tell_deputy(
            suggestion, _("Your suggestion was converted: %(title)s"), reason
        ),
    )
    return suggestion


@SUGGESTION.action("merge", payload=MergeIn)
def suggestion_merge(
    *, suggestion: Suggestion, actor: Any, into: Suggestion, comment: str = ""
) -> Suggestion:
    """并案: similar suggestions are handled jointly under one of them; the one taking it in
    records it in its own history, in the same transaction."""
    SUGGESTION.check(actor, suggestion, "merge")
    if into.pk == suggestion.pk or into.congress_id != suggestion.congress_id:
        raise ActionInvalid(_("Choose another suggestion of this congress."), field="into")
    if into.state in CLOSED:
        raise ActionConflict(_("That suggestion can no longer take others in."))

    def apply(s: Suggestion) -> None:
        s.merged_into = into
        close_deadlines(case=s)
        record_event(case=into, action="merged_in", actor=actor, data={"from": s.pk})

    perform(
        SUGGESTION,
        case=suggestion,
        action="merge",
        actor=actor,
        comment=comment,
        data={"into": into.pk},
        apply=apply,
    )
    return suggestion
