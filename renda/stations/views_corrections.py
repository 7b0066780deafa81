"""Pages of corrections (更正): correct an activity or a duty record, delete one entered in error
(staff), and the staff's list of corrections asked after the window, to decide."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Exists, OuterRef, QuerySet, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core.pages import page_requires, paginate, require, submit_form
from renda.stations import corrections as C
from renda.stations.forms_corrections import (
    CorrectActivityForm,
    CorrectDutyForm,
    DecideCorrectionForm,
    DeleteRecordForm,
)
from renda.stations.models import Activity, Correction, CorrectionState, DutyRecord
from renda.stations.queries import activities_visible_to, duty_records_visible_to
from renda.stations.workflow import changes_text


def _record(request: HttpRequest, kind: str, pk: int) -> Activity | DutyRecord:
    user: Any = request.user
    rows = activities_visible_to(user) if kind == "activity" else duty_records_visible_to(user)
    record = rows.select_related("congress").filter(pk=pk).first()
    if record is None:
        raise Http404(_("No such record, or not one you may see."))
    return record


def _detail_url(record: Activity | DutyRecord) -> str:
    name = "stations:activity_detail" if isinstance(record, Activity) else "stations:duty_detail"
    return reverse(name, args=[record.pk])


def _correct(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = _record(request, kind, pk)
    require(request.user.has_perm("stations.correct_record", record))
    data = request.POST if request.method == "POST" else None
    form: CorrectActivityForm | CorrectDutyForm
    if isinstance(record, Activity):
        form = CorrectActivityForm(data, user=request.user, record=record)
        template = "stations/work/activity_form.html"
    else:
        form = CorrectDutyForm(data, user=request.user, record=record)
        template = "stations/work/form_page.html"
    pending = record.corrections.filter(state=CorrectionState.PENDING).first()

    def page() -> HttpResponse:
        return render(
            request,
            template,
            {
                "form": form,
                "record": record,
                "heading": _("Correct: %(title)s") % {"title": record.title},
                "intro": _window_note(request, record, pending),
                "button": _("Save the correction"),
                "list_url": _detail_url(record),
                "list_label": record.title,
            },
        )

    return submit_form(request, form, done=_detail_url(record), page=page)


def _window_note(
    request: HttpRequest, record: Activity | DutyRecord, pending: Correction | None
) -> str:
    if pending is not None:
        return _("A correction of this record is already waiting for staff.")
    if request.user.has_perm("stations.decide_correction", record):
        return _("As staff you correct it at once; the change is kept in its history.")
    if C.in_window(record):
        return _("You can correct it yourself until %(day)s.") % {
            "day": C.window_closes(record).strftime("%Y-%m-%d %H:%M")
        }
    return _("The time to correct it yourself is over: staff decide on your correction.")


def activity_correct(request: HttpRequest, pk: int) -> HttpResponse:
    return _correct(request, "activity", pk)


def duty_correct(request: HttpRequest, pk: int) -> HttpResponse:
    return _correct(request, "duty", pk)


@require_POST
def record_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = _record(request, kind, pk)
    require(request.user.has_perm("stations.decide_correction", record))
    form = DeleteRecordForm(request.POST, user=request.user, record=record)
    back = "stations:activity_list" if kind == "activity" else "stations:duty_list"
    return submit_form(
        request,
        form,
        done=reverse(back),
        page=lambda: render(
            request,
            "stations/work/form_page.html",
            {
                "form": form,
                "heading": _("Delete: %(title)s") % {"title": record.title},
                "intro": _("Only for a record entered in error; what it held is kept."),
                "button": _("Delete"),
                "list_url": _detail_url(record),
                "list_label": record.title,
            },
        ),
    )


@page_requires("stations.list_corrections")
def correction_list(request: HttpRequest) -> HttpResponse:
    """Corrections asked after the window, waiting ones first, to decide."""
    user: Any = request.user
    waiting_first = Case(When(state=CorrectionState.PENDING, then=0), default=1)
    rows = (
        Correction.objects.filter(congress_id=user.congress_id)
        .select_related("activity", "duty_record", "requested_by", "decided_by")
        .prefetch_related("activity__attendances")
        .order_by(waiting_first, "-requested_at", "-id")
    )
    page = paginate(request, rows)
    items = [
        {
            "c": c,
            "changes": _changes_of(c),
            "url": _detail_url(c.record),
            "form": DecideCorrectionForm(user=user, correction=c, prefix=f"c{c.pk}")
            if c.state == CorrectionState.PENDING
            else None,
        }
        for c in page.object_list
    ]
    return render(request, "stations/work/corrections.html", {"page": page, "items": items})


def _changes_of(correction: Correction) -> str:
    return changes_text({"before": C.current(correction.record), "after": correction.changes})


@require_POST
def correction_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    correction = (
        Correction.objects.filter(congress_id=user.congress_id, pk=pk)
        .select_related("activity__congress", "duty_record__congress")
        .first()
    )
    if correction is None:
        raise Http404(_("No such correction."))
    require(user.has_perm("stations.decide_correction", correction.record))
    form = DecideCorrectionForm(
        request.POST, user=user, correction=correction, prefix=f"c{correction.pk}"
    )
    return submit_form(
        request,
        form,
        done=reverse("stations:correction_list"),
        page=lambda: render(
            request,
            "stations/work/form_page.html",
            {
                "form": form,
                "heading": _("Decide on a correction"),
                "intro": _changes_of(correction),
                "button": _("Decide"),
                "list_url": reverse("stations:correction_list"),
                "list_label": _("Corrections"),
            },
        ),
    )


def with_correction_pending(rows: QuerySet[Any], field: str) -> QuerySet[Any]:
    """Rows with `correction_pending`: whether a correction of each waits for staff."""
    waiting = Correction.objects.filter(**{field: OuterRef("pk")}, state=CorrectionState.PENDING)
    return rows.annotate(correction_pending=Exists(waiting))


def correction_card(request: HttpRequest, record: Activity | DutyRecord) -> dict[str, Any]:
    """What a record's page shows of correcting it (stations/work/_correction_card.html)."""
    user: Any = request.user
    can_correct = user.has_perm("stations.correct_record", record)
    can_delete = user.has_perm("stations.decide_correction", record)
    kind = "activity" if isinstance(record, Activity) else "duty"
    pending = can_correct and record.correction_pending  # type: ignore[union-attr]
    return {
        "can_correct": can_correct,
        "can_delete": can_delete,
        "pending": pending,
        "url": reverse(f"stations:{kind}_correct", args=[record.pk]),
        "note": _window_note(request, record, None) if can_correct else "",
        "delete_url": reverse("stations:record_delete", args=[kind, record.pk]),
        "delete_form": DeleteRecordForm(user=user, record=record) if can_delete else None,
    }
