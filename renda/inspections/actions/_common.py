"""What the inspection actions share: today, pages, deadlines, photos, who to tell."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renda.core.calendar import add_working_days
from renda.core.deadlines import set_deadline
from renda.core.models import Deadline
from renda.core.notifications import notify
from renda.core.uploads import MB, PHOTOS, CheckedUpload, check_upload
from renda.core.workflow import ActionInvalid
from renda.inspections.models import Photo, Problem, Rectification

MAX_PHOTOS = 9
MAX_PHOTO_BYTES = 5 * MB

# What each deadline asks, untranslated (each viewer reads it in their language); the demo
# writes its deadlines with the same labels.
LABEL_RECTIFY = gettext_noop("Rectify problem %(number)s of %(inspection)s")
LABEL_VERIFY = gettext_noop("Verify the rectification of problem %(number)s of %(inspection)s")


def today() -> datetime.date:
    return timezone.localdate()


def url_of(problem: Problem) -> str:
    return reverse("inspections:problem", args=[problem.pk])


def label_params(problem: Problem) -> dict[str, Any]:
    return {"number": problem.number, "inspection": problem.inspection.title}


def default_due(problem: Problem) -> datetime.date:
    days = problem.congress.setting("inspection_rectify_days")
    return today() + datetime.timedelta(days=days)


def future_due(due_on: datetime.date | None, field: str = "due_on") -> datetime.date:
    """A date to rectify by: given, and not in the past."""
    if due_on is None:
        raise ActionInvalid(_("Give the date to rectify by."), field=field)
    if due_on < today():
        raise ActionInvalid(_("The date to rectify by cannot be in the past."), field=field)
    return due_on


def rectify_deadline(problem: Problem) -> None:
    """The unit owes its report by the date. The unit may be of the city while the problem is
    a county's part: the deadline is the unit's congress's, so its officers find it."""
    assert problem.due_on is not None
    deadline = set_deadline(
        case=problem,
        kind="rectify",
        unit=problem.unit,
        due_date=problem.due_on,
        url=url_of(problem),
        label=LABEL_RECTIFY,
        params=label_params(problem),
    )
    if problem.unit.congress_id != problem.congress_id:
        Deadline.objects.filter(pk=deadline.pk).update(congress_id=problem.unit.congress_id)


def verify_deadline(problem: Problem) -> None:
    """The staff of the congress whose part it is verify the report."""
    days = problem.congress.setting("inspection_verify_working_days")
    set_deadline(
        case=problem,
        kind="verify",
        role="staff",
        due_date=add_working_days(today(), days),
        url=url_of(problem),
        label=LABEL_VERIFY,
        params=label_params(problem),
    )


def check_photos(photos: Sequence[Any], *, field: str = "photos") -> list[CheckedUpload]:
    """Photos checked by content and size before anything is stored."""
    if len(photos) > MAX_PHOTOS:
        raise ActionInvalid(_("At most %(n)d photos at a time.") % {"n": MAX_PHOTOS}, field=field)
    return [check_upload(p, allowed=PHOTOS, max_bytes=MAX_PHOTO_BYTES, field=field) for p in photos]


def store_photos(
    problem: Problem,
    checked: list[CheckedUpload],
    *,
    actor: Any,
    rectification: Rectification | None = None,
) -> None:
    now = timezone.now()
    for c in checked:
        Photo.objects.create(
            problem=problem,
            rectification=rectification,
            file=c.file,
            name=c.name,
            size=c.size,
            uploaded_by=actor,
            uploaded_at=now,
        )


def tell(users: list[Any], problem: Problem, title: str) -> None:
    """Notify (after the commit: call it from perform's notify)."""
    notify(users, title=title % label_params(problem), url=url_of(problem))


def unit_officers(problem: Problem) -> list[Any]:
    from renda.accounts.models import User

    return list(User.objects.filter(role="handler", unit_id=problem.unit_id, is_active=True))


def staff_of(problem: Problem) -> list[Any]:
    from renda.accounts.models import User

    return list(User.objects.filter(role="staff", congress_id=problem.congress_id, is_active=True))
