"""Demo data: the standing committee's meetings (常委会会议) and the chair's council's (主任会议),
with what they decided.

2024, from the work report: seven meetings of the fifth standing committee (the 15th to the
21st), each prepared by a chair's council a week before. They read the three regulations made
and the one revised (on the days legislation records their readings, adopting each at its
second reading), heard 27 work reports, approved 3 budget adjustment plans, adopted 10 decisions
and resolutions (one replacing a 2019 decision, which is repealed) and voted 69 appointments and
removals (person-times), each person by a secret vote; members attended or asked for leave, and
voted by electronic voter.

The current year: the meetings held so far (the last one read the mask regulation's first
draft, twelve days ago), a meeting whose agenda is fixed and whose materials members are reading
now (the beef craft regulation's first reading, a decision and an appointment proposal with
their votes prepared), and a chair's council meeting being planned; staff have a proposal to
review, a draft decision to table and an adopted decision to publish.

Rows are written as the actions would have left them, with every event a legal step of its
declaration (renda/demo/tests checks it).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from docx.enum.text import WD_ALIGN_PARAGRAPH

from renda.accounts.models import User
from renda.core.calendar import WorkingCalendar
from renda.core.models import Deadline, Event
from renda.core.officialdoc import (
    BODY_FONT,
    TITLE_FONT,
    TITLE_SIZE,
    add_paragraph,
    chinese_date,
    official_document,
    to_bytes,
)
from renda.demo import Writer
from renda.demo.meeting_register import DAY, Clock, D, Registers, moment, subject
from renda.demo.meeting_texts import (
    APPOINTMENTS_2024,
    BUDGETS_2024,
    COUNCIL_ITEMS,
    DECISIONS_2024,
    DECISIONS_NOW,
    LEAVE_REASONS,
    MEETING_DAYS_2024,
    MINUTES,
    NOTICE,
    OTHER_ITEMS_2024,
    PLACE,
    REPORTS_2024,
    REPORTS_NOW,
)
from renda.demo.places import CITY, CITY_CODE
from renda.legislation.models import Regulation
from renda.legislation.models import RegulationState as R
from renda.meetings.actions import reading_deadlines
from renda.meetings.actions_decisions import publish_deadline
from renda.meetings.models import (
    AgendaItem,
    Appointee,
    AppointmentProposal,
    Ballot,
    Choice,
    Decision,
    DecisionState,
    ItemKind,
    Material,
    Meeting,
    MeetingKind,
    MeetingState,
    MemberAttendance,
    Nomination,
    Office,
    Presence,
    ProposalState,
    Tenure,
    Vote,
    VoteMethod,
    VoteState,
)
from renda.meetings.numbers import meeting_title
from renda.org.models import Congress, Deputy, Term

SEED = "renda-demo-meetings"
FIRST_2024 = 15  # the fifth standing committee's first meeting of 2024
COUNCIL_FIRST_2024 = 43  # and the chair's council's
LAW_COMMITTEE = "市人大常委会法制工作委员会主任"  # who explains a draft regulation
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _content_types() -> list[ContentType]:
    return list(
        ContentType.objects.get_for_models(Meeting, Vote, Decision, AppointmentProposal).values()
    )


def clear() -> None:
    city = Congress.objects.filter(code=CITY_CODE).first()
    if city is None:
        return
    Event.objects.filter(congress=city, content_type__in=_content_types()).purge_demo()
    Deadline.objects.filter(congress=city, content_type__in=_content_types()).delete()
    for material in Material.objects.filter(item__meeting__congress=city):
        material.file.delete(save=False)
    Decision.objects.filter(congress=city).delete()
    Tenure.objects.filter(office__congress=city).delete()
    Nomination.objects.filter(proposal__congress=city).delete()
    AppointmentProposal.objects.filter(congress=city).delete()
    Appointee.objects.filter(congress=city).delete()
    Office.objects.filter(congress=city).delete()
    Meeting.objects.filter(congress=city).delete()  # items, votes, ballots, members cascade


@dataclass
class _Plan:
    """What one meeting takes up, in agenda order."""

    reports: list[tuple[str, str]] = field(default_factory=list)
    # (draft, 一审 or 二审, adopted by a vote at this reading)
    readings: list[tuple[Regulation, str, bool]] = field(default_factory=list)
    budgets: list[tuple[str, str]] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    proposals: list[AppointmentProposal] = field(default_factory=list)
    others: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, title, presenter)


class _Builder(Registers):
    """The meetings, their agendas and votes, on the registers of decisions and offices."""

    def __init__(self, *, today: datetime.date) -> None:
        super().__init__(SEED)
        self.vote_rng = random.Random(SEED + "-votes")
        self.today = today
        self.calendar = WorkingCalendar()
        self.term = Term.objects.filter(congress=self.city).order_by("-number")[0]  # the fifth
        self.members = list(
            Deputy.objects.filter(
                congress=self.city, is_standing_committee_member=True, status=Deputy.Status.ACTIVE
            )
            .select_related("person")
            .order_by("card_number")
        )
        self.accounts = {
            u.deputy_id: u for u in User.objects.filter(deputy__in=self.members, congress=self.city)
        }
        posts = {f"{CITY}人大常委会{post}" for post in ("主任", "副主任", "秘书长")}
        self.council = [d for d in self.members if d.person.occupation in posts]
        self.chair = next(d for d in self.council if d.person.occupation == f"{CITY}人大常委会主任")
        self.ballots: list[Ballot] = []
        self.cases: dict[int, Any] = {}  # vote id -> the case it decides
        self.items: dict[int, int] = {}  # meeting id -> items on its agenda
        self.council_number = COUNCIL_FIRST_2024

    # -- small helpers -------------------------------------------------------------------------

    def _workday(self, day: datetime.date, step: int = 1) -> datetime.date:
        """`day` if a working day, else the next one (the previous one with step -1)."""
        while not self.calendar.is_workday(day):
            day += step * DAY
        return day

    # -- meetings ------------------------------------------------------------------------------

    def meeting(
        self,
        kind: str,
        number: int,
        day: datetime.date,
        members: list[Deputy],
        convener: str,
        planned_at: datetime.date,
    ) -> Meeting:
        meeting = Meeting.objects.create(
            congress=self.city,
            term=self.term,
            kind=kind,
            number=number,
            title=meeting_title(self.term, kind, number),
            start_date=day,
            end_date=day,
            place=PLACE,
            convener=convener,
        )
        MemberAttendance.objects.bulk_create(
            MemberAttendance(meeting=meeting, member=m) for m in members
        )
        self._step(
            meeting,
            "create",
            moment(planned_at, 9),
            "",
            MeetingState.PLANNED,
            data={"members": len(members)},
        )
        return meeting

    def _item(
        self,
        meeting: Meeting,
        clock: Clock,
        kind: str,
        title: str,
        presenter: str = "",
        case: Any = None,
    ) -> AgendaItem:
        order = self.items[meeting.pk] = self.items.get(meeting.pk, 0) + 1
        item = AgendaItem.objects.create(
            meeting=meeting,
            order=order,
            kind=kind,
            title=title,
            presenter=presenter,
            case_type=self.ct[type(case)] if case is not None else None,
            case_id=case.pk if case is not None else None,
        )
        self._step(
            meeting, "item_added", clock.tick(), comment=title, data={"item": item.pk, "kind": kind}
        )
        return item

    def _vote(
        self, item: AgendaItem, clock: Clock, subject: str, method: str, case: Any = None
    ) -> Vote:
        vote = Vote.objects.create(
            congress=self.city,
            item=item,
            subject=subject,
            method=method,
            case_type=self.ct[type(case)] if case is not None else None,
            case_id=case.pk if case is not None else None,
        )
        self._step(vote, "create", clock.tick(), "", VoteState.PREPARED)
        self.cases[vote.pk] = case
        return vote

    def agenda(self, meeting: Meeting, plan: _Plan, at: datetime.date) -> list[Vote]:
        """The items in the usual order (readings, decisions, budget, reports, appointments),
        each decision, reading adopted, budget plan and person with its vote prepared."""
        clock = Clock(moment(at, 10))
        votes: list[Vote] = []
        for draft, stage, adopted in plan.readings:
            title = f"审议《{draft.title}（草案）》（{stage}）"
            item = self._item(meeting, clock, ItemKind.READING, title, LAW_COMMITTEE, draft)
            if adopted:
                votes.append(
                    self._vote(item, clock, f"表决：《{draft.title}》", VoteMethod.NAMED, draft)
                )
        for d in plan.decisions:
            item = self._item(meeting, clock, ItemKind.DECISION, d.title, "市人大常委会秘书长", d)
            d.item = item
            d.state = DecisionState.TABLED
            d.save(update_fields=["item", "state"])
            votes.append(self._vote(item, clock, f"通过：{d.title}", VoteMethod.NAMED, d))
            self._step(
                d,
                "table",
                clock.tick(),
                DecisionState.DRAFT,
                DecisionState.TABLED,
                data={"meeting": meeting.title},
            )
        for title, presenter in plan.budgets:
            item = self._item(meeting, clock, ItemKind.BUDGET, title, presenter)
            votes.append(self._vote(item, clock, f"批准：{title}", VoteMethod.NAMED))
        for title, presenter in plan.reports:
            self._item(meeting, clock, ItemKind.REPORT, f"听取和审议{title}", presenter)
        for kind, title, presenter in plan.others:
            self._item(meeting, clock, kind, f"听取和审议{title}", presenter)
        for p in plan.proposals:
            item = self._item(meeting, clock, ItemKind.APPOINTMENTS, p.title, "", p)
            p.item, p.state = item, ProposalState.TABLED
            p.save(update_fields=["item", "state"])
            for n in p.nominations.select_related("appointee", "office"):
                n.vote = self._vote(item, clock, subject(n), VoteMethod.SECRET, n)
                n.save(update_fields=["vote"])
                votes.append(n.vote)
            self._step(
                p,
                "table",
                clock.tick(),
                ProposalState.REVIEWED,
                ProposalState.TABLED,
                data={"meeting": meeting.title},
            )
        return votes

    def fix(self, meeting: Meeting, day: datetime.date) -> None:
        meeting.notice = NOTICE.format(
            title=meeting.title, date=chinese_date(meeting.start_date), place=PLACE
        )
        meeting.state = MeetingState.FIXED
        meeting.save(update_fields=["notice", "state"])
        self._step(meeting, "fix_agenda", moment(day, 16), MeetingState.PLANNED, MeetingState.FIXED)

    def materials(self, meeting: Meeting, day: datetime.date) -> None:
        """Each item's document (说明, 报告, 草案) as .docx, uploaded the day after fixing."""
        clock = Clock(moment(day, 9))
        for item in meeting.items.order_by("order"):
            doc = official_document()
            add_paragraph(
                doc,
                (item.title, TITLE_FONT),
                align=WD_ALIGN_PARAGRAPH.CENTER,
                size=TITLE_SIZE,
                exact=False,
            )
            add_paragraph(
                doc, (f"（{meeting.title}材料）", BODY_FONT), align=WD_ALIGN_PARAGRAPH.CENTER
            )
            body = item.summary or f"{item.presenter or '常委会办公室'}就{item.title}作说明。"
            add_paragraph(doc, (body, BODY_FONT), indent=True)
            data = to_bytes(doc)
            name = f"{item.order:02d}-{item.kind}.docx"
            Material.objects.create(
                item=item,
                title=item.title[:200],
                version=1,
                file=ContentFile(data, name=name),
                name=name,
                size=len(data),
                content_type=DOCX,
                uploaded_by=self.staff,
                uploaded_at=clock.tick(),
            )
            self._step(
                meeting, "material_added", clock.now, comment=item.title, data={"item": item.pk}
            )

    def hold(self, meeting: Meeting, votes: list[Vote]) -> None:
        """The meeting day: attendance, opened, items taken up in turn, votes, closed."""
        day = meeting.start_date
        expected = list(meeting.members.select_related("member"))
        rng = self.vote_rng
        away = rng.sample(range(len(expected)), rng.randint(0, min(4, len(expected) // 4)))
        for i, a in enumerate(expected):
            if i in away:
                a.presence, a.leave_reason = Presence.LEAVE, rng.choice(LEAVE_REASONS)
            else:
                a.presence = Presence.PRESENT
        MemberAttendance.objects.bulk_update(expected, ["presence", "leave_reason"])
        present = [a.member for a in expected if a.presence == Presence.PRESENT]
        total = len(expected)
        self._step(
            meeting,
            "record_attendance",
            moment(day, 8, 50),
            MeetingState.FIXED,
            MeetingState.FIXED,
            data={"present": len(present), "leave": len(away), "total": total},
        )
        self._step(
            meeting,
            "open",
            moment(day, 9),
            MeetingState.FIXED,
            MeetingState.IN_SESSION,
            data={"present": len(present), "total": total},
        )
        clock = Clock(moment(day, 9, 5))
        by_item: dict[int, list[Vote]] = {}
        for v in votes:
            by_item.setdefault(v.item_id, []).append(v)
        for item in meeting.items.order_by("order"):
            self._step(
                meeting,
                "take_up",
                clock.tick(600),
                MeetingState.IN_SESSION,
                MeetingState.IN_SESSION,
                data={"item": item.pk},
            )
            if item.kind == ItemKind.APPOINTMENTS:
                self._statements(item, clock)
        # Votes come at the end of the day, in agenda order.
        clock = Clock(moment(day, 16))
        for item in meeting.items.order_by("order"):
            for vote in by_item.get(item.pk, []):
                self._take_vote(meeting, vote, present, total, clock)
        meeting.state, meeting.current_item = MeetingState.CLOSED, None
        meeting.opened_at, meeting.closed_at = moment(day, 9), moment(day, 17, 30)
        meeting.minutes = self._minutes(meeting, len(present), total)
        meeting.save()
        self._step(
            meeting, "close", moment(day, 17, 30), MeetingState.IN_SESSION, MeetingState.CLOSED
        )
        self._step(meeting, "minutes", moment(self._workday(day + DAY), 10))

    def _take_vote(
        self, meeting: Meeting, vote: Vote, present: list[Deputy], total: int, clock: Clock
    ) -> None:
        """按表决器: opened, each member present votes (one may not), closed with the result."""
        rng = self.vote_rng
        opened = clock.tick(60)
        self._step(vote, "open", opened, VoteState.PREPARED, VoteState.OPEN)
        voters = [m for m in present if rng.random() > 0.02]
        against = set(rng.sample(range(len(voters)), rng.choice((0, 0, 0, 1))))
        abstain = set(rng.sample(range(len(voters)), rng.choice((0, 0, 1, 2)))) - against
        secret = vote.method == VoteMethod.SECRET
        counts = {Choice.FOR: 0, Choice.AGAINST: 0, Choice.ABSTAIN: 0}
        for i, member in enumerate(voters):
            choice = (
                Choice.AGAINST if i in against else Choice.ABSTAIN if i in abstain else Choice.FOR
            )
            counts[choice] += 1
            self.ballots.append(Ballot(vote=vote, member=member, choice="" if secret else choice))
            at = opened + datetime.timedelta(seconds=2 * (i + 1))
            self._step(
                vote,
                "cast",
                at,
                VoteState.OPEN,
                VoteState.OPEN,
                data={} if secret else {"choice": choice},
                actor=self.accounts[member.pk],
            )
        closed = clock.tick(120)
        vote.members_total, vote.present = total, len(present)
        vote.votes_for, vote.votes_against = counts[Choice.FOR], counts[Choice.AGAINST]
        vote.votes_abstain = counts[Choice.ABSTAIN]
        vote.passed = vote.votes_for > total // 2
        vote.state, vote.opened_at, vote.closed_at = VoteState.CLOSED, opened, closed
        vote.save()
        result = {
            "for": vote.votes_for,
            "against": vote.votes_against,
            "abstain": vote.votes_abstain,
        }
        self._step(
            vote,
            "close",
            closed,
            VoteState.OPEN,
            VoteState.CLOSED,
            data={**result, "present": vote.present, "total": total, "passed": vote.passed},
        )
        self._decided(meeting, vote, {**result, "vote": vote.pk}, closed)

    def _decided(
        self, meeting: Meeting, vote: Vote, result: dict[str, Any], at: datetime.datetime
    ) -> None:
        """What the vote decided for its case, as the case's app records it."""
        case = self.cases[vote.pk]
        if isinstance(case, Decision):
            self.decision_adopted(case, vote, meeting.start_date, result, at)
        elif isinstance(case, Nomination):
            self.nomination_voted(case, meeting.start_date, result, at)

    def _minutes(self, meeting: Meeting, present: int, total: int) -> str:
        items = list(meeting.items.order_by("order"))
        heard = "；".join(i.title for i in items if i.kind != ItemKind.APPOINTMENTS)
        adopted = (
            "、".join(i.title.removeprefix("审议") for i in items if i.votes.exists()) or "有关事项"
        )
        return MINUTES.format(
            title=meeting.title,
            date=chinese_date(meeting.start_date),
            place=PLACE,
            convener=meeting.convener,
            total=total,
            present=present,
            heard=heard,
            adopted=adopted,
        )

    def council_meeting(
        self,
        day: datetime.date,
        for_number: int,
        proposals: Sequence[AppointmentProposal],
        state: str = MeetingState.CLOSED,
    ) -> Meeting:
        """主任会议 a week before: it sets the agenda and reviews the appointment proposals."""
        self.council_number += 1
        planned = min(day - 5 * DAY, self.today - DAY)
        meeting = self.meeting(
            MeetingKind.CHAIR_COUNCIL,
            self.council_number,
            day,
            self.council,
            self.chair.person.name,
            planned,
        )
        clock = Clock(moment(planned, 10))
        for i, title in enumerate(COUNCIL_ITEMS):
            if i == 1 and not proposals:
                continue
            self._item(meeting, clock, ItemKind.OTHER, title.format(number=for_number))
        if state == MeetingState.PLANNED:
            return meeting
        self.fix(meeting, day - 3 * DAY)
        self.hold(meeting, [])
        self.review(proposals, day)
        return meeting

    def standing_meeting(
        self, number: int, day: datetime.date, plan: _Plan, state: str = MeetingState.CLOSED
    ) -> Meeting:
        # A week before (for the meeting members are reading now, a few days ago at most).
        council_day = min(self._workday(day - 7 * DAY, -1), self._workday(self.today - 3 * DAY, -1))
        self.council_meeting(council_day, number, plan.proposals)
        meeting = self.meeting(
            MeetingKind.STANDING_COMMITTEE,
            number,
            day,
            self.members,
            self.chair.person.name,
            council_day - 14 * DAY,
        )
        votes = self.agenda(meeting, plan, council_day + DAY)
        self.fix(meeting, council_day + DAY)
        if state == MeetingState.FIXED:
            self.materials(meeting, council_day + 2 * DAY)
            return meeting
        self.hold(meeting, votes)
        return meeting

    # -- the years -----------------------------------------------------------------------------

    def year_2024(self) -> None:
        old = self.old_decision()
        regulations = list(Regulation.objects.filter(congress=self.city))
        for number, (month, dom) in sorted(MEETING_DAYS_2024.items()):
            day = D(2024, month, dom)
            plan = _Plan(reports=list(REPORTS_2024[number]))
            for r in regulations:
                if r.first_reading_on == day:
                    plan.readings.append((r, "一审", False))
                elif r.second_reading_on == day:
                    plan.readings.append((r, "二审", r.adopted_on == day))
            plan.budgets = [(t, p) for n, t, p in BUDGETS_2024 if n == number]
            plan.others = [(k, t, p) for n, k, t, p in OTHER_ITEMS_2024 if n == number]
            specs = [s for s in DECISIONS_2024 if s["meeting"] == number]
            plan.decisions = [self.draft(s, day - 30 * DAY) for s in specs]
            received = self._workday(day - 20 * DAY)
            plan.proposals = self.proposals(self._nominations(APPOINTMENTS_2024[number]), received)
            self.standing_meeting(number, day, plan)
            publish_day = self._workday(day + 3 * DAY)
            for spec, decision in zip(specs, plan.decisions, strict=True):
                self.publish(decision, publish_day, [old] if spec["repeals"] else [])

    def current_year(self) -> None:
        """The meetings held this year so far, the one members are reading now, the chair's
        council being planned; staff's work waiting."""
        today = self.today
        masks = Regulation.objects.filter(
            congress=self.city, first_reading_on=today - 12 * DAY
        ).first()
        last = today - 12 * DAY
        days = [last]
        while (earlier := self._workday(days[-1] - 61 * DAY, -1)) >= D(today.year, 1, 20):
            days.append(earlier)
        days.reverse()
        number = FIRST_2024 + len(MEETING_DAYS_2024)
        reports = list(REPORTS_NOW)
        decisions = list(DECISIONS_NOW)
        adopted: list[Decision] = []
        for i, day in enumerate(days):
            number += 1
            plan = _Plan(reports=[reports.pop(0) for _ in range(2) if len(reports) > 2])
            if masks is not None and day == last:
                plan.readings.append((masks, "一审", False))
            if (i < 2 or day == last) and len(decisions) > 2:  # the last one's unpublished
                plan.decisions = [self.draft(decisions.pop(0), day - 30 * DAY)]
            nominations = self._nominations(self.rng.randint(3, 6))
            plan.proposals = self.proposals(nominations, self._workday(day - 20 * DAY))
            self.standing_meeting(number, day, plan)
            adopted += plan.decisions
        # All published but the last meeting's (staff's to publish).
        for d in adopted:
            if d.adopted_on is not None and d.adopted_on != last:
                self.publish(d, self._workday(d.adopted_on + 3 * DAY))
        # The next meeting: agenda fixed, members reading its materials.
        upcoming = self._workday(today + 3 * DAY)
        plan = _Plan(reports=reports[:2])
        beef = (
            Regulation.objects.filter(congress=self.city, state=R.DRAFTING).order_by("pk").first()
        )
        if beef is not None:
            plan.readings.append((beef, "一审", False))
        plan.decisions = [self.draft(decisions.pop(0), today - 20 * DAY)]
        plan.proposals = self.proposals(self.pending(3), self._workday(today - 14 * DAY, -1))
        self.standing_meeting(number + 1, upcoming, plan, state=MeetingState.FIXED)
        # Staff's work: a draft to table, a proposal to review, the next chair's council.
        self.draft(decisions.pop(0), today - 2 * DAY)
        self.proposals(self.pending(2), self._workday(today - DAY, -1))
        self.council_meeting(
            self._workday(upcoming + 14 * DAY), number + 2, [], MeetingState.PLANNED
        )

    def save(self) -> None:
        Ballot.objects.bulk_create(self.ballots, batch_size=2000)
        Event.objects.bulk_create(self.events, batch_size=2000)
        # The deadlines the actions leave open: members read what a fixed agenda brings,
        # staff publish what was adopted.
        for meeting in Meeting.objects.filter(congress=self.city, state=MeetingState.FIXED):
            reading_deadlines(meeting)
        for decision in Decision.objects.filter(congress=self.city, state=DecisionState.ADOPTED):
            assert decision.adopted_on is not None
            publish_deadline(decision, decision.adopted_on)


def build(*, today: datetime.date, stdout: Writer) -> None:
    b = _Builder(today=today)
    b.offices_and_holders()
    b.year_2024()
    if today.year > 2024:
        b.current_year()
    b.save()
    year = Meeting.objects.filter(congress=b.city, start_date__year=2024)
    stdout.write(
        f"Meetings: {year.filter(kind=MeetingKind.STANDING_COMMITTEE).count()} of the standing "
        f"committee in 2024, {Vote.objects.filter(item__meeting__in=year).count()} votes, "
        f"{Decision.objects.filter(congress=b.city, year=2024).count()} decisions adopted, "
        f"{Nomination.objects.filter(proposal__congress=b.city, decided_on__year=2024).count()} "
        "appointments and removals.\n"
    )
