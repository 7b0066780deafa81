"""The constituents' opinion pages (群众意见建议): recording at a station, the station's,
the unit's and the congress's lists with the staff's Excel export, each opinion's page with
its actions, the public's form and receipt lookup with the rating, and Open311 client keys.

Thin on purpose: who enters a page is a named permission (rules.py), what a user may see
comes from queries.py, what they may do from the workflow (an opinion's page is core's
CasePage), and every write is one function of actions.py (through a form).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.audit.records import shown
from renda.core.calendar import WorkingCalendar
from renda.core.deadlines import DueInfo, due_info
from renda.core.http import AuthedRequest
from renda.core.pages import (
    CasePage,
    capped_count,
    conflict_message,
    filtered,
    page_requires,
    paginate,
    run_action_form,
)
from renda.core.predicates import has_station
from renda.core.receipts import RateLimited, client_ip
from renda.core.replicas import replica_reads
from renda.core.spreadsheets import xlsx_response
from renda.core.workflow import ActionConflict, ActionError, ActionForbidden
from renda.opinions import actions as A
from renda.opinions import forms
from renda.opinions.exports import opinions_workbook
from renda.opinions.forms_public import ScannedOpinionForm
from renda.opinions.models import (
    AnswerKind,
    ApiClientKey,
    ConstituentOpinion,
    OpinionState,
    Rating,
)
from renda.opinions.qrlinks import PARAM
from renda.opinions.queries import (
    filter_opinions,
    keeper_counts,
    opinion_by_receipt,
    opinion_years,
    opinions_visible_to,
    with_due_dates,
    with_opinion_data,
)
from renda.opinions.reading import answer_check
from renda.opinions.rows import register_rows
from renda.opinions.workflow import FINISHED, KEEPER_TODO, OPINION, rateable
from renda.org.models import Congress, ContactStation, HandlingUnit, Level

PER_PAGE = 50
# The constituent's own opinion in this browser: set on submitting and on a lookup.
RECEIPT_SESSION_KEY = "stations_opinion_receipt"
RATING_TONES = {Rating.SATISFIED: "success", Rating.BASIC: "info", Rating.DISSATISFIED: "danger"}
ANSWER_TONES = {
    AnswerKind.SOLVED: "success",
    AnswerKind.PLANNED: "info",
    AnswerKind.EXPLAINED: "neutral",
}


# --- helpers ---------------------------------------------------------------------------------


def _due_info(day: datetime.date | None, cal: WorkingCalendar) -> DueInfo | None:
    return due_info(day, timezone.localdate(), cal)


def _mark_rows(rows: list[ConstituentOpinion]) -> list[ConstituentOpinion]:
    """Each row's due date (with_due_dates) as DueInfo."""
    cal = WorkingCalendar()
    for o in rows:
        o.due_info = _due_info(o.due, cal)  # type: ignore[attr-defined]
    return rows


def _list_page(
    request: HttpRequest,
    template: str,
    qs: QuerySet[ConstituentOpinion],
    *,
    write_rows: Callable[[list[ConstituentOpinion]], list[SafeString]] | None = None,
    capped: bool = False,
    **context: Any,
) -> HttpResponse:
    count = None
    if capped:  # counted no further than the pages go (a congress's whole history: 1M rows)
        count, context["more_rows"] = capped_count(qs)
    page = paginate(request, qs, PER_PAGE, count=count)
    marked = _mark_rows(list(page.object_list))
    if write_rows is not None:  # rows written in Python (rows.py), not by the template
        context["rows"] = write_rows(marked)
    return render(
        request,
        f"opinions/{template}",
        {"page_obj": page, "filtered": filtered(request), **context},
    )


# --- a station's operator: record, and the station's list ----------------------------------------


def _open_stations(congress_id: int) -> list[ContactStation]:
    return list(
        ContactStation.objects.filter(congress_id=congress_id, closed_on__isnull=True)
        .select_related("area", "congress")
        .order_by("area__code", "name")
    )


@page_requires("opinions.record_opinion")
def opinion_record(request: AuthedRequest) -> HttpResponse:
    """记录群众意见: the reception desk's form; resolved on the spot in the same step, or left
    recorded to refer later. After each one, the receipt code to hand to the constituent."""
    user: Any = request.user
    # An operator records at their own station; staff choose one of the congress's.
    is_operator = has_station(user)
    stations = None if is_operator else _open_stations(user.congress_id)
    own = user.station if is_operator else None
    form = forms.RecordForm(request.POST or None, user=user, own_station=own, stations=stations)

    def page() -> HttpResponse:
        done = None
        shown = request.GET.get("done", "")[:18]
        if shown.isascii() and shown.isdigit():
            done = opinions_visible_to(user).filter(pk=int(shown)).first()
        context = {"form": form, "done": done, "station": own}
        # Refused: the form again as typed, with why beside the field (422, as every page).
        return render(request, "opinions/record.html", context, status=422 if form.errors else 200)

    def conflict(error: ActionError) -> HttpResponse:
        form.add_error(None, str(error.message))
        return page()

    if request.method != "POST":
        return page()
    # On to the receipt code to hand over, with the form empty for the next one.
    response = run_action_form(
        request,
        form,
        done=lambda o: f"{reverse('opinions:opinion_record')}?done={o.pk}",
        conflict=conflict,
    )
    return response or page()


@page_requires("opinions.view_station_opinions")
def opinion_station_list(request: AuthedRequest) -> HttpResponse:
    """The station's opinions: what waits for the operator first (to resolve, refer or
    dismiss; to tell the constituent and close), overdue ones marked."""
    user: Any = request.user
    base = with_due_dates(opinions_visible_to(user))
    form = forms.StationFilterForm(request.GET or None)
    found = filter_opinions(base, reader=user, **form.values(), search_receipt=True)
    qs = with_opinion_data(found.rows).order_by(
        Case(
            When(state__in=KEEPER_TODO, then=Value(0)),
            When(state=OpinionState.REFERRED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        F("due").asc(nulls_last=True),
        "-received_at",
        "-id",
    )
    return _list_page(
        request,
        "station_list.html",
        qs,
        form=form,
        station=user.station,
        counts=keeper_counts(base),
        show_contact=True,
        capped_note=found.note,
    )


# --- a handling unit ------------------------------------------------------------------------------


@page_requires("opinions.view_unit_opinions")
def opinion_unit_list(request: AuthedRequest) -> HttpResponse:
    """Opinions referred to the unit: those still to answer first, the earliest due first."""
    user: Any = request.user
    base = with_due_dates(opinions_visible_to(user))
    form = forms.UnitFilterForm(request.GET or None)
    values = form.values()
    show_all = values.pop("show", "open") == "all"
    overdue = values.pop("overdue", None)
    found = filter_opinions(base, reader=user, **values)
    qs = found.rows
    if not show_all:
        qs = qs.filter(state=OpinionState.REFERRED)
    if overdue is not None:  # the unit's own lateness: its answer, not the station's telling
        late = Q(state=OpinionState.REFERRED, answer_due__lt=timezone.localdate())
        qs = qs.filter(late) if overdue else qs.exclude(late)
    qs = with_opinion_data(qs).order_by(
        Case(When(state=OpinionState.REFERRED, then=Value(0)), default=Value(1)),
        F("answer_due").asc(nulls_last=True),
        "-received_at",
        "-id",
    )
    return _list_page(
        request,
        "unit_list.html",
        qs,
        form=form,
        unit=user.unit,
        counts=keeper_counts(base),
        capped_note=found.note,
    )


# --- staff and leaders: every opinion of the congress, and the export ---------------------------


@dataclass
class Register:
    """The congress's opinions as the filter bar asks, for the page and its export."""

    form: forms.RegisterFilterForm
    base: QuerySet[ConstituentOpinion]  # every opinion the user may see, with due dates
    rows: QuerySet[ConstituentOpinion]  # filtered and sorted
    sort: str
    capped_note: str  # the words matched more than the rows hold (engine.listed)


def _contact_shown(user: Any, case: ConstituentOpinion) -> bool:
    show = bool(user.has_perm("opinions.view_opinion_contact", case))
    if show and (case.contact_name or case.contact_phone or case.contact_email):
        shown(case, "contact")  # the audit trail notes who read the constituent's contact
    return show


def _register(request: AuthedRequest, user: Any) -> Register:
    base = with_due_dates(opinions_visible_to(user))
    # The receipt code is searched only by those who may read it.
    search_receipt = rules.has_perm("opinions.view_opinion_contact", user)
    form = forms.RegisterFilterForm(
        request.GET or None,
        stations=list(
            ContactStation.objects.filter(congress_id=user.congress_id).order_by(
                "area__code", "name"
            )
        ),
        units=list(
            HandlingUnit.objects.filter(congress_id=user.congress_id).order_by("kind", "name")
        ),
        years=opinion_years(base),
        search_receipt=search_receipt,
    )
    values = form.values()
    sort = values.pop("sort", None) or "-received"
    found = filter_opinions(base, reader=user, **values, search_receipt=search_receipt)
    rows = with_opinion_data(found.rows).order_by(*forms.REGISTER_SORTS[sort])
    return Register(form, base, rows, sort, found.note)


@page_requires("opinions.view_register")
@replica_reads
def opinions(request: AuthedRequest) -> HttpResponse:
    """群众意见建议: every opinion of the congress, filtered, sorted, paged; staff export it."""
    user: Any = request.user
    register = _register(request, user)
    export = ""
    if rules.has_perm("opinions.export_opinions", user):
        export = f"{reverse('opinions:opinion_export')}?{request.GET.urlencode()}"
    return _list_page(
        request,
        "register.html",
        register.rows,
        form=register.form,
        sort=register.sort,
        counts=keeper_counts(register.base),
        write_rows=register_rows,
        capped=True,
        export_url=export,
        congress=user.congress,
        capped_note=register.capped_note,
    )


@page_requires("opinions.export_opinions")
def opinion_export(request: AuthedRequest) -> HttpResponse:
    """The filtered list as Excel, with the constituents' contact details (staff only)."""
    user: Any = request.user
    register = _register(request, user)
    data = opinions_workbook(
        register.rows, congress=user.congress, filters=register.form, note=register.capped_note
    )
    today = timezone.localdate().isoformat()
    name = _("%(congress)s constituents' opinions %(date)s") % {
        "congress": user.congress.short_name,
        "date": today,
    }
    return xlsx_response(data, name, f"constituent-opinions-{today}")


# --- one opinion: its page and its actions (core.pages.CasePage) ------------------------------


def _units_for(opinion: ConstituentOpinion) -> list[HandlingUnit]:
    return list(
        HandlingUnit.objects.filter(congress_id=opinion.congress_id, active=True).order_by(
            "kind", "name"
        )
    )


def _back_link(user: Any) -> tuple[str, str]:
    """The list the user came from: their station's, their unit's, or the congress's."""
    if rules.has_perm("opinions.view_station_opinions", user):
        return reverse("opinions:opinion_station"), _("Station opinions")
    if rules.has_perm("opinions.view_unit_opinions", user):
        return reverse("opinions:opinion_unit"), _("Referred opinions")
    return reverse("opinions:opinions"), _("Constituents' opinions")


class OpinionPage(CasePage):
    """An opinion, what was answered and told, and the forms of the steps this user may take
    now; the constituent rates by the receipt code, not here."""

    workflow = OPINION
    template = "opinions/detail.html"
    url_name = "opinions:opinion"
    act_url_name = "opinions:opinion_act"
    case_name = "o"
    without = frozenset({"rate"})

    def find(self, user: Any, pk: int) -> ConstituentOpinion | None:
        visible = with_due_dates(with_opinion_data(opinions_visible_to(user)))
        return visible.filter(pk=pk).first()

    def form_context(self, case: ConstituentOpinion, user: Any) -> dict[str, Any]:
        # The units to refer to, read once, only where referring is offered.
        offered = {t.action for t in self.workflow.available(user, case)}
        return {"units": _units_for(case) if "refer" in offered else []}

    def context(self, request: AuthedRequest, case: ConstituentOpinion) -> dict[str, Any]:
        cal = WorkingCalendar()
        return {
            "rating_tone": RATING_TONES.get(case.rating, "neutral"),  # type: ignore[call-overload]
            "answer_tone": ANSWER_TONES.get(case.answer_kind, "neutral"),  # type: ignore[call-overload]
            "show_contact": _contact_shown(request.user, case),
            "answer_due": _due_info(case.answer_due, cal)
            if case.state == OpinionState.REFERRED
            else None,
            "tell_due": _due_info(case.tell_due, cal)  # type: ignore[attr-defined]
            if case.state == OpinionState.ANSWERED
            else None,
            "finished": case.state in FINISHED,
            "back": _back_link(request.user),
            "reading_check": answer_check(request.user, case),  # renda.reading
            "photos": list(case.photos.all())
            if rules.has_perm("opinions.view_opinion_photos", request.user, case)
            else [],
        }


page = OpinionPage()


# --- the public: submit, the receipt, follow and rate ---------------------------------------------


def _receiving_congresses() -> list[Congress]:
    """Congresses that take the public's opinions: those with an open contact station, else
    the cities."""
    open_station = ContactStation.objects.filter(congress_id=OuterRef("pk"), closed_on=None)
    found = list(Congress.objects.filter(Exists(open_station)).order_by("level", "code"))
    return found or list(Congress.objects.filter(level=Level.CITY).order_by("code"))


def public_opinion_submit(request: HttpRequest) -> HttpResponse:
    """提交意见建议: anyone, without an account; a receipt code follows it."""
    congresses = _receiving_congresses()
    stations = list(
        ContactStation.objects.filter(congress__in=congresses, closed_on__isnull=True)
        .select_related("area", "congress")
        .order_by("congress__code", "area__code", "name")
    )
    form = ScannedOpinionForm(
        request.POST or None,
        request.FILES or None,
        congresses=congresses,
        stations=stations,
        token=request.GET.get(PARAM, ""),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            opinion = A.opinion_submit_online(
                congress=form.chosen_congress(),
                category=d["category"],
                content=d["content"],
                client_ip=client_ip(request),
                constituent=form.constituent(),
                place=A.Place(address=d["place"]),
                station=form.chosen_station(),
                **form.submission(),
                sms_opt_in=d["sms_opt_in"],
            )
        except RateLimited as error:
            # Nothing stored; what was typed stays in the form.
            form.add_error(None, str(error.message))
            status = 429
        except ActionError as error:
            form.add_action_error(error)
            status = 422
        else:
            request.session[RECEIPT_SESSION_KEY] = opinion.receipt_code
            return redirect("opinions:public_opinion_submitted")
    elif request.method == "POST":
        status = 422
    return render(
        request,
        "opinions/public/submit.html",
        {"form": form, "open": bool(congresses), "scanned": form.scanned},
        status=status,
    )


def _session_opinion(request: HttpRequest) -> ConstituentOpinion | None:
    code = request.session.get(RECEIPT_SESSION_KEY, "")
    return opinion_by_receipt(code) if code else None


def public_opinion_submitted(request: HttpRequest) -> HttpResponse:
    """After submitting: the receipt code, to keep."""
    opinion = _session_opinion(request)
    if opinion is None:
        return redirect("opinions:public_opinion_track")
    return render(request, "opinions/public/submitted.html", {"o": opinion})


def _track_page(
    request: HttpRequest,
    *,
    form: forms.ReceiptForm,
    opinion: ConstituentOpinion | None,
    looked_up: bool = False,
    rating_form: forms.RatingForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_rate = opinion is not None and rateable(opinion)
    context = {
        "form": form,
        "o": opinion,
        "looked_up": looked_up,
        "can_rate": can_rate,
        "rating_form": rating_form or (forms.RatingForm() if can_rate else None),
    }
    return render(request, "opinions/public/track.html", context, status=status)


def public_opinion_track(request: HttpRequest) -> HttpResponse:
    """查询办理情况: follow one's opinion by its receipt code. The code is posted, so it stays
    out of addresses and logs; a wrong or malformed one finds nothing, and says only that."""
    if request.method == "POST" and "forget" in request.POST:
        request.session.pop(RECEIPT_SESSION_KEY, None)
        return redirect("opinions:public_opinion_track")
    if request.method != "POST":
        return _track_page(request, form=forms.ReceiptForm(), opinion=_session_opinion(request))
    form = forms.ReceiptForm(request.POST)
    if not form.is_valid():
        return _track_page(request, form=form, opinion=None)
    opinion = opinion_by_receipt(form.cleaned_data["code"][:40])
    if opinion is None:
        return _track_page(
            request, form=forms.ReceiptForm(), opinion=None, looked_up=True, status=404
        )
    request.session[RECEIPT_SESSION_KEY] = opinion.receipt_code
    return _track_page(request, form=forms.ReceiptForm(), opinion=opinion, looked_up=True)


@require_POST
def public_opinion_rate(request: HttpRequest) -> HttpResponse:
    """The constituent rates the outcome once, for the opinion they looked up."""
    opinion = _session_opinion(request)
    if opinion is None:
        messages.error(request, _("Enter your receipt code first."))
        return redirect("opinions:public_opinion_track")
    form = forms.RatingForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            A.opinion_rate(opinion=opinion, rating=d["rating"], comment=d["comment"])
        except ActionConflict as error:
            messages.error(request, conflict_message(error))
            return redirect("opinions:public_opinion_track")
        except ActionError as error:
            form.add_action_error(error)
        else:
            messages.success(request, str(OPINION.transition("rate").done))
            return redirect("opinions:public_opinion_track")
    return _track_page(
        request, form=forms.ReceiptForm(), opinion=opinion, rating_form=form, status=422
    )


# --- Open311 client keys (staff) ----------------------------------------------------------------


@page_requires("opinions.manage_keys")
def keys(request: AuthedRequest) -> HttpResponse:
    """Open311 client keys: the list, and issuing one (its secret shown once, here)."""
    user: Any = request.user
    stations = _open_stations(user.congress_id)
    form = forms.KeyIssueForm(request.POST or None, stations=stations)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            row, secret = A.client_key_issue(
                actor=user,
                congress=user.congress,
                name=form.cleaned_data["name"],
                station=form.chosen_station(),
            )
        except ActionForbidden:
            raise PermissionDenied from None
        except ActionError as error:
            form.add_action_error(error)
        else:
            issued = {"key": row, "secret": secret}
            form = forms.KeyIssueForm(stations=stations)
    rows = (
        ApiClientKey.objects.filter(congress_id=user.congress_id)
        .select_related("station", "created_by")
        .order_by("-active", "name", "id")
    )
    response = render(
        request,
        "opinions/keys.html",
        {
            "form": form,
            "rows": rows,
            "issued": issued,
            "services_url": reverse("open311:services", kwargs={"fmt": "json"}),
            "jurisdiction": user.congress.code,
        },
        status=201 if issued else (422 if form.errors else 200),
    )
    response["Cache-Control"] = "no-store"  # the secret must not stay in a cache
    return response


@page_requires("opinions.manage_keys")
def key_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    """Revoke a key after confirming: apps using it can no longer send."""
    user: Any = request.user
    key = ApiClientKey.objects.filter(congress_id=user.congress_id, pk=pk).first()
    if key is None:
        raise Http404(_("No such key."))
    if request.method == "POST":
        A.client_key_revoke(key=key, actor=user)
        messages.success(request, _("The key “%(name)s” is revoked.") % {"name": key.name})
        return redirect("opinions:keys")
    return render(request, "opinions/key_revoke.html", {"key": key})
