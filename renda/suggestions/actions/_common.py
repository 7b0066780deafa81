"""What the suggestion actions share: who to tell or wait for, deadlines, attachments."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renda.core.calendar import WorkingCalendar
from renda.core.deadlines import set_deadline
from renda.core.notifications import notify
from renda.core.uploads import check_upload
from renda.core.workflow import ActionForbidden, ActionInvalid
from renda.org.models import Congress, Session
from renda.suggestions.models import Assignment, Attachment, Period, Reply, Suggestion


def today() -> datetime.date:
    return timezone.localdate()


def url_of(suggestion: Suggestion) -> str:
    return reverse("suggestions:detail", args=[suggestion.pk])


def deputy_users(deputy_ids: Iterable[int]) -> list[Any]:
    from renda.accounts.models import User

    return list(User.objects.filter(role="deputy", deputy_id__in=list(deputy_ids), is_active=True))


def user_of(deputy_id: int) -> Any:
    from renda.accounts.models import User

    return (
        User.objects.filter(role="deputy", deputy_id=deputy_id, is_active=True)
        .order_by("pk")
        .first()
    )


def unit_users(unit_ids: Iterable[int]) -> list[Any]:
    from renda.accounts.models import User

    return list(User.objects.filter(role="handler", unit_id__in=list(unit_ids), is_active=True))


def staff_users(congress_id: int) -> list[Any]:
    from renda.accounts.models import User

    return list(User.objects.filter(role="staff", congress_id=congress_id, is_active=True))


def lead_deputy_deadline(s: Suggestion, kind: str, setting: str, label: str) -> None:
    """Something the lead deputy must do within the congress's number of working days.
    `label` is untranslated (gettext_noop) with a %(title)s."""
    user = user_of(s.lead_deputy_id)
    if user is not None:
        set_deadline(
            case=s,
            kind=kind,
            user=user,
            url=url_of(s),
            due_date=WorkingCalendar().add_working_days(today(), s.congress.setting(setting)),
            label=label,
            params={"title": s.title},
        )


def tell_deputy(
    suggestion: Suggestion, title: str, body: str = "", *, number: int | None = None
) -> None:
    """Notify the lead deputy (after the commit: call it from perform's notify). A title that
    names the suggestion's number (%(number)s) is only written with one: `number`, else the
    suggestion's own."""
    number = number or suggestion.number
    if number is None and "%(number)s" in title:
        raise ValueError(f"suggestion {suggestion.pk}: a notification names a number it has not")
    text = title % {"title": suggestion.title, "number": number}
    notify(deputy_users([suggestion.lead_deputy_id]), title=text, body=body, url=url_of(suggestion))


def tell_units(suggestion: Suggestion, title: str) -> None:
    """Notify the officers of the units handling it now."""
    unit_ids = suggestion.assignments.filter(active=True).values_list("unit_id", flat=True)
    notify(unit_users(unit_ids), title=title % {"title": suggestion.title}, url=url_of(suggestion))


def tell_staff(suggestion: Suggestion, title: str) -> None:
    notify(
        staff_users(suggestion.congress_id),
        title=title % {"title": suggestion.title},
        url=url_of(suggestion),
    )


MAX_ATTACHMENTS = 20  # files on one suggestion, its replies' included


def store_attachments(
    suggestion: Suggestion,
    files: Sequence[Any],
    actor: Any,
    *,
    reply: Reply | None = None,
    field: str = "attachments",
) -> None:
    if suggestion.pk and suggestion.attachments.count() + len(files) > MAX_ATTACHMENTS:
        raise ActionInvalid(
            _("At most %(n)d files on one suggestion.") % {"n": MAX_ATTACHMENTS}, field=field
        )
    checked = [check_upload(f, field=field) for f in files]  # refuse before anything is stored
    for c in checked:
        Attachment.objects.create(
            suggestion=suggestion,
            reply=reply,
            purpose=Attachment.Purpose.REPLY if reply else Attachment.Purpose.SUGGESTION,
            file=c.file,
            name=c.name,
            size=c.size,
            content_type=c.content_type,
            uploaded_by=actor,
        )


def period_for(congress: Congress, day: datetime.date) -> tuple[str, Session | None]:
    session = (
        Session.objects.filter(congress=congress, start_date__lte=day, end_date__gte=day)
        .order_by("-start_date")
        .first()
    )
    return (Period.SESSION, session) if session else (Period.RECESS, None)


def active_assignment(suggestion: Suggestion, actor: Any) -> Assignment:
    a = suggestion.assignments.filter(unit_id=actor.unit_id, active=True).first()
    if a is None:
        raise ActionForbidden(_("This suggestion is not assigned to your unit."))
    return a


def open_unit_deadlines(s: Suggestion) -> None:
    """One reply deadline per replying unit, one input deadline per co-handler."""
    reply_due = s.reply_due
    if reply_due is None:  # every caller has just set it: an assigned case has a due date
        raise ValueError(f"suggestion {s.pk} is assigned without a reply due date")
    for a in s.assignments.filter(active=True).select_related("unit"):
        if a.is_co:
            if not a.input_text and a.input_due:
                set_deadline(
                    case=s,
                    kind=f"input:{a.unit_id}",
                    unit=a.unit,
                    due_date=a.input_due,
                    url=url_of(s),
                    label=gettext_noop("Send your input to the lead unit: %(title)s"),
                    params={"title": s.title},
                )
        elif not Reply.objects.filter(
            suggestion=s, unit=a.unit, handling_round=s.handling_round
        ).exists():
            set_deadline(
                case=s,
                kind=f"reply:{a.unit_id}",
                unit=a.unit,
                due_date=reply_due,
                url=url_of(s),
                label=gettext_noop("Reply to suggestion No. %(number)s: %(title)s"),
                params={"number": s.number, "title": s.title},
            )
