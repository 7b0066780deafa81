"""The stations' work pages: logging activities (phone first), the activity lists and pages,
duty records with their photos, trainings with attendance, and standing committee meetings
attended with their forums; .xlsx exports of the filtered lists.

Thin on purpose: who enters a page is a named permission (rules.py), what a user sees comes
from queries.py, and every write from one function of actions.py through a form of forms.py,
run by core's one form runner.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import rules
from django.contrib import messages
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
    conflict_message,
    filtered,
    page_requires,
    paginate,
    require,
    run_action_form,
)
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
    ForumForm,
    MeetingAttendanceForm,
    TrainingAttendanceForm,
    TrainingForm,
    WorkForm,
)
from renda.stations.models import DutyPhoto, DutyRecord, StandingMeeting, Training
from renda.stations.queries import (
    activities_visible_to,
    activity_attendees,
    activity_rows,
    activity_totals,
    deputies_attending,
    duty_records_visible_to,
    duty_rows,
    filter_activities,
    filter_duty_records,
    meeting_attendees,
    meeting_forums,
    meetings_of,
    training_attendees,
    trainings_of,
    with_duty_record_data,
    years_of,
)

PER_PAGE = 50

# --- forms, exports -------------------------------------------------------------------------------


def _posted(request: HttpRequest) -> tuple[Any, Any]:
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def _submit(
    request: HttpRequest,
    form: WorkForm,
    done: Callable[[Any], str],
    page: Callable[[], HttpResponse],
) -> HttpResponse:
    """The form's page; posted, the form's action runs: on to `done(what it made)` with its
    message, or `page()` again with the refusal beside its field (a conflict as a message)."""
    if request.method != "POST":
        return page()

    def conflict(error: Any) -> HttpResponse:
        messages.error(request, conflict_message(error))
        return page()

    return run_action_form(request, form, done=done, conflict=conflict) or page()


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
    page = paginate(request, activity_rows(qs, sort), PER_PAGE, count=totals["activities"])
    return render(
        request,
        "stations/work/activity_list.html",
        {
            "heading": _activity_list_heading(user),
            "form": form,
            "page_obj": page,
            "totals": totals,
            "sort": sort,
            "filtered": filtered(request),
            "show_station": not has_station(user),
            "mine": has_deputyship(user),  # a deputy's own: "with you among the deputies"
            "can_log": rules.has_perm("stations.record_activity", user),
        },
    )


@page_requires("stations.view_activity")
def activity_export(request: HttpRequest) -> HttpResponse:
    """The filtered activity list as Excel, with its totals."""
    user: Any = request.user
    form, qs, totals = _activities(request)
    rows = activity_rows(qs, form.chosen_sort())
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

    return _submit(request, form, lambda a: reverse("stations:activity_detail", args=[a.pk]), page)


@page_requires("stations.view_activity")
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    activity = (
        activities_visible_to(user)
        .select_related("recorded_by", "station__area")
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
    page = paginate(request, duty_rows(qs, sort), PER_PAGE)
    return render(
        request,
        "stations/work/duty_list.html",
        {
            "heading": _duty_heading(user),
            "form": form,
            "page_obj": page,
            "sort": sort,
            "filtered": filtered(request),
            "can_upload": rules.has_perm("stations.upload_duty_record", user),
            "show_author": not has_deputyship(user),
            # An operator's deputies are all of the station: their station goes unsaid.
            "show_deputy_station": not has_station(user),
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

    return _submit(request, form, lambda r: reverse("stations:duty_detail", args=[r.pk]), page)


def _visible_record(user: Any, pk: int) -> DutyRecord:
    record = (
        with_duty_record_data(duty_records_visible_to(user))
        .select_related("uploaded_by", "deputy__delegation", "deputy__station")
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
        },
    )


@page_requires("stations.view_duty_record")
def duty_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _duty_page(request, _visible_record(request.user, pk))


@require_POST
@page_requires("stations.upload_duty_record")
def duty_photos_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Who uploaded a record adds photos to it; errors show beside the photo field."""
    record = _visible_record(request.user, pk)
    form = DutyPhotosForm(request.POST, request.FILES, record=record, user=request.user)
    return _submit(
        request,
        form,
        lambda _r: reverse("stations:duty_detail", args=[pk]),
        lambda: _duty_page(request, _visible_record(request.user, pk), form),
    )


@login_required
def duty_photo(request: HttpRequest, pk: int, photo: int) -> FileResponse:
    """A photo of a record, to whoever may see the record (never a public media URL)."""
    require(request.user.has_perm("stations.view_duty_record"))
    record = duty_records_visible_to(request.user).filter(pk=pk).first()
    row = DutyPhoto.objects.filter(record=record, pk=photo).first() if record else None
    if row is None:
        raise Http404(_("No such photo."))
    try:
        handle = row.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("No such photo.")) from None
    response = FileResponse(handle, content_type=row.content_type)
    kind = "attachment" if request.GET.get("download") == "1" else "inline"
    response["Content-Disposition"] = f"{kind}; filename*=UTF-8''{quote(row.name, safe='')}"
    response["Cache-Control"] = "private, max-age=3600"
    return response


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
    """A list of trainings or meetings: by year and words, latest first, paged."""
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

    return _submit(request, form, lambda t: reverse("stations:training_detail", args=[t.pk]), page)


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

    return _submit(request, form, lambda _t: reverse("stations:training_detail", args=[pk]), page)


# --- standing committee meetings attended ------------------------------------------------------


def _meeting(user: Any, pk: int) -> StandingMeeting:
    return _one(meetings_of(user.congress_id), pk, _("No such meeting in your congress."))


@page_requires("stations.oversee_work")
def meeting_list(request: HttpRequest) -> HttpResponse:
    """列席常委会会议: meetings with their attending deputies, forums and opinions."""
    user: Any = request.user
    context = _year_list(
        request,
        meetings_of(user.congress_id),
        date="date",
        words=("title",),
    )
    return render(request, "stations/work/meeting_list.html", context)


def _record_attendance(request: HttpRequest, meeting: StandingMeeting | None) -> HttpResponse:
    """A meeting's attendees, on a new meeting or one already recorded."""
    user: Any = request.user
    data, _files = _posted(request)
    form = MeetingAttendanceForm(data, congress=user.congress, meeting=meeting, user=user)

    def page() -> HttpResponse:
        if meeting is None:
            heading, back_url, back_label = _("Record a meeting attended"), "", ""
        else:
            heading = _("More attendees: %(title)s") % {"title": meeting.title}
            back_url = reverse("stations:meeting_detail", args=[meeting.pk])
            back_label = meeting.title
        return render(
            request,
            "org/attendance_form.html",
            {
                "form": form,
                "heading": heading,
                "back_url": back_url,
                "back_label": back_label,
                "list_url": reverse("stations:meeting_list"),
                "list_label": _("Meetings attended"),
                "started": True,
                "intro": _(
                    "The deputies who attended the standing committee meeting without a vote "
                    "(列席). Recording again adds to the list."
                ),
                "already": form.already_count,
            },
        )

    return _submit(request, form, lambda m: reverse("stations:meeting_detail", args=[m.pk]), page)


@page_requires("stations.record_attendance")
def meeting_record(request: HttpRequest) -> HttpResponse:
    """A meeting and the deputies who attended it (列席)."""
    return _record_attendance(request, None)


@page_requires("stations.record_attendance")
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """More deputies who attended a meeting already recorded."""
    return _record_attendance(request, _meeting(request.user, pk))


def _meeting_page(
    request: HttpRequest, meeting: StandingMeeting, forum_form: ForumForm | None = None
) -> HttpResponse:
    user: Any = request.user
    attendances = list(meeting_attendees(meeting))
    may_record = user.has_perm("stations.record_attendance", meeting)
    if forum_form is None and may_record and attendances:
        forum_form = ForumForm(
            meeting=meeting, attendees=[a.deputy for a in attendances], user=user
        )
    return render(
        request,
        "stations/work/meeting_detail.html",
        {
            "m": meeting,
            "attendances": attendances,
            "forums": meeting_forums(meeting),
            "forum_form": forum_form,
            "timeline": timeline(meeting),
            "may_record": may_record,
        },
    )


@page_requires("stations.oversee_work")
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, _meeting(request.user, pk))


@page_requires("stations.oversee_work")
def meeting_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The opinions raised at the meeting's forums and its attending deputies, as Excel, for
    the committees that take them into their deliberation reports."""
    meeting = _meeting(request.user, pk)
    data = documents.meeting_table(
        meeting=meeting,
        attendees=list(meeting_attendees(meeting)),
        forums=meeting_forums(meeting),
    )
    name = _("%(title)s attending deputies' opinions") % {"title": meeting.title}
    return xlsx_response(data, name, f"meeting-{meeting.pk}-opinions")


@require_POST
@page_requires("stations.record_attendance")
def meeting_forum(request: HttpRequest, pk: int) -> HttpResponse:
    """The attendees' forum of a meeting and the opinions raised there, several at once."""
    meeting = _meeting(request.user, pk)
    attendees = [a.deputy for a in meeting_attendees(meeting)]
    form = ForumForm(request.POST, meeting=meeting, attendees=attendees, user=request.user)
    return _submit(
        request,
        form,
        lambda f: reverse("stations:meeting_detail", args=[pk]) + f"#forum-{f.pk}",
        lambda: _meeting_page(request, meeting, form),
    )
