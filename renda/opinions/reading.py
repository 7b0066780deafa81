"""What constituents' opinions give the reply check (renda.reading): the opinion whose points
a unit's answer must address and the unit's previous answers; and the check of the answer for
those who read it on the opinion's page (the answering unit, staff and leaders, the station
that tells the constituent)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from renda.opinions.models import ConstituentOpinion
from renda.opinions.queries import opinions_visible_to
from renda.opinions.rules import handles_referral, keeps_opinion
from renda.reading.check import PREVIOUS_LIMIT, Check, Previous, cached_check
from renda.reading.registry import Source, Subject, register_source

KIND = "opinion"


def previous_answers(unit_id: int, *, exclude: int, before: Any = None) -> list[Previous]:
    """The unit's answers to other opinions (given before `before`), newest first."""
    rows = (
        ConstituentOpinion.objects.filter(unit_id=unit_id, answered_at__isnull=False)
        .exclude(Q(pk=exclude) | Q(answer=""))
        .only("answer", "received_at")
    )
    if before is not None:
        rows = rows.filter(answered_at__lt=before)
    return [
        Previous(
            text=o.answer,
            year=o.received_at.year,
            label=_("Opinion no. %(id)s") % {"id": o.pk},
        )
        for o in rows.order_by("-answered_at", "-id")[:PREVIOUS_LIMIT]
    ]


def _subject(user: Any, pk: int) -> Subject | None:
    """An opinion whose answer this user drafts: the unit it is referred to (and staff)."""
    o = opinions_visible_to(user).filter(pk=pk).first()
    if o is None:
        return None
    staff = user.has_perm("opinions.view_register") and keeps_opinion(user, o)
    if not (staff or handles_referral(user, o)):
        return None
    unit_id = None if staff else user.unit_id
    return Subject(
        title=_("Opinion no. %(id)s") % {"id": o.pk},
        request=o.content,
        year=o.received_at.year,
        previous=lambda: previous_answers(unit_id, exclude=o.pk) if unit_id else [],
        url=reverse("opinions:opinion", args=[o.pk]),
    )


register_source(Source(kind=KIND, subject=_subject))


def answer_check(user: Any, o: ConstituentOpinion) -> Check | None:
    """The check of the opinion's answer, for staff and leaders, the station keeping it and
    the unit that answered; None for anyone else or without an answer."""
    if not o.answer or o.unit_id is None:
        return None
    mine = getattr(user, "unit_id", None) is not None and user.unit_id == o.unit_id
    if not (mine or user.has_perm("opinions.view_register") or keeps_opinion(user, o)):
        return None
    previous = previous_answers(o.unit_id, exclude=o.pk, before=o.answered_at)
    return cached_check(o.content, o.answer, year=o.received_at.year, previous=previous)
