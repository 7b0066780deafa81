"""The suggestion case pages: each suggestion's page and its actions, deputies' and handlers'
lists, writing a suggestion or motion, and the public's search of published replies.

Thin on purpose: what a user may see comes from queries.visible_to / published, what they may
do from the workflow, and every write from one function of actions.py (through a form).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    DateField,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.audit.records import shown
from renda.core.calendar import WorkingCalendar
from renda.core.deadlines import waiting_for
from renda.core.http import AuthedRequest, acting_congress_id
from renda.core.models import Deadline
from renda.core.pages import CasePage, filtered, page_requires, paginate
from renda.core.workflow import ActionForbidden, ActionInvalid
from renda.org.models import HandlingUnit
from renda.routing.proposals import SIMILAR_THRESHOLD, similar_cases
from renda.suggestions.forms import (
    ActionContext,
    MotionForm,
    MyFilterForm,
    PublicFilterForm,
    SuggestionForm,
    UnitFilterForm,
)
from renda.suggestions.models import Assignment, Attachment, Reply, Suggestion
from renda.suggestions.queries import (
    contact_recorded,
    filter_list,
    published,
    visible_to,
    with_detail_data,
    with_list_data,
)
from renda.suggestions.reading import reply_checks
from renda.suggestions.workflow import HANDLING, SUGGESTION

PER_PAGE = 30
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# What the deputy's open deadlines on a suggestion ask of them, by the deadline's kind.
WAITING_LABELS = {
    "cosign": gettext_lazy("To confirm"),
    "resubmit": gettext_lazy("To revise"),
    "evaluate": gettext_lazy("To evaluate"),
}


def _first_year(qs: QuerySet[Suggestion]) -> int | None:
    return qs.aggregate(first=Min("year"))["first"]


def _ordered(qs: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    return qs.order_by("-year", "-submitted_at", "-id")


@dataclass
class DueInfo:
    """A due date seen from today, in working days."""

    date: datetime.date
    overdue: bool
    days: int  # working days left, or past the date


def due_info(
    day: datetime.date | None, today: datetime.date, cal: WorkingCalendar
) -> DueInfo | None:
    if day is None:
        return None
    if day < today:
        return DueInfo(day, True, cal.working_days_between(day, today))
    return DueInfo(day, False, cal.working_days_between(today, day))


# --- one suggestion ----------------------------------------------------------------------


class SuggestionPage(CasePage):
    """A suggestion's page: its text, units, replies and promises, timeline and the forms of
    what this user may do now."""

    workflow = SUGGESTION
    template = "suggestions/detail.html"
    url_name = "suggestions:detail"
    act_url_name = "suggestions:act"
    case_name = "s"
    not_found = gettext_lazy("No such suggestion, or not one you may see.")

    def find(self, user: Any, pk: int) -> Suggestion | None:
        return with_detail_data(visible_to(user)).filter(pk=pk).first()

    def form_context(self, case: Suggestion, user: Any) -> ActionContext:
        return ActionContext(case)

    def forms(self, request: AuthedRequest, case: Any, bound: Any) -> list[Any]:
        """While the unit has recorded no contact with the deputy in this round, recording
        one comes first (and open): the reply is refused without it."""
        shown = super().forms(request, case, bound)
        actions = [f.action for f in shown]
        wanted = "communicate" in actions and "reply" in actions
        if wanted and not contact_recorded(case, request.user.unit_id):
            contact = shown.pop(actions.index("communicate"))
            shown.insert(actions.index("reply"), contact)
            if bound is None:
                for f in shown:
                    f.open = f is contact
        return shown

    @staticmethod
    def _phone_shown(user: Any, s: Suggestion) -> bool:
        show = bool(user.has_perm("suggestions.view_deputy_contact", s))
        lead = s.lead_deputy
        if show and lead is not None and lead.person.phone and lead.pk != user.deputy_id:
            shown(lead, "phone")  # the audit trail notes who saw it
        return show

    def context(self, request: AuthedRequest, s: Suggestion) -> dict[str, Any]:
        user = request.user
        today = timezone.localdate()
        cal = WorkingCalendar()
        attachments = list(s.attachments.all())
        replies = list(s.replies.all())
        for r in replies:
            r.files = [a for a in attachments if a.reply_id == r.pk]  # type: ignore[attr-defined]
            for p in r.promises.all():
                p.late = (p.done_at is None and p.due_date < today) or (  # type: ignore[attr-defined]
                    p.done_at is not None and timezone.localdate(p.done_at) > p.due_date
                )
        reply_checks(user, s, replies)  # the point-by-point check (renda.reading)
        assignments = list(
            Assignment.objects.filter(suggestion=s).select_related("unit").order_by("-active", "id")
        )
        for a in assignments:
            a.input_due_info = due_info(a.input_due, today, cal) if not a.input_text else None  # type: ignore[attr-defined]
        return {
            "today": today,
            "cosigners": list(s.cosigners.all()),
            "deputy_files": [a for a in attachments if a.purpose == Attachment.Purpose.SUGGESTION],
            "assignments": assignments,
            "replies": replies,
            "merged_in": list(s.merged.only("pk", "number", "title", "state")),
            "reply_due": (due_info(s.reply_due, today, cal) if s.state in HANDLING else None),
            "show_phone": self._phone_shown(user, s),
            **_similar(user, s),
            "is_handling": s.state in HANDLING,
            "back": _back_link(user),
        }


def _similar(user: Any, s: Suggestion) -> dict[str, Any]:
    """Staff and leaders see the suggestions, opinions and petitions of the year most like this
    one (并案); staff who may merge it can merge it into one of them from there."""
    if not user.has_perm("suggestions.view_supervision"):
        return {}
    found = similar_cases(
        user=user,
        congress_id=s.congress_id,
        year=s.year,
        text=f"{s.title}\n{s.body}",
        exclude=("suggestion", s.pk),
    )
    can_merge = any(t.action == "merge" for t in SUGGESTION.available(user, s))
    return {
        "similar": found,
        "can_merge": can_merge,
        "similar_shown": True,
        "similar_from": round(SIMILAR_THRESHOLD * 100),
    }


def _back_link(user: Any) -> tuple[str, str]:
    """Where the breadcrumb leads back to: the list this user came from."""
    if user.has_perm("suggestions.view_handled"):
        return reverse("suggestions:unit"), _("Suggestions to handle")
    if user.has_perm("suggestions.view_supervision"):
        return reverse("suggestions:register"), _("All suggestions")
    if user.has_perm("suggestions.view_mine"):
        return reverse("suggestions:mine"), _("My suggestions")
    return reverse("core:home"), _("Home")


page = SuggestionPage()
suggestion_detail = page.detail
suggestion_act = page.act


@page_requires("suggestions.view_suggestion")
def attachment_download(request: AuthedRequest, pk: int, attachment: int) -> FileResponse:
    s = visible_to(request.user).filter(pk=pk).first()
    file = Attachment.objects.filter(suggestion=s, pk=attachment).first() if s else None
    if file is None:
        raise Http404(_("No such file."))
    return FileResponse(file.file.open("rb"), as_attachment=True, filename=file.name)


@page_requires("suggestions.view_suggestion")
def reply_letter(request: AuthedRequest, pk: int, reply: int) -> HttpResponse:
    """答复意见书 as Word, for whoever may see the suggestion."""
    from renda.suggestions.documents import reply_letter as letter

    s = visible_to(request.user).filter(pk=pk).first()
    row = Reply.objects.filter(suggestion=s, pk=reply).select_related("unit").first() if s else None
    if row is None:
        raise Http404(_("No such reply."))
    response = HttpResponse(letter(row), content_type=DOCX)
    name = _("Reply letter %(number)s %(unit)s.docx") % {
        "number": s.number or s.pk,  # type: ignore[union-attr]
        "unit": row.unit.name,
    }
    response["Content-Disposition"] = _content_disposition(name)
    return response


def _content_disposition(filename: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(filename)}"


# --- deputies ----------------------------------------------------------------------------


@page_requires("suggestions.view_mine")
def my_suggestions(request: AuthedRequest) -> HttpResponse:
    """A deputy's suggestions, led or co-signed, with what waits for them."""
    user = request.user
    mine = visible_to(user)
    form = MyFilterForm(request.GET or None, first_year=_first_year(mine))
    values = form.values()
    ct = ContentType.objects.get_for_model(Suggestion)
    my_open = waiting_for(user).filter(content_type=ct)
    found = filter_list(
        mine, reader=user, year=values.get("year"), state=values.get("state"), q=values.get("q")
    )
    qs = found.rows
    if values.get("waiting") == "me":
        qs = qs.filter(Exists(my_open.filter(object_id=OuterRef("pk"))))
    elif values.get("waiting") == "led":
        qs = qs.filter(lead_deputy_id=user.deputy_id)
    page = paginate(request, _ordered(with_list_data(qs)), PER_PAGE)
    rows = list(page.object_list)
    waiting: dict[int, list[Deadline]] = {}
    for d in my_open.filter(object_id__in=[s.pk for s in rows]):
        waiting.setdefault(d.object_id, []).append(d)
    tiles: dict[str, int] = dict.fromkeys(WAITING_LABELS, 0)
    for kind in my_open.values_list("kind", flat=True):
        prefix = kind.split(":", 1)[0]
        if prefix in tiles:
            tiles[prefix] += 1
    today = timezone.localdate()
    for s in rows:
        mine_here = waiting.get(s.pk, [])
        s.waiting = [(WAITING_LABELS.get(d.kind.split(":", 1)[0], d.label), d) for d in mine_here]
        s.waiting_overdue = any(d.due_date < today for d in mine_here)
    return render(
        request,
        "suggestions/mine.html",
        {
            "form": form,
            "page_obj": page,
            "rows": rows,
            "tiles": [(WAITING_LABELS[k], n) for k, n in tiles.items()],
            "today": today,
            "filtered": filtered(request),
            "capped_note": found.note,
        },
    )


CHECK_SIMILAR = "check_similar"  # the writing form's second button: look before submitting


def _write(request: AuthedRequest, form_class: Any, *, similar: bool = False) -> HttpResponse:
    """A deputy's writing form (a suggestion or a motion): the action decides, errors go
    beside their fields. With `similar`, a second button shows the year's suggestions most
    like what is written so far (并案), keeping what was typed and submitting nothing."""
    user = request.user
    posted = request.method == "POST"
    if posted and similar and CHECK_SIMILAR in request.POST:
        return _write_with_similar(request, form_class)
    form = form_class(
        request.POST if posted else None, request.FILES if posted else None, deputy=user.deputy
    )
    if posted and form.is_valid():
        try:
            case = form.submit(author=user)
        except ActionForbidden:
            raise PermissionDenied from None
        except ActionInvalid as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, form.done_message(case))
            return redirect(form.next_url(case))
    return render(request, "suggestions/write.html", {"form": form, "check_similar": similar})


def _write_with_similar(request: AuthedRequest, form_class: Any) -> HttpResponse:
    user = request.user
    probe = form_class(deputy=user.deputy)
    initial = {
        name: request.POST.getlist(name)
        if isinstance(field, forms.MultipleChoiceField)
        else request.POST.get(name)
        for name, field in probe.fields.items()
        if name in request.POST
    }
    form = form_class(deputy=user.deputy, initial=initial)
    text = f"{request.POST.get('title', '')}\n{request.POST.get('body', '')}"
    found = similar_cases(
        user=user,
        congress_id=acting_congress_id(request),
        year=timezone.localdate().year,
        text=text,
    )
    return render(
        request,
        "suggestions/write.html",
        {
            "form": form,
            "check_similar": True,
            "similar": found,
            "similar_shown": True,
            "similar_from": round(SIMILAR_THRESHOLD * 100),
        },
    )


@page_requires("suggestions.submit")
def suggestion_write(request: AuthedRequest) -> HttpResponse:
    """提出建议: the deputy writes, picks co-signers and submits; before submitting they may
    look at the year's similar suggestions."""
    return _write(request, SuggestionForm, similar=True)


@page_requires("suggestions.submit_motion")
def motion_write(request: AuthedRequest) -> HttpResponse:
    """议案: by the deputy's delegation, or jointly by at least ten deputies."""
    return _write(request, MotionForm)


# --- handling units ----------------------------------------------------------------------


@page_requires("suggestions.view_handled")
def unit_assignments(request: AuthedRequest) -> HttpResponse:
    """承办建议: the unit's current assignments, open ones first, the earliest due first."""
    user = request.user
    base = Assignment.objects.filter(
        unit_id=user.unit_id, active=True, suggestion__congress_id=acting_congress_id(request)
    )
    form = UnitFilterForm(
        request.GET or None,
        first_year=base.aggregate(first=Min("suggestion__year"))["first"],
    )
    values = form.values()
    replied = Reply.objects.filter(
        suggestion_id=OuterRef("suggestion_id"),
        unit_id=OuterRef("unit_id"),
        handling_round=OuterRef("suggestion__handling_round"),
    )
    co = Q(role=Assignment.Role.CO)
    qs = base.annotate(replied=Exists(replied)).annotate(
        is_open=Case(
            When(suggestion__state__in=HANDLING, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        # What the unit still owes: a co-handler its input, the others their reply.
        owes=Case(
            When(co & Q(input_text="", suggestion__state__in=HANDLING), then=Value(1)),
            When(~co & Q(replied=False, suggestion__state__in=HANDLING), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        due=Case(
            When(co, then=F("input_due")),
            default=F("suggestion__reply_due"),
            output_field=DateField(),
        ),
    )
    if values.get("show") != "all":
        qs = qs.filter(suggestion__state__in=HANDLING)
    if values.get("year"):
        qs = qs.filter(suggestion__year=values["year"])
    found = filter_list(
        Suggestion.objects.all(), reader=user, year=values.get("year"), q=values.get("q")
    )
    if values.get("q"):
        qs = qs.filter(suggestion__in=found.rows.values("pk"))
    qs = qs.select_related("suggestion__lead_deputy__person").order_by(
        "-owes", "-is_open", F("due").asc(nulls_last=True), "suggestion__number", "id"
    )
    page = paginate(request, qs, PER_PAGE)
    today = timezone.localdate()
    cal = WorkingCalendar()
    for a in page.object_list:
        a.due_info = due_info(a.due, today, cal) if a.owes else None
    return render(
        request,
        "suggestions/unit_list.html",
        {
            "form": form,
            "page_obj": page,
            "unit": user.unit,
            "filtered": filtered(request),
            "capped_note": found.note,
        },
    )


# --- the public --------------------------------------------------------------------------


def _public_units() -> list[tuple[int, str]]:
    return list(
        HandlingUnit.objects.filter(active=True)
        .filter(Exists(Assignment.objects.filter(unit_id=OuterRef("pk"), active=True)))
        .order_by("congress_id", "kind", "name")
        .values_list("pk", "name")
    )


def public_list(request: HttpRequest) -> HttpResponse:
    """建议答复公开: published suggestions and replies, for anyone."""
    form = PublicFilterForm(
        request.GET or None, units=_public_units(), first_year=_first_year(published())
    )
    values = form.values()
    found = filter_list(
        published(),
        reader=None,
        year=values.get("year"),
        category=values.get("category"),
        unit=values.get("unit"),
        q=values.get("q"),
    )
    page = paginate(
        request, with_list_data(found.rows).order_by("-year", "number", "-id"), PER_PAGE
    )
    return render(
        request,
        "suggestions/public_list.html",
        {
            "form": form,
            "page_obj": page,
            "filtered": filtered(request),
            "capped_note": found.note,
        },
    )


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One published suggestion: no phone, no ID number, no files, nothing unpublished."""
    s = with_detail_data(published()).filter(pk=pk).first()
    if s is None:
        raise Http404(_("No such published suggestion."))
    return render(
        request,
        "suggestions/public_detail.html",
        {"s": s, "replies": list(s.replies.all()), "evaluations": list(s.evaluations.all())},
    )
