"""Demo data: the deputies' suggestions and motions of 2024 and of the current year.

2024 (the work report): 333 suggestions, 324 from the 4th session and 9 recess "直通车"
ones, all answered and evaluated; 11 key suggestions with satisfaction polls; 3 motions.
The current year has suggestions at every step, dated relative to the day the demo is
built, so that each demo account has work waiting (some of it overdue).

Each suggestion follows a script (its whole timeline); the rows and events of the script
are written up to the step the suggestion has reached, exactly as the actions would have
written them, but in bulk and with the dates of the story.
"""

from __future__ import annotations

import datetime
import random
import zoneinfo
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils.translation import gettext_noop

from renda.accounts.models import User
from renda.core.calendar import WorkingCalendar, add_months, next_workday_on_or_after
from renda.core.models import Deadline, Event
from renda.demo import Writer
from renda.demo.places import CITY, CITY_CODE, COUNTIES
from renda.demo.suggestion_texts import (
    CONTACT_NOTES,
    EVALUATION_COMMENTS,
    FIELDS,
    PROMISES,
    REPLY_BODY,
    REPLY_OPENING,
    TOPICS,
    Topic,
)
from renda.org.models import Body, Congress, Deputy, HandlingUnit, Session
from renda.suggestions.models import (
    Assignment,
    Attachment,
    Contact,
    CoSigner,
    Evaluation,
    Extension,
    Motion,
    Period,
    PollVote,
    Promise,
    Reply,
    SatisfactionPoll,
    Suggestion,
)

SEED = "renda-demo-suggestions"
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date

RETURN_REASON = "一事一议：请将涉及两个部门的两件事分开提出。"
CONTEST_REASON = "该事项主要涉及其他部门职责。"
SESSION_2024 = 324
RECESS_2024 = 9
KEY_2024 = 11
DISSATISFIED_2024 = 6  # sent back, handled again, then evaluated again
CONTESTED_2024 = 5  # adjustment requested: 3 granted, 2 refused
EXTENDED_2024 = 3


def _at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


# --- the script of one suggestion ----------------------------------------------------------

# The steps, in order; a script is played up to one of them.
STEPS = (
    "cosigning", "submitted", "returned", "accepted", "assigned", "contested", "communicated",
    "extension_requested", "replied", "rehandling", "evaluated",
)  # fmt: skip


@dataclass
class Round:
    replies: dict[int, datetime.date]  # unit id -> reply date
    category: str
    evaluation: str
    evaluated_on: datetime.date


@dataclass
class Script:
    topic: Topic
    place: str
    lead: Deputy
    cosigners: list[Deputy]
    period: str
    session: Session | None
    submitted_on: datetime.date
    accepted_on: datetime.date
    assigned_on: datetime.date
    mode: str
    parts: list[tuple[HandlingUnit, str, str]]  # (unit, role, part)
    rounds: list[Round]
    upto: str = "evaluated"
    confidential: bool = False
    returned_on: datetime.date | None = None
    contest: tuple[str, HandlingUnit | None, datetime.date] | None = None  # granted/refused/pending
    extension: tuple[datetime.date, datetime.date, bool] | None = None  # asked, new due, decided
    key: Body | User | None = None
    number: int | None = None
    suggestion: Suggestion | None = field(default=None, repr=False)

    @property
    def title(self) -> str:
        return f"关于{self.topic.title.format(place=self.place)}的建议"

    def reached(self, step: str) -> bool:
        return STEPS.index(self.upto) >= STEPS.index(step)


# --- clear and build --------------------------------------------------------------------------


def clear() -> None:
    city = Congress.objects.filter(code=CITY_CODE).first()
    if city is None:
        return
    types = ContentType.objects.get_for_models(Suggestion, Motion).values()
    Event.objects.filter(congress=city, content_type__in=types).purge_demo()
    Deadline.objects.filter(congress=city, content_type__in=types).delete()
    suggestions = Suggestion.objects.filter(congress=city)
    PollVote.objects.filter(poll__congress=city).delete()
    SatisfactionPoll.objects.filter(congress=city).delete()
    for model in (Promise, Evaluation, Extension, Attachment, Contact):
        model.objects.filter(suggestion__in=suggestions).delete()
    Reply.objects.filter(suggestion__in=suggestions).delete()
    Assignment.objects.filter(suggestion__in=suggestions).delete()
    CoSigner.objects.filter(suggestion__in=suggestions).delete()
    suggestions.filter(merged_into__isnull=False).delete()
    suggestions.delete()
    Motion.objects.filter(congress=city).delete()


def build(*, today: datetime.date, stdout: Writer) -> None:
    b = _Builder(today=today)
    scripts = [*b.year_2024(), *b.current_year()]
    b.write(scripts)
    b.motions_2024()
    stdout.write(
        f"Suggestions: {len(scripts)} ({sum(1 for s in scripts if s.submitted_on.year == 2024)} "
        f"in 2024), {Motion.objects.filter(congress=b.city).count()} motions.\n"
    )


class _Builder:
    def __init__(self, *, today: datetime.date) -> None:
        self.rng = random.Random(SEED)
        self.today = today
        self.cal = WorkingCalendar()
        self.city = Congress.objects.get(code=CITY_CODE)
        # Deadline lengths are the congress's rules, as the actions read them.
        self.rule = self.city.setting
        self.units = {
            u.name.removeprefix(CITY): u for u in HandlingUnit.objects.filter(congress=self.city)
        }
        self.deputies = list(
            Deputy.objects.filter(congress=self.city, status=Deputy.Status.ACTIVE)
            .select_related("person", "delegation", "electoral_unit")
            .order_by("card_number")
        )
        self.by_county: dict[str, list[Deputy]] = {}
        for d in self.deputies:
            self.by_county.setdefault(d.electoral_unit.name, []).append(d)
        self.sessions = {s.start_date.year: s for s in Session.objects.filter(congress=self.city)}
        self.users = {u.username: u for u in User.objects.filter(congress=self.city)}
        self.staff = self.users["staff"]
        self.leaders = [u for u in self.users.values() if u.role == "leader"]
        self.handlers: dict[int, User] = {}
        for u in sorted(self.users.values(), key=lambda u: u.username):
            # the demo account acts for its unit; otherwise the unit's first officer
            if (
                u.role == "handler"
                and u.unit_id is not None
                and (u.username == "handler" or u.unit_id not in self.handlers)
            ):
                self.handlers[u.unit_id] = u
        self.bodies = {b.name: b for b in Body.objects.filter(congress=self.city)}
        self.used_titles: set[str] = set()
        self.numbers: dict[int, int] = {}

    # -- choosing ---------------------------------------------------------------------------

    def _topic_and_place(self, county: str, unit: str | None = None) -> tuple[Topic, str]:
        topics = [t for t in TOPICS if unit is None or t.unit == unit]
        towns = next(c.towns for c in COUNTIES if c.name == county)
        for _ in range(200):
            topic = self.rng.choice(topics)
            place = county if self.rng.random() < 0.6 else f"{county}{self.rng.choice(towns)}"
            title = topic.title.format(place=place)
            if title not in self.used_titles and topic.unit in self.units:
                self.used_titles.add(title)
                return topic, place
        raise RuntimeError("ran out of demo topics")

    def _parts(self, topic: Topic, mode: str) -> list[tuple[HandlingUnit, str, str]]:
        lead = self.units[topic.unit]
        if mode == "sole":
            return [(lead, "sole", "")]
        other_name = topic.co_unit or self.rng.choice(
            [n for n in ("财政局", "发展和改革委员会", "农业农村局", "住房和城乡建设局")
             if n != topic.unit]
        )  # fmt: skip
        other = self.units[other_name]
        if mode == "joint":
            return [(lead, "lead", ""), (other, "co", "")]
        return [
            (lead, "separate", topic.proposals[0].format(place="")),
            (other, "separate", topic.proposals[1].format(place="")),
        ]

    def _reply_day(self, assigned_on: datetime.date, due: datetime.date) -> datetime.date:
        """Most units reply in time; about one reply in twenty is late by a few working days."""
        if self.rng.random() < 0.05:
            return self.cal.add_working_days(due, self.rng.randint(2, 12))
        return min(due, self.cal.add_working_days(assigned_on, self.rng.randint(25, 58)))

    def _cosigners(self, lead: Deputy) -> list[Deputy]:
        n = self.rng.choice((0, 0, 0, 1, 2, 3, 4))
        pool = [d for d in self.by_county[lead.electoral_unit.name] if d.pk != lead.pk]
        return self.rng.sample(pool, min(n, len(pool)))

    def _script(
        self,
        *,
        lead: Deputy,
        submitted_on: datetime.date,
        period: str,
        session: Session | None,
        topic: Topic | None = None,
        place: str = "",
        mode: str | None = None,
        category: str | None = None,
        evaluation: str | None = None,
        cosigners: list[Deputy] | None = None,
    ) -> Script:
        if topic is None:
            topic, place = self._topic_and_place(lead.electoral_unit.name)
        mode = mode or self.rng.choices(("sole", "joint", "separate"), (70, 22, 8))[0]
        if mode != "sole" and not topic.co_unit and mode == "joint" and self.rng.random() < 0.5:
            mode = "sole"
        accepted_on = self.cal.add_working_days(submitted_on, self.rng.randint(3, 8))
        if period == "session":
            assigned_on = max(accepted_on, self.cal.add_working_days(session.end_date, 20))  # type: ignore[union-attr]
        else:
            assigned_on = self.cal.add_working_days(accepted_on, self.rng.randint(0, 2))
        parts = self._parts(topic, mode)
        replying = [u for u, role, _ in parts if role != "co"]
        due = next_workday_on_or_after(add_months(assigned_on, self.rule("reply_months")))
        replies = {u.pk: self._reply_day(assigned_on, due) for u in replying}
        category = category or self.rng.choices("ABC", (55, 33, 12))[0]
        evaluation = evaluation or self.rng.choices(("satisfied", "basic"), (86, 14))[0]
        last_reply = max(replies.values())
        return Script(
            topic=topic, place=place, lead=lead,
            cosigners=self._cosigners(lead) if cosigners is None else cosigners,
            period=period, session=session, submitted_on=submitted_on, accepted_on=accepted_on,
            assigned_on=assigned_on, mode=mode, parts=parts,
            rounds=[Round(replies, category, evaluation,
                          self.cal.add_working_days(last_reply, self.rng.randint(3, 15)))],
        )  # fmt: skip

    # -- 2024 -------------------------------------------------------------------------------

    def year_2024(self) -> list[Script]:
        session = self.sessions[2024]
        scripts: list[Script] = []
        leads = self._weighted_leads(SESSION_2024)
        for lead in leads:
            day = self.rng.choice(
                [session.start_date + datetime.timedelta(days=i) for i in range(3)]
            )
            scripts.append(
                self._script(lead=lead, submitted_on=day, period="session", session=session)
            )
        for month in (3, 4, 5, 6, 7, 8, 9, 10, 10):
            lead = self.rng.choice(self.deputies)
            day = next_workday_on_or_after(D(2024, month, self.rng.randint(2, 25)))
            scripts.append(self._script(lead=lead, submitted_on=day, period="recess", session=None))
        special = self.rng.sample(
            range(SESSION_2024), DISSATISFIED_2024 + CONTESTED_2024 + EXTENDED_2024 + KEY_2024 + 3
        )
        cursor = iter(special)
        for _ in range(DISSATISFIED_2024):
            self._add_second_round(scripts[next(cursor)])
        for i in range(CONTESTED_2024):
            self._add_contest(scripts[next(cursor)], granted=i < 3)
        for _ in range(EXTENDED_2024):
            self._add_extension(scripts[next(cursor)])
        key_bodies = [b for b in self.bodies.values() if b.kind == "special_committee"]
        for i in range(KEY_2024):
            s = scripts[next(cursor)]
            s.key = (
                self.leaders[i % len(self.leaders)] if i % 2 else key_bodies[i % len(key_bodies)]
            )
        for _ in range(3):
            scripts[next(cursor)].confidential = True
        return scripts

    def _weighted_leads(self, n: int) -> list[Deputy]:
        """Most deputies lead one or two session suggestions; some lead none."""
        pool = self.deputies[:]
        self.rng.shuffle(pool)
        leads = pool[: min(n, len(pool))]
        while len(leads) < n:
            leads.append(self.rng.choice(pool))
        return leads

    def _add_second_round(self, s: Script, *, final: str | None = None) -> None:
        first = s.rounds[0]
        first.evaluation = "dissatisfied"
        first.category = "C"
        again_due = next_workday_on_or_after(
            add_months(first.evaluated_on, self.rule("rehandle_months"))
        )
        replies = {
            u: min(
                again_due, self.cal.add_working_days(first.evaluated_on, self.rng.randint(8, 18))
            )
            for u in first.replies
        }
        s.rounds.append(
            Round(
                replies,
                self.rng.choice("AB"),
                final or self.rng.choice(("satisfied", "basic")),
                self.cal.add_working_days(max(replies.values()), 5),
            )
        )

    def _add_contest(self, s: Script, *, granted: bool, pending: bool = False) -> None:
        unit = s.parts[0][0]
        alternatives = [
            u
            for n, u in self.units.items()
            if u.kind == "department" and u.pk not in {p[0].pk for p in s.parts}
        ]
        new_unit = self.rng.choice(alternatives) if granted else None
        state = "pending" if pending else ("granted" if granted else "refused")
        s.contest = (state, new_unit, self.cal.add_working_days(s.assigned_on, 3))
        if granted and new_unit is not None:
            for rnd in s.rounds:
                if unit.pk in rnd.replies:
                    rnd.replies[new_unit.pk] = rnd.replies.pop(unit.pk)

    def _add_extension(self, s: Script, *, decided: bool = True) -> None:
        due = next_workday_on_or_after(add_months(s.assigned_on, self.rule("reply_months")))
        new_due = next_workday_on_or_after(add_months(s.assigned_on, 5))
        asked = self.cal.add_working_days(due, -0) - datetime.timedelta(days=10)
        s.extension = (asked, new_due, decided)
        if decided:
            for rnd in s.rounds[:1]:
                for u in rnd.replies:
                    rnd.replies[u] = self.cal.add_working_days(due, self.rng.randint(10, 30))
            last = max(s.rounds[0].replies.values())
            s.rounds[0].evaluated_on = self.cal.add_working_days(last, 7)

    # -- the current year ---------------------------------------------------------------------

    def current_year(self) -> list[Script]:
        """Suggestions at every step, so that each demo account has work waiting."""
        t = self.today
        wd = self.cal.add_working_days
        deputy = self.users["deputy"].deputy
        deputy2 = self.users["deputy2"].deputy
        handler_unit = self.users["handler"].unit
        assert deputy is not None and deputy2 is not None and handler_unit is not None
        session = self.sessions.get(t.year)
        scripts: list[Script] = []

        def recess(lead: Deputy, days_ago: int, upto: str, **kw: Any) -> Script:
            day = t - datetime.timedelta(days=days_ago)
            unit = kw.pop("unit", None)
            topic, place = self._topic_and_place(lead.electoral_unit.name, unit)
            s = self._script(
                lead=lead,
                submitted_on=day,
                period="recess",
                session=None,
                topic=topic,
                place=place,
                **kw,
            )
            s.upto = upto
            scripts.append(s)
            return s

        # Session suggestions of this year, mostly done by now.
        if session is not None and session.start_date < t:
            for lead in self._weighted_leads(60):
                s = self._script(
                    lead=lead, submitted_on=session.start_date, period="session", session=session
                )
                if max(s.rounds[-1].replies.values()) >= t or s.rounds[-1].evaluated_on >= t:
                    s.upto = "replied" if max(s.rounds[0].replies.values()) < t else "communicated"
                scripts.append(s)
            scripts[0].key = self.leaders[0]
            scripts[1].key = next(b for b in self.bodies.values() if b.kind == "special_committee")

        jiaotong = handler_unit.name.removeprefix(CITY)
        # The deputy: one awaiting review, one returned, one to evaluate, one being handled.
        recess(deputy, 2, "submitted")
        r = recess(deputy, 20, "returned")
        r.returned_on = wd(r.submitted_on, 2)
        recess(deputy, 75, "replied", unit=jiaotong, mode="sole")
        recess(deputy, 40, "communicated", unit=jiaotong, mode="sole")
        # deputy2 must confirm co-signing the deputy's new suggestion.
        recess(deputy, 1, "cosigning", cosigners=[deputy2])
        recess(deputy2, 110, "evaluated")
        recess(deputy2, 9, "submitted")
        # The handler's unit: overdue, due soon, just assigned, to handle again, co-handling.
        overdue = recess(
            self.rng.choice(self.deputies), 120, "communicated", unit=jiaotong, mode="sole"
        )
        overdue.assigned_on = wd(overdue.accepted_on, 1)
        soon = recess(self.rng.choice(self.deputies), 95, "assigned", unit=jiaotong, mode="sole")
        soon.assigned_on = t - datetime.timedelta(days=88)
        recess(self.rng.choice(self.deputies), 6, "assigned", unit=jiaotong, mode="sole")
        again = recess(
            self.rng.choice(self.deputies), 100, "rehandling", unit=jiaotong, mode="sole"
        )
        again.rounds[0].evaluated_on = t - datetime.timedelta(days=12)
        again.rounds[0].replies = {
            u: t - datetime.timedelta(days=30) for u in again.rounds[0].replies
        }
        self._add_second_round(again)
        co = recess(self.rng.choice(self.deputies), 30, "assigned", mode="joint")
        co.parts = [(self.units["住房和城乡建设局"], "lead", ""), (handler_unit, "co", "")]
        # Staff: review queue (one overdue), assignment queue, an adjustment and an extension.
        for days in (3, 5, 12, 16):
            recess(self.rng.choice(self.deputies), days, "submitted")
        for days in (9, 14):
            recess(self.rng.choice(self.deputies), days, "accepted")
        contested = recess(self.rng.choice(self.deputies), 8, "contested", mode="sole")
        contested.assigned_on = wd(t, -0) - datetime.timedelta(days=2)
        self._add_contest(contested, granted=False, pending=True)
        ext = recess(
            self.rng.choice(self.deputies), 100, "extension_requested", unit=jiaotong, mode="sole"
        )
        ext.extension = (
            t - datetime.timedelta(days=3),
            next_workday_on_or_after(add_months(ext.assigned_on, 5)),
            False,
        )
        # The leader: a key suggestion with an open poll.
        key = recess(self.rng.choice(self.deputies), 130, "evaluated", mode="sole")
        key.key = self.users["leader"]
        for script in scripts:
            self._keep_in_the_past(script)
        return scripts

    def _keep_in_the_past(self, s: Script) -> None:
        """Nothing the story says happened may happen after today."""
        latest = self.today - datetime.timedelta(days=1)
        s.accepted_on = max(s.submitted_on, min(s.accepted_on, latest))
        s.assigned_on = max(s.accepted_on, min(s.assigned_on, latest))
        if s.contest:
            s.contest = (s.contest[0], s.contest[1], max(s.assigned_on, min(s.contest[2], latest)))
        for rnd in s.rounds:
            rnd.replies = {
                u: min(d, latest - datetime.timedelta(days=1)) for u, d in rnd.replies.items()
            }
            rnd.evaluated_on = min(max(rnd.evaluated_on, max(rnd.replies.values())), latest)

    # -- writing rows -------------------------------------------------------------------------

    def write(self, scripts: list[Script]) -> None:
        scripts.sort(key=lambda s: (s.submitted_on, s.lead.card_number))
        for s in scripts:
            if s.reached("accepted"):
                year = s.submitted_on.year
                self.numbers[year] = self.numbers.get(year, 0) + 1
                s.number = self.numbers[year]
        rows = [self._suggestion(s) for s in scripts]
        Suggestion.objects.bulk_create(rows)
        for s, row in zip(scripts, rows, strict=True):
            s.suggestion = row
        w = _Rows()
        for s in scripts:
            self._play(s, w)
        w.flush()
        self._polls(scripts)

    def _state(self, s: Script) -> str:
        return {
            "cosigning": "cosigning", "submitted": "submitted", "returned": "returned",
            "accepted": "accepted", "assigned": "assigned", "contested": "assigned",
            "communicated": "assigned", "extension_requested": "assigned", "replied": "replied",
            "rehandling": "rehandling", "evaluated": "evaluated",
        }[s.upto]  # fmt: skip

    def _suggestion(self, s: Script) -> Suggestion:
        t = s.topic
        body = (
            f"{t.problem.format(place=s.place)}。\n建议：一是{t.proposals[0].format(place=s.place)}；"
            f"二是{t.proposals[1].format(place=s.place)}；三是{t.proposals[2].format(place=s.place)}。"
        )
        assigned = s.reached("assigned")
        due = (
            next_workday_on_or_after(add_months(s.assigned_on, self.rule("reply_months")))
            if assigned
            else None
        )
        if s.extension and s.extension[2]:
            due = s.extension[1]
        if s.reached("rehandling") and len(s.rounds) > 1:
            due = next_workday_on_or_after(add_months(s.rounds[0].evaluated_on, 1))
        return Suggestion(
            congress=self.city, year=s.submitted_on.year, number=s.number, period=s.period,
            session=s.session, title=s.title, body=body, category=t.category, lead_deputy=s.lead,
            confidential=s.confidential, state=self._state(s), submitted_at=_at(s.submitted_on, 9),
            accepted_at=_at(s.accepted_on) if s.reached("accepted") else None,
            assigned_at=_at(s.assigned_on, 15) if assigned else None,
            closed_at=_at(s.rounds[-1].evaluated_on) if s.upto == "evaluated" else None,
            handling_mode=s.mode if assigned else "", reply_due=due,
            handling_round=2 if s.reached("rehandling") and len(s.rounds) > 1 else 1,
            return_reason=RETURN_REASON if s.upto == "returned" else "",
            is_key=s.key is not None and s.reached("assigned"),
            supervising_body=s.key if isinstance(s.key, Body) else None,
            supervising_leader=s.key if isinstance(s.key, User) else None,
        )  # fmt: skip

    def _play(self, s: Script, w: _Rows) -> None:
        row = s.suggestion
        assert row is not None
        lead_user = self._deputy_user(s.lead)
        ev = w.events_for(row, self.city)
        ev(
            "submit",
            lead_user,
            _at(s.submitted_on, 9),
            "",
            "cosigning" if s.cosigners else "submitted",
            data={"period": s.period, "cosigners": [d.pk for d in s.cosigners]},
        )
        for i, d in enumerate(s.cosigners):
            confirmed = s.upto != "cosigning"
            w.cosigners.append(
                CoSigner(
                    suggestion=row,
                    deputy=d,
                    confirmed_at=_at(s.submitted_on, 11 + i) if confirmed else None,
                )
            )
            if confirmed:
                last = i == len(s.cosigners) - 1
                ev(
                    "confirm",
                    self._deputy_user(d),
                    _at(s.submitted_on, 11 + i),
                    "cosigning",
                    "submitted" if last else "cosigning",
                )
        if s.upto == "cosigning":
            for d in s.cosigners:
                w.deadline(
                    row,
                    self.city,
                    f"cosign:{d.pk}",
                    "",
                    None,
                    self.cal.add_working_days(s.submitted_on, self.rule("cosign_working_days")),
                    gettext_noop("Confirm co-signing: %(title)s"),
                    {"title": row.title},
                    user=self._deputy_user(d),
                )
            return
        if s.returned_on:
            w.deadline(
                row,
                self.city,
                "resubmit",
                "",
                None,
                self.cal.add_working_days(s.returned_on, self.rule("resubmit_working_days")),
                gettext_noop("Revise and resubmit: %(title)s"),
                {"title": row.title},
                user=lead_user,
            )
            ev(
                "return",
                self.staff,
                _at(s.returned_on),
                "submitted",
                "returned",
                comment=RETURN_REASON,
            )
            return
        if not s.reached("accepted"):
            w.deadline(
                row,
                self.city,
                "review",
                "staff",
                None,
                self.cal.add_working_days(
                    s.submitted_on, self.city.setting("recess_assign_working_days")
                ),
                gettext_noop("Review suggestion “%(title)s”")
                if row.period == Period.SESSION
                else gettext_noop("Review and assign suggestion “%(title)s”"),
                {"title": row.title},
            )
            return
        ev("accept", self.staff, _at(s.accepted_on), "submitted", "accepted")
        if not s.reached("assigned"):
            w.deadline(
                row,
                self.city,
                "review",
                "staff",
                None,
                self.cal.add_working_days(s.accepted_on, self.rule("recess_assign_working_days")),
                gettext_noop("Assign suggestion No. %(number)s"),
                {"number": row.number},
            )
            return
        assigned_at = _at(s.assigned_on, 15)
        contest_due = self.cal.add_working_days(s.assigned_on, self.rule("contest_working_days"))
        input_due = next_workday_on_or_after(
            add_months(s.assigned_on, self.rule("co_handler_input_months"))
        )
        for unit, role, part in s.parts:
            contested = s.contest is not None and unit.pk == s.parts[0][0].pk
            w.assignments.append(Assignment(
                suggestion=row, unit=unit, role=role, part=part, assigned_at=assigned_at,
                contest_due=contest_due,
                input_due=input_due if role == "co" else None,
                active=not (contested and s.contest[0] == "granted"),  # type: ignore[index]
                contest_state=s.contest[0] if contested else "",  # type: ignore[index]
                contest_reason=CONTEST_REASON if contested else "",
            ))  # fmt: skip
        ev(
            "assign",
            self.staff,
            assigned_at,
            "accepted",
            "assigned",
            data={"mode": s.mode, "units": [{"unit": u.pk, "role": r} for u, r, _ in s.parts]},
        )
        if s.contest:
            state, new_unit, on = s.contest
            first = s.parts[0][0]
            ev(
                "contest",
                self.handlers.get(first.pk),
                _at(on),
                "assigned",
                "assigned",
                comment=CONTEST_REASON,
                data={"unit": first.pk},
            )
            if state == "granted" and new_unit is not None:
                ev(
                    "reassign",
                    self.staff,
                    _at(on, 16),
                    "assigned",
                    "assigned",
                    data={"unit": new_unit.pk},
                )
                w.assignments.append(Assignment(
                    suggestion=row, unit=new_unit, role=s.parts[0][1], part=s.parts[0][2],
                    assigned_at=_at(on, 16),
                    contest_due=self.cal.add_working_days(on, self.rule("contest_working_days")),
                ))  # fmt: skip
            elif state == "refused":
                ev(
                    "refuse_contest",
                    self.staff,
                    _at(on, 16),
                    "assigned",
                    "assigned",
                    comment="经研究，该事项属于本单位职责范围，请认真办理。",
                )
            else:
                w.deadline(
                    row,
                    self.city,
                    "contest",
                    "staff",
                    None,
                    self.cal.add_working_days(on, self.rule("contest_decision_working_days")),
                    gettext_noop("Decide on %(unit)s's adjustment request"),
                    {"unit": first.name},
                )
        replying = self._replying_units(s)
        if s.upto in ("assigned", "contested"):
            self._open_reply_deadlines(s, w, replying)
            return
        self._round(s, w, ev, 0, replying)

    def _replying_units(self, s: Script) -> list[HandlingUnit]:
        units = [u for u, role, _ in s.parts if role != "co"]
        if s.contest and s.contest[0] == "granted" and s.contest[1] is not None:
            units = [s.contest[1] if u.pk == s.parts[0][0].pk else u for u in units]
        return units

    def _open_reply_deadlines(self, s: Script, w: _Rows, units: list[HandlingUnit]) -> None:
        row = s.suggestion
        assert row is not None and row.reply_due is not None
        for u in units:
            w.deadline(
                row,
                self.city,
                f"reply:{u.pk}",
                "",
                u,
                row.reply_due,
                gettext_noop("Reply to suggestion No. %(number)s: %(title)s"),
                {"number": row.number, "title": row.title},
            )
        for u, role, _ in s.parts:
            if role == "co":
                w.deadline(
                    row,
                    self.city,
                    f"input:{u.pk}",
                    "",
                    u,
                    next_workday_on_or_after(
                        add_months(s.assigned_on, self.rule("co_handler_input_months"))
                    ),
                    gettext_noop("Send your input to the lead unit: %(title)s"),
                    {"title": row.title},
                )

    def _round(self, s: Script, w: _Rows, ev: Any, index: int, units: list[HandlingUnit]) -> None:
        row = s.suggestion
        assert row is not None
        rnd = s.rounds[index]
        start = s.assigned_on if index == 0 else s.rounds[index - 1].evaluated_on
        state = "assigned" if index == 0 else "rehandling"
        for u in units:
            reply_on = rnd.replies.get(u.pk, start)
            contact_on = min(self.cal.add_working_days(start, self.rng.randint(3, 12)), reply_on)
            if contact_on > self.today:
                continue
            method = self.rng.choice(("meeting", "phone", "forum", "visit"))
            w.contacts.append(Contact(
                suggestion=row, unit=u, method=method, date=contact_on,
                people=f"{s.lead.person.name}代表；{u.short_name or u.name}相关负责同志",
                notes=self.rng.choice(CONTACT_NOTES), recorded_by=self._handler(u),
            ))  # fmt: skip
            ev(
                "communicate",
                self._handler(u),
                _at(contact_on, 14),
                state,
                state,
                data={"method": method, "date": contact_on.isoformat()},
            )
        for u, role, _ in s.parts:
            if role == "co" and index == 0:
                on = self.cal.add_working_days(start, self.rng.randint(5, 15))
                if on <= self.today and s.reached("replied"):
                    ev("co_input", self._handler(u), _at(on, 11), state, state)
        if s.extension and index == 0:
            asked, new_due, decided = s.extension
            first = units[0]
            w.extensions.append(Extension(
                suggestion=row, unit=first, reason="涉及跨年度预算安排，需延期答复。",
                old_due=next_workday_on_or_after(
                    add_months(s.assigned_on, self.rule("reply_months"))
                ),
                new_due=new_due,
                state="approved" if decided else "requested", requested_by=self._handler(first),
                requested_at=_at(asked), decided_by=self.staff if decided else None,
                decided_at=_at(asked, 16) if decided else None,
            ))  # fmt: skip
            ev(
                "request_extension",
                self._handler(first),
                _at(asked),
                state,
                state,
                data={"new_due": new_due.isoformat()},
            )
            if decided:
                ev("extend", self.staff, _at(asked, 16), state, state, data={"approved": True})
            else:
                w.deadline(
                    row,
                    self.city,
                    f"extension:{first.pk}",
                    "staff",
                    None,
                    self.cal.add_working_days(asked, self.rule("contest_decision_working_days")),
                    gettext_noop("Decide on the extension request: %(title)s"),
                    {"title": row.title},
                )
        if (index == 0 and not s.reached("replied")) or (index == 1 and s.upto == "rehandling"):
            if index == 0:
                self._open_reply_deadlines(s, w, units)
                return
            assert row.reply_due is not None
            for u in units:
                w.deadline(
                    row,
                    self.city,
                    f"reply:{u.pk}",
                    "",
                    u,
                    row.reply_due,
                    gettext_noop("Reply to suggestion No. %(number)s: %(title)s"),
                    {"number": row.number, "title": row.title},
                )
            return
        replied_units = list(units)
        # The round is replied by the reply that comes last in time (separate handling: each
        # unit replies for its part, in its own time).
        final = max(
            range(len(replied_units)),
            key=lambda i: (rnd.replies.get(replied_units[i].pk, start), i),
        )
        for i, u in enumerate(replied_units):
            reply_on = rnd.replies.get(u.pk, start)
            last = i == final
            reply = Reply(
                suggestion=row, unit=u, handling_round=index + 1,
                text=self._reply_text(s, u, rnd.category), category=rnd.category,
                signer=u.head or "局长", contact_person=self._handler(u).get_full_name(),
                contact_phone=u.phone, replied_at=_at(reply_on, 16), recorded_by=self._handler(u),
            )  # fmt: skip
            w.replies.append(reply)
            if rnd.category == "B":
                for j, template in enumerate(PROMISES[: self.rng.randint(1, 2)]):
                    due = add_months(reply_on, 4 + 4 * j)
                    done = due < self.today or (reply_on.year < self.today.year and j == 0)
                    delivered = self.rng.random() < 0.85
                    done_on = min(due, self.today) - datetime.timedelta(
                        days=self.rng.randint(3, 20)
                    )
                    w.promises.append(Promise(
                        reply=reply, suggestion=row, unit=u, congress=self.city,
                        text=template.format(p1=s.topic.proposals[0].format(place=s.place),
                                             p2=s.topic.proposals[1].format(place=s.place),
                                             p3=s.topic.proposals[2].format(place=s.place)),
                        due_date=due,
                        done_at=_at(max(done_on, reply_on)) if done and delivered else None,
                        evidence="已按承诺完成，并向代表反馈。" if done else "",
                    ))  # fmt: skip
            ev(
                "reply",
                self._handler(u),
                _at(reply_on, 16),
                state,
                "replied" if last else state,
                data={"category": rnd.category, "unit": u.pk, "round": index + 1},
            )
        lead_user = self._deputy_user(s.lead)
        if s.upto == "replied":  # the deputy has yet to evaluate
            last_reply = max(rnd.replies.get(u.pk, start) for u in units)
            w.deadline(
                row,
                self.city,
                "evaluate",
                "",
                None,
                self.cal.add_working_days(last_reply, self.rule("evaluation_working_days")),
                gettext_noop("Evaluate the reply: %(title)s"),
                {"title": row.title},
                user=lead_user,
            )
            return
        if rnd.evaluation == "dissatisfied":
            w.evaluations.append(Evaluation(
                suggestion=row, handling_round=index + 1, result="dissatisfied",
                comment=EVALUATION_COMMENTS["dissatisfied"][0], evaluated_at=_at(rnd.evaluated_on),
                deputy=s.lead,
            ))  # fmt: skip
            ev(
                "evaluate",
                lead_user,
                _at(rnd.evaluated_on),
                "replied",
                "rehandling",
                comment=EVALUATION_COMMENTS["dissatisfied"][0],
                data={"result": "dissatisfied"},
            )
            self._round(s, w, ev, index + 1, units)
            return
        comment = self.rng.choice(EVALUATION_COMMENTS[rnd.evaluation])
        w.evaluations.append(Evaluation(
            suggestion=row, handling_round=index + 1, result=rnd.evaluation, comment=comment,
            evaluated_at=_at(rnd.evaluated_on), deputy=s.lead,
        ))  # fmt: skip
        ev(
            "evaluate",
            lead_user,
            _at(rnd.evaluated_on),
            "replied",
            "evaluated",
            comment=comment,
            data={"result": rnd.evaluation},
        )

    def _reply_text(self, s: Script, unit: HandlingUnit, category: str) -> str:
        p = [x.format(place=s.place) for x in s.topic.proposals]
        lines = [REPLY_OPENING.format(unit=unit.name, title=s.title)]
        lines += [
            x.format(p1=p[0], p2=p[1], p3=p[2], field=FIELDS[s.topic.category])
            for x in REPLY_BODY[category]
        ]
        return "\n".join(lines)

    def _deputy_user(self, d: Deputy) -> User | None:
        return self._by_deputy().get(d.pk)

    def _by_deputy(self) -> dict[int, User]:
        if not hasattr(self, "_deputy_users"):
            self._deputy_users = {u.deputy_id: u for u in self.users.values() if u.deputy_id}
        return self._deputy_users

    def _handler(self, unit: HandlingUnit) -> User:
        return self.handlers.get(unit.pk) or self.staff

    # -- polls and motions ----------------------------------------------------------------------

    def _polls(self, scripts: list[Script]) -> None:
        """满意度测评: the standing committee's members vote on each key suggestion."""
        voters = [u for u in self.leaders]
        votes: list[PollVote] = []
        events: list[Event] = []
        deadlines: list[Deadline] = []
        ct = ContentType.objects.get_for_model(Suggestion)
        for s in scripts:
            row = s.suggestion
            if row is None or not row.is_key or s.upto != "evaluated":
                continue
            year = s.submitted_on.year
            opened = (
                D(year, 11, 26)
                if year < self.today.year
                else self.today - datetime.timedelta(days=2)
            )
            closed = year < self.today.year
            poll = SatisfactionPoll.objects.create(
                suggestion=row, congress=self.city,
                title=f"对第{row.number}号重点建议办理情况的满意度测评",
                report=f"{self._replying_units(s)[0].name}关于{row.title}办理情况的报告",
                opened_at=_at(opened, 9), closed_at=_at(opened, 12) if closed else None,
            )  # fmt: skip
            events.append(
                Event(
                    congress=self.city,
                    content_type=ct,
                    object_id=row.pk,
                    action="poll_open",
                    actor=self.staff,
                    at=_at(opened, 9),
                    data={"poll": poll.pk},
                )
            )
            for v in voters:
                if v.username == "leader" and not closed:
                    # the demo leader still has to vote
                    deadlines.append(Deadline(
                        congress=self.city, content_type=ct, object_id=row.pk,
                        kind=f"poll:{v.pk}", what=gettext_noop("Vote in the poll: %(title)s"),
                        params={"title": poll.title},
                        url=f"/suggestions/{row.pk}/", responsible_user=v,
                        due_date=self.cal.add_working_days(opened, self.rule("poll_working_days")),
                    ))  # fmt: skip
                    continue
                result = self.rng.choices(("satisfied", "basic", "dissatisfied"), (82, 16, 2))[0]
                votes.append(PollVote(poll=poll, voter=v, result=result, voted_at=_at(opened, 10)))
            if closed:
                events.append(
                    Event(
                        congress=self.city,
                        content_type=ct,
                        object_id=row.pk,
                        action="poll_close",
                        actor=self.staff,
                        at=_at(opened, 12),
                        data={"poll": poll.pk},
                    )
                )
        PollVote.objects.bulk_create(votes)
        Event.objects.bulk_create(events)
        Deadline.objects.bulk_create(deadlines)

    def motions_2024(self) -> None:
        session = self.sessions[2024]
        committees = {b.name: b for b in self.bodies.values() if b.kind == "special_committee"}
        specs = (
            ("关于制定《晋中市生活垃圾分类管理条例》的议案", "urban",
             "城乡建设环境与资源保护委员会", "榆次区"),
            ("关于加强集中式饮用水水源地保护立法的议案", "environment", "法制委员会", "太谷区"),
            ("关于加快推进农村养老服务体系建设的议案", "social", "社会建设委员会", "平遥县"),
        )  # fmt: skip
        ct = ContentType.objects.get_for_model(Motion)
        events: list[Event] = []
        for n, (title, category, committee, county) in enumerate(specs, 1):
            deputies = self.by_county[county][:12]
            lead = deputies[0]
            m = Motion.objects.create(
                congress=self.city, year=2024, number=n, session=session, title=title,
                body=f"{title.removeprefix('关于').removesuffix('的议案')}，事关群众切身利益。"
                     "建议市人大常委会将其列入立法或监督工作计划，依法推进。",
                category=category, delegation=lead.delegation, lead_deputy=lead,
                state="listed", committee=committees.get(committee),
                decision_note="经主席团决定，列入大会议程，交有关专门委员会审议。",
                submitted_at=_at(session.start_date, 9),
            )  # fmt: skip
            m.deputies.set(deputies)
            lead_user = self._deputy_user(lead)
            for action, frm, to, day in (
                ("submit", "", "submitted", session.start_date),
                ("refer", "submitted", "referred", session.start_date + datetime.timedelta(days=1)),
                ("list", "referred", "listed", session.start_date + datetime.timedelta(days=2)),
            ):
                events.append(
                    Event(
                        congress=self.city,
                        content_type=ct,
                        object_id=m.pk,
                        action=action,
                        from_state=frm,
                        to_state=to,
                        actor=lead_user if action == "submit" else self.staff,
                        at=_at(day, 10),
                    )
                )
        Event.objects.bulk_create(events)


_M = TypeVar("_M", bound=Model)


def _bulk_create(rows: list[_M]) -> None:
    if rows:
        type(rows[0])._default_manager.bulk_create(rows, batch_size=500)


@dataclass
class _Rows:
    """Rows collected while playing the scripts, written in bulk at the end."""

    events: list[Event] = field(default_factory=list)
    cosigners: list[CoSigner] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)
    promises: list[Promise] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    extensions: list[Extension] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    _ct: ContentType | None = None

    def content_type(self) -> ContentType:
        if self._ct is None:
            self._ct = ContentType.objects.get_for_model(Suggestion)
        return self._ct

    def events_for(self, row: Suggestion, congress: Congress) -> Any:
        ct = self.content_type()

        def add(
            action: str,
            actor: Any,
            at: datetime.datetime,
            frm: str,
            to: str,
            comment: str = "",
            data: dict[str, Any] | None = None,
        ) -> None:
            self.events.append(Event(
                congress=congress, content_type=ct, object_id=row.pk, action=action,
                from_state=frm, to_state=to, actor=actor, at=at, comment=comment, data=data or {},
            ))  # fmt: skip

        return add

    def deadline(
        self,
        row: Suggestion,
        congress: Congress,
        kind: str,
        role: str,
        unit: HandlingUnit | None,
        due: datetime.date,
        label: str,
        params: dict[str, Any],
        user: User | None = None,
    ) -> None:
        """A deadline as the actions open it: its label untranslated (gettext_noop, the same
        message as theirs) with its values, shown in each viewer's language."""
        self.deadlines.append(Deadline(
            congress=congress, content_type=self.content_type(), object_id=row.pk, kind=kind,
            what=label, params=params, url=f"/suggestions/{row.pk}/", due_date=due,
            responsible_role=role, responsible_unit=unit, responsible_user=user,
        ))  # fmt: skip

    def flush(self) -> None:
        # In this order: replies before the promises that point at them.
        _bulk_create(self.cosigners)
        _bulk_create(self.assignments)
        _bulk_create(self.contacts)
        _bulk_create(self.replies)
        _bulk_create(self.promises)
        _bulk_create(self.evaluations)
        _bulk_create(self.extensions)
        _bulk_create(self.deadlines)
        self.events.sort(key=lambda e: (e.at, e.object_id))
        Event.objects.bulk_create(self.events, batch_size=1000)
