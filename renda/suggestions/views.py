"""The suggestion case pages: each suggestion's page and its actions, deputies' and handlers'
lists, writing a suggestion or motion, and the public's search of published replies.

Thin on purpose: what a user may see comes from queries.visible_to / published, what they may
do from the workflow, and every write from one function of actions.py (through a form).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
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
from django.views.decorators.http import require_POST

from renda.accounts.models import User
from renda.core.calendar import WorkingCalendar
from renda.core.deadlines import waiting_for
from renda.core.http import AuthedRequest, acting_congress_id
from renda.core.models import Deadline, Event
from renda.core.pages import run_action_form
from renda.core.workflow import (
    ActionConflict,
    ActionError,
    ActionForbidden,
    ActionInvalid,
    history,
)
from renda.org.models import HandlingUnit
from renda.suggestions.forms import (
    ACTION_FORMS,
    ActionContext,
    ActionForm,
    MotionForm,
    MyFilterForm,
    PublicFilterForm,
    SuggestionForm,
    UnitFilterForm,
)
from renda.suggestions.models import (
    Assignment,
    Attachment,
    ConvertedTo,
    Reply,
    ReplyCategory,
    Satisfaction,
    Suggestion,
)
from renda.suggestions.queries import (
    filter_list,
    published,
    visible_to,
    with_detail_data,
    with_list_data,
)
from renda.suggestions.workflow import HANDLING, SUGGESTION

PER_PAGE = 30
# The order of a page's action forms: the usual next step first, the rare ones last.
ACTION_ORDER = [
    "confirm",
    "decline",
    "evaluate",
    "reply",
    "communicate",
    "co_input",
    "accept",
    "assign",
    "return",
    "resubmit",
    "promise_done",
    "extend",
    "reassign",
    "refuse_contest",
    "request_extension",
    "contest",
    "mark_key",
    "merge",
    "convert",
    "withdraw",
]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Events that are not transitions of the workflow.
EVENT_LABELS = {
    "submit": gettext_lazy("Submitted"),
    "merged_in": gettext_lazy("Another suggestion merged into this one"),
    "from_motion": gettext_lazy("Motion handled as a suggestion"),
    "poll_open": gettext_lazy("Satisfaction poll opened"),
    "poll_close": gettext_lazy("Satisfaction poll closed"),
    "remind.soon": gettext_lazy("Reminder: due soon"),
    "remind.overdue": gettext_lazy("Warning: overdue"),
}

# What the deputy's open deadlines on a suggestion ask of them, by the deadline's kind.
WAITING_LABELS = {
    "cosign": gettext_lazy("To confirm"),
    "resubmit": gettext_lazy("To revise"),
    "evaluate": gettext_lazy("To evaluate"),
}


def _page(request: HttpRequest, qs: QuerySet[Any]) -> Page:
    return Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))


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


def _visible(user: Any, pk: int) -> Suggestion:
    s = with_detail_data(visible_to(user)).filter(pk=pk).first()
    if s is None:
        raise Http404(_("No such suggestion, or not one you may see."))
    return s


@dataclass
class TimelineEntry:
    event: Event
    label: str
    detail: str
    from_label: str
    to_label: str


def _event_detail(event: Event) -> str:
    """The one fact of an event's data worth a line in the timeline."""
    data = event.data or {}
    if event.action == "evaluate" and data.get("result") in Satisfaction.values:
        return str(Satisfaction(data["result"]).label)
    if event.action == "reply" and data.get("category") in ReplyCategory.values:
        return str(ReplyCategory(data["category"]).label)
    if event.action == "convert" and data.get("to") in ConvertedTo.values:
        return str(ConvertedTo(data["to"]).label)
    if event.action == "extend" and "approved" in data:
        return _("Approved") if data["approved"] else _("Refused")
    if event.action == "request_extension" and data.get("new_due"):
        return _("New date: %(date)s") % {"date": data["new_due"]}
    return ""


def timeline(suggestion: Suggestion) -> list[TimelineEntry]:
    entries = []
    for event in history(suggestion):
        if event.action in SUGGESTION.actions:
            label = str(SUGGESTION.transition(event.action).label)
        else:
            label = str(EVENT_LABELS.get(event.action, event.action))
        changed = event.from_state and event.to_state and event.from_state != event.to_state
        entries.append(
            TimelineEntry(
                event=event,
                label=label,
                detail=_event_detail(event),
                from_label=SUGGESTION.state_label(event.from_state) if changed else "",
                to_label=SUGGESTION.state_label(event.to_state) if changed else "",
            )
        )
    return entries


def _detail_page(
    request: AuthedRequest,
    s: Suggestion,
    *,
    bound: ActionForm | None = None,
    conflict: str = "",
    status: int = 200,
) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    cal = WorkingCalendar()
    ctx = ActionContext(s, user)
    action_forms = []
    for t in sorted(SUGGESTION.available(user, s), key=lambda t: ACTION_ORDER.index(t.action)):
        form = bound if bound is not None and bound.action == t.action else None
        form = form or ACTION_FORMS[t.action](ctx=ctx)
        form.label = t.label
        action_forms.append(form)
    if action_forms and bound is None:
        action_forms[0].open = True  # the usual next step
    attachments = list(s.attachments.all())
    replies = list(s.replies.all())
    for r in replies:
        r.files = [a for a in attachments if a.reply_id == r.pk]  # type: ignore[attr-defined]
        for p in r.promises.all():
            p.late = (p.done_at is None and p.due_date < today) or (  # type: ignore[attr-defined]
                p.done_at is not None and timezone.localdate(p.done_at) > p.due_date
            )
    assignments = list(
        Assignment.objects.filter(suggestion=s).select_related("unit").order_by("-active", "id")
    )
    for a in assignments:
        a.input_due_info = due_info(a.input_due, today, cal) if not a.input_text else None  # type: ignore[attr-defined]
    ct = ContentType.objects.get_for_model(Suggestion)
    context = {
        "s": s,
        "today": today,
        "timeline": timeline(s),
        "action_forms": action_forms,
        "conflict": conflict,
        "cosigners": list(s.cosigners.all()),
        "deputy_files": [a for a in attachments if a.purpose == Attachment.Purpose.SUGGESTION],
        "assignments": assignments,
        "replies": replies,
        "merged_in": list(s.merged.only("pk", "number", "title", "state")),
        "reply_due": (due_info(s.reply_due, today, cal) if s.state in HANDLING else None),
        "show_phone": user.has_perm("suggestions.view_deputy_contact", s),
        "my_deadlines": list(waiting_for(user).filter(content_type=ct, object_id=s.pk)),
        "is_handling": s.state in HANDLING,
    }
    return render(request, "suggestions/detail.html", context, status=status)


@login_required
def suggestion_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _visible(request.user, pk))


@require_POST
@login_required
def suggestion_act(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    """Take one action through its form: back to the page with a message, or the form again
    with the refusal beside its field."""
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404(_("Unknown action."))
    user = request.user
    s = _visible(user, pk)
    try:
        SUGGESTION.check(user, s, action)
    except ActionForbidden:
        raise PermissionDenied from None
    except ActionConflict as error:
        return _conflict(request, pk, error)
    form = form_class(request.POST, request.FILES, ctx=ActionContext(s, user))
    response = run_action_form(
        request,
        form,
        done=reverse("suggestions:detail", args=[pk]),
        conflict=lambda error: _conflict(request, pk, error),
    )
    if response is not None:
        return response
    # Nothing changed; read the suggestion afresh for the page around the form.
    form.ctx.suggestion = _visible(user, pk)
    return _detail_page(request, form.ctx.suggestion, bound=form)


def _conflict(request: AuthedRequest, pk: int, error: ActionError) -> HttpResponse:
    """Someone acted first, or the state does not allow it: the current page, and why."""
    message = _("Nothing was changed: %(reason)s") % {"reason": error.message}
    return _detail_page(request, _visible(request.user, pk), conflict=message, status=409)


@login_required
def attachment_download(request: AuthedRequest, pk: int, attachment: int) -> FileResponse:
    s = visible_to(request.user).filter(pk=pk).first()
    file = Attachment.objects.filter(suggestion=s, pk=attachment).first() if s else None
    if file is None:
        raise Http404(_("No such file."))
    return FileResponse(file.file.open("rb"), as_attachment=True, filename=file.name)


@login_required
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


def _deputy(request: AuthedRequest) -> User:
    user = request.user
    if user.role != "deputy" or not user.deputy_id:
        raise PermissionDenied
    return user


@login_required
def my_suggestions(request: AuthedRequest) -> HttpResponse:
    """A deputy's suggestions, led or co-signed, with what waits for them."""
    user = _deputy(request)
    mine = visible_to(user)
    form = MyFilterForm(request.GET or None, first_year=_first_year(mine))
    values = form.values()
    ct = ContentType.objects.get_for_model(Suggestion)
    my_open = waiting_for(user).filter(content_type=ct)
    qs = filter_list(mine, year=values.get("year"), state=values.get("state"), q=values.get("q"))
    if values.get("waiting") == "me":
        qs = qs.filter(Exists(my_open.filter(object_id=OuterRef("pk"))))
    elif values.get("waiting") == "led":
        qs = qs.filter(lead_deputy_id=user.deputy_id)
    page = _page(request, _ordered(with_list_data(qs)))
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
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
        },
    )


def _write(request: AuthedRequest, form_class: Any) -> HttpResponse:
    """A deputy's writing form (a suggestion or a motion): the action decides, errors go
    beside their fields."""
    user = _deputy(request)
    posted = request.method == "POST"
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
    return render(request, "suggestions/write.html", {"form": form})


@login_required
def suggestion_write(request: AuthedRequest) -> HttpResponse:
    """提出建议: the deputy writes, picks co-signers and submits."""
    return _write(request, SuggestionForm)


@login_required
def motion_write(request: AuthedRequest) -> HttpResponse:
    """议案: by the deputy's delegation, or jointly by at least ten deputies."""
    return _write(request, MotionForm)


# --- handling units ----------------------------------------------------------------------


@login_required
def unit_assignments(request: AuthedRequest) -> HttpResponse:
    """承办建议: the unit's current assignments, open ones first, the earliest due first."""
    user = request.user
    if user.role != "handler" or not user.unit_id:
        raise PermissionDenied
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
    if values.get("q"):
        qs = qs.filter(
            suggestion__in=filter_list(Suggestion.objects.all(), q=values["q"]).values("pk")
        )
    qs = qs.select_related("suggestion__lead_deputy__person").order_by(
        "-owes", "-is_open", F("due").asc(nulls_last=True), "suggestion__number", "id"
    )
    page = _page(request, qs)
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
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
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
    qs = filter_list(
        published(),
        year=values.get("year"),
        category=values.get("category"),
        unit=values.get("unit"),
        q=values.get("q"),
    )
    page = _page(request, with_list_data(qs).order_by("-year", "number", "-id"))
    return render(
        request,
        "suggestions/public_list.html",
        {
            "form": form,
            "page_obj": page,
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
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
