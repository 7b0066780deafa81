"""Home pages per role, notifications, and the holiday calendar."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import Any

import chinese_calendar
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from renda.core.actions import NoticeDay, holiday_notice_save
from renda.core.calendar import WorkingCalendar
from renda.core.deadlines import acts_on, due_info, waiting_for, waits_on
from renda.core.forms import HolidayNoticeForm, days_as_text
from renda.core.http import AuthedRequest
from renda.core.models import Deadline, HolidayDay, HolidayNotice, Notification
from renda.core.navigation import menu_counts as counts_of_menu
from renda.core.navigation import menu_for
from renda.core.notifications import mark_read
from renda.core.pages import paginate
from renda.core.predicates import has_deputyship, has_station, has_unit, is_leader, is_staff
from renda.core.workflow import ActionError
from renda.org import queries as org_queries

HOME_WAITING_LIMIT = 30
HOME_NOTIFICATIONS_LIMIT = 5
NOTIFICATIONS_PER_PAGE = 25
# Years the calendar pages accept in URLs; outside them, 404 rather than a huge grid.
YEAR_RANGE = range(2000, 2101)

# chinesecalendar names its holidays in English; these are shown translated.
OFFICIAL_HOLIDAY_NAMES = {
    "New Year's Day": gettext_lazy("New Year's Day"),
    "Spring Festival": gettext_lazy("Spring Festival"),
    "Tomb-sweeping Day": gettext_lazy("Tomb-sweeping Day"),
    "Labour Day": gettext_lazy("Labour Day"),
    "Dragon Boat Festival": gettext_lazy("Dragon Boat Festival"),
    "Mid-autumn Festival": gettext_lazy("Mid-autumn Festival"),
    "National Day": gettext_lazy("National Day"),
    "Anti-Fascist 70th Day": gettext_lazy("Victory Day (70th anniversary)"),
}


# Column heads of the month grids, Monday first.
WEEKDAY_HEADS = [
    pgettext_lazy("calendar column", "Mo"),
    pgettext_lazy("calendar column", "Tu"),
    pgettext_lazy("calendar column", "We"),
    pgettext_lazy("calendar column", "Th"),
    pgettext_lazy("calendar column", "Fr"),
    pgettext_lazy("calendar column", "Sa"),
    pgettext_lazy("calendar column", "Su"),
]


@dataclass
class WaitingItem:
    deadline: Deadline
    overdue: bool
    days_overdue: int  # working days past the due date (the same count as the overdue boards)
    working_days_left: int | None  # None when overdue or not yet soon
    waits_on: str = ""  # whom it waits for, when the user only follows it (a referred case)

    @property
    def tone(self) -> str:
        if self.overdue:
            return "overdue"
        return "warning" if self.working_days_left is not None else "neutral"


def _waiting(user: Any, today: datetime.date) -> list[WaitingItem]:
    """What this user must act on: overdue first, then by due date, soon-due ones marked."""
    soon = user.congress.setting("soon_due_working_days")
    cal = WorkingCalendar()
    items = []
    found = waiting_for(user).select_related(
        "responsible_unit", "responsible_station", "responsible_user"
    )
    for deadline in found[:HOME_WAITING_LIMIT]:
        due = due_info(deadline.due_date, today, cal)
        assert due is not None
        left = None if due.overdue or due.days > soon else due.days
        item = WaitingItem(deadline, due.overdue, due.days if due.overdue else 0, left)
        if not acts_on(user, deadline):
            item.waits_on = waits_on(deadline)
        items.append(item)
    return items


def _role_summary(user: Any) -> dict[str, Any]:
    """Each role's own cards on the home page, with counts from the rows."""
    if is_staff(user) or is_leader(user):
        return {
            "counts": org_queries.congress_counts(user.congress_id),
            # The standing committee's members see their committee first, under its name.
            "as_member": is_leader(user),
        }
    if has_deputyship(user):
        deputy = org_queries.deputy(user.congress_id, user.deputy_id)
        return {"deputy": deputy, "other_deputyships": org_queries.other_deputyships(deputy)}
    if has_unit(user):
        return {"unit": user.unit, "officers": org_queries.unit_officers(user.unit)}
    if has_station(user):
        station = user.station
        return {"station": station, "station_deputies": org_queries.station_deputies(station)}
    return {}


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        services = [i for i in menu_for(None) if i["name"] != "core:home"]
        public = {"public_services": services, "congress": org_queries.public_congress()}
        return render(request, "core/public_home.html", public)
    if not user.congress_id:
        # A superuser without a role: the admin is their place.
        return render(request, "core/home_no_role.html")
    today = timezone.localdate()
    next_year = today.year + 1
    context: dict[str, Any] = {
        "today": today,
        "waiting": _waiting(user, today),
        "latest_notifications": Notification.objects.filter(recipient=user, read_at__isnull=True)[
            :HOME_NOTIFICATIONS_LIMIT
        ],
        "calendar_missing_year": (
            next_year
            if user.has_perm("core.enter_holiday_notice")
            and WorkingCalendar().coverage(next_year) == "fallback"
            else None
        ),
        **_role_summary(user),
    }
    return render(request, "core/home.html", context)


@login_required
def notifications(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        return _mark_notifications_read(request)
    qs = Notification.objects.filter(recipient=request.user)
    page = paginate(request, qs, NOTIFICATIONS_PER_PAGE)
    return render(request, "core/notifications.html", {"page_obj": page})


def _mark_notifications_read(request: AuthedRequest) -> HttpResponse:
    raw = request.POST.get("id")
    if raw is None:
        count = mark_read(request.user)
        if count:
            messages.success(request, _("All notifications are marked as read."))
    elif raw.isdigit():
        mark_read(request.user, [int(raw)])
    else:
        messages.error(request, _("That notification does not exist."))
    return redirect("core:notifications")


@require_POST
@login_required
def notification_open(request: AuthedRequest, pk: int) -> HttpResponse:
    """Mark one notification read and follow its link."""
    notification = Notification.objects.filter(recipient=request.user, pk=pk).first()
    if notification is None:
        raise Http404(_("That notification does not exist."))
    mark_read(request.user, [pk])
    url = notification.url if notification.url.startswith("/") else ""
    return redirect(url or "core:notifications")


def _year_days(year: int, cal: WorkingCalendar) -> dict[datetime.date, tuple[str, str]]:
    """{date: (kind, name)} for a year: the entered notice, else the official data, else none."""
    coverage = cal.coverage(year)
    if coverage == "notice":
        rows = HolidayDay.objects.filter(date__year=year).values_list("date", "kind", "name")
        return {date: (kind, name) for date, kind, name in rows}
    if coverage == "official":
        days: dict[datetime.date, tuple[str, str]] = {}
        for table, kind in (
            (chinese_calendar.constants.holidays, HolidayDay.Kind.HOLIDAY),
            (chinese_calendar.constants.workdays, HolidayDay.Kind.WORKDAY),
        ):
            for date, name in table.items():
                if date.year == year:
                    days[date] = (kind, str(OFFICIAL_HOLIDAY_NAMES.get(name, name)))
        return dict(sorted(days.items()))
    return {}


def _month_grids(year: int, days: dict[datetime.date, tuple[str, str]]) -> list[dict[str, Any]]:
    months = []
    for month, weeks in enumerate(
        (calendar.Calendar(firstweekday=0).monthdatescalendar(year, m) for m in range(1, 13)),
        start=1,
    ):
        rows = []
        for week in weeks:
            cells = []
            for day in week:
                kind, name = days.get(day, ("", ""))
                classes = []
                if day.month != month:
                    classes.append("other")
                elif kind:
                    classes.append(kind)
                elif day.weekday() >= 5:
                    classes.append("weekend")
                cells.append({"day": day.day, "classes": " ".join(classes), "title": name})
            rows.append(cells)
        months.append({"date": datetime.date(year, month, 1), "weeks": rows})
    return months


def _selected_year(request: HttpRequest, default: int) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and int(raw) in YEAR_RANGE:
        return int(raw)
    return default


@login_required
def calendar_years(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    cal = WorkingCalendar()
    years = list(range(today.year - 1, today.year + 2))
    notices = {
        n.year: n for n in HolidayNotice.objects.filter(year__in=years).select_related("entered_by")
    }
    year = _selected_year(request, today.year)
    days = _year_days(year, cal)
    return render(
        request,
        "core/calendar.html",
        {
            "years": [
                {"year": y, "coverage": cal.coverage(y), "notice": notices.get(y)} for y in years
            ],
            "today": today,
            "year": year,
            "coverage": cal.coverage(year),
            "days": [(date, kind, name) for date, (kind, name) in days.items()],
            "months": _month_grids(year, days),
            "can_enter": request.user.has_perm("core.enter_holiday_notice"),
            "weekday_names": WEEKDAY_HEADS,
        },
    )


@login_required
def holiday_notice(request: AuthedRequest, year: int) -> HttpResponse:
    if not request.user.has_perm("core.enter_holiday_notice"):
        raise PermissionDenied
    if year not in YEAR_RANGE:
        raise Http404
    existing = HolidayNotice.objects.filter(year=year).first()
    if request.method == "POST":
        form = HolidayNoticeForm(request.POST, year=year)
        if form.is_valid():
            try:
                holiday_notice_save(
                    year=year,
                    title=form.cleaned_data["title"],
                    days=form.cleaned_data["days"],
                    actor=request.user,
                )
            except ActionError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(
                    request,
                    _("The holiday notice for %(year)s is saved: deadlines now follow it.")
                    % {"year": year},
                )
                return redirect(f"{reverse('core:calendar')}?year={year}")
    else:
        known_days = _year_days(year, WorkingCalendar())
        known = [NoticeDay(date, kind, name) for date, (kind, name) in known_days.items()]
        form = HolidayNoticeForm(
            year=year,
            initial={"title": existing.title if existing else "", "days": days_as_text(known)},
        )
    return render(
        request,
        "core/holiday_notice.html",
        {"form": form, "year": year, "existing": existing},
    )


@login_required
def menu_counts(request: HttpRequest) -> JsonResponse:
    """What waits at each menu entry, for menu-counts.js to show beside it."""
    response = JsonResponse(counts_of_menu(request.user))
    response["Cache-Control"] = "private, no-store"
    return response
