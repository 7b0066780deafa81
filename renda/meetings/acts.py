"""What meetings add to a deputy's record: the standing committee meetings they attended
without a vote (列席) and the opinions they raised at the attendees' forums (read by
performance through core.acts). Their pages are for staff and leaders."""

from __future__ import annotations

from django.urls import reverse

from renda.core.acts import ActKind, ActSource, item, register
from renda.meetings.models import ForumOpinion, MeetingAttendance


def _page(meeting_id: int) -> str:
    return reverse("meetings:attended_detail", args=[meeting_id])


register(
    ActSource(
        acts=lambda c: ForumOpinion.objects.filter(forum__meeting__congress_id=c),
        date="forum__held_on",
        deputy_field="deputy",
        kind=ActKind.FORUM_OPINION,
        related=("forum__meeting",),
        item=lambda f: item(
            ActKind.FORUM_OPINION,
            f.forum.held_on,
            f.forum.meeting.title,
            f,
            readers_url=_page(f.forum.meeting_id),
        ),
    ),
    ActSource(
        acts=lambda c: MeetingAttendance.objects.filter(meeting__congress_id=c),
        date="meeting__start_date",
        deputy_field="deputy",
        kind=ActKind.MEETING,
        related=("meeting",),
        item=lambda m: item(
            ActKind.MEETING,
            m.meeting.start_date,
            m.meeting.title,
            m.meeting,
            readers_url=_page(m.meeting_id),
        ),
    ),
)
