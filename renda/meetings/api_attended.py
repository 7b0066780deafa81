"""The API of the meetings deputies attended without a vote (列席), at the paths the stations
API gave them (/standing-meetings): the meetings with their counts, a meeting's attendees and
forums with the opinions raised there; staff record attendees and forums.

Thin on purpose: each endpoint looks the meeting up among those the caller may see
(rules.SEE_MEETING; 404 otherwise), turns ids into rows of the caller's congress, and calls
one function of actions_attended.py, which checks role (403) and input (422).
"""

# No `from __future__ import annotations`: django-ninja reads the path and payload types from
# the evaluated annotations of the endpoints.

import datetime
from typing import Annotated, Any

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from renda.core.api import Pages, PkPath, RowId, caller, caller_congress
from renda.core.workflow import ActionInvalid
from renda.meetings import actions_attended as A
from renda.meetings.models import AttendeeForum, ForumOpinion, Meeting, MeetingAttendance
from renda.meetings.queries import meetings_visible_to
from renda.meetings.queries_attended import with_attendees
from renda.org.models import Deputy
from renda.org.schemas import Ref

router = Router(tags=["meetings attended"])

# Limits mirror the columns (a longer value is a 422, not a database error).
Text = Annotated[str, Field(max_length=5_000)]
Title = Annotated[str, Field(max_length=200)]


class AttendedMeetingIn(Schema):
    title: Title = Field(
        description="The meeting: the one of that day with this title or number (第N次会议), "
        "else one recorded as held that day"
    )
    date: datetime.date
    deputies: list[RowId] = Field(max_length=1_000)


class AttendeesIn(Schema):
    deputies: list[RowId] = Field(max_length=1_000, description="The deputies' ids")


class ForumOpinionIn(Schema):
    deputy: RowId = Field(description="An attendee of the meeting")
    text: Text


class ForumIn(Schema):
    held_on: datetime.date
    summary: Text = ""
    opinions: list[ForumOpinionIn] = Field(default_factory=list, max_length=500)


def _ref(row: Any) -> dict[str, Any]:
    return {"id": row.deputy_id, "name": row.deputy.person.name}


class ForumOpinionOut(Schema):
    deputy: Ref
    text: str

    @staticmethod
    def resolve_deputy(obj: Any) -> dict[str, Any]:
        return _ref(obj)


class ForumOut(Schema):
    id: int
    held_on: datetime.date
    summary: str
    opinions: list[ForumOpinionOut]

    @staticmethod
    def resolve_opinions(obj: Any) -> list[Any]:
        return list(obj.opinions.all())


class AttendedMeetingOut(Schema):
    id: int
    title: str
    date: datetime.date = Field(description="Its first day")
    attendance: int = Field(description="How many deputies attended without a vote (列席)")
    forum_count: int = Field(description="How many attendee forums were held")

    @staticmethod
    def resolve_date(obj: Any) -> datetime.date:
        return obj.start_date

    @staticmethod
    def resolve_attendance(obj: Any) -> int:
        return int(obj.attendance)


class AttendedMeetingDetailOut(AttendedMeetingOut):
    attendees: list[Ref]
    forums: list[ForumOut]

    @staticmethod
    def resolve_attendees(obj: Any) -> list[dict[str, Any]]:
        return [_ref(a) for a in obj.attendances.all()]

    @staticmethod
    def resolve_forums(obj: Any) -> list[Any]:
        return list(obj.forums.all())


def _deputies(user: Any, ids: list[int]) -> list[Deputy]:
    found = list(Deputy.objects.filter(congress_id=user.congress_id, pk__in=ids))
    if len(found) != len(set(ids)):
        raise ActionInvalid(_("No such deputy in your congress."), field="deputies")
    return found


def _with_counts(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return qs.annotate(
        attendance=Count("attendances", distinct=True), forum_count=Count("forums", distinct=True)
    )


def _meeting(user: Any, pk: int) -> Meeting:
    meeting = (
        _with_counts(meetings_visible_to(user))
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=MeetingAttendance.objects.select_related("deputy__person").order_by(
                    "deputy__card_number"
                ),
            ),
            Prefetch(
                "forums",
                queryset=AttendeeForum.objects.prefetch_related(
                    Prefetch(
                        "opinions",
                        queryset=ForumOpinion.objects.select_related("deputy__person"),
                    )
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


class AttendedFilters(Schema):
    year: int | None = Field(None, ge=1900, le=9999)
    deputy: RowId | None = Field(None, description="Only those this deputy attended")


@router.get(
    "/standing-meetings",
    response=list[AttendedMeetingOut],
    summary="Standing committee meetings deputies attended without a vote (列席)",
)
@paginate(Pages)
def meeting_list(request: HttpRequest, filters: Query[AttendedFilters]) -> Any:
    qs = with_attendees(meetings_visible_to(caller(request)))
    if filters.year:
        qs = qs.filter(start_date__year=filters.year)
    if filters.deputy:
        attended = MeetingAttendance.objects.filter(
            meeting_id=OuterRef("pk"), deputy_id=filters.deputy
        )
        qs = qs.filter(Exists(attended))
    return _with_counts(qs).order_by("-start_date", "-id")


@router.get(
    "/standing-meetings/{meeting_id}",
    response=AttendedMeetingDetailOut,
    summary="A meeting, its attendees and its attendee forums with the opinions raised",
)
def meeting_detail(request: HttpRequest, meeting_id: PkPath) -> Any:
    return _meeting(caller(request), meeting_id)


@router.post(
    "/standing-meetings",
    response={201: AttendedMeetingDetailOut},
    summary="Staff record deputies who attended a meeting (the same title and date add to it)",
)
def meeting_create(request: HttpRequest, payload: AttendedMeetingIn) -> Any:
    user = caller(request)
    meeting = A.meeting_attendance_record(
        actor=user,
        congress=caller_congress(user),
        title=payload.title,
        date=payload.date,
        deputies=_deputies(user, payload.deputies),
    )
    return Status(201, _meeting(user, meeting.pk))


@router.post(
    "/standing-meetings/{meeting_id}/attendance",
    response=AttendedMeetingDetailOut,
    summary="Staff add attendees to a meeting",
)
def meeting_attendance(request: HttpRequest, meeting_id: PkPath, payload: AttendeesIn) -> Any:
    user = caller(request)
    meeting = _meeting(user, meeting_id)
    A.meeting_attendees_add(meeting=meeting, actor=user, deputies=_deputies(user, payload.deputies))
    return _meeting(user, meeting_id)


@router.post(
    "/standing-meetings/{meeting_id}/forums",
    response={201: AttendedMeetingDetailOut},
    summary="Staff record an attendee forum (列席代表座谈会) and each opinion raised there",
)
def meeting_forum(request: HttpRequest, meeting_id: PkPath, payload: ForumIn) -> Any:
    user = caller(request)
    meeting = _meeting(user, meeting_id)
    found = {
        d.pk: d
        for d in Deputy.objects.filter(
            congress=caller_congress(user), pk__in=[o.deputy for o in payload.opinions]
        )
    }
    opinions = []
    for i, o in enumerate(payload.opinions):
        if o.deputy not in found:
            raise ActionInvalid(_("No such deputy in your congress."), field=f"opinions.{i}.deputy")
        opinions.append((found[o.deputy], o.text))
    A.forum_record(
        actor=user,
        meeting=meeting,
        held_on=payload.held_on,
        summary=payload.summary,
        opinions=opinions,
    )
    return Status(201, _meeting(user, meeting_id))
