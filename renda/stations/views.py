"""The stations' work pages: logging activities (phone first), the activity lists and pages,
duty records with their photos, trainings with attendance; .xlsx exports of the filtered
lists (the meetings deputies attend are the meetings app's pages, in the same tabs).

Thin on purpose: who enters a page is a named permission (rules.py), what a user sees comes
from queries.py, and every write from one function of actions.py through a form of forms.py,
run by core's one form runner.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import rules
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core.forms import YearSearchForm
from renda.core.pages import (
    filtered,
    page_requires,
    paginate,
    sort_heads,
    submit_form,
)
from renda.core.photos import photo_response
from renda.core.predicates import has_deputyship, has_station
from renda.core.spreadsheets import xlsx_response
from renda.core.timeline import timeline
from renda.stations import documents
from renda.stations.actions import MAX_PHOTOS
from renda.stations.forms import (
    DEFAULT_TITLES,
    ActivityFilterForm,
    ActivityForm,
    DutyFilterForm,
    DutyPhotosForm,
    DutyRecordForm,
    FilterForm,
    TrainingAttendanceForm,
    TrainingForm,
    WorkForm,
)
from renda.stations.models import DutyPhoto, DutyRecord, Training
from renda.stations.queries import (
    DUTY_ROW_COLUMNS,
    activities_visible_to,
    activity_attendees,
    activity_columns,
    activity_rows,
    activity_totals,
    deputies_attending,
    duty_records_visible_to,
    duty_rows,
    filter_activities,
    filter_duty_records,
    first_attendees,
    training_attendees,
    trainings_of,
    with_activity_data,
    with_duty_record_data,
    years_of,
)
from renda.stations.rows import activity_rows_html, duty_rows_html
from renda.stations.views_corrections import correction_card, with_correction_pending

PER_PAGE = 50
NAMES_SHOWN = 6  # an activity's deputies named in a list, then how many more

# --- forms, exports -------------------------------------------------------------------------------


def _posted(request: HttpRequest) -> tuple[Any, Any]:
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def _form_page(request: HttpRequest, form: WorkForm, **context: Any) -> HttpResponse:
    """A page of one form (stations/work/form_page.html): heading, intro, button, list_url,
    list_label."""
    return render(request, "stations/work/form_page.html", {"form": form, **context})


def _conditions(form: FilterForm) -> str:
    """The filters in use, for an export's subtitle: "Year: 2024; Kind: Reception day"."""
    parts = []
    for name, value in form.valid_part().items():
        if name == "sort" or name not in form.fields:
            continue
        field = form.fields[name]
        shown = value
        choices = getattr(field, "choices", None)
        if choices and not hasattr(field, "queryset"):
            shown = dict(choices).get(value, value)
        parts.append(f"{field.label}: {shown}")
    return "; ".join(parts)


def _owner(user: Any) -> str:
    """Whose rows an export holds: the deputy's, the station's, or the congress's."""
    if has_deputyship(user):
        return str(user.deputy.person.name)
    if has_station(user):
        return str(user.station.name)
    return str(user.congress.short_name)


# --- activities --------------------------------------------------------------------------------


def _activity_list_heading(user: Any) -> str:
    if has_station(user):
        return _("Activities of %(station)s") % {"station": user.station.name}
    if has_deputyship(user):
        return _("Station activities I took part in")
    return _("Contact stations' activities")


def _activities(request: HttpRequest) -> tuple[ActivityFilterForm, QuerySet[Any], dict[str, int]]:
    user = request.user
    base = activities_visible_to(user)
    form = ActivityFilterForm(request.GET or None, user=user, years=years_of(base))
    qs = filter_activities(base, form.filters())
    return form, qs, activity_totals(qs)


@page_requires("stations.view_activity")
def activity_list(request: HttpRequest) -> HttpResponse:
    """站点活动: the activities a user may see (their station's, theirs, or the congress's),
    filtered, sorted and totalled."""
    user: Any = request.user
    form, qs, totals = _activities(request)
    sort = form.chosen_sort()
    # Counted with the totals already: the paginator need not count again.
    rows_qs = activity_columns(activity_rows(qs, sort))
    page = paginate(request, rows_qs, PER_PAGE, count=totals["activities"])
    page.object_list = rows = list(page.object_list)
    names = first_attendees(rows, NAMES_SHOWN)
    for a in rows:
        a.first_names = names.get(a.pk, [])
    show_station = not has_station(user)
    return render(
        request,
        "stations/work/activity_list.html",
        {
            "heading": _activity_list_heading(user),
            "form": form,
            "page_obj": page,
            "totals": totals,
            "sort": sort,
            "heads": sort_heads(
                request,
                sort,
                {
                    "date": _("Date"),
                    "station": _("Contact station"),
                    "kind": _("Kind"),
                    "deputies": _("Deputies"),
                    "received": _("Constituents received"),
                },
            ),
            "filtered": filtered(request),
            "show_station": show_station,
            # Written in Python (rows.py), not a template row each.
            "rows": activity_rows_html(rows, names_shown=NAMES_SHOWN, show_station=show_station),
            "mine": has_deputyship(user),  # a deputy's own: "with you among the deputies"
            "can_log": rules.has_perm("stations.record_activity", user),
        },
    )


@page_requires("stations.view_activity")
def activity_export(request: HttpRequest) -> HttpResponse:
    """The filtered activity list as Excel, with its totals."""
    user: Any = request.user
    form, qs, totals = _activities(request)
    rows = with_activity_data(activity_rows(qs, form.chosen_sort())).select_related("recorded_by")
    data = documents.activities_table(
        congress=user.congress,
        rows=rows,
        count=totals["activities"],
        totals=totals,
        conditions=_conditions(form),
    )
    day = timezone.localdate().isoformat()
    owner = user.station.name if has_station(user) else user.congress.short_name
    name = _("%(owner)s activities %(day)s") % {"owner": owner, "day": day}
    return xlsx_response(data, name, f"activities-{day}")


@page_requires("stations.record_activity")
def activity_log(request: HttpRequest) -> HttpResponse:
    """登记活动: a station's operator logs an activity in a minute, on a phone too."""
    data, _files = _posted(request)
    form = ActivityForm(data, user=request.user)

    def page() -> HttpResponse:
        return render(
            request,
            "stations/work/activity_form.html",
            {"form": form, "default_titles": {k: str(v) for k, v in DEFAULT_TITLES.items()}},
        )

    return submit_form(
        request, form, done=lambda a: reverse("stations:activity_detail", args=[a.pk]), page=page
    )


@page_requires("stations.view_activity")
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    activity = (
        with_correction_pending(activities_visible_to(user), "activity")
        .select_related("recorded_by", "station__area", "congress")
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404(_("No such activity, or not one you may see."))
    return render(
        request,
        "stations/work/activity_detail.html",
        {
            "a": activity,
            "attendances": list(activity_attendees(activity)),
            "timeline": timeline(activity),
            "mine": has_deputyship(user),
            "can_log": rules.has_perm("stations.record_activity", user),
            "correction": correction_card(request, activity),
        },
    )


# --- duty records -----------------------------------------------------------------------------


def _duty_records(request: HttpRequest) -> tuple[DutyFilterForm, QuerySet[DutyRecord]]:
    user = request.user
    base = duty_records_visible_to(user)
    form = DutyFilterForm(request.GET or None, user=user, years=years_of(base))
    return form, filter_duty_records(base, form.filters())


def _duty_heading(user: Any) -> str:
    if has_deputyship(user):
        return _("My duty records")
    if has_station(user):
        return _("Duty records of %(station)s and its deputies") % {"station": user.station.name}
    return _("Deputies' duty records")


@page_requires("stations.view_duty_record")
def duty_list(request: HttpRequest) -> HttpResponse:
    """履职信息: one's own records, a station's and its deputies', or the congress's."""
    user: Any = request.user
    form, qs = _duty_records(request)
    sort = form.chosen_sort()
    page = paginate(request, duty_rows(qs, sort).only(*DUTY_ROW_COLUMNS), PER_PAGE)
    show_author, show_deputy_station = not has_deputyship(user), not has_station(user)
    rows = duty_rows_html(
        list(page.object_list), show_author=show_author, show_deputy_station=show_deputy_station
    )
    return render(
        request,
        "stations/work/duty_list.html",
        {
            "heading": _duty_heading(user),
            "form": form,
            "page_obj": page,
            "rows": rows,
            "sort": sort,
            "filtered": filtered(request),
            "can_upload": rules.has_perm("stations.upload_duty_record", user),
            "show_author": show_author,
            # An operator's deputies are all of the station: their station goes unsaid.
            "show_deputy_station": show_deputy_station,
        },
    )


@page_requires("stations.view_duty_record")
def duty_export(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form, qs = _duty_records(request)
    rows = list(duty_rows(qs, form.chosen_sort()))
    data = documents.duty_records_table(
        congress=user.congress, rows=rows, count=len(rows), conditions=_conditions(form)
    )
    day = timezone.localdate().isoformat()
    name = _("%(owner)s duty records %(day)s") % {"owner": _owner(user), "day": day}
    return xlsx_response(data, name, f"duty-records-{day}")


@page_requires("stations.upload_duty_record")
def duty_upload(request: HttpRequest) -> HttpResponse:
    """上传履职信息: date, title, text and photos."""
    user: Any = request.user
    data, files = _posted(request)
    form = DutyRecordForm(data, files, user=user)

    def page() -> HttpResponse:
        if has_deputyship(user):
            list_label = _("My duty records")
            intro = _(
                "What you did as a deputy: visits, surveys, receptions, with photos. It goes "
                "into your performance record."
            )
        else:
            list_label = _("Duty records")
            intro = _("What %(station)s did, with photos.") % {"station": user.station.name}
        return _form_page(
            request,
            form,
            heading=_("Upload a duty record"),
            intro=intro,
            button=_("Upload"),
            list_url=reverse("stations:duty_list"),
            list_label=list_label,
        )

    return submit_form(
        request, form, done=lambda r: reverse("stations:duty_detail", args=[r.pk]), page=page
    )


def _visible_record(user: Any, pk: int) -> DutyRecord:
    record = (
        with_correction_pending(with_duty_record_data(duty_records_visible_to(user)), "duty_record")
        .select_related("uploaded_by", "deputy__delegation", "deputy__station", "congress")
        .filter(pk=pk)
        .first()
    )
    if record is None:
        raise Http404(_("No such duty record, or not one you may see."))
    return record


def _duty_page(
    request: HttpRequest, record: DutyRecord, form: DutyPhotosForm | None = None
) -> HttpResponse:
    user: Any = request.user
    photos = list(record.photos.all())
    may_add = rules.has_perm("stations.add_duty_photos", user, record) and len(photos) < MAX_PHOTOS
    if may_add and form is None:
        form = DutyPhotosForm(record=record, user=user)
    return render(
        request,
        "stations/work/duty_detail.html",
        {
            "r": record,
            "photos": photos,
            "photo_form": form if may_add else None,
            "timeline": timeline(record),
            "max_photos": MAX_PHOTOS,
            "mine": has_deputyship(user),
            "correction": correction_card(request, record),
        },
    )


@login_required  # no section-wide 403: someone else's record is a 404 to every role alike
def duty_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _duty_page(request, _visible_record(request.user, pk))


@require_POST
@page_requires("stations.upload_duty_record")
def duty_photos_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Who uploaded a record adds photos to it; errors show beside the photo field."""
    record = _visible_record(request.user, pk)
    form = DutyPhotosForm(request.POST, request.FILES, record=record, user=request.user)
    return submit_form(
        request,
        form,
        done=lambda _r: reverse("stations:duty_detail", args=[pk]),
        page=lambda: _duty_page(request, _visible_record(request.user, pk), form),
    )


@login_required
def duty_photo(request: HttpRequest, pk: int, photo: int) -> FileResponse:
    """A photo of a record, to whoever may see the record (never a public media URL);
    ``?thumb=1`` gives its thumbnail where one was made."""
    record = duty_records_visible_to(request.user).filter(pk=pk).first()
    row = DutyPhoto.objects.filter(record=record, pk=photo).first() if record else None
    if row is None:
        raise Http404(_("No such photo."))
    return photo_response(request, row)


# --- trainings --------------------------------------------------------------------------------


def _one(qs: QuerySet[Any], pk: int, message: str) -> Any:
    row = qs.filter(pk=pk).first()
    if row is None:
        raise Http404(message)
    return row


def _training(user: Any, pk: int) -> Training:
    return _one(trainings_of(user.congress_id), pk, _("No such training in your congress."))


def _year_list(
    request: HttpRequest, base: QuerySet[Any], *, date: str, words: tuple[str, ...]
) -> dict[str, Any]:
    """A list of trainings: by year and words, latest first, paged."""
    form = YearSearchForm(request.GET or None, rows=base, date=date, words=words)
    qs = form.chosen()
    return {
        "form": form,
        "page_obj": paginate(request, qs.order_by(f"-{date}", "-id"), PER_PAGE),
        "filtered": filtered(request),
        "deputies": deputies_attending(qs),
    }


@page_requires("stations.oversee_work")
def training_list(request: HttpRequest) -> HttpResponse:
    """代表培训: the congress's trainings with how many deputies attended."""
    user: Any = request.user
    context = _year_list(
        request,
        trainings_of(user.congress_id),
        date="start_date",
        words=("title", "place"),
    )
    context["today"] = timezone.localdate()
    return render(request, "stations/work/training_list.html", context)


@page_requires("stations.record_attendance")
def training_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    data, _files = _posted(request)
    form = TrainingForm(data, congress=user.congress, user=user)

    def page() -> HttpResponse:
        return _form_page(
            request,
            form,
            heading=_("List a training"),
            intro=_("Attendance is recorded on the training's page once it has started."),
            button=_("Save"),
            list_url=reverse("stations:training_list"),
            list_label=_("Trainings"),
        )

    return submit_form(
        request, form, done=lambda t: reverse("stations:training_detail", args=[t.pk]), page=page
    )


@page_requires("stations.oversee_work")
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    training = _training(user, pk)
    attendees = list(training_attendees(training))
    by_delegation = Counter(
        a.deputy.delegation.name if a.deputy.delegation else "—" for a in attendees
    )
    return render(
        request,
        "stations/work/training_detail.html",
        {
            "t": training,
            "attendees": attendees,
            "by_delegation": sorted(by_delegation.items()),
            "timeline": timeline(training),
            "started": training.start_date <= timezone.localdate(),
            "may_record": user.has_perm("stations.record_attendance", training),
        },
    )


@page_requires("stations.oversee_work")
def training_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The training's attendance list as Excel."""
    training = _training(request.user, pk)
    data = documents.training_table(training=training, attendees=list(training_attendees(training)))
    name = _("%(title)s attendance") % {"title": training.title}
    return xlsx_response(data, name, f"training-{training.pk}-attendance")


@page_requires("stations.record_attendance")
def training_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Who attended: tick deputies, or whole delegations; saving replaces the list."""
    training = _training(request.user, pk)
    data, _files = _posted(request)
    form = TrainingAttendanceForm(data, training=training, user=request.user)

    def page() -> HttpResponse:
        return render(
            request,
            "org/attendance_form.html",
            {
                "form": form,
                "heading": _("Attendance: %(title)s") % {"title": training.title},
                "back_url": reverse("stations:training_detail", args=[pk]),
                "back_label": training.title,
                "list_url": reverse("stations:training_list"),
                "list_label": _("Trainings"),
                "started": training.start_date <= timezone.localdate(),
                "intro": _(
                    "Tick the deputies who attended, or whole delegations. Saving replaces the "
                    "list recorded before."
                ),
            },
        )

    return submit_form(
        request, form, done=lambda _t: reverse("stations:training_detail", args=[pk]), page=page
    )
