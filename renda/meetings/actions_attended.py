"""Every write on the deputies who attend standing committee meetings without a vote (列席)
and on the attendees' forums (列席代表座谈会): staff record them, each in one transaction with
its event in the meeting's history (MEETING's `held`, `attendance` and `forum`)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from renda.core.inputs import not_future, require_text
from renda.core.workflow import ActionForbidden, ActionInvalid, record_event
from renda.meetings.held import held_meeting, term_on
from renda.meetings.models import AttendeeForum, ForumOpinion, Meeting, MeetingAttendance
from renda.org.models import Congress, Deputy, Term

MAX_TEXT = 5_000


def _require_staff(actor: Any, congress_id: int) -> None:
    """The deputies attending and their forums are the staff's records (of their congress)."""
    if not actor.has_perm("meetings.manage", Meeting(congress_id=congress_id)):
        raise ActionForbidden(_("Only the standing committee's staff may do this."))


def _deputies(congress_id: int, deputies: Iterable[Deputy]) -> list[Deputy]:
    chosen = {d.pk: d for d in deputies}
    if any(d.congress_id != congress_id for d in chosen.values()):
        raise ActionInvalid(_("No such deputy in your congress."), field="deputies")
    if not chosen:
        raise ActionInvalid(_("Choose at least one deputy."), field="deputies")
    return list(chosen.values())


def _attend(meeting: Meeting, actor: Any, present: list[Deputy]) -> None:
    MeetingAttendance.objects.bulk_create(
        [MeetingAttendance(meeting=meeting, deputy=d) for d in present], ignore_conflicts=True
    )
    record_event(
        case=meeting, action="attendance", actor=actor, data={"deputies": [d.pk for d in present]}
    )


def meeting_attendance_record(
    *,
    actor: Any,
    congress: Congress,
    title: str,
    date: datetime.date,
    deputies: Iterable[Deputy],
) -> Meeting:
    """Staff record the deputies who attended a standing committee meeting without a vote
    (列席), the meeting named by its title and day: the meeting of that day with that title
    or number (held.py), or else one recorded as held then. Recording again adds to the
    list."""
    _require_staff(actor, congress.pk)
    not_future(date, "date")
    title = require_text(title, "title", _("Meeting"), max_length=200)
    present = _deputies(congress.pk, deputies)
    term = term_on(Term, congress.pk, date)
    if term is None:
        raise ActionInvalid(
            _("No term of this congress had begun on %(date)s.") % {"date": date.isoformat()},
            field="date",
        )
    with transaction.atomic():
        # Numbers are given within the term under a lock on it, as meeting_plan gives them.
        Term.objects.select_for_update().get(pk=term.pk)
        meeting, created = held_meeting(
            Meeting, congress_id=congress.pk, term=term, title=title, day=date
        )
        if created:
            record_event(
                case=meeting,
                action="held",
                actor=actor,
                to_state=meeting.state,
                data={"number": meeting.number},
            )
        _attend(meeting, actor, present)
    return meeting


def meeting_attendees_add(*, meeting: Meeting, actor: Any, deputies: Iterable[Deputy]) -> Meeting:
    """More deputies who attended a meeting without a vote, once it has begun."""
    _require_staff(actor, meeting.congress_id)
    not_future(meeting.start_date, "deputies")
    present = _deputies(meeting.congress_id, deputies)
    with transaction.atomic():
        _attend(meeting, actor, present)
    return meeting


def meeting_attendee_remove(
    *, meeting: Meeting, actor: Any, deputy: Deputy, reason: str
) -> Meeting:
    """Staff remove a deputy recorded by mistake as attending; the event keeps who and why, and
    the deputy's performance record follows. A deputy who spoke at the meeting's forum did
    attend: their opinions stay, and so do they."""
    _require_staff(actor, meeting.congress_id)
    reason = require_text(reason, "reason", _("Reason"), max_length=500)
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        row = MeetingAttendance.objects.filter(meeting=meeting, deputy=deputy).first()
        if row is None:
            raise ActionInvalid(_("This deputy is not recorded as attending."), field="deputy")
        if ForumOpinion.objects.filter(forum__meeting=meeting, deputy=deputy).exists():
            raise ActionInvalid(
                _("This deputy spoke at the meeting's forum, so they attended."), field="deputy"
            )
        row.delete()
        record_event(
            case=meeting,
            action="attendee_removed",
            actor=actor,
            data={"deputies": [deputy.pk], "name": deputy.person.name, "reason": reason},
        )
    return meeting


def forum_record(
    *,
    actor: Any,
    meeting: Meeting,
    held_on: datetime.date,
    summary: str = "",
    opinions: Sequence[tuple[Deputy, str]] = (),
) -> AttendeeForum:
    """Staff record the attendees' forum (列席代表座谈会) and each opinion raised there, by
    the attending deputy who raised it."""
    _require_staff(actor, meeting.congress_id)
    not_future(held_on, "held_on")
    attended = set(meeting.attendances.values_list("deputy_id", flat=True))
    rows = []
    for i, (deputy, text) in enumerate(opinions):
        if deputy.pk not in attended:
            raise ActionInvalid(
                _("%(name)s did not attend this meeting.") % {"name": deputy},
                field=f"opinions.{i}.deputy",
            )
        rows.append(
            (deputy, require_text(text, f"opinions.{i}.text", _("Opinion"), max_length=MAX_TEXT))
        )
    with transaction.atomic():
        forum = AttendeeForum.objects.create(
            meeting=meeting,
            held_on=held_on,
            summary=require_text(
                summary, "summary", _("Summary"), required=False, max_length=MAX_TEXT
            ),
        )
        ForumOpinion.objects.bulk_create(
            ForumOpinion(forum=forum, deputy=d, text=t) for d, t in rows
        )
        record_event(
            case=meeting,
            action="forum",
            actor=actor,
            data={"forum": forum.pk, "deputies": sorted({d.pk for d, _t in rows})},
        )
    return forum
