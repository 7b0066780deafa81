"""Deadlines on cases: who must act by when, and `renda remind`'s scan of them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.core.calendar import WorkingCalendar
from renda.core.models import Deadline
from renda.core.notifications import notify
from renda.core.predicates import has_role, is_handler, is_station
from renda.core.settings_registry import Setting, register_settings
from renda.core.workflow import record_event, run_scheduled

# How long before a deadline its responsible users are warned (core's own rule).
register_settings(
    [
        Setting(
            "soon_due_working_days",
            3,
            gettext_lazy("Working days before a deadline that a warning is sent"),
        )
    ]
)


@dataclass
class DueInfo:
    """A due date seen from today, counted in working days by the one calendar (never in
    calendar days, so that every page says the same number for the same case)."""

    date: datetime.date
    overdue: bool
    days: int  # working days left, or working days past the date


def due_info(
    day: datetime.date | None, today: datetime.date, cal: WorkingCalendar | None = None
) -> DueInfo | None:
    """`day` seen from `today`; pass the request's calendar when computing many."""
    if day is None:
        return None
    cal = cal or WorkingCalendar()
    if day < today:
        return DueInfo(day, True, cal.working_days_between(day, today))
    return DueInfo(day, False, cal.working_days_between(today, day))


def set_deadline(
    *,
    case: models.Model,
    kind: str,
    label: str,
    due_date: datetime.date,
    params: dict[str, Any] | None = None,
    url: str = "",
    user: Any = None,
    unit: Any = None,
    station: Any = None,
    role: str = "",
) -> Deadline:
    """Open a deadline on a case (closing any open one of the same kind first).

    `label` is the untranslated message (mark it with gettext_noop) and `params` its values:
    each viewer reads it in their own language.
    """
    close_deadlines(case=case, kind=kind)
    return Deadline.objects.create(
        congress_id=case.congress_id,  # type: ignore[attr-defined]
        content_type=ContentType.objects.get_for_model(type(case)),
        object_id=case.pk,
        kind=kind,
        what=str(label),
        params=params or {},
        url=url,
        due_date=due_date,
        responsible_user=user,
        responsible_unit=unit,
        responsible_station=station,
        responsible_role=role,
    )


def close_deadlines(
    *, case: models.Model, kind: str | None = None, kind_prefix: str | None = None
) -> int:
    """Close a case's open deadlines: all, one kind, or the kinds starting with a prefix."""
    qs = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(type(case)),
        object_id=case.pk,
        closed_at__isnull=True,
    )
    if kind is not None:
        qs = qs.filter(kind=kind)
    if kind_prefix is not None:
        qs = qs.filter(kind__startswith=kind_prefix)
    return qs.update(closed_at=timezone.now())


def responsible_users(deadline: Deadline) -> QuerySet[Any]:
    User = get_user_model()
    who = Q(pk__in=[])
    if deadline.responsible_user_id:
        who |= Q(pk=deadline.responsible_user_id)
    if deadline.responsible_unit_id:
        who |= Q(role="handler", unit_id=deadline.responsible_unit_id)
    if deadline.responsible_station_id:
        who |= Q(role="station", station_id=deadline.responsible_station_id)
    if deadline.responsible_role:
        who |= Q(role=deadline.responsible_role)
    return User.objects.filter(who, congress_id=deadline.congress_id, is_active=True)


def waiting_for(user: Any) -> QuerySet[Deadline]:
    """Open deadlines this user must act on, overdue first (they have the earliest dates)."""
    if not user.is_authenticated or not user.congress_id:
        return Deadline.objects.none()
    who = Q(responsible_user=user)
    if has_role(user):  # a user without a role must not match the deadlines that name no role
        who |= Q(responsible_role=user.role)
    if is_handler(user) and user.unit_id:
        who |= Q(responsible_unit_id=user.unit_id)
    if is_station(user) and user.station_id:
        who |= Q(responsible_station_id=user.station_id)
    return (
        Deadline.objects.filter(who, congress_id=user.congress_id, closed_at__isnull=True)
        .select_related("content_type")
        .order_by("due_date", "id")
    )


def acts_on(user: Any, deadline: Deadline) -> bool:
    """Whether `user` is the one to act by this deadline. A deadline that names a unit, a
    station or a user and also a role (staff following a referred case) waits for the one it
    names: the role only watches it and is warned, but has nothing to do on the case."""
    if deadline.responsible_user_id == user.pk:
        return True
    if deadline.responsible_unit_id and deadline.responsible_unit_id == user.unit_id:
        return is_handler(user)
    if deadline.responsible_station_id and deadline.responsible_station_id == user.station_id:
        return is_station(user)
    named = (
        deadline.responsible_user_id
        or deadline.responsible_unit_id
        or deadline.responsible_station_id
    )
    return not named and bool(deadline.responsible_role) and deadline.responsible_role == user.role


def waits_on(deadline: Deadline) -> str:
    """Who a deadline waits for, by name: its unit, station or user (empty for a role)."""
    for who in (deadline.responsible_unit, deadline.responsible_station):
        if who is not None:
            return str(who.name)
    if deadline.responsible_user is not None:
        return str(deadline.responsible_user.display_name)
    return ""


@dataclass
class RemindResult:
    soon: int = 0
    overdue: int = 0
    notified: int = 0
    system: int = 0  # system transitions taken (windows closed when they ended, …)


def remind(*, today: datetime.date | None = None) -> RemindResult:
    """Take the system transitions that are due, then warn once about each deadline soon due
    and once about each overdue one.

    Idempotent: each warning is claimed by a conditional update, so running it twice, or
    on two machines at once, warns once.
    """
    today = today or timezone.localdate()
    cal = WorkingCalendar()
    # First what the declarations schedule (a consultation whose window ended closes), so
    # that nobody is warned about a deadline the system has just made moot.
    result = RemindResult(system=run_scheduled(today))
    open_deadlines = Deadline.objects.filter(closed_at__isnull=True).select_related("congress")
    for deadline in open_deadlines.filter(overdue_warned_at__isnull=True, due_date__lt=today):
        notified = _claim_and_warn(deadline, overdue=True, today=today, cal=cal)
        if notified is not None:
            result.overdue += 1
            result.notified += notified
    for deadline in open_deadlines.filter(
        soon_warned_at__isnull=True, overdue_warned_at__isnull=True, due_date__gte=today
    ):
        days_left = cal.working_days_between(today, deadline.due_date)
        if days_left > deadline.congress.setting("soon_due_working_days"):
            continue
        notified = _claim_and_warn(deadline, overdue=False, today=today, cal=cal)
        if notified is not None:
            result.soon += 1
            result.notified += notified
    return result


def _claim_and_warn(
    deadline: Deadline, *, overdue: bool, today: datetime.date, cal: WorkingCalendar
) -> int | None:
    """Claim the warning and give it in one transaction: a warning that fails is not lost.

    Returns how many users were notified, or None when another run claimed it first or the
    deadline was closed meanwhile.
    """
    field = "overdue_warned_at" if overdue else "soon_warned_at"
    with transaction.atomic():
        claimed = Deadline.objects.filter(
            pk=deadline.pk, closed_at__isnull=True, **{f"{field}__isnull": True}
        ).update(**{field: timezone.now()})
        if not claimed:
            return None
        return _warn(deadline, overdue=overdue, today=today, cal=cal)


def _warn(deadline: Deadline, *, overdue: bool, today: datetime.date, cal: WorkingCalendar) -> int:
    users = list(responsible_users(deadline))
    if overdue:
        title = _("Overdue: %(label)s (due %(date)s)") % {
            "label": deadline.label,
            "date": deadline.due_date.isoformat(),
        }
        days = cal.working_days_between(deadline.due_date, today)
        body = _("%(days)s working day(s) past the deadline.") % {"days": days}
    else:
        title = _("Due soon: %(label)s (due %(date)s)") % {
            "label": deadline.label,
            "date": deadline.due_date.isoformat(),
        }
        days = cal.working_days_between(today, deadline.due_date)
        body = _("%(days)s working day(s) left.") % {"days": days}
    # Inside _claim_and_warn's transaction: the event and the claim commit together.
    case = deadline.case
    if case is not None:
        record_event(
            case=case,
            action="remind.overdue" if overdue else "remind.soon",
            actor=None,
            comment=title,
            data={"deadline": deadline.kind, "due_date": deadline.due_date.isoformat()},
        )
    transaction.on_commit(
        lambda: notify(users, title=title, body=body, url=deadline.url, kind="deadline"),
        robust=True,
    )
    return len(users)
