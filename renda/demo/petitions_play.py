"""Demo data, petitions: the story of one petition, and how stories are played into the rows,
events and deadlines the actions would have written (in bulk, with the story's dates, the
congress's day counts and the actions' deadline labels)."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from renda.accounts.models import User
from renda.core.calendar import WorkingCalendar
from renda.core.models import Deadline, Event
from renda.core.receipts import new_receipt_code
from renda.org.models import Congress, ContactStation, Deputy, HandlingUnit
from renda.petitions.actions._common import (
    LABEL_ACCEPT,
    LABEL_ANSWER,
    LABEL_FOLLOW_UP,
    LABEL_REVIEW,
)
from renda.petitions.models import (
    DeputyFollowUp,
    Instruction,
    Petition,
    Petitioner,
    StationReferral,
)

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date
DAY = datetime.timedelta(days=1)


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


@dataclass
class Review:
    asked: datetime.date
    answered: datetime.date | None = None
    result: str = "upheld"


@dataclass
class Story:
    """One petition's whole timeline, played up to where it has got."""

    received: datetime.datetime
    channel: str
    category: str
    title: str
    content: str
    answer: str
    names: list[str]
    area: Congress
    officer: User | None  # who registered it; None: online
    people: int = 1
    place: str = ""
    repeat_of: Story | None = None
    decided: datetime.date | None = None
    decider: User | None = None
    decline: str = ""
    mode: str = ""
    unit: HandlingUnit | None = None
    note: str = ""
    extension: tuple[datetime.date, int, str] | None = None
    answered: datetime.date | None = None
    answerer: User | None = None
    result: str = "supported"
    reviews: list[Review] = field(default_factory=list)
    key: tuple[datetime.date, User, User] | None = None  # marked on, leader, by officer
    instructions: list[tuple[datetime.date, str, datetime.date | None, str]] = field(
        default_factory=list
    )
    passed: tuple[datetime.date, ContactStation, User] | None = None
    follow_ups: list[tuple[Deputy, User, datetime.date, str]] = field(default_factory=list)
    closed_on: datetime.date | None = None  # by the system, once the window ended
    petition: Petition | None = field(default=None, repr=False)


@dataclass
class Playback:
    """Plays stories into rows (events in order, the state followed along)."""

    city: Congress
    officers: list[User]
    cal: WorkingCalendar = field(default_factory=WorkingCalendar)
    events: list[Event] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.ct = ContentType.objects.get_for_model(Petition)

    def write(self, stories: list[Story]) -> None:
        stories.sort(key=lambda s: s.received)
        numbers: dict[int, int] = {}
        rows = []
        for s in stories:
            year = s.received.astimezone(TZ).year
            numbers[year] = numbers.get(year, 0) + 1
            s.petition = self._row(s, year, numbers[year])
            rows.append(s.petition)
        Petition.objects.bulk_create(rows)
        for s in stories:
            if s.repeat_of is not None:
                assert s.petition is not None and s.repeat_of.petition is not None
                s.petition.repeat_of = s.repeat_of.petition
        repeated = [s.petition for s in stories if s.repeat_of and s.petition]
        Petition.objects.bulk_update(repeated, ["repeat_of"])
        people, instructions, referrals, follow_ups = [], [], [], []
        for s in stories:
            p = s.petition
            assert p is not None
            people += [Petitioner(petition=p, name=n, phone=_phone(n)) for n in s.names]
            instructions += [
                Instruction(
                    petition=p,
                    leader=s.key[1],
                    text=text,
                    given_at=at(day, 16),
                    follow_up=follow,
                    followed_up_at=at(done, 11) if done else None,
                    followed_up_by=s.key[2] if done else None,
                )
                for day, text, done, follow in s.instructions
                if s.key is not None
            ]
            if s.passed is not None:
                day, station, by = s.passed
                referrals.append(
                    StationReferral(
                        petition=p, station=station, referred_at=at(day, 15), referred_by=by
                    )
                )
            follow_ups += [
                DeputyFollowUp(petition=p, deputy=d, date=day, notes=notes, recorded_by=user)
                for d, user, day, notes in s.follow_ups
            ]
            self._events(s)
            self._deadlines(s)
        Petitioner.objects.bulk_create(people)
        Instruction.objects.bulk_create(instructions)
        StationReferral.objects.bulk_create(referrals)
        DeputyFollowUp.objects.bulk_create(follow_ups)
        Event.objects.bulk_create(sorted(self.events, key=lambda e: e.at), batch_size=1000)
        Deadline.objects.bulk_create(self.deadlines)

    # --- the row as the last step left it --------------------------------------------------

    def _row(self, s: Story, year: int, number: int) -> Petition:
        day = s.received.astimezone(TZ).date()
        p = Petition(
            congress=self.city,
            year=year,
            number=number,
            receipt_code=new_receipt_code(),
            channel=s.channel,
            received_at=s.received,
            registered_by=s.officer,
            title=s.title,
            content=s.content,
            category=s.category,
            area=s.area,
            place=s.place,
            people=s.people,
            accept_due=day + DAY * self.city.setting("petition_accept_days"),
            state="received",
        )
        if s.decided is None:
            return p
        p.decided_at = at(s.decided)
        if s.decline:
            p.state, p.decision_note, p.closed_at = "not_accepted", s.decline, at(s.decided)
            return p
        p.state, p.mode, p.unit, p.decision_note = "handling", s.mode, s.unit, s.note
        p.answer_due = s.decided + DAY * self.city.setting("petition_answer_days")
        if s.extension is not None:
            _day, days, reason = s.extension
            p.extended_days, p.extension_reason = days, reason
            p.answer_due += DAY * days
        if s.key is not None:
            p.is_key, p.supervisor = True, s.key[1]
        if s.answered is None:
            return p
        window = DAY * self.city.setting("petition_review_request_days")
        p.state, p.answer, p.answer_result = "answered", s.answer, s.result
        p.answered_at, p.window_ends = at(s.answered, 15), s.answered + window
        for i, r in enumerate(s.reviews, start=1):
            p.state, p.review_round = "review_requested", i
            p.review_reason = REVIEW_REASONS[i % 2]
            p.review_due = r.asked + DAY * self.city.setting("petition_review_answer_days")
            if r.answered is None:
                continue
            p.review_body = REVIEW_BODIES[min(i, 2) - 1]
            p.review_result, p.reviewed_at = r.result, at(r.answered, 16)
            p.review_answer = REVIEW_ANSWERS[r.result] if i == 1 else REEXAM_ANSWER
            if i >= 2:
                p.state, p.closed_at, p.window_ends = "closed", at(r.answered, 16), None
            else:
                p.state, p.window_ends = "reviewed", r.answered + window
        if s.closed_on is not None:
            p.state, p.closed_at = "closed", at(s.closed_on, 2)
        return p

    # --- the events, in order, with the state followed along --------------------------------

    def _events(self, s: Story) -> None:
        p = s.petition
        assert p is not None
        steps: list[tuple[datetime.datetime, str, User | None, str, dict[str, Any], str]] = []

        def step(
            when: datetime.datetime,
            action: str,
            actor: User | None,
            comment: str = "",
            data: dict[str, Any] | None = None,
            to: str = "",
        ) -> None:
            steps.append((when, action, actor, comment, data or {}, to))

        repeat = s.repeat_of.petition.pk if s.repeat_of and s.repeat_of.petition else None
        data = {"channel": s.channel, "people": s.people, "repeat_of": repeat}
        step(s.received, "receive", s.officer, data=data, to="received")
        if s.decided is not None and s.decline:
            step(at(s.decided), "decline", s.decider, s.decline, to="not_accepted")
        elif s.decided is not None:
            data = {"mode": s.mode, "unit": s.unit.pk if s.unit else None}
            step(at(s.decided), "accept", s.decider, s.note, data, "handling")
        if s.key is not None:
            day, leader, officer = s.key
            step(at(day, 11), "mark_key", officer, KEY_NOTE, {"leader": leader.pk})
            for given, text, done, follow in s.instructions:
                step(at(given, 16), "instruct", leader, text)
                if done is not None:
                    step(at(done, 11), "follow_up", officer, follow)
        if s.passed is not None:
            day, station, by = s.passed
            step(at(day, 15), "pass_to_deputies", by, PASS_NOTE, {"station": station.pk})
            for _deputy, user, fday, notes in s.follow_ups:
                step(at(fday, 17), "deputy_follow_up", user, notes, {"date": fday.isoformat()})
        if s.extension is not None and s.decided is not None:
            day, days, reason = s.extension
            due = s.decided + DAY * (self.city.setting("petition_answer_days") + days)
            step(at(day, 14), "extend", s.answerer, reason, {"days": days, "due": due.isoformat()})
        if s.answered is not None:
            step(
                at(s.answered, 15), "answer", s.answerer, s.answer, {"result": s.result}, "answered"
            )
        for i, r in enumerate(s.reviews, start=1):
            officer = self.officers[i % len(self.officers)]
            reason = REVIEW_REASONS[i % 2]
            step(
                at(r.asked, 10), "request_review", officer, reason, {"round": i}, "review_requested"
            )
            if r.answered is not None:
                text = REVIEW_ANSWERS[r.result] if i == 1 else REEXAM_ANSWER
                to = "closed" if i >= 2 else "reviewed"
                data = {"result": r.result, "round": i}
                step(at(r.answered, 16), "answer_review", officer, text, data, to)
        if s.closed_on is not None:
            step(at(s.closed_on, 2), "close", None, to="closed")
        state = ""
        for when, action, actor, comment, data, to in sorted(steps, key=lambda x: x[0]):
            self.events.append(
                Event(
                    congress=self.city, content_type=self.ct, object_id=p.pk, action=action,
                    from_state=state, to_state=to or state, actor=actor, at=when,
                    comment=comment, data=data,
                )
            )  # fmt: skip
            state = to or state

    # --- what waits, for the stories still open ---------------------------------------------

    def _deadline(self, p: Petition, kind: str, label: str, due: datetime.date, **who: Any) -> None:
        self.deadlines.append(
            Deadline(
                congress=self.city, content_type=self.ct, object_id=p.pk, kind=kind, what=label,
                params={"number": f"{p.year}-{p.number:03d}", "title": p.title},
                url=reverse("petitions:petition", args=[p.pk]), due_date=due,
                responsible_user=who.get("user"), responsible_unit=who.get("unit"),
            )
        )  # fmt: skip

    def _office(self, p: Petition, kind: str, label: str, due: datetime.date) -> None:
        for officer in self.officers:
            self._deadline(p, f"{kind}:{officer.pk}", label, due, user=officer)

    def _deadlines(self, s: Story) -> None:
        p = s.petition
        assert p is not None
        if p.state == "received":
            self._office(p, "accept", LABEL_ACCEPT, p.accept_due)
        elif p.state == "handling" and p.answer_due is not None:
            if p.unit is None:
                self._office(p, "answer", LABEL_ANSWER, p.answer_due)
            else:
                self._deadline(p, "answer", LABEL_ANSWER, p.answer_due, unit=p.unit)
        elif p.state == "review_requested" and p.review_due is not None:
            self._office(p, "review", LABEL_REVIEW, p.review_due)
        waiting = [given for given, _t, done, _f in s.instructions if done is None]
        if waiting and p.state not in ("closed", "not_accepted"):
            due = self.cal.add_working_days(
                waiting[0], self.city.setting("petition_follow_up_working_days")
            )
            self._office(p, "follow_up", LABEL_FOLLOW_UP, due)


def _phone(name: str) -> str:
    """A made-up mobile number, stable for a name."""
    digits = "".join(str(ord(c) % 10) for c in name)
    return f"139{(digits * 8)[:8]}"


# Wording the playback writes into the events (data/petition.json).
def _texts() -> dict[str, Any]:
    from renda.demo.data import load

    return load("petition", {})


TEXTS = _texts()
KEY_NOTE: str = TEXTS["KEY_NOTES"]
PASS_NOTE: str = TEXTS["PASS_NOTES"]
REVIEW_REASONS: tuple[str, ...] = TEXTS["REVIEW_REASONS"]
REVIEW_ANSWERS: dict[str, str] = TEXTS["REVIEW_ANSWERS"]
REEXAM_ANSWER: str = TEXTS["REEXAM_ANSWER"]
REVIEW_BODIES: tuple[str, ...] = TEXTS["REVIEW_BODIES"]
