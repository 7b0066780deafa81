"""The petition pages for the petitions office (the register, registering, the overdue board,
the export), leaders (key cases), handling units (what was sent to them), deputies (what was
passed to their station) and each petition's own page with its timeline and action forms.

Thin on purpose: who sees what comes from queries (the rules' scope), what they may do from
the declaration, and every write from one function of actions (through a form). Who petitioned
is shown to the petitions office only, masked everywhere else."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.core.calendar import WorkingCalendar
from renda.core.deadlines import due_info
from renda.core.http import AuthedRequest, acting_congress, acting_congress_id
from renda.core.pages import CasePage, filtered, page_requires, paginate
from renda.core.spreadsheets import xlsx_response
from renda.core.workflow import ActionError, ActionForbidden
from renda.petitions import actions as A
from renda.petitions import exports
from renda.petitions.forms import RegisterFilterForm, RegisterForm, ShowFilterForm, chosen_area
from renda.petitions.identity import people_shown
from renda.petitions.models import Petition, PetitionState
from renda.petitions.queries import (
    filter_list,
    open_petitions,
    overdue_filter,
    visible_to,
    with_detail_data,
    with_list_data,
    with_register_data,
)
from renda.petitions.rows import register_rows
from renda.petitions.workflow import OPEN, PETITION, REVIEWABLE
from renda.search.engine import Filtered

PER_PAGE = 30
S = PetitionState


@dataclass
class Due:
    """What is due on a petition now. The date is the 条例's (calendar days from the step);
    the days left or past are counted in working days, as on every other page."""

    what: str
    date: datetime.date
    overdue: bool
    days: int


def due_of(p: Petition, today: datetime.date, cal: WorkingCalendar | None = None) -> Due | None:
    pairs = {
        S.RECEIVED: (_("To decide"), p.accept_due),
        S.HANDLING: (_("To answer"), p.answer_due),
        S.REVIEW_REQUESTED: (_("Review to answer"), p.review_due),
    }
    what, day = pairs.get(S(p.state), ("", None))
    seen = due_info(day, today, cal)
    if seen is None:
        return None
    return Due(what=what, date=seen.date, overdue=seen.overdue, days=seen.days)


def _mark(rows: list[Petition], today: datetime.date) -> list[Petition]:
    cal = WorkingCalendar()
    for p in rows:
        p.due = due_of(p, today, cal)  # type: ignore[attr-defined]
    return rows


def _open_first(qs: Any) -> Any:
    return qs.annotate(
        is_open=Case(
            When(state__in=OPEN, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    )


# --- the petitions office ------------------------------------------------------------------


def _register_rows(request: AuthedRequest) -> tuple[RegisterFilterForm, Filtered[Petition]]:
    form = RegisterFilterForm(request.GET or None)
    found = filter_list(
        visible_to(request.user), reader=request.user, today=timezone.localdate(), **form.values()
    )
    return form, Filtered(found.rows.order_by("-received_at", "-id"), found.capped)


@page_requires("petitions.manage")
def register(request: AuthedRequest) -> HttpResponse:
    """信访登记簿: every petition of the congress, with who petitioned."""
    form, found = _register_rows(request)
    # What a row shows (rows.register_rows), not every column.
    qs = with_register_data(found.rows)
    today = timezone.localdate()
    page = paginate(request, qs, PER_PAGE)
    rows = _mark(list(page.object_list), today)
    return render(
        request,
        "petitions/register.html",
        {
            "form": form,
            "page_obj": page,
            "rows": register_rows(rows),
            "filtered": filtered(request),
            "today": today,
            "capped_note": found.note,
        },
    )


@page_requires("petitions.manage")
def register_export(request: AuthedRequest) -> HttpResponse:
    """The register as the filter shows it, with the petitioners (the office's own)."""
    _form, found = _register_rows(request)
    congress = acting_congress(request)
    data = exports.register_sheet(with_list_data(found.rows), congress=congress, note=found.note)
    name = _("%(congress)s petitions") % {"congress": congress.short_name}
    return xlsx_response(data, name, "petitions")


@page_requires("petitions.manage")
def petition_new(request: AuthedRequest) -> HttpResponse:
    """登记: a letter, a visit or a call."""
    user = request.user
    form = RegisterForm(request.POST or None, congress_id=acting_congress_id(request))
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            d = form.cleaned_data
            try:
                petition = A.petition_register(
                    actor=user,
                    channel=d["channel"],
                    received_at=d["received_at"],
                    title=d["title"],
                    content=d["content"],
                    category=d["category"],
                    petitioners=form.petitioners(),
                    people=d["people"],
                    area=chosen_area(form),
                    place=d["place"],
                )
            except ActionForbidden:
                raise PermissionDenied from None
            except ActionError as error:
                form.add_action_error(error)
            else:
                messages.success(
                    request,
                    _("Registered as %(number)s; the receipt code for the petitioner: %(code)s")
                    % {
                        "number": f"{petition.year}-{petition.number:03d}",
                        "code": petition.receipt_code,
                    },
                )
                return redirect("petitions:petition", pk=petition.pk)
    return render(request, "petitions/new.html", {"form": form}, status=status)


@dataclass
class Board:
    """The overdue board (超期预警): what is past its date or due within the warning days."""

    soon_days: int
    decide: list[Petition] = field(default_factory=list)
    answer: list[Petition] = field(default_factory=list)
    review: list[Petition] = field(default_factory=list)


@page_requires("petitions.view_overdue")
def overdue_board(request: AuthedRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    congress = acting_congress(request)
    soon = congress.setting("soon_due_working_days")
    horizon = WorkingCalendar().add_working_days(today, soon + 1)
    near = overdue_filter(horizon)  # past the horizon's day: overdue or soon due
    rows = _mark(
        list(
            with_list_data(open_petitions(visible_to(user)).filter(near)).order_by(
                "accept_due", "answer_due", "review_due", "id"
            )
        ),
        today,
    )
    board = Board(soon_days=soon)
    for p in rows:
        {S.RECEIVED: board.decide, S.HANDLING: board.answer}.get(S(p.state), board.review).append(p)
    for group in (board.decide, board.answer, board.review):
        group.sort(key=lambda p: p.due.date)  # type: ignore[attr-defined]
    return render(
        request,
        "petitions/overdue.html",
        {"board": board, "today": today, "overdue": sum(p.due.overdue for p in rows)},  # type: ignore[attr-defined]
    )


# --- leaders, units, deputies --------------------------------------------------------------


def _list(
    request: AuthedRequest, qs: Any, template: str, extra: dict[str, Any] | None = None
) -> HttpResponse:
    form = ShowFilterForm(request.GET or None)
    v = form.values()
    if v.get("show") != "all":
        qs = open_petitions(qs)
    if v.get("year"):
        qs = qs.filter(year=v["year"])
    today = timezone.localdate()
    page = paginate(request, qs, PER_PAGE)
    _mark(list(page.object_list), today)
    context = {"form": form, "page_obj": page, "filtered": filtered(request), "today": today}
    return render(request, f"petitions/{template}", {**context, **(extra or {})})


@page_requires("petitions.view_key")
def key_petitions(request: AuthedRequest) -> HttpResponse:
    """督办: the key cases; a leader's own first, those waiting for an instruction marked."""
    user = request.user
    qs = with_list_data(visible_to(user).filter(is_key=True)).prefetch_related("instructions")
    qs = _open_first(qs).annotate(
        mine=Case(
            When(supervisor_id=user.pk, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    return _list(request, qs.order_by("-mine", "-is_open", "-received_at", "-id"), "key.html")


@page_requires("petitions.view_unit")
def unit_petitions(request: AuthedRequest) -> HttpResponse:
    """What was forwarded or assigned to the unit: what it owes first, the earliest due first."""
    qs = with_list_data(visible_to(request.user))
    qs = _open_first(qs).order_by("-is_open", "answer_due", "-received_at", "id")
    return _list(request, qs, "unit.html", {"unit": request.user.unit})


@page_requires("petitions.view_station")
def station_petitions(request: AuthedRequest) -> HttpResponse:
    """Petitions from the deputy's constituency, passed to their contact station."""
    qs = with_list_data(visible_to(request.user)).prefetch_related("follow_ups")
    qs = _open_first(qs).order_by("-is_open", "-received_at", "-id")
    return _list(request, qs, "station.html")


# --- one petition --------------------------------------------------------------------------


class PetitionPage(CasePage):
    workflow = PETITION
    template = "petitions/petition.html"
    url_name = "petitions:petition"
    act_url_name = "petitions:act"
    case_name = "p"
    not_found = gettext_lazy("No such petition, or not one you may see.")

    def find(self, user: Any, pk: int) -> Petition | None:
        return with_detail_data(visible_to(user)).filter(pk=pk).first()

    def context(self, request: AuthedRequest, p: Petition) -> dict[str, Any]:
        user = request.user
        identity, people = people_shown(p, user)
        return {
            "people": people,
            "identity": identity,
            "due": due_of(p, timezone.localdate()),
            "reviewable": p.state in REVIEWABLE,
            "back": _back(user),
        }


def _back(user: Any) -> tuple[str, str]:
    if user.has_perm("petitions.manage"):
        return reverse("petitions:register"), _("Petitions")
    if user.has_perm("petitions.view_unit"):
        return reverse("petitions:unit"), _("Petitions to answer")
    if user.has_perm("petitions.view_key"):
        return reverse("petitions:key"), _("Key petitions")
    return reverse("petitions:station"), _("Petitions from my constituency")


page = PetitionPage()
