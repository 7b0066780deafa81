"""1. 提交 submit: a deputy writes a suggestion, co-signers confirm, a returned one is
resubmitted, the lead deputy may withdraw it."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renda.core.calendar import WorkingCalendar
from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.inputs import require_choice, require_text
from renda.core.notifications import notify_after_commit
from renda.core.predicates import has_deputyship
from renda.core.workflow import ActionForbidden, ActionInvalid, Goto, perform, record_event
from renda.org.models import Deputy
from renda.suggestions.actions._common import (
    deputy_users,
    period_for,
    staff_users,
    store_attachments,
    tell_units,
    url_of,
    user_of,
)
from renda.suggestions.models import Category, CoSigner, Period, Suggestion, SuggestionState
from renda.suggestions.payloads import ResubmitIn, WithdrawIn
from renda.suggestions.workflow import SUGGESTION

S = SuggestionState


@transaction.atomic
def suggestion_submit(
    *,
    author: Any,
    title: str,
    body: str,
    category: str,
    cosigner_ids: Sequence[int] = (),
    confidential: bool = False,
    attachments: Sequence[Any] = (),
    at: datetime.datetime | None = None,
) -> Suggestion:
    """A deputy submits a suggestion, alone or with co-signers who must confirm.

    During a session it is a session suggestion; otherwise a recess "直通车" suggestion,
    which staff must assign within the congress's working-day limit.
    """
    if not has_deputyship(author):
        raise ActionForbidden(_("Only a deputy can submit a suggestion."))
    deputy = author.deputy
    title = require_text(title, "title", _("Title"), max_length=200)
    body = require_text(body, "body", _("Text"))
    category = require_choice(category, Category, "category")
    cosigner_ids = sorted({int(i) for i in cosigner_ids} - {deputy.pk})
    cosigners = list(
        Deputy.objects.filter(pk__in=cosigner_ids, congress_id=deputy.congress_id, status="active")
    )
    if len(cosigners) != len(cosigner_ids):
        raise ActionInvalid(
            _("Co-signers must be serving deputies of this congress."), field="cosigner_ids"
        )
    now = at or timezone.now()
    period, session = period_for(deputy.congress, timezone.localdate(now))
    suggestion = Suggestion.objects.create(
        congress_id=deputy.congress_id,
        year=timezone.localdate(now).year,
        period=period,
        session=session,
        title=title,
        body=body,
        category=category,
        lead_deputy=deputy,
        confidential=bool(confidential),
        state=S.COSIGNING if cosigners else S.SUBMITTED,
        submitted_at=now,
    )
    CoSigner.objects.bulk_create([CoSigner(suggestion=suggestion, deputy=d) for d in cosigners])
    store_attachments(suggestion, attachments, author)
    record_event(
        case=suggestion,
        action="submit",
        actor=author,
        to_state=suggestion.state,
        at=now,
        data={"period": period, "cosigners": [d.pk for d in cosigners]},
    )
    if cosigners:
        due = WorkingCalendar().add_working_days(
            timezone.localdate(now), deputy.congress.setting("cosign_working_days")
        )
        for d in cosigners:
            user = user_of(d.pk)
            if user is not None:
                set_deadline(
                    case=suggestion,
                    kind=f"cosign:{d.pk}",
                    user=user,
                    due_date=due,
                    url=url_of(suggestion),
                    label=gettext_noop("Confirm co-signing: %(title)s"),
                    params={"title": title},
                )
        notify_after_commit(
            deputy_users(d.pk for d in cosigners),
            title=_("Please confirm co-signing: %(title)s") % {"title": title},
            url=url_of(suggestion),
        )
    else:
        on_submitted(suggestion)
    return suggestion


def on_submitted(suggestion: Suggestion) -> None:
    """Review waits for staff; a recess suggestion must be assigned within N working days."""
    congress = suggestion.congress
    due = WorkingCalendar().add_working_days(
        timezone.localdate(suggestion.submitted_at), congress.setting("recess_assign_working_days")
    )
    if suggestion.period == Period.RECESS:
        label = gettext_noop("Review and assign suggestion “%(title)s”")
    else:
        label = gettext_noop("Review suggestion “%(title)s”")
    set_deadline(
        case=suggestion,
        kind="review",
        role="staff",
        due_date=due,
        url=url_of(suggestion),
        label=label,
        params={"title": suggestion.title},
    )
    notify_after_commit(
        staff_users(suggestion.congress_id),
        title=_("New suggestion to review: %(title)s") % {"title": suggestion.title},
        url=url_of(suggestion),
    )


def suggestion_cosign(*, suggestion: Suggestion, actor: Any, confirm: bool) -> Suggestion:
    """A co-signer confirms or declines; once all have answered, the suggestion is submitted."""
    return (
        suggestion_confirm(suggestion=suggestion, actor=actor)
        if confirm
        else (suggestion_decline(suggestion=suggestion, actor=actor))
    )


def _cosign(suggestion: Suggestion, actor: Any, *, confirm: bool) -> Suggestion:
    def apply(s: Suggestion) -> Goto:
        CoSigner.objects.filter(suggestion=s, deputy_id=actor.deputy_id).update(
            **({"confirmed_at": timezone.now()} if confirm else {"declined_at": timezone.now()})
        )
        close_deadlines(case=s, kind=f"cosign:{actor.deputy_id}")
        pending = s.cosigners.filter(confirmed_at__isnull=True, declined_at__isnull=True)
        if pending.exists():
            return Goto(S.COSIGNING)
        on_submitted(s)
        return Goto(S.SUBMITTED)

    perform(
        SUGGESTION,
        case=suggestion,
        action="confirm" if confirm else "decline",
        actor=actor,
        apply=apply,
    )
    return suggestion


@SUGGESTION.action("confirm")
def suggestion_confirm(*, suggestion: Suggestion, actor: Any) -> Suggestion:
    return _cosign(suggestion, actor, confirm=True)


@SUGGESTION.action("decline")
def suggestion_decline(*, suggestion: Suggestion, actor: Any) -> Suggestion:
    return _cosign(suggestion, actor, confirm=False)


@SUGGESTION.action("resubmit", payload=ResubmitIn)
def suggestion_resubmit(
    *, suggestion: Suggestion, actor: Any, title: str, body: str, category: str
) -> Suggestion:
    SUGGESTION.check(actor, suggestion, "resubmit")  # role and state (403, 409) before input
    title = require_text(title, "title", _("Title"), max_length=200)
    body = require_text(body, "body", _("Text"))
    category = require_choice(category, Category, "category")

    def apply(s: Suggestion) -> None:
        s.title, s.body, s.category = title, body, category
        close_deadlines(case=s, kind="resubmit")
        on_submitted(s)

    perform(SUGGESTION, case=suggestion, action="resubmit", actor=actor, apply=apply)
    return suggestion


@SUGGESTION.action("withdraw", payload=WithdrawIn)
def suggestion_withdraw(*, suggestion: Suggestion, actor: Any, reason: str) -> Suggestion:
    """撤回: in writing, by the lead deputy; handling stops."""
    SUGGESTION.check(actor, suggestion, "withdraw")
    reason = require_text(reason, "reason", _("Reason"))
    # The units handling it now are told after the commit; read them before they change.
    units_to_tell = list(suggestion.assignments.filter(active=True).values_list("unit_id"))

    def apply(s: Suggestion) -> None:
        s.closed_at = timezone.now()
        close_deadlines(case=s)

    perform(
        SUGGESTION,
        case=suggestion,
        action="withdraw",
        actor=actor,
        comment=reason,
        apply=apply,
        notify=lambda e: (
            tell_units(suggestion, _("Suggestion withdrawn: %(title)s")) if units_to_tell else None
        ),
    )
    return suggestion
