"""Every write on meetings, agenda items, materials and votes. Each runs in one transaction
and leaves its event."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from math import floor
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renda.core import agenda
from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.inputs import require_choice, require_text
from renda.core.notifications import notify
from renda.core.uploads import DOCUMENTS, check_upload
from renda.core.workflow import (
    ActionConflict,
    ActionForbidden,
    ActionInvalid,
    perform,
    record_event,
)
from renda.meetings.models import (
    AgendaItem,
    Ballot,
    Choice,
    ItemKind,
    Material,
    Meeting,
    MeetingKind,
    MeetingState,
    MemberAttendance,
    Presence,
    Vote,
    VoteMethod,
    VoteState,
)
from renda.meetings.numbers import meeting_title
from renda.meetings.payloads import (
    AttendanceIn,
    CastIn,
    CloseMeetingIn,
    CloseVoteIn,
    FixAgendaIn,
    HandsIn,
    OpenMeetingIn,
    OpenVoteIn,
    TakeUpIn,
)
from renda.meetings.workflow import MEETING, VOTE
from renda.org.models import Deputy, Term

OPEN_STATES = (MeetingState.PLANNED, MeetingState.FIXED, MeetingState.IN_SESSION)


def _url(meeting: Meeting) -> str:
    return reverse("meetings:detail", args=[meeting.pk])


def _require_staff(actor: Any, congress_id: int) -> None:
    if not actor.has_perm("meetings.manage") or actor.congress_id != congress_id:
        raise ActionForbidden(_("Only staff of this congress prepare meetings."))


def more_than(share: float, total: int) -> int:
    """The smallest count that is more than `share` of `total` (more than half of 35: 18)."""
    return floor(share * total) + 1


def standing_members(congress_id: int) -> list[Deputy]:
    """The standing committee's members (组成人员) serving now."""
    return list(
        Deputy.objects.filter(
            congress_id=congress_id,
            is_standing_committee_member=True,
            status=Deputy.Status.ACTIVE,
        ).order_by("card_number")
    )


# --- planning -------------------------------------------------------------------------------


@transaction.atomic
def meeting_plan(
    *,
    actor: Any,
    term: Term,
    kind: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    place: str = "",
    convener: str = "",
    members: Sequence[Deputy] | None = None,
) -> Meeting:
    """筹备: a standing committee meeting expects every member; a chair's council meeting the
    members chosen (the chair, vice-chairs and secretary-general)."""
    _require_staff(actor, term.congress_id)
    kind = require_choice(kind, MeetingKind, "kind")
    end_date = end_date or start_date
    if end_date < start_date:
        raise ActionInvalid(_("The last day cannot be before the first."), field="end_date")
    if kind == MeetingKind.STANDING_COMMITTEE:
        expected = standing_members(term.congress_id)
    else:
        expected = list(members or [])
        if not expected:
            raise ActionInvalid(_("Choose the members of the chair's council."), field="members")
    if any(
        m.congress_id != term.congress_id or not m.is_standing_committee_member for m in expected
    ):
        raise ActionInvalid(
            _("Members must be members of this standing committee."), field="members"
        )
    # Numbered within the term and kind (第N次会议), under a lock on the term.
    Term.objects.select_for_update().get(pk=term.pk)
    last = Meeting.objects.filter(term=term, kind=kind).aggregate(n=Max("number"))["n"] or 0
    meeting = Meeting.objects.create(
        congress_id=term.congress_id,
        term=term,
        kind=kind,
        number=last + 1,
        title=meeting_title(term, kind, last + 1),
        start_date=start_date,
        end_date=end_date,
        place=place.strip(),
        convener=convener.strip(),
    )
    MemberAttendance.objects.bulk_create(
        [MemberAttendance(meeting=meeting, member=m) for m in expected]
    )
    record_event(
        case=meeting,
        action="create",
        actor=actor,
        to_state=meeting.state,
        data={"members": len(expected)},
    )
    return meeting


@transaction.atomic
def item_add(
    *,
    meeting: Meeting,
    actor: Any,
    kind: str,
    title: str,
    presenter: str = "",
    summary: str = "",
    case: Any = None,
) -> AgendaItem:
    """议程: an item at the end of the agenda, while the meeting is being prepared or fixed."""
    _require_staff(actor, meeting.congress_id)
    kind = require_choice(kind, ItemKind, "kind")
    title = require_text(title, "title", _("Title"), max_length=200)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.state not in (MeetingState.PLANNED, MeetingState.FIXED):
        raise ActionConflict(_("Items are added while the meeting is being prepared."))
    if case is not None and getattr(case, "congress_id", None) != meeting.congress_id:
        raise ActionInvalid(_("The item's case belongs to another congress."), field="case")
    order = (locked.items.aggregate(n=Max("order"))["n"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=locked,
        order=order,
        kind=kind,
        title=title,
        presenter=presenter.strip()[:100],
        summary=summary.strip(),
        case_type=ContentType.objects.get_for_model(type(case)) if case is not None else None,
        case_id=case.pk if case is not None else None,
    )
    record_event(
        case=locked,
        action="item_added",
        actor=actor,
        comment=title,
        data={"item": item.pk, "kind": kind},
    )
    return item


@transaction.atomic
def material_add(*, item: AgendaItem, actor: Any, title: str, file: Any) -> Material:
    """会议材料: a document of an item; the same title again is its next version."""
    meeting = item.meeting
    _require_staff(actor, meeting.congress_id)
    title = require_text(title, "title", _("Title"), max_length=200)
    if meeting.state == MeetingState.CLOSED:
        raise ActionConflict(_("The meeting is closed."))
    checked = check_upload(file, allowed=DOCUMENTS, field="file")
    version = (item.materials.filter(title=title).aggregate(n=Max("version"))["n"] or 0) + 1
    material = Material.objects.create(
        item=item,
        title=title,
        version=version,
        file=checked.file,
        name=checked.name,
        size=checked.size,
        content_type=checked.content_type,
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    record_event(
        case=meeting,
        action="material_added",
        actor=actor,
        comment=f"{item.order}. {title} v{version}",
        data={"item": item.pk, "material": material.pk},
    )
    return material


# --- the meeting's steps --------------------------------------------------------------------


@MEETING.action("fix_agenda", payload=FixAgendaIn)
def meeting_fix_agenda(*, meeting: Meeting, actor: Any, notice: str = "") -> Meeting:
    """The agenda is fixed: members are notified and read the materials before the day."""
    MEETING.check(actor, meeting, "fix_agenda")
    if meeting.start_date < timezone.localdate():
        raise ActionInvalid(
            _("The meeting's first day, %(date)s, has passed: correct it before fixing.")
            % {"date": meeting.start_date.isoformat()},
            field="start_date",
        )
    if not meeting.items.exists():
        raise ActionConflict(_("Add the agenda items first."))

    def apply(m: Meeting) -> None:
        m.notice = notice.strip()
        for attendance in m.members.select_related("member"):
            from renda.accounts.models import User

            user = User.objects.filter(deputy_id=attendance.member_id, is_active=True).first()
            if user is not None:
                set_deadline(
                    case=m,
                    kind=f"read:{user.pk}",
                    user=user,
                    url=_url(m),
                    due_date=m.start_date,
                    label=gettext_noop("Read the materials of %(meeting)s"),
                    params={"meeting": m.title},
                )

    perform(
        MEETING,
        case=meeting,
        action="fix_agenda",
        actor=actor,
        comment=notice,
        apply=apply,
        notify=lambda e: _tell_members(meeting),
    )
    return meeting


def _tell_members(meeting: Meeting) -> None:
    from renda.accounts.models import User

    users = User.objects.filter(
        deputy_id__in=meeting.members.values_list("member_id", flat=True), is_active=True
    )
    notify(
        users,
        title=_("Meeting notice: %(meeting)s, from %(date)s")
        % {
            "meeting": meeting.title,
            "date": meeting.start_date.isoformat(),
        },
        body=meeting.notice,
        url=_url(meeting),
    )


@MEETING.action("record_attendance", payload=AttendanceIn)
def meeting_record_attendance(
    *, meeting: Meeting, actor: Any, presences: dict[int, tuple[str, str]]
) -> Meeting:
    """出席/请假: who is present, on leave (with the reason) or absent."""
    MEETING.check(actor, meeting, "record_attendance")
    for presence, reason in presences.values():
        require_choice(presence, Presence, "members")
        if presence == Presence.LEAVE and not reason.strip():
            raise ActionInvalid(_("Say why a member is on leave."), field="members")

    def apply(m: Meeting) -> None:
        rows = {a.member_id: a for a in m.members.all()}
        unknown = set(presences) - set(rows)
        if unknown:
            raise ActionInvalid(_("Only the meeting's members attend it."), field="members")
        for member_id, (presence, reason) in presences.items():
            row = rows[member_id]
            row.presence = presence
            row.leave_reason = reason.strip() if presence == Presence.LEAVE else ""
        MemberAttendance.objects.bulk_update(rows.values(), ["presence", "leave_reason"])

    perform(
        MEETING,
        case=meeting,
        action="record_attendance",
        actor=actor,
        apply=apply,
        data=_attendance_data(meeting, presences),
    )
    return meeting


def _attendance_data(meeting: Meeting, presences: dict[int, tuple[str, str]]) -> dict[str, Any]:
    current = dict(meeting.members.values_list("member_id", "presence"))
    current.update({k: v[0] for k, v in presences.items()})
    return {
        "present": sum(1 for p in current.values() if p == Presence.PRESENT),
        "leave": sum(1 for p in current.values() if p == Presence.LEAVE),
        "total": len(current),
    }


@MEETING.action("open", payload=OpenMeetingIn)
def meeting_open(*, meeting: Meeting, actor: Any) -> Meeting:
    """开会: only with more than half of all members present (a setting)."""
    MEETING.check(actor, meeting, "open")
    total = meeting.members.count()
    present = meeting.members.filter(presence=Presence.PRESENT).count()
    needed = more_than(meeting.congress.setting("meeting_quorum_share"), total)
    if present < needed:
        raise ActionConflict(
            _("No quorum: %(present)s of %(total)s members present, %(needed)s needed.")
            % {"present": present, "total": total, "needed": needed}
        )

    def apply(m: Meeting) -> None:
        m.opened_at = timezone.now()
        m.current_item = m.items.order_by("order").first()
        close_deadlines(case=m, kind_prefix="read:")

    perform(
        MEETING,
        case=meeting,
        action="open",
        actor=actor,
        apply=apply,
        data={"present": present, "total": total},
    )
    return meeting


@MEETING.action("take_up", payload=TakeUpIn)
def meeting_take_up(*, meeting: Meeting, actor: Any, item: AgendaItem) -> Meeting:
    """The item under discussion now (what members and the projector see)."""
    if item.meeting_id != meeting.pk:
        raise ActionInvalid(_("No such item on this meeting's agenda."), field="item")

    def apply(m: Meeting) -> None:
        m.current_item = item

    perform(
        MEETING,
        case=meeting,
        action="take_up",
        actor=actor,
        comment=str(item),
        apply=apply,
        data={"item": item.pk},
    )
    return meeting


@MEETING.action("close", payload=CloseMeetingIn)
def meeting_close(*, meeting: Meeting, actor: Any, minutes: str = "") -> Meeting:
    """闭会: every vote must be closed first."""
    MEETING.check(actor, meeting, "close")
    if Vote.objects.filter(item__meeting=meeting, state=VoteState.OPEN).exists():
        raise ActionConflict(_("Close the open vote first."))

    def apply(m: Meeting) -> None:
        m.closed_at = timezone.now()
        m.current_item = None
        if minutes.strip():
            m.minutes = minutes.strip()
        # What the meeting heard reaches the cases' apps (a reading is recorded on its
        # regulation), dated the meeting's first day (today, if it met before then).
        day = min(m.start_date, timezone.localdate())
        for item in m.items.filter(case_id__isnull=False).order_by("order"):
            heard = agenda.Heard(kind=item.kind, day=day, meeting_title=m.title, item_id=item.pk)
            agenda.item_heard(item.case_type_id, item.case_id, heard, actor)

    perform(MEETING, case=meeting, action="close", actor=actor, apply=apply)
    return meeting


@transaction.atomic
def meeting_write_minutes(*, meeting: Meeting, actor: Any, minutes: str) -> Meeting:
    """会议纪要: written during or after the meeting."""
    _require_staff(actor, meeting.congress_id)
    minutes = require_text(minutes, "minutes", _("Minutes"))
    if meeting.state not in (MeetingState.IN_SESSION, MeetingState.CLOSED):
        raise ActionConflict(_("Minutes are written once the meeting has opened."))
    Meeting.objects.filter(pk=meeting.pk).update(minutes=minutes)
    meeting.minutes = minutes
    record_event(case=meeting, action="minutes", actor=actor)
    return meeting


# --- votes ------------------------------------------------------------------------------------


@transaction.atomic
def vote_prepare(
    *, item: AgendaItem, actor: Any, subject: str, method: str, case: Any = None
) -> Vote:
    """表决: a question put to the members on an item (the meeting not closed)."""
    meeting = item.meeting
    _require_staff(actor, meeting.congress_id)
    subject = require_text(subject, "subject", _("Question"), max_length=300)
    method = require_choice(method, VoteMethod, "method")
    if meeting.state == MeetingState.CLOSED:
        raise ActionConflict(_("The meeting is closed."))
    # A vote is about the case given, else about the item's case (a regulation read).
    vote = Vote.objects.create(
        congress_id=meeting.congress_id,
        item=item,
        subject=subject,
        method=method,
        case_type=ContentType.objects.get_for_model(type(case)) if case else item.case_type,
        case_id=case.pk if case is not None else item.case_id,
    )
    record_event(case=vote, action="create", actor=actor, to_state=vote.state)
    return vote


def _in_session(vote: Vote) -> None:
    state = Meeting.objects.filter(pk=vote.item.meeting_id).values_list("state", flat=True)
    if state.first() != MeetingState.IN_SESSION:
        raise ActionConflict(_("Votes are taken while the meeting is in session."))


def _snapshot(vote: Vote) -> None:
    """The members the majority counts from, and those present, as the vote opens."""
    members = MemberAttendance.objects.filter(meeting_id=vote.item.meeting_id)
    vote.members_total = members.count()
    vote.present = members.filter(presence=Presence.PRESENT).count()


@VOTE.action("open", payload=OpenVoteIn)
def vote_open(*, vote: Vote, actor: Any) -> Vote:
    VOTE.check(actor, vote, "open")
    _in_session(vote)
    if vote.method == VoteMethod.HANDS:
        raise ActionConflict(_("A show of hands is counted by staff, not opened to voters."))
    if Vote.objects.filter(item__meeting_id=vote.item.meeting_id, state=VoteState.OPEN).exists():
        raise ActionConflict(_("Another vote is open: close it first."))

    def apply(v: Vote) -> None:
        _snapshot(v)
        v.opened_at = timezone.now()

    perform(VOTE, case=vote, action="open", actor=actor, apply=apply)
    return vote


@VOTE.action("cast", payload=CastIn)
def vote_cast(*, vote: Vote, actor: Any, choice: str) -> Vote:
    """A member present votes once, while the vote is open. A secret vote keeps who voted and
    the counts, never who chose what."""
    choice = require_choice(choice, Choice, "choice")
    secret = vote.method == VoteMethod.SECRET
    counter = {
        Choice.FOR: "votes_for",
        Choice.AGAINST: "votes_against",
        Choice.ABSTAIN: "votes_abstain",
    }[Choice(choice)]

    def apply(v: Vote) -> None:
        if Ballot.objects.filter(vote=v, member_id=actor.deputy_id).exists():
            raise ActionConflict(_("You have already voted."))
        Ballot.objects.create(vote=v, member_id=actor.deputy_id, choice="" if secret else choice)
        Vote.objects.filter(pk=v.pk).update(**{counter: F(counter) + 1})
        v.refresh_from_db(fields=[counter])

    perform(
        VOTE,
        case=vote,
        action="cast",
        actor=actor,
        apply=apply,
        data={} if secret else {"choice": choice},
    )
    return vote


def _decide(vote: Vote, actor: Any) -> None:
    """The result, and what it decides for the case voted on (in the same transaction)."""
    share = vote.congress.setting("vote_pass_share")
    vote.passed = vote.votes_for >= more_than(share, vote.members_total)
    vote.closed_at = timezone.now()
    meeting = Meeting.objects.only("title").get(pk=vote.item.meeting_id)
    agenda.vote_closed(
        vote.case_type_id,
        vote.case_id,
        agenda.VoteResult(
            passed=vote.passed,
            votes_for=vote.votes_for,
            votes_against=vote.votes_against,
            votes_abstain=vote.votes_abstain,
            members=vote.members_total,
            day=timezone.localdate(vote.closed_at),
            meeting_title=meeting.title,
            vote_id=vote.pk,
        ),
        actor,
    )


def _result(vote: Vote) -> dict[str, Any]:
    return {
        "for": vote.votes_for,
        "against": vote.votes_against,
        "abstain": vote.votes_abstain,
        "present": vote.present,
        "total": vote.members_total,
        "passed": vote.passed,
    }


@VOTE.action("close", payload=CloseVoteIn)
def vote_close(*, vote: Vote, actor: Any) -> Vote:
    """The result: passed with more than half of ALL members for it (a setting), not of those
    present."""
    result: dict[str, Any] = {}

    def apply(v: Vote) -> None:
        _decide(v, actor)
        result.update(_result(v))

    perform(VOTE, case=vote, action="close", actor=actor, apply=apply, data=result)
    return vote


@VOTE.action("record_hands", payload=HandsIn)
def vote_record_hands(
    *, vote: Vote, actor: Any, votes_for: int, votes_against: int, votes_abstain: int
) -> Vote:
    """举手表决: staff count the hands and record the result."""
    VOTE.check(actor, vote, "record_hands")
    _in_session(vote)
    result: dict[str, Any] = {}

    def apply(v: Vote) -> None:
        _snapshot(v)
        if votes_for + votes_against + votes_abstain > v.present:
            raise ActionInvalid(
                _("More hands than the %(present)s members present.") % {"present": v.present},
                field="votes_for",
            )
        v.votes_for, v.votes_against, v.votes_abstain = votes_for, votes_against, votes_abstain
        v.opened_at = timezone.now()
        _decide(v, actor)
        result.update(_result(v))

    perform(VOTE, case=vote, action="record_hands", actor=actor, apply=apply, data=result)
    return vote
