"""议案 motions: proposed during a session by a delegation or jointly by deputies; the
presidium refers one to a special committee, lists it on the agenda, or has it handled as a
suggestion."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.inputs import require_choice, require_text
from renda.core.predicates import has_deputyship
from renda.core.workflow import ActionForbidden, ActionInvalid, perform, record_event
from renda.org.models import Body, Deputy, Session
from renda.suggestions.actions.submit import on_submitted
from renda.suggestions.models import Category, CoSigner, Motion, Period, Suggestion
from renda.suggestions.models import SuggestionState as S
from renda.suggestions.payloads import MotionCommentIn, ReferIn
from renda.suggestions.workflow import MOTION


@transaction.atomic
def motion_submit(
    *,
    author: Any,
    session: Session,
    title: str,
    body: str,
    category: str,
    deputy_ids: Sequence[int] = (),
    delegation: Any = None,
    at: datetime.datetime | None = None,
) -> Motion:
    """议案: by a delegation, or jointly by at least N deputies (10 by default), while the
    session sits (unless the congress's rules accept them after it)."""
    if not has_deputyship(author):
        raise ActionForbidden(_("Only a deputy can submit a motion."))
    lead = author.deputy
    title = require_text(title, "title", _("Title"), max_length=200)
    body = require_text(body, "body", _("Text"))
    category = require_choice(category, Category, "category")
    if session.congress_id != lead.congress_id:
        raise ActionInvalid(_("Choose a session of your congress."), field="session")
    now = at or timezone.now()
    day = timezone.localdate(now)
    if not session.is_sitting(day) and not (
        lead.congress.setting("motions_after_session") and day >= session.start_date
    ):
        raise ActionInvalid(
            _("Motions are proposed while the session sits (%(start)s to %(end)s).")
            % {"start": session.start_date.isoformat(), "end": session.end_date.isoformat()},
            field="session",
        )
    ids = {int(i) for i in deputy_ids} | {lead.pk}
    deputies = list(
        Deputy.objects.filter(pk__in=ids, congress_id=lead.congress_id, status="active")
    )
    if len(deputies) != len(ids):
        raise ActionInvalid(
            _("Proposers must be serving deputies of this congress."), field="deputy_ids"
        )
    if delegation is not None:
        if delegation.congress_id != lead.congress_id or lead.delegation_id != delegation.pk:
            raise ActionInvalid(
                _("You can only propose for your own delegation."), field="delegation"
            )
    else:
        minimum = lead.congress.setting("motion_min_deputies")
        if len(deputies) < minimum:
            raise ActionInvalid(
                _("A motion needs a delegation or at least %(n)d deputies.") % {"n": minimum},
                field="deputy_ids",
            )
    last = Motion.objects.filter(
        congress_id=lead.congress_id, year=session.start_date.year
    ).aggregate(n=Max("number"))["n"]
    motion = Motion.objects.create(
        congress_id=lead.congress_id,
        year=session.start_date.year,
        number=(last or 0) + 1,
        session=session,
        title=title,
        body=body,
        category=category,
        delegation=delegation,
        lead_deputy=lead,
        submitted_at=now,
    )
    motion.deputies.set(deputies)
    record_event(case=motion, action="submit", actor=author, to_state=motion.state, at=now)
    return motion


@MOTION.action("refer", payload=ReferIn)
def motion_refer(*, motion: Motion, actor: Any, committee: Body, comment: str = "") -> Motion:
    MOTION.check(actor, motion, "refer")
    if committee.congress_id != motion.congress_id or committee.kind != Body.Kind.SPECIAL_COMMITTEE:
        raise ActionInvalid(_("Choose a special committee of this congress."), field="committee")

    def apply(m: Motion) -> None:
        m.committee = committee

    perform(
        MOTION,
        case=motion,
        action="refer",
        actor=actor,
        comment=comment,
        apply=apply,
        data={"committee": committee.pk},
    )
    return motion


@MOTION.action("list", payload=MotionCommentIn)
def motion_list(*, motion: Motion, actor: Any, comment: str = "") -> Motion:
    def apply(m: Motion) -> None:
        m.decision_note = comment

    perform(MOTION, case=motion, action="list", actor=actor, comment=comment, apply=apply)
    return motion


@MOTION.action("not_list", payload=MotionCommentIn)
def motion_not_list(*, motion: Motion, actor: Any, comment: str = "") -> Suggestion:
    """Not listed on the agenda: handled as a suggestion that keeps the motion's history."""

    def apply(m: Motion) -> Suggestion:
        m.decision_note = comment
        s = Suggestion.objects.create(
            congress_id=m.congress_id,
            year=m.year,
            period=Period.SESSION,
            session=m.session,
            title=m.title,
            body=m.body,
            category=m.category,
            lead_deputy_id=m.lead_deputy_id,
            state=S.SUBMITTED,
            submitted_at=m.submitted_at,
            from_motion=m,
        )
        CoSigner.objects.bulk_create(
            [
                CoSigner(suggestion=s, deputy_id=d, confirmed_at=m.submitted_at)
                for d in m.deputies.exclude(pk=m.lead_deputy_id).values_list("pk", flat=True)
            ]
        )
        record_event(
            case=s,
            action="from_motion",
            actor=actor,
            to_state=S.SUBMITTED,
            comment=comment,
            data={"motion": m.pk, "motion_number": m.number},
        )
        on_submitted(s)
        return s

    return perform(
        MOTION, case=motion, action="not_list", actor=actor, comment=comment, apply=apply
    )
