"""The pages of the meetings deputies attended without a vote (列席), under /stations/meetings/
in the stations' work tabs, where they were before they became meetings of this app: the
list, recording who attended (a meeting named by its title and day, or more attendees), a
meeting's attendees and its forums with their opinions, and their .xlsx export.

Thin on purpose: who enters a page is a named permission (rules.py), what a page shows comes
from queries_attended.py, and every write from one function of actions_attended.py through a
form of forms_attended.py, run by core's one form runner."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core.forms import YearSearchForm
from renda.core.pages import filtered, page_requires, paginate, submit_form
from renda.core.spreadsheets import xlsx_response
from renda.core.timeline import timeline
from renda.meetings.documents_attended import meeting_table
from renda.meetings.forms_attended import ForumForm, MeetingAttendanceForm, RemoveAttendeeForm
from renda.meetings.models import Meeting
from renda.meetings.queries_attended import (
    deputies_attending,
    meeting_attendees,
    meeting_forums,
    meetings_of,
    with_attendees,
)

PER_PAGE = 50


def _meeting(user: Any, pk: int) -> Meeting:
    meeting = meetings_of(user.congress_id).filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("No such meeting in your congress."))
    return meeting


@page_requires("meetings.view_attended")
def attended_list(request: HttpRequest) -> HttpResponse:
    """列席常委会会议: meetings with their attending deputies, forums and opinions."""
    user: Any = request.user
    base = with_attendees(meetings_of(user.congress_id))
    form = YearSearchForm(request.GET or None, rows=base, date="start_date", words=("title",))
    qs = form.chosen()
    context = {
        "form": form,
        "page_obj": paginate(request, qs.order_by("-start_date", "-id"), PER_PAGE),
        "filtered": filtered(request),
        "deputies": deputies_attending(qs),
    }
    return render(request, "meetings/attended/list.html", context)


def _record_attendance(request: HttpRequest, meeting: Meeting | None) -> HttpResponse:
    """A meeting's attendees, on a meeting named by its title and day or one already known."""
    user: Any = request.user
    data = request.POST if request.method == "POST" else None
    form = MeetingAttendanceForm(data, congress=user.congress, meeting=meeting, user=user)

    def page() -> HttpResponse:
        if meeting is None:
            heading, back_url, back_label = _("Record a meeting attended"), "", ""
        else:
            heading = _("More attendees: %(title)s") % {"title": meeting.title}
            back_url = reverse("meetings:attended_detail", args=[meeting.pk])
            back_label = meeting.title
        return render(
            request,
            "org/attendance_form.html",
            {
                "form": form,
                "heading": heading,
                "back_url": back_url,
                "back_label": back_label,
                "list_url": reverse("meetings:attended_list"),
                "list_label": _("Meetings attended"),
                "started": True,
                "intro": _(
                    "The deputies who attended the standing committee meeting without a vote "
                    "(列席). Recording again adds to the list."
                ),
                "already": form.already_count,
            },
        )

    return submit_form(
        request,
        form,
        done=lambda m: reverse("meetings:attended_detail", args=[m.pk]),
        page=page,
    )


@page_requires("meetings.manage")
def attended_record(request: HttpRequest) -> HttpResponse:
    """A meeting and the deputies who attended it (列席)."""
    return _record_attendance(request, None)


@page_requires("meetings.manage")
def attended_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """More deputies who attended a meeting."""
    return _record_attendance(request, _meeting(request.user, pk))


def _meeting_page(
    request: HttpRequest,
    meeting: Meeting,
    forum_form: ForumForm | None = None,
    remove_form: RemoveAttendeeForm | None = None,
) -> HttpResponse:
    user: Any = request.user
    attendances = list(meeting_attendees(meeting))
    may_record = user.has_perm("meetings.manage", meeting)
    if forum_form is None and may_record and attendances:
        forum_form = ForumForm(
            meeting=meeting, attendees=[a.deputy for a in attendances], user=user
        )
    return render(
        request,
        "meetings/attended/detail.html",
        {
            "m": meeting,
            "attendances": attendances,
            "forums": meeting_forums(meeting),
            "forum_form": forum_form,
            "timeline": timeline(meeting),
            "may_record": may_record,
            "remove_form": remove_form
            or (
                RemoveAttendeeForm(
                    meeting=meeting, user=user, attendees=[a.deputy for a in attendances]
                )
                if may_record and attendances
                else None
            ),
        },
    )


@require_POST
@page_requires("meetings.manage")
def attended_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a deputy recorded by mistake as attending."""
    meeting = _meeting(request.user, pk)
    attendees = [a.deputy for a in meeting_attendees(meeting)]
    form = RemoveAttendeeForm(request.POST, meeting=meeting, user=request.user, attendees=attendees)
    return submit_form(
        request,
        form,
        done=reverse("meetings:attended_detail", args=[meeting.pk]),
        page=lambda: _meeting_page(request, meeting, remove_form=form),
    )


@page_requires("meetings.view_attended")
def attended_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, _meeting(request.user, pk))


@page_requires("meetings.view_attended")
def attended_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The opinions raised at the meeting's forums and its attending deputies, as Excel, for
    the committees that take them into their deliberation reports."""
    meeting = _meeting(request.user, pk)
    data = meeting_table(
        meeting=meeting,
        attendees=list(meeting_attendees(meeting)),
        forums=meeting_forums(meeting),
    )
    name = _("%(title)s attending deputies' opinions") % {"title": meeting.title}
    return xlsx_response(data, name, f"meeting-{meeting.pk}-opinions")


@require_POST
@page_requires("meetings.manage")
def attended_forum(request: HttpRequest, pk: int) -> HttpResponse:
    """The attendees' forum of a meeting and the opinions raised there, several at once."""
    meeting = _meeting(request.user, pk)
    attendees = [a.deputy for a in meeting_attendees(meeting)]
    form = ForumForm(request.POST, meeting=meeting, attendees=attendees, user=request.user)
    return submit_form(
        request,
        form,
        done=lambda f: reverse("meetings:attended_detail", args=[pk]) + f"#forum-{f.pk}",
        page=lambda: _meeting_page(request, meeting, form),
    )
