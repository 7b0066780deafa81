"""Demo data: the registers the standing committee's meetings write to — the offices it
appoints to with who holds them since when, the persons proposed and the proposals, and the
decisions and resolutions — for the meetings builder (meetings.py) to extend.

On 1 January 2024 each office has the holders appointed before the platform (no nomination of
theirs is recorded); each meeting's appointments and removals are drawn as they happen: a
holder removed and a successor appointed, a seat of a bench filled, a resignation accepted, an
empty office filled.
"""

from __future__ import annotations

import datetime
import random
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType

from renda.accounts.models import User
from renda.core.models import Event
from renda.demo.meeting_texts import (
    COURT_POSTS,
    CURRENT_POSTS,
    DEPTS,
    EDUCATION,
    NEW_OFFICES_2024,
    OFFICES,
    OLD_DECISION,
    PROC_POSTS,
    PROPOSAL_TITLES,
    PROPOSERS,
)
from renda.demo.names import PeopleFactory
from renda.demo.places import CITY, CITY_CODE, COUNTIES
from renda.legislation.models import Regulation
from renda.meetings.models import (
    AgendaItem,
    Appointee,
    AppointmentProposal,
    Decision,
    DecisionState,
    Meeting,
    Nomination,
    NominationAction,
    Office,
    Outcome,
    ProposalState,
    Tenure,
    Vote,
)
from renda.org.models import Congress

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date
DAY = datetime.timedelta(days=1)
NA = NominationAction
STAFF = object()  # an event's actor by default: the demo's staff account
Planned = list[tuple[str, Appointee, Office]]  # (action, person, office) of a proposal to be


def moment(day: datetime.date, hour: int, minute: int = 0, second: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=TZ)


@dataclass
class Clock:
    """The moments of one meeting day, handed out in order (events sort by time)."""

    now: datetime.datetime

    def tick(self, seconds: int = 30) -> datetime.datetime:
        self.now += datetime.timedelta(seconds=seconds)
        return self.now


def subject(n: Nomination) -> str:
    verbs = {
        NA.APPOINT: "任命{name}为{office}",
        NA.REMOVE: "免去{name}的{office}职务",
        NA.RESIGN: "接受{name}辞去{office}职务的请求",
        NA.DISMISS: "撤销{name}的{office}职务",
    }
    return verbs[NA(n.action)].format(name=n.appointee.name, office=n.office.title)


class Registers:
    def __init__(self, seed: str) -> None:
        self.rng = random.Random(seed)
        self.people = PeopleFactory(random.Random(seed + "-people"))
        self.city = Congress.objects.get(code=CITY_CODE)
        self.staff = User.objects.get(username="staff")
        self.ct: dict[type, ContentType] = {
            m: ContentType.objects.get_for_model(m)
            for m in (Meeting, Vote, Decision, AppointmentProposal, Regulation, Nomination)
        }
        self.events: list[Event] = []
        self.offices: dict[str, Office] = {}
        self.tenures: dict[int, list[Tenure]] = {}  # office id -> tenures open
        self.decided: dict[int, int] = {}  # year -> decisions numbered so far
        self.reserved: set[int] = set()  # offices with a person proposed, not yet voted

    def _step(
        self,
        case: Any,
        action: str,
        at: datetime.datetime,
        frm: str = "",
        to: str = "",
        *,
        actor: Any = STAFF,
        comment: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        """The event an action leaves on `case` (staff's, unless `actor` says whose)."""
        actor = self.staff if actor is STAFF else actor
        self.events.append(
            Event(
                congress_id=self.city.pk,
                content_type_id=self.ct[type(case)].pk,
                object_id=case.pk,
                action=action,
                from_state=frm,
                to_state=to,
                actor_id=actor.pk if actor else None,
                at=at,
                comment=comment,
                data=data or {},
            )
        )

    def offices_and_holders(self) -> None:
        """The offices the standing committee appoints to, and who held them on 1 January
        2024 (appointed before the platform: no nomination of theirs is recorded)."""
        for organization, name, title, seats in OFFICES:
            office = Office.objects.create(
                congress=self.city,
                organization=organization,
                organization_name=name,
                title=title,
                seats=seats,
            )
            self.offices[title] = office
            self.tenures[office.pk] = []
            if title in NEW_OFFICES_2024:
                continue
            held = 1 if seats == 1 else self.rng.randint(seats * 3 // 5, seats * 4 // 5)
            for _ in range(held):
                since = D(2021, 9, 28) + self.rng.randrange(0, 800) * DAY
                tenure = Tenure.objects.create(
                    appointee=self._person(), office=office, start_date=since
                )
                self.tenures[office.pk].append(tenure)

    def _person(self) -> Appointee:
        gender = self.people.gender(0.25)
        county = self.rng.choice(COUNTIES)
        post = self.rng.choice(CURRENT_POSTS).format(
            county=county.name,
            head=county.head_title,
            dept=self.rng.choice(DEPTS),
            court_post=self.rng.choice(COURT_POSTS),
            proc_post=self.rng.choice(PROC_POSTS),
        )
        birth = self.people.birth_date(1966, 1984)
        education = self.rng.choices([e for e, _ in EDUCATION], [w for _, w in EDUCATION])[0]
        started = birth.year + (25 if education == "研究生" else 22)
        return Appointee.objects.create(
            congress=self.city,
            name=self.people.name(gender),
            gender=gender,
            birth_date=birth,
            ethnicity="汉族" if self.rng.random() < 0.95 else "回族",
            party="中共党员" if self.rng.random() < 0.9 else "无党派人士",
            education=education,
            summary=f"{started}年7月参加工作，历任{county.name}基层单位科员、科长，现任{post}。",
        )

    def _current_post(self, appointee: Appointee) -> str:
        return appointee.summary.rsplit("现任", 1)[-1].rstrip("。")

    def _nominations(self, count: int) -> list[tuple[str, Appointee, Office]]:
        """`count` person-times: a holder removed and a successor appointed, a seat of a
        court's or procuratorate's bench filled, a resignation accepted, an empty office
        filled."""
        found: list[tuple[str, Appointee, Office]] = []
        busy = set(self.reserved)  # offices already in a nomination pending
        singles = [o for o in self.offices.values() if o.seats == 1]
        benches = [o for o in self.offices.values() if o.seats > 1]
        while len(found) < count:
            left = count - len(found)
            empty = [o for o in singles if not self.tenures[o.pk] and o.pk not in busy]
            held = [o for o in singles if self.tenures[o.pk] and o.pk not in busy]
            roll = self.rng.random()
            if empty and roll < 0.3:
                office = self.rng.choice(empty)
                found.append((NA.APPOINT, self._person(), office))
            elif left >= 2 and held and roll < 0.75:
                office = self.rng.choice(held)
                found.append((NA.REMOVE, self.tenures[office.pk][0].appointee, office))
                found.append((NA.APPOINT, self._person(), office))
            elif held and roll < 0.85:
                office = self.rng.choice(held)
                found.append((NA.RESIGN, self.tenures[office.pk][0].appointee, office))
            else:
                free = [o for o in benches if len(self.tenures[o.pk]) < o.seats]
                office = self.rng.choice(free)
                found.append((NA.APPOINT, self._person(), office))
                continue  # a bench takes several in one meeting
            busy.add(office.pk)
        return found

    def pending(self, count: int) -> list[tuple[str, Appointee, Office]]:
        """Nominations not voted on by the end of the demo: their offices are not proposed
        again."""
        found = self._nominations(count)
        self.reserved |= {office.pk for _, _, office in found if office.seats == 1}
        return found

    def proposals(
        self, nominations: list[tuple[str, Appointee, Office]], received: datetime.date
    ) -> list[AppointmentProposal]:
        """One letter per proposer (the mayor, the court's president…), its persons added."""
        by_proposer: dict[str, list[tuple[str, Appointee, Office]]] = {}
        for n in nominations:
            by_proposer.setdefault(PROPOSERS[n[2].organization], []).append(n)
        found = []
        clock = Clock(moment(received, 10))
        for proposer, persons in by_proposer.items():
            proposal = AppointmentProposal.objects.create(
                congress=self.city,
                proposer=proposer,
                title=PROPOSAL_TITLES[proposer],
                received_on=received,
            )
            self._step(proposal, "create", clock.tick(), "", ProposalState.RECEIVED)
            for action, appointee, office in persons:
                person = Nomination.objects.create(
                    proposal=proposal,
                    appointee=appointee,
                    action=action,
                    office=office,
                    current_office=self._current_post(appointee) if action == NA.APPOINT else "",
                )
                person.proposal = proposal
                self._step(
                    proposal,
                    "nomination_added",
                    clock.tick(),
                    data={"nomination": person.pk, "person": str(person)},
                )
            found.append(proposal)
        return found

    def review(self, proposals: Sequence[AppointmentProposal], day: datetime.date) -> None:
        """主任会议审议 at the chair's council's meeting."""
        clock = Clock(moment(day, 11))
        note = "经主任会议研究，同意提请常委会会议审议。"
        for p in proposals:
            p.state, p.review_note = ProposalState.REVIEWED, note
            p.save(update_fields=["state", "review_note"])
            self._step(
                p,
                "review",
                clock.tick(),
                ProposalState.RECEIVED,
                ProposalState.REVIEWED,
                comment=note,
            )

    def draft(self, spec: dict[str, Any], day: datetime.date) -> Decision:
        decision = Decision.objects.create(
            congress=self.city, kind=spec["kind"], title=spec["title"], text=spec["text"]
        )
        self._step(decision, "create", moment(day, 15), "", DecisionState.DRAFT)
        return decision

    def old_decision(self) -> Decision:
        """The 2019 decision the 2024 one on economic supervision replaces."""
        decision = self.draft(OLD_DECISION, D(2019, 6, 3))
        decision.title = decision.title.replace("（2019年）", "")
        d = D(2019, 6, 27)
        decision.state, decision.year, decision.number = DecisionState.IN_FORCE, 2019, 3
        decision.adopted_on, decision.published_on = d, d + 3 * DAY
        decision.votes_for, decision.votes_against, decision.votes_abstain = 31, 0, 1
        decision.save()
        t = f"{CITY}第四届人大常委会第二十次会议"
        self._step(
            decision,
            "table",
            moment(d - 14 * DAY, 10),
            DecisionState.DRAFT,
            DecisionState.TABLED,
            data={"meeting": t},
        )
        self._step(
            decision,
            "adopt",
            moment(d, 11),
            DecisionState.TABLED,
            DecisionState.ADOPTED,
            data={"for": 31, "against": 0, "abstain": 1},
            actor=None,
        )
        self._step(
            decision,
            "publish",
            moment(d + 3 * DAY, 9),
            DecisionState.ADOPTED,
            DecisionState.IN_FORCE,
        )
        return decision

    def _statements(self, item: AgendaItem, clock: Clock) -> None:
        """供职发言 of those to appoint to a government office, and the law exam beforehand."""
        proposal = AppointmentProposal.objects.get(item=item)
        for n in proposal.nominations.select_related("appointee", "office"):
            if n.action != NA.APPOINT or n.office.organization == "congress":
                continue
            day = item.meeting.start_date
            n.statement_on, n.law_exam_on, n.law_exam_passed = day, day - 6 * DAY, True
            n.save(update_fields=["statement_on", "law_exam_on", "law_exam_passed"])
            data = {"nomination": n.pk, "person": str(n)}
            self._step(
                proposal,
                "record_exam",
                moment(day - 6 * DAY, 15),
                ProposalState.TABLED,
                ProposalState.TABLED,
                data={**data, "passed": True},
            )
            self._step(
                proposal,
                "record_statement",
                clock.tick(120),
                ProposalState.TABLED,
                ProposalState.TABLED,
                data={**data, "on": day.isoformat()},
            )

    def _oaths(self, proposal: AppointmentProposal, day: datetime.date) -> None:
        """宪法宣誓 of those appointed, at the end of the meeting."""
        clock = Clock(moment(day, 17, 10))
        for n in proposal.nominations.filter(action=NA.APPOINT).select_related(
            "appointee", "office"
        ):
            n.oath_on = day
            n.save(update_fields=["oath_on"])
            self._step(
                proposal,
                "record_oath",
                clock.tick(),
                ProposalState.DECIDED,
                ProposalState.DECIDED,
                data={"nomination": n.pk, "person": str(n), "on": day.isoformat()},
            )

    def publish(
        self, decision: Decision, day: datetime.date, repeals: Sequence[Decision] = ()
    ) -> None:
        decision.state, decision.published_on = DecisionState.IN_FORCE, day
        decision.save(update_fields=["state", "published_on"])
        decision.repeals.set(repeals)
        at = moment(day, 9, 30)
        self._step(decision, "publish", at, DecisionState.ADOPTED, DecisionState.IN_FORCE)
        for earlier in repeals:
            frm = earlier.state
            earlier.state = DecisionState.REPEALED
            earlier.save(update_fields=["state"])
            self._step(
                earlier,
                "repeal",
                at,
                frm,
                DecisionState.REPEALED,
                data={"by": decision.pk},
                actor=None,
            )

    def decision_adopted(
        self,
        case: Decision,
        vote: Vote,
        day: datetime.date,
        result: dict[str, Any],
        at: datetime.datetime,
    ) -> None:
        """Adopted with the next number of its year, the vote's counts on it."""
        n = self.decided.get(day.year, 0) + 1
        self.decided[day.year] = n
        case.state, case.year, case.number, case.adopted_on = (
            DecisionState.ADOPTED,
            day.year,
            n,
            day,
        )
        case.votes_for, case.votes_against = vote.votes_for, vote.votes_against
        case.votes_abstain = vote.votes_abstain
        case.save()
        self._step(
            case,
            "adopt",
            at + datetime.timedelta(seconds=1),
            DecisionState.TABLED,
            DecisionState.ADOPTED,
            data=result,
            actor=None,
        )

    def nomination_voted(
        self, case: Nomination, day: datetime.date, result: dict[str, Any], at: datetime.datetime
    ) -> None:
        """The register follows the vote; the proposal is decided with its last person."""
        case.outcome, case.decided_on = Outcome.PASSED, day
        case.save(update_fields=["outcome", "decided_on"])
        if case.action == NA.APPOINT:
            tenure = Tenure.objects.create(
                appointee=case.appointee, office=case.office, start_date=day, appointed_by=case
            )
            self.tenures[case.office_id].append(tenure)
        else:
            tenure = next(
                t for t in self.tenures[case.office_id] if t.appointee_id == case.appointee_id
            )
            tenure.end_date, tenure.ended_by = day, case
            tenure.save(update_fields=["end_date", "ended_by"])
            self.tenures[case.office_id].remove(tenure)
        proposal = case.proposal
        self._step(
            proposal,
            "voted",
            at + datetime.timedelta(seconds=1),
            data={**result, "person": str(case), "passed": True},
        )
        if not proposal.nominations.filter(outcome=Outcome.PENDING).exists():
            proposal.state = ProposalState.DECIDED
            proposal.save(update_fields=["state"])
            self._step(
                proposal,
                "decide",
                at + datetime.timedelta(seconds=2),
                ProposalState.TABLED,
                ProposalState.DECIDED,
                actor=None,
            )
            self._oaths(proposal, day)
