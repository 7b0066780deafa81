"""Opinions on a draft (意见): given by the public (moderated, followed by a receipt code), by
deputies and by the legislative contact points (in batches, each keeping its source), then
published or kept out, and handled: adopted, partly adopted or not adopted, with the change
they led to."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.deadlines import close_deadlines
from renda.core.inputs import not_future, require_text
from renda.core.notifications import notify
from renda.core.predicates import has_deputyship
from renda.core.receipts import new_receipt_code, rate_limit
from renda.core.workflow import (
    ActionConflict,
    ActionForbidden,
    ActionInvalid,
    Goto,
    perform,
    record_event,
)
from renda.legislation.actions.common import case_url, users
from renda.legislation.actions.consultations import STATION_DEADLINE
from renda.legislation.models import (
    Consultation,
    DraftNode,
    NodeKind,
    Opinion,
    OpinionSource,
    OpinionState,
)
from renda.legislation.rules import (
    CONTACT_POINTS,
    DEPUTIES,
    PUBLIC,
    accepts,
    consults_contact_points,
    consults_deputies,
    deputy_of_congress,
    operates_contact_point,
)
from renda.legislation.schemas import (
    BATCH_SOURCES,
    MAX_BATCH,
    MAX_OPINION_CHARS,
    HandleIn,
    LinkChangeIn,
    RejectIn,
)
from renda.legislation.workflow import OPINION, OUTCOMES
from renda.org.models import CollectionPoint, LegislativeContactPoint

# The public may post this many opinions per address per hour (a fixed window).
PUBLIC_OPINIONS_PER_HOUR = 5
RATE_WINDOW_SECONDS = 3600


# --- giving opinions ------------------------------------------------------------------------


def _check_accepts(consultation: Consultation, audience: str) -> None:
    if not getattr(consultation, f"for_{audience}"):
        raise ActionForbidden(_("This consultation does not ask you for opinions."))
    if not accepts(consultation, audience):
        raise ActionConflict(_("This consultation is not open for comment."))


def _article(consultation: Consultation, article: DraftNode | None, field: str) -> None:
    if article is not None and (
        article.version_id != consultation.version_id or article.kind != NodeKind.ARTICLE
    ):
        raise ActionInvalid(_("No such article in this draft."), field=field)


def _rate_limit(client_ip: str) -> None:
    rate_limit(
        scope="legislation:public-opinions",
        client_ip=client_ip,
        limit=PUBLIC_OPINIONS_PER_HOUR,
        window_seconds=RATE_WINDOW_SECONDS,
        message=_("Too many opinions from your address; try again in an hour."),
        field="text",
    )


def _create_opinion(
    *, consultation: Consultation, actor: Any, state: str, **fields: Any
) -> Opinion:
    opinion = Opinion.objects.create(
        congress_id=consultation.congress_id,
        consultation=consultation,
        receipt_code=new_receipt_code(),
        state=state,
        submitted_at=timezone.now(),
        **fields,
    )
    record_event(
        case=opinion,
        action="submit",
        actor=actor,
        to_state=state,
        data={"source": opinion.source, "consultation": consultation.pk},
    )
    return opinion


def opinion_submit_public(
    *,
    consultation: Consultation,
    text: str,
    client_ip: str,
    article: DraftNode | None = None,
    name: str = "",
    contact: str = "",
) -> Opinion:
    """Anyone comments without an account; held for moderation. Keep the receipt code to
    follow it. The name is optional and the contact is seen by staff only.

    Staff are not notified of each post (hundreds would flood them): the moderation queue
    (queries.awaiting_moderation) is their worklist."""
    _check_accepts(consultation, PUBLIC)
    _article(consultation, article, "article")
    text = require_text(text, "text", _("Opinion"), max_length=MAX_OPINION_CHARS)
    name = require_text(name, "name", _("Name"), max_length=40, required=False)
    contact = require_text(contact, "contact", _("Contact"), max_length=100, required=False)
    _rate_limit(client_ip)
    with transaction.atomic():
        opinion = _create_opinion(
            consultation=consultation,
            actor=None,
            state=OpinionState.PENDING,
            article=article,
            text=text,
            source=OpinionSource.PUBLIC,
            author_name=name,
            author_contact=contact,
        )
    return opinion


def opinion_submit_deputy(
    *, consultation: Consultation, actor: Any, text: str, article: DraftNode | None = None
) -> Opinion:
    """A deputy comments, logged in; no moderation."""
    if not (deputy_of_congress(actor, consultation) and has_deputyship(actor)):
        raise ActionForbidden(_("Only a deputy of this congress can comment as a deputy."))
    if not consults_deputies(actor, consultation):
        raise ActionForbidden(_("This consultation does not ask deputies for opinions."))
    _check_accepts(consultation, DEPUTIES)
    _article(consultation, article, "article")
    text = require_text(text, "text", _("Opinion"), max_length=MAX_OPINION_CHARS)
    with transaction.atomic():
        return _create_opinion(
            consultation=consultation,
            actor=actor,
            state=OpinionState.RECEIVED,
            article=article,
            text=text,
            source=OpinionSource.DEPUTY,
            deputy_id=actor.deputy_id,
            submitted_by=actor,
        )


@dataclass(frozen=True)
class GatheredOpinion:
    """One opinion a contact point gathered, with where it came from."""

    text: str
    article: DraftNode | None = None
    source: str = OpinionSource.CONTACT_POINT
    collection_point: CollectionPoint | None = None
    author_name: str = ""
    author_contact: str = ""
    gathered_on: datetime.date | None = None


def opinion_batch_submit(
    *,
    consultation: Consultation,
    actor: Any,
    contact_point: LegislativeContactPoint,
    opinions: Sequence[GatheredOpinion],
) -> list[Opinion]:
    """A contact point submits the opinions it gathered (seminars, collection points), all or
    none; each keeps its source. Its operator is the station merged with it (站点融合)."""
    if not operates_contact_point(actor, contact_point) or not consults_contact_points(
        actor, consultation
    ):
        raise ActionForbidden(
            _("Only the operator of this legislative contact point can submit its opinions.")
        )
    if contact_point.congress_id != consultation.congress_id:
        raise ActionForbidden(_("This consultation does not ask you for opinions."))
    _check_accepts(consultation, CONTACT_POINTS)
    if not opinions:
        raise ActionInvalid(_("Enter at least one opinion."), field="opinions")
    if len(opinions) > MAX_BATCH:
        raise ActionInvalid(
            _("At most %(n)d opinions at once.") % {"n": MAX_BATCH}, field="opinions"
        )
    rows = [_gathered_row(consultation, contact_point, i, g) for i, g in enumerate(opinions)]
    with transaction.atomic():
        created = [
            _create_opinion(
                consultation=consultation,
                actor=actor,
                state=OpinionState.RECEIVED,
                contact_point=contact_point,
                submitted_by=actor,
                **row,
            )
            for row in rows
        ]
        if contact_point.station_id:
            close_deadlines(
                case=consultation, kind=f"{STATION_DEADLINE}:{contact_point.station_id}"
            )
    return created


def _gathered_row(
    consultation: Consultation,
    contact_point: LegislativeContactPoint,
    index: int,
    gathered: GatheredOpinion,
) -> dict[str, Any]:
    """One gathered opinion's columns, checked; a refusal names its row (`opinions.3.text`)."""
    prefix = f"opinions.{index}."
    if gathered.source not in BATCH_SOURCES:
        raise ActionInvalid(
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(BATCH_SOURCES)},
            field=prefix + "source",
        )
    point = gathered.collection_point
    if point is not None and point.contact_point_id != contact_point.pk:
        raise ActionInvalid(
            _("No such collection point under this contact point."),
            field=prefix + "collection_point",
        )
    if gathered.source == OpinionSource.COLLECTION_POINT and point is None:
        raise ActionInvalid(
            _("Say which collection point gathered it."), field=prefix + "collection_point"
        )
    _article(consultation, gathered.article, prefix + "article")
    if gathered.gathered_on is not None:
        not_future(gathered.gathered_on, prefix + "gathered_on")
    return {
        "text": require_text(
            gathered.text, prefix + "text", _("Opinion"), max_length=MAX_OPINION_CHARS
        ),
        "article": gathered.article,
        "source": gathered.source,
        "collection_point": point,
        "author_name": require_text(
            gathered.author_name, prefix + "author_name", _("Name"), max_length=40, required=False
        ),
        "author_contact": require_text(
            gathered.author_contact,
            prefix + "author_contact",
            _("Contact"),
            max_length=100,
            required=False,
        ),
        "gathered_on": gathered.gathered_on,
    }


# --- moderation ------------------------------------------------------------------------------


@OPINION.action("publish")
def opinion_publish(*, opinion: Opinion, actor: Any) -> Opinion:
    """Staff publish a public opinion for handling."""
    return _moderate(opinion, actor, "publish", "")


@OPINION.action("reject", payload=RejectIn)
def opinion_reject(*, opinion: Opinion, actor: Any, reason: str) -> Opinion:
    """Staff keep a public opinion out (spam, abuse), with the reason."""
    return _moderate(opinion, actor, "reject", reason)


def opinion_moderate(*, opinion: Opinion, actor: Any, publish: bool, reason: str = "") -> Opinion:
    """Publish a public opinion for handling, or keep it out with a reason."""
    if publish:
        return opinion_publish(opinion=opinion, actor=actor)
    return opinion_reject(opinion=opinion, actor=actor, reason=reason)


def _moderate(opinion: Opinion, actor: Any, action: str, reason: str) -> Opinion:
    OPINION.check(actor, opinion, action)
    reason = (reason or "").strip()
    if action == "reject":
        reason = require_text(reason, "reason", _("Reason"), max_length=MAX_OPINION_CHARS)

    def apply(locked: Opinion) -> None:
        locked.moderated_by = actor
        locked.moderated_at = timezone.now()
        locked.moderation_reason = reason

    perform(OPINION, case=opinion, action=action, actor=actor, comment=reason, apply=apply)
    return opinion


# --- handling --------------------------------------------------------------------------------


def _later_article(opinion: Opinion, node: DraftNode | None) -> None:
    """A change is an article of a later version of the same regulation."""
    if node is None:
        return
    version = opinion.consultation.version
    if (
        node.kind != NodeKind.ARTICLE
        or node.version.regulation_id != version.regulation_id
        or node.version.number <= version.number
    ):
        raise ActionInvalid(
            _("Choose an article of a later version of this draft."), field="led_to"
        )


@OPINION.action("handle", payload=HandleIn)
def opinion_handle(
    *,
    opinion: Opinion,
    actor: Any,
    outcome: str,
    reason: str = "",
    led_to: DraftNode | None = None,
    led_to_note: str = "",
) -> Opinion:
    """Staff record the outcome: adopted, partly adopted, or not adopted; the reason is
    required unless adopted. The contributor is told (a deputy or the station; the public
    through the receipt code)."""
    OPINION.check(actor, opinion, "handle")
    if outcome not in OUTCOMES:
        raise ActionInvalid(
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(OUTCOMES)}, field="outcome"
        )
    reason = (reason or "").strip()
    if outcome != OpinionState.ADOPTED:
        reason = require_text(reason, "reason", _("Reason"), max_length=MAX_OPINION_CHARS)
    if outcome == OpinionState.NOT_ADOPTED and (led_to is not None or led_to_note.strip()):
        raise ActionInvalid(_("An opinion not adopted led to no change."), field="led_to")
    _later_article(opinion, led_to)

    def apply(locked: Opinion) -> Goto:
        locked.handling_reason = reason
        locked.handled_by = actor
        locked.handled_at = timezone.now()
        locked.led_to_node = led_to
        locked.led_to_note = (led_to_note or "").strip()
        return Goto(outcome)

    perform(
        OPINION,
        case=opinion,
        action="handle",
        actor=actor,
        comment=reason,
        data={"outcome": outcome, "led_to": led_to.pk if led_to else None},
        apply=apply,
        notify=lambda event: _tell_contributor(opinion),
    )
    return opinion


def _tell_contributor(opinion: Opinion) -> None:
    if opinion.source == OpinionSource.DEPUTY and opinion.deputy_id:
        told = users(opinion.congress_id, "deputy", deputy_id=opinion.deputy_id)
    elif opinion.submitted_by_id:
        told = users(opinion.congress_id, "station", pk=opinion.submitted_by_id)
    else:
        return  # the public looks it up by its receipt code
    notify(
        told,
        title=_("Your opinion on %(title)s: %(outcome)s")
        % {"title": opinion.consultation.version.title, "outcome": opinion.get_state_display()},
        body=opinion.handling_reason,
        url=case_url("opinion", opinion.pk),
    )


@OPINION.action("link_change", payload=LinkChangeIn)
def opinion_link_change(
    *, opinion: Opinion, actor: Any, led_to: DraftNode | None = None, note: str = ""
) -> Opinion:
    """Say which article of a later version an adopted opinion changed (once it is drafted)."""
    OPINION.check(actor, opinion, "link_change")
    note = (note or "").strip()
    if led_to is None and not note:
        raise ActionInvalid(_("Choose the article changed or describe the change."), field="led_to")
    _later_article(opinion, led_to)

    def apply(locked: Opinion) -> None:
        locked.led_to_node = led_to
        locked.led_to_note = note

    perform(
        OPINION,
        case=opinion,
        action="link_change",
        actor=actor,
        comment=note,
        data={"led_to": led_to.pk if led_to else None},
        apply=apply,
    )
    return opinion
