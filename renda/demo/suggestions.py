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
from typing import Any

from django.contrib.contenttypes.models import ContentType

from renda.accounts.models import User
from renda.core.calendar import WorkingCalendar, add_months, next_workday_on_or_after
from renda.core.models import Deadline, Event, Poll, PollVote
from renda.demo import Writer
from renda.demo.places import CITY, CITY_CODE, COUNTIES
from renda.demo.suggestion_texts import (
    TOPICS,
    Topic,
)
from renda.demo.suggestions_play import Playback, Round, Script
from renda.org.models import Body, Congress, Deputy, HandlingUnit, Session
from renda.suggestions.models import (
    Assignment,
    Attachment,
    Contact,
    CoSigner,
    Evaluation,
    Extension,
    Motion,
    Promise,
    Reply,
    Suggestion,
)

SEED = "renda-demo-suggestions"
D = datetime.date
SESSION_2024 = 324
RECESS_2024 = 9
KEY_2024 = 11
DISSATISFIED_2024 = 6  # sent back, handled again, then evaluated again
CONTESTED_2024 = 5  # adjustment requested: 3 granted, 2 refused
EXTENDED_2024 = 3


# --- clear and build --------------------------------------------------------------------------


def clear() -> None:
    city = Congress.objects.filter(code=CITY_CODE).first()
    if city is None:
        return
    types = ContentType.objects.get_for_models(Suggestion, Motion).values()
    Event.objects.filter(congress=city, content_type__in=types).purge_demo()
    Deadline.objects.filter(congress=city, content_type__in=types).delete()
    suggestions = Suggestion.objects.filter(congress=city)
    polls = Poll.objects.filter(congress=city, content_type__in=types)
    suggestions.update(poll=None)
    PollVote.objects.filter(poll__in=polls).delete()
    polls.delete()
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


class _Builder(Playback):
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
