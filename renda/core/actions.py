"""Writes of the workflow core that pages make: entering a year's holiday notice."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.calendar import forget_notices
from renda.core.models import HolidayDay, HolidayNotice
from renda.core.workflow import ActionForbidden, ActionInvalid


@dataclass(frozen=True)
class NoticeDay:
    date: datetime.date
    kind: str  # HolidayDay.Kind
    name: str = ""


def holiday_notice_save(
    *, year: int, title: str, days: Sequence[NoticeDay], actor: Any
) -> HolidayNotice:
    """Enter or replace a year's holiday notice; its days replace the year's days at once.

    Deadlines computed afterwards use it (WorkingCalendar reads notices before the bundled
    official data), so a correction takes effect for every later deadline.
    """
    if not actor.has_perm("core.enter_holiday_notice"):
        raise ActionForbidden(_("Only the standing committee's staff may enter a holiday notice."))
    title = title.strip()
    if not title:
        raise ActionInvalid(_("The notice needs a title."), field="title")
    if not days:
        raise ActionInvalid(_("Enter at least one day."), field="days")
    dates = [d.date for d in days]
    if any(d.year != year for d in dates):
        raise ActionInvalid(_("Every day must be in %(year)s.") % {"year": year}, field="days")
    if len(set(dates)) != len(dates):
        raise ActionInvalid(_("A date is entered twice."), field="days")
    if any(d.kind not in HolidayDay.Kind.values for d in days):
        raise ActionInvalid(_("A day is neither a holiday nor a make-up workday."), field="days")
    with transaction.atomic():
        notice, created = HolidayNotice.objects.select_for_update().get_or_create(
            year=year, defaults={"title": title, "entered_by": actor}
        )
        if not created:
            notice.title = title
            notice.entered_by = actor
            notice.entered_at = timezone.now()
            notice.save(update_fields=["title", "entered_by", "entered_at"])
        HolidayDay.objects.filter(date__year=year).delete()
        HolidayDay.objects.bulk_create(
            [HolidayDay(notice=notice, date=d.date, kind=d.kind, name=d.name) for d in days]
        )
    forget_notices()
    return notice
