"""What suggestions give the reply check (renda.reading): the suggestion's text whose points a
reply must answer and the unit's previous replies; and the checks of the replies a user may
read them for (the unit of its own replies, the deputies of their own suggestion, staff and
leaders), shown beside each reply."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from renda.reading.check import PREVIOUS_LIMIT, Check, Previous, cached_check
from renda.reading.registry import Source, Subject, register_source
from renda.suggestions.models import Reply, Suggestion
from renda.suggestions.queries import visible_to
from renda.suggestions.rules import is_cosigner, is_lead_deputy, is_replying_handler

KIND = "suggestion"


def previous_replies(
    unit_id: int, *, exclude: int, before: datetime.datetime | None = None
) -> list[Previous]:
    """The unit's replies to other suggestions (sent before `before`), newest first: read as
    values, not a Reply and a Suggestion object each (a case's page reads up to
    PREVIOUS_LIMIT of them for each reply it shows the check of; issue 18)."""
    rows = Reply.objects.filter(unit_id=unit_id).exclude(suggestion_id=exclude)
    if before is not None:
        rows = rows.filter(replied_at__lt=before)
    numbered = _("%(year)s No. %(number)s")  # translated once, not once a reply
    previous = []
    for text, year, number, title, confidential in rows.order_by("-replied_at", "-id").values_list(
        "text",
        "suggestion__year",
        "suggestion__number",
        "suggestion__title",
        "suggestion__confidential",
    )[:PREVIOUS_LIMIT]:
        label = numbered % {"year": year, "number": number or "—"}
        previous.append(
            Previous(text=text, year=year, label=label if confidential else f"{label} 《{title}》")
        )
    return previous


def _subject(user: Any, pk: int) -> Subject | None:
    """A suggestion whose reply this user drafts: its replying unit's officers (and staff)."""
    s = visible_to(user).filter(pk=pk).first()
    if s is None:
        return None
    staff = user.has_perm("suggestions.manage")
    if not (staff or is_replying_handler(user, s)):
        return None
    unit_id = None if staff else user.unit_id
    return Subject(
        title=s.title,
        request=s.body,
        year=s.year,
        previous=lambda: previous_replies(unit_id, exclude=s.pk) if unit_id else [],
        url=reverse("suggestions:detail", args=[s.pk]),
    )


def _to_summarise(user: Any, pk: int) -> Subject | None:
    """Staff summarise a suggestion for the assignment sheet."""
    s = visible_to(user).filter(pk=pk).first()
    if s is None or not user.has_perm("suggestions.manage"):
        return None
    url = reverse("suggestions:detail", args=[s.pk])
    return Subject(title=s.title, request=s.body, year=s.year, previous=list, url=url)


register_source(Source(kind=KIND, subject=_subject, to_summarise=_to_summarise))


def may_read_check(user: Any, s: Suggestion, reply: Reply) -> bool:
    """Staff and leaders, the unit that sent the reply, the deputies who lead or co-signed."""
    if user.has_perm("suggestions.view_supervision"):
        return True
    if getattr(user, "unit_id", None) is not None and user.unit_id == reply.unit_id:
        return True
    return bool(is_lead_deputy(user, s) or is_cosigner(user, s))


def reply_checks(user: Any, s: Suggestion, replies: list[Reply]) -> None:
    """Sets `reading_check` (or None) and `may_ask_check` (a second opinion) on each reply."""
    manage = user.has_perm("suggestions.manage")
    for r in replies:
        found: Check | None = None
        if may_read_check(user, s, r):
            previous = previous_replies(r.unit_id, exclude=s.pk, before=r.replied_at)
            found = cached_check(s.body, r.text, year=s.year, previous=previous)
        r.reading_check = found  # type: ignore[attr-defined]
        r.may_ask_check = found is not None and (manage or user.unit_id == r.unit_id)  # type: ignore[attr-defined]
