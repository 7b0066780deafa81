"""The meeting pages: staff prepare a meeting (agenda, materials, members, votes) and run it;
members read the materials of their meetings and vote from a phone or tablet (无纸化会议);
the hall's projector shows the item under discussion and each vote's result as it closes;
the public reads the notices of meetings.

Thin on purpose: what a user may see comes from queries.py (rules.SEE_MEETING), what they may
do from the declarations, and every write is one function of actions.py."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from renda.core import agenda, polls
from renda.core.http import AuthedRequest
from renda.core.pages import CasePage, filtered, page_requires, paginate, require, run_action_form
from renda.core.spreadsheets import attachment_disposition
from renda.meetings import documents
from renda.meetings.forms import (
    ItemForm,
    MaterialForm,
    MeetingFilterForm,
    MinutesForm,
    PlanForm,
)
from renda.meetings.forms import VoteForm as PrepareVoteForm
from renda.meetings.models import (
    Ballot,
    Material,
    Meeting,
    MeetingState,
    MemberAttendance,
    Presence,
    Vote,
    VoteMethod,
    VoteState,
)
from renda.meetings.queries import (
    filter_meetings,
    meetings_visible_to,
    votes_visible_to,
    with_agenda,
    with_counts,
)
from renda.meetings.rows import meeting_rows
from renda.meetings.workflow import MEETING, VOTE

PER_PAGE = 30
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PREPARING = (MeetingState.PLANNED, MeetingState.FIXED)


# --- lists ------------------------------------------------------------------------------------


def _years(qs: Any) -> list[int]:
    return sorted({d.year for d in qs.values_list("start_date", flat=True)}, reverse=True)


@page_requires("meetings.view_meetings")
def meeting_list(request: AuthedRequest) -> HttpResponse:
    """常委会会议 and 主任会议 of the congress: staff and leaders see all; a member or deputy
    the meetings they are expected at."""
    user = request.user
    visible = meetings_visible_to(user)
    form = MeetingFilterForm(request.GET or None, years=_years(visible))
    qs = with_counts(filter_meetings(visible, **form.values())).order_by("-start_date", "-id")
    page = paginate(request, qs, PER_PAGE)
    mine = set(
        MemberAttendance.objects.filter(
            meeting__in=[m.pk for m in page.object_list], member_id=user.deputy_id or 0
        ).values_list("meeting_id", flat=True)
    )
    # Deputies attending without a vote read the agenda, not the members' attendance.
    show_presence = user.has_perm("meetings.view_members")
    return render(
        request,
        "meetings/list.html",
        {
            "form": form,
            "page_obj": page,
            "rows": meeting_rows(page.object_list, mine=mine, show_presence=show_presence),
            "filtered": filtered(request),
            "mine": mine,
            "can_plan": user.has_perm("meetings.manage"),
            "show_presence": show_presence,
        },
    )


@page_requires("meetings.manage")
def meeting_plan(request: AuthedRequest) -> HttpResponse:
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST":
        response = run_action_form(
            request,
            form,
            done=lambda meeting: reverse("meetings:detail", args=[meeting.pk]),
            conflict=lambda error: _form_again(request, form, error),
        )
        if response is not None:
            return response
    return render(request, "meetings/plan.html", {"form": form}, status=422 if form.errors else 200)


def _form_again(request: AuthedRequest, form: Any, error: Any) -> HttpResponse:
    form.add_error(None, str(error.message))
    return render(request, "meetings/plan.html", {"form": form}, status=409)


# --- one meeting --------------------------------------------------------------------------------


class MeetingPage(CasePage):
    """A meeting: its agenda with each item's materials and votes, its members' attendance,
    what the user may do now, and its timeline."""

    workflow = MEETING
    template = "meetings/detail.html"
    url_name = "meetings:detail"
    act_url_name = "meetings:act"
    case_name = "meeting"
    not_found = gettext_lazy("No such meeting, or not one you may see.")

    def find(self, user: Any, pk: int) -> Meeting | None:
        return with_agenda(meetings_visible_to(user)).filter(pk=pk).first()

    def context(self, request: AuthedRequest, meeting: Meeting) -> dict[str, Any]:
        return meeting_context(request, meeting)


def meeting_context(request: AuthedRequest, meeting: Meeting, **bound: Any) -> dict[str, Any]:
    user = request.user
    manage = user.has_perm("meetings.manage", meeting)
    items = list(meeting.items.all())
    members = list(meeting.members.all())
    preparing = meeting.state in PREPARING
    open_meeting = meeting.state != MeetingState.CLOSED
    for item in items:
        item.material_form = (  # type: ignore[attr-defined]
            bound.get(f"material-{item.pk}") or MaterialForm(item=item, user=user)
            if manage and open_meeting
            else None
        )
        item.vote_form = (  # type: ignore[attr-defined]
            bound.get(f"vote-{item.pk}") or PrepareVoteForm(item=item, user=user)
            if manage and open_meeting
            else None
        )
    held_polls = [
        (
            item,
            agenda.polls_for(item.kind, meeting.congress_id, meeting.start_date, meeting.end_date),
        )
        for item in items
    ]
    poll_facts = polls.facts(user, [p for _item, found in held_polls for p in found])
    for item, found in held_polls:
        item.polls = [poll_facts[p.pk] for p in found]  # type: ignore[attr-defined]
    counts = {p: sum(1 for m in members if m.presence == p) for p in Presence.values}
    return {
        "items": items,
        "members": members,
        "counts": counts,
        "can_manage": manage,
        "item_form": bound.get("item")
        or (ItemForm(meeting=meeting, user=user) if manage and preparing else None),
        "minutes_form": bound.get("minutes")
        or (
            MinutesForm(meeting=meeting, user=user)
            if manage and meeting.state in (MeetingState.IN_SESSION, MeetingState.CLOSED)
            else None
        ),
        "my_attendance": next((m for m in members if m.member_id == user.deputy_id), None),
        # A deputy attending without a vote reads the agenda, not the members' attendance.
        "show_members": user.has_perm("meetings.view_members", meeting),
    }


meeting_page = MeetingPage()


def _meeting(request: AuthedRequest, pk: int) -> Meeting:
    return meeting_page.load(request.user, pk)


def _post_form(request: AuthedRequest, meeting: Meeting, form: Any, key: str) -> HttpResponse:
    """Run one of the meeting page's staff forms; on a refusal, the page again with it."""
    done = reverse("meetings:detail", args=[meeting.pk])

    def on_conflict(error: Any) -> HttpResponse:
        form.add_error(None, str(error.message))
        return _page_with(request, meeting, key, form, 409)

    response = run_action_form(request, form, done=done, conflict=on_conflict)
    return response or _page_with(request, meeting, key, form, 422)


def _page_with(
    request: AuthedRequest, meeting: Meeting, key: str, form: Any, status: int
) -> HttpResponse:
    fresh = _meeting(request, meeting.pk)
    context = {
        "meeting": fresh,
        "case": fresh,
        "timeline": [],
        "action_forms": meeting_page.forms(request, fresh, None),
        "conflict": "",
        "my_deadlines": [],
        **meeting_context(request, fresh, **{key: form}),
    }
    return render(request, meeting_page.template, context, status=status)


@require_POST
@page_requires("meetings.manage")
def item_add(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = ItemForm(request.POST, meeting=meeting, user=request.user)
    return _post_form(request, meeting, form, "item")


def _item(meeting: Meeting, item: int) -> Any:
    found = meeting.items.filter(pk=item).first()
    if found is None:
        raise Http404(_("No such item on this meeting's agenda."))
    return found


@require_POST
@page_requires("meetings.manage")
def material_add(request: AuthedRequest, pk: int, item: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    row = _item(meeting, item)
    form = MaterialForm(request.POST, request.FILES, item=row, user=request.user)
    return _post_form(request, meeting, form, f"material-{row.pk}")


@require_POST
@page_requires("meetings.manage")
def vote_add(request: AuthedRequest, pk: int, item: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    row = _item(meeting, item)
    form = PrepareVoteForm(request.POST, item=row, user=request.user)
    return _post_form(request, meeting, form, f"vote-{row.pk}")


@require_POST
@page_requires("meetings.manage")
def minutes_save(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = MinutesForm(request.POST, meeting=meeting, user=request.user)
    return _post_form(request, meeting, form, "minutes")


@page_requires("meetings.view_meetings")
def material_download(request: AuthedRequest, pk: int, material: int) -> FileResponse:
    meeting = _meeting(request, pk)
    row = Material.objects.filter(item__meeting=meeting, pk=material).first()
    if row is None:
        raise Http404(_("No such file."))
    return FileResponse(row.file.open("rb"), as_attachment=True, filename=row.name)


@page_requires("meetings.view_meetings")
def minutes_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    """会议纪要 as Word."""
    meeting = _meeting(request, pk)
    require(meeting.minutes)
    response = HttpResponse(documents.minutes(meeting), content_type=DOCX)
    response["Content-Disposition"] = attachment_disposition(
        _("%(meeting)s minutes.docx") % {"meeting": meeting.title}, f"meeting-{pk}-minutes.docx"
    )
    return response


# --- votes --------------------------------------------------------------------------------------


class VotePage(CasePage):
    """A vote: the question, and for a member present the buttons while it is open; staff open
    and close it or record a show of hands; once closed, the result (and for a named vote who
    voted how; for a secret one, never)."""

    workflow = VOTE
    template = "meetings/vote.html"
    url_name = "meetings:vote"
    act_url_name = "meetings:vote_act"
    case_name = "vote"
    not_found = gettext_lazy("No such vote, or not one you may see.")

    def find(self, user: Any, pk: int) -> Vote | None:
        return votes_visible_to(user).filter(pk=pk).first()

    def forms(self, request: AuthedRequest, case: Any, bound: Any) -> list[Any]:
        shown = super().forms(request, case, bound)
        voted = Ballot.objects.filter(vote=case, member_id=request.user.deputy_id or 0).exists()
        # A member who has voted is shown their vote, not the buttons again (a second
        # ballot is refused by the action all the same).
        return [f for f in shown if not (voted and f.action == "cast")]

    def context(self, request: AuthedRequest, vote: Vote) -> dict[str, Any]:
        user = request.user
        named_closed = vote.method == VoteMethod.NAMED and vote.state == VoteState.CLOSED
        return {
            "meeting": vote.item.meeting,
            "item": vote.item,
            "my_ballot": Ballot.objects.filter(vote=vote, member_id=user.deputy_id or 0).first(),
            "ballots": (
                list(Ballot.objects.filter(vote=vote).select_related("member__person"))
                if named_closed
                else []
            ),
            "voted": Ballot.objects.filter(vote=vote).count(),
            "is_secret": vote.method == VoteMethod.SECRET,
        }


vote_page = VotePage()


@page_requires("meetings.view_meetings")
def vote_now(request: AuthedRequest, pk: int) -> HttpResponse:
    """A member's shortcut on the meeting page: the vote open now, if any."""
    meeting = _meeting(request, pk)
    vote = Vote.objects.filter(item__meeting=meeting, state=VoteState.OPEN).first()
    if vote is None:
        return redirect("meetings:detail", pk=pk)
    return redirect("meetings:vote", pk=vote.pk)


# --- the projector ------------------------------------------------------------------------------


def projector_state(meeting: Meeting) -> dict[str, Any]:
    """What the hall's screen shows: the item under discussion, the vote open (how many have
    voted) or the last one closed (its result)."""
    item = meeting.current_item
    vote = (
        Vote.objects.filter(item__meeting=meeting)
        .exclude(state=VoteState.PREPARED)
        .order_by("-opened_at", "-id")
        .first()
    )
    shown: dict[str, Any] | None = None
    if vote is not None:
        shown = {
            "id": vote.pk,
            "subject": vote.subject,
            "state": vote.state,
            "state_label": str(VoteState(vote.state).label),
            "method": str(VoteMethod(vote.method).label),
            "voted": vote.ballots.count() if vote.state == VoteState.OPEN else None,
            "present": vote.present,
            "members": vote.members_total,
        }
        if vote.state == VoteState.CLOSED:
            shown.update(
                {
                    "for": vote.votes_for,
                    "against": vote.votes_against,
                    "abstain": vote.votes_abstain,
                    "not_voting": vote.not_voting,
                    "passed": vote.passed,
                }
            )
    return {
        "meeting": meeting.title,
        "state": meeting.state,
        "item": {"order": item.order, "title": item.title, "presenter": item.presenter}
        if item
        else None,
        "vote": shown,
        "at": timezone.now().isoformat(),
    }


@page_requires("meetings.view_meetings")
def projector(request: AuthedRequest, pk: int) -> HttpResponse:
    """The hall's screen: it asks the server every two seconds (no external service)."""
    meeting = _meeting(request, pk)
    return render(
        request, "meetings/projector.html", {"meeting": meeting, "state": projector_state(meeting)}
    )


@page_requires("meetings.view_meetings")
def projector_json(request: AuthedRequest, pk: int) -> JsonResponse:
    meeting = _meeting(request, pk)
    response = JsonResponse(projector_state(meeting), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


# --- the public -----------------------------------------------------------------------------------


def public_list(request: HttpRequest) -> HttpResponse:
    """会议公告: the meetings whose agenda is fixed, with their dates, place and agenda."""
    qs = (
        Meeting.objects.exclude(state=MeetingState.PLANNED)
        .filter(kind="standing_committee")
        .select_related("congress")
        .prefetch_related("items")
        .order_by("-start_date", "-id")
    )
    return render(
        request, "meetings/public_list.html", {"page_obj": paginate(request, qs, PER_PAGE)}
    )
