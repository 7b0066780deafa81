"""Demo data: petitions (信访) to the standing committee, 2024 and the current year.

2024 (the work report: 依法处理信访事项153件次，督办重点信访事件14件): 153 petitions by letter,
visit, phone and online; 11 not accepted, the rest handled by the petitions office, forwarded
or assigned to the bodies competent and answered, a few after an extension and a few late;
reviews and two re-examinations; 14 key cases supervised by leaders (the demo leader among
them) with their instructions and follow-up; collective visits, repeated petitions, and
petitions passed to contact stations' deputies (the demo deputy's among them) who followed
them up. The petitions office has two officers of its own, and the demo staff account works
in it too (so that it shows the module).
The current year has, dated relative to the day the demo is built, petitions to decide (one
overdue), petitions with the demo handler's unit (one overdue, one due soon), key cases for the
demo leader, a review to answer, and a petition passed to the demo deputy's station.

Rows and events are written in bulk with the dates of the story, as the actions write them.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from renda.accounts.models import Role, User
from renda.core.calendar import WorkingCalendar
from renda.core.models import Deadline, Event
from renda.demo import Writer
from renda.demo.petitions_play import TEXTS, Playback, Review, Story, at
from renda.demo.places import CITY_CODE, HANDLER_UNIT
from renda.org.models import Body, Congress, ContactStation, Deputy, HandlingUnit
from renda.petitions.models import Petition, PetitionOfficer

SEED = "renda-demo-petitions"
D = datetime.date
DAY = datetime.timedelta(days=1)
TOTAL_2024 = 153
DECLINED_2024 = 11
KEY_2024 = 14
LATE_2024 = 9
EXTENDED_2024 = 6
REVIEWED_2024 = 9  # of which the first two were re-examined too, and one was changed
COLLECTIVE_2024 = 8
REPEATED_2024 = 7
PASSED_2024 = 12
CHANNELS = (("letter", 50), ("visit", 55), ("phone", 20), ("online", 28))
FAMILY_NAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕"
GIVEN_NAMES = ("秀英", "桂英", "玉兰", "建国", "建华", "志强", "海燕", "丽娟", "红梅", "晓东",
               "文斌", "国庆", "伟明", "春生", "永刚", "小平", "淑珍", "保国", "俊峰")  # fmt: skip


def clear() -> None:
    city = Congress.objects.filter(code=CITY_CODE).first()
    if city is None:
        return
    ct = ContentType.objects.get_for_model(Petition)
    Event.objects.filter(congress=city, content_type=ct).purge_demo()
    Deadline.objects.filter(congress=city, content_type=ct).delete()
    petitions = Petition.objects.filter(congress=city)
    petitions.filter(repeat_of__isnull=False).update(repeat_of=None)
    petitions.delete()
    PetitionOfficer.objects.filter(congress=city).delete()
    User.objects.filter(username__in=[u for u, *_ in TEXTS["OFFICERS"]]).delete()


def build(*, today: datetime.date, stdout: Writer) -> None:
    city = Congress.objects.get(code=CITY_CODE)
    b = _Build(random.Random(SEED), today, city)
    stories = b.year_2024() + b.current_year()
    Playback(city=city, officers=b.officers).write(stories)
    stdout.write(
        f"Petitions: {sum(s.received.year == 2024 for s in stories)} in 2024, "
        f"{len(stories)} in all; {len(b.officers)} officers in the petitions office.\n"
    )


class _Build:
    def __init__(self, rng: random.Random, today: datetime.date, city: Congress) -> None:
        self.rng, self.today, self.city = rng, today, city
        self.cal = WorkingCalendar()
        self.officers = self._office()
        self.units = {u.name.removeprefix(city.name.removesuffix("人民代表大会")): u
                      for u in HandlingUnit.objects.filter(congress=city)}  # fmt: skip
        self.handlers = {
            u.unit_id: u
            for u in User.objects.filter(congress=city, role=Role.HANDLER).order_by("-username")
        }
        self.handlers[self.units[HANDLER_UNIT].pk] = User.objects.get(username="handler")
        self.areas = list(Congress.objects.filter(parent=city).order_by("code"))
        leaders = User.objects.filter(congress=city, role=Role.LEADER).select_related(
            "deputy__person"
        )
        self.leader = User.objects.get(username="leader")
        self.chairs = [self.leader] + [
            u for u in leaders if u.deputy and u.deputy.person.occupation.endswith("主任")
            and u.pk != self.leader.pk
        ]  # fmt: skip
        self.demo_deputy = User.objects.select_related("deputy").get(username="deputy")

    def _office(self) -> list[User]:
        """信访室: two officers of its own, and the demo staff account."""
        body = Body.objects.get(congress=self.city, short_name="信访室")
        password = make_password(None)  # unusable: only the demo accounts log in
        own = User.objects.bulk_create(
            User(
                username=username, last_name=name[0], first_name=name[1:], congress=self.city,
                role=Role.STAFF, title=title, body=body, password=password,
            )
            for username, name, title in TEXTS["OFFICERS"]
        )  # fmt: skip
        officers = [*own, User.objects.get(username="staff")]
        PetitionOfficer.objects.bulk_create(
            PetitionOfficer(congress=self.city, user=u, since=D(2021, 10, 1)) for u in officers
        )
        return officers

    # --- the pieces of a story -------------------------------------------------------------

    def _matter(self, category: str) -> tuple[str, str, str]:
        title, content, answer = self.rng.choice(TEXTS["MATTERS"][category]["items"])
        fields = {
            "place": self.rng.choice(TEXTS["PLACES"]),
            "n": self.rng.randrange(3, 20),
            "money": self.rng.randrange(3, 60),
        }
        return title.format(**fields), content.format(**fields), answer

    def _unit(self, category: str) -> HandlingUnit:
        return self.units[self.rng.choice(TEXTS["MATTERS"][category]["units"])]

    def _names(self, n: int) -> list[str]:
        return [self.rng.choice(FAMILY_NAMES) + self.rng.choice(GIVEN_NAMES) for _ in range(n)]

    def _received(self, day: datetime.date, channel: str) -> datetime.datetime:
        if channel in ("visit", "phone"):  # on a working day: the next, or else the last
            later = day
            while not self.cal.is_workday(later):
                later += DAY
            while not self.cal.is_workday(day):
                day -= DAY
            day = later if later <= self.today else day
        hour = self.rng.randrange(21, 24) if channel == "online" else self.rng.randrange(9, 17)
        # A petition received today is received by now, not later tonight (the demo built
        # just after midnight, Beijing time, wrote one in the future).
        return min(at(day, hour, self.rng.randrange(60)), timezone.now())

    def _story(self, day: datetime.date, *, category: str = "", channel: str = "") -> Story:
        matters = TEXTS["MATTERS"]
        weights = [int(m["weight"]) for m in matters.values()]
        category = category or self.rng.choices(list(matters), weights)[0]
        channel = channel or self.rng.choices([c for c, _ in CHANNELS], [w for _, w in CHANNELS])[0]
        title, content, answer = self._matter(category)
        return Story(
            received=self._received(day, channel),
            channel=channel,
            category=category,
            title=title,
            content=content,
            answer=answer,
            names=self._names(1),
            area=self.rng.choice(self.areas),
            officer=None if channel == "online" else self.rng.choice(self.officers[:2]),
        )

    def _accept(self, s: Story, day: datetime.date, mode: str = "") -> None:
        s.decided, s.decider = day, self.rng.choice(self.officers[:2])
        s.mode = mode or self.rng.choices(("direct", "forward", "assign"), (15, 55, 30))[0]
        s.unit = None if s.mode == "direct" else self._unit(s.category)
        s.note = TEXTS["ACCEPT_NOTES"][s.mode].format(unit=s.unit.name if s.unit else "")
        s.answerer = self.handlers[s.unit.pk] if s.unit else s.decider

    def _answer(self, s: Story, day: datetime.date) -> None:
        s.answered = day
        # The answers of the demo's wording settle the matter; a court's or the police's
        # upholds its decision and explains it.
        explained = s.category == "judicial" or self.rng.random() < 0.15
        s.result = "explained" if explained else "supported"

    def _close_after(self, s: Story, last: datetime.date) -> None:
        """Closed by `renda remind` the day after the window to ask a review ended."""
        closed = last + DAY * (self.city.setting("petition_review_request_days") + 1)
        if closed < self.today:
            s.closed_on = closed

    def _station(self, area: Congress) -> ContactStation:
        return self.rng.choice(list(ContactStation.objects.filter(area=area).order_by("pk")))

    def _follow_ups(self, s: Story, station: ContactStation, start: datetime.date, n: int) -> None:
        deputies = list(Deputy.objects.filter(station=station, status="active", users__isnull=False)
                        .distinct().order_by("card_number"))  # fmt: skip
        for deputy in self.rng.sample(deputies, min(n, len(deputies))):
            user = deputy.users.filter(role__in=(Role.DEPUTY, Role.LEADER)).order_by("pk").first()
            if user is not None:
                day = start + DAY * self.rng.randrange(5, 20)
                s.follow_ups.append((deputy, user, day, self.rng.choice(TEXTS["DEPUTY_NOTES"])))

    def _key(self, s: Story, leader: User, *, instructions: int = 1, followed: bool = True) -> None:
        assert s.decided is not None
        marked = self.cal.add_working_days(s.decided, 2)
        officer = self.rng.choice(self.officers[:2])
        s.key = (marked, leader, officer)
        for i in range(instructions):
            given = self.cal.add_working_days(marked, 2 + 5 * i)
            done = self.cal.add_working_days(given, self.rng.randrange(3, 8)) if followed else None
            s.instructions.append(
                (given, TEXTS["INSTRUCTIONS"][i % 3], done, TEXTS["FOLLOW_UPS"][i % 3])
            )

    # --- 2024 ----------------------------------------------------------------------------------

    def year_2024(self) -> list[Story]:
        rng = self.rng
        received = sorted(D(2024, 1, 3) + DAY * rng.randrange(352) for _ in range(TOTAL_2024))
        stories = [self._story(day) for day in received]
        order = list(range(TOTAL_2024))
        rng.shuffle(order)
        declined = set(order[:DECLINED_2024])
        for i, s in enumerate(stories):
            day = s.received.date()
            decided = self.cal.add_working_days(day, rng.randrange(2, 9))
            if i in declined:
                s.decided, s.decider = decided, rng.choice(self.officers[:2])
                s.decline = rng.choice(TEXTS["DECLINE_REASONS"])
                continue
            self._accept(s, decided)
        accepted = [s for i, s in enumerate(stories) if i not in declined]
        rng.shuffle(accepted)
        late, extended = accepted[:LATE_2024], accepted[LATE_2024 : LATE_2024 + EXTENDED_2024]
        for s in accepted:
            assert s.decided is not None
            limit = self.city.setting("petition_answer_days")
            if s in late:
                self._answer(s, s.decided + DAY * (limit + rng.randrange(2, 15)))
            elif s in extended:
                asked = s.decided + DAY * rng.randrange(40, 55)
                days = rng.choice((15, 20, 30))
                s.extension = (asked, days, rng.choice(TEXTS["EXTENSION_REASONS"]))
                self._answer(s, s.decided + DAY * (limit + rng.randrange(1, days)))
            else:
                self._answer(s, s.decided + DAY * rng.randrange(15, limit - 1))
        reviewed = [s for s in accepted if s not in late][:REVIEWED_2024]
        for i, s in enumerate(reviewed):
            assert s.answered is not None
            asked = s.answered + DAY * rng.randrange(5, 25)
            first = Review(
                asked, asked + DAY * rng.randrange(10, 28), "changed" if i == 2 else "upheld"
            )
            s.reviews.append(first)
            if i < 2:
                assert first.answered is not None
                again = first.answered + DAY * rng.randrange(5, 25)
                s.reviews.append(Review(again, again + DAY * rng.randrange(10, 28)))
        for s in accepted:
            if len(s.reviews) < 2:
                assert s.answered is not None
                last = s.reviews[-1].answered if s.reviews else s.answered
                assert last is not None
                self._close_after(s, last)
        self._specials_2024(stories, accepted)
        return stories

    def _specials_2024(self, stories: list[Story], accepted: list[Story]) -> None:
        rng = self.rng
        pool = [
            s for s in accepted if s.answered and s.decided and (s.answered - s.decided).days > 25
        ]
        keys = pool[:KEY_2024]
        for i, s in enumerate(keys):
            leader = self.chairs[i % len(self.chairs)] if i % 3 else self.leader
            self._key(s, leader, instructions=1 + (i % 4 == 0))
        collective = rng.sample([s for s in stories if s.channel == "visit"], COLLECTIVE_2024)
        for s in collective:
            s.people = rng.randrange(5, 61)
            s.names = self._names(rng.randrange(3, 6))
        for s in rng.sample(stories[40:], REPEATED_2024):
            earlier = [e for e in stories if e.received < s.received and e.category == s.category]
            if earlier:
                first = rng.choice(earlier)
                s.repeat_of, s.area, s.title = first, first.area, first.title
                s.names = first.names[:1]
        yuci = self.demo_deputy.deputy.station if self.demo_deputy.deputy else None
        passed = [s for s in pool[KEY_2024:] if s.decided][:PASSED_2024]
        for i, s in enumerate(passed):
            assert s.decided is not None
            station = yuci if (i < 2 and yuci is not None) else self._station(s.area)
            s.area = station.area or s.area
            day = self.cal.add_working_days(s.decided, 3)
            s.passed = (day, station, rng.choice(self.officers[:2]))
            if i < 2 and yuci is not None:
                deputy = self.demo_deputy.deputy
                assert deputy is not None
                s.follow_ups.append(
                    (deputy, self.demo_deputy, day + DAY * 9, TEXTS["DEPUTY_NOTES"][0])
                )
            else:
                self._follow_ups(s, station, day, 1 + i % 2)

    # --- the current year ----------------------------------------------------------------------

    def current_year(self) -> list[Story]:
        t, rng = self.today, self.rng
        stories: list[Story] = []

        def new(days_ago: int, **kw: Any) -> Story:
            s = self._story(t - DAY * days_ago, **kw)
            stories.append(s)
            return s

        # Closed earlier in the year, and two not accepted.
        for days_ago in range(300, 120, -12):
            s = new(days_ago)
            assert s.received.date() <= t
            self._accept(s, self.cal.add_working_days(s.received.date(), 5))
            self._answer(s, s.received.date() + DAY * rng.randrange(25, 55))
            assert s.answered is not None
            self._close_after(s, s.answered)
        for days_ago in (80, 33):
            s = new(days_ago, category="judicial")
            s.decided, s.decider = self.cal.add_working_days(s.received.date(), 3), self.officers[0]
            s.decline = TEXTS["DECLINE_REASONS"][0]
        # To decide: one overdue.
        for days_ago in (1, 3, 6, 18):
            new(days_ago)
        # With the demo handler's unit: due in 40 days, due soon, overdue.
        for days_ago in (20, 57, 70):
            s = new(days_ago + 4, category="transport")
            self._accept(s, t - DAY * days_ago, mode="forward")
        # With other units, and one the office handles itself.
        for days_ago in (12, 26, 38, 44, 50):
            s = new(days_ago + 3)
            self._accept(s, t - DAY * days_ago, mode=rng.choice(("forward", "assign")))
        s = new(30)
        self._accept(s, t - DAY * 27, mode="direct")
        # Key cases of the demo leader: one waits for an instruction, one for its follow-up.
        s = new(15, category="land")
        s.people, s.names = 23, self._names(4)
        self._accept(s, t - DAY * 12, mode="assign")
        self._key(s, self.leader, instructions=0)
        s = new(40, category="labour")
        self._accept(s, t - DAY * 36, mode="assign")
        self._key(s, self.leader, instructions=1, followed=False)
        # Answered, a review may still be asked; one review to answer.
        for days_ago in (5, 12, 20):
            s = new(days_ago + 50)
            self._accept(s, t - DAY * (days_ago + 45))
            self._answer(s, t - DAY * days_ago)
        s = new(75)
        self._accept(s, t - DAY * 70)
        self._answer(s, t - DAY * 30)
        s.reviews.append(Review(t - DAY * 8))
        # Passed to the demo deputy's station, not yet followed up.
        deputy = self.demo_deputy.deputy
        if deputy is not None and deputy.station is not None:
            s = new(14, category="urban")
            s.area = deputy.station.area or s.area
            self._accept(s, t - DAY * 10)
            s.passed = (t - DAY * 7, deputy.station, self.officers[0])
        return stories
