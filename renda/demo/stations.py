"""Demo data: the contact stations' work of 2024 and of the current year.

2024 (the work report): 890 station activities with 7,653 deputy attendances and 8,236
constituents received, 676 duty records, 4 trainings (榆社, 左权, 太谷, 灵石) of more than
200 deputies, and 4,781 constituents' opinions of which 3,270 were resolved (on the spot, or
solved by a unit's answer and the constituent told); the units answered the rest with a plan
for later work, and the constituents were told (closed, not resolved). A few spam submissions
were dismissed (not counted).
The current year has the same kind of work up to `today` (at a quarter of the pace), and
open work for the demo accounts: opinions at the demo station waiting to be referred or
passed on, opinions referred to the demo handler's unit with deadlines running (one overdue).

Rows and events are written in bulk with the dates of the story, as the actions write them.
"""

from __future__ import annotations

import base64
import datetime
import random
import zoneinfo
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType

from renda.accounts.models import ApiToken, User
from renda.core.calendar import WorkingCalendar
from renda.core.models import Deadline, Event
from renda.demo import Writer
from renda.demo.names import PeopleFactory
from renda.demo.places import CITY, CITY_CODE, HANDLER_UNIT
from renda.demo.station_texts import (
    ACTIVITY_TITLES,
    DISMISS_REASONS,
    DUTY_TEXTS,
    DUTY_TITLES,
    FORUM_LEADS,
    FORUM_MEETINGS,
    FORUM_POINTS,
    GENERAL_POINTS,
    KIND_WEIGHTS,
    MEETINGS_2024,
    OPINION_TOPICS,
    RATED_SHARE,
    RATING_COMMENTS,
    RATING_WEIGHTS,
    RECEIVED,
    TRAININGS,
    OpinionTopic,
)
from renda.demo.wording_texts import opinion_content
from renda.meetings.held import term_on
from renda.meetings.models import (
    AttendeeForum,
    ForumOpinion,
    Meeting,
    MeetingAttendance,
    MeetingKind,
    MeetingState,
)
from renda.opinions.actions import (
    ANSWER_DEADLINE,
    OPINION_LABEL,
    TELL_DEADLINE,
    TELL_LABEL,
    label_params,
)
from renda.opinions.models import (
    AnswerKind,
    ApiClientKey,
    ConstituentOpinion,
    OpinionSource,
    ToldBy,
)
from renda.opinions.models import OpinionState as O
from renda.org.models import Congress, ContactStation, Deputy, HandlingUnit, Term
from renda.stations.models import (
    Activity,
    ActivityAttendance,
    DutyRecord,
    Training,
    TrainingAttendance,
)

PLANNED = "planned"  # a fate: answered with a plan for later work, then closed
SEED = "renda-demo-stations"
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date


@dataclass(frozen=True)
class YearFigures:
    activities: int
    attendances: int
    received: int
    duty_records: int
    opinions: int  # counted: not dismissed
    resolved: int  # resolved on the spot or closed
    dismissed: int


FIGURES_2024 = YearFigures(890, 7653, 8236, 676, 4781, 3270, 37)
# The current year runs at a quarter of 2024's pace: enough for every page and chart, while
# the module builds in a few seconds (its rows are most of the demo's).
CURRENT_PACE = 0.25
ON_THE_SPOT = 0.7  # share of the resolved that the station resolved itself


def _lead(point: str, rng: random.Random) -> str:
    """How a deputy opens a forum opinion, unless the point already opens with 建议 or 希望."""
    if point.startswith(("建议", "希望")):
        return ""
    return rng.choice(FORUM_LEADS)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _content_types() -> list[ContentType]:
    return list(
        ContentType.objects.get_for_models(
            Activity, DutyRecord, Training, ConstituentOpinion, ApiClientKey
        ).values()
    )


# What this module writes on the meetings (the meetings module builds them, and clears them).
ATTENDED_EVENTS = ("held", "attendance", "forum")


def clear() -> None:
    city = Congress.objects.filter(code=CITY_CODE).first()
    if city is None:
        return
    types = _content_types()
    Event.objects.filter(congress=city, content_type__in=types).purge_demo()
    Deadline.objects.filter(congress=city, content_type__in=types).delete()
    ConstituentOpinion.objects.filter(congress=city).delete()
    Activity.objects.filter(congress=city).delete()  # attendances cascade
    DutyRecord.objects.filter(congress=city).delete()
    Training.objects.filter(congress=city).delete()
    Event.objects.filter(
        congress=city,
        content_type=ContentType.objects.get_for_model(Meeting),
        action__in=ATTENDED_EVENTS,
    ).purge_demo()
    MeetingAttendance.objects.filter(meeting__congress=city).delete()
    AttendeeForum.objects.filter(meeting__congress=city).delete()  # their opinions cascade
    ApiClientKey.objects.filter(congress=city).delete()


def build(*, today: datetime.date, stdout: Writer) -> None:
    b = _Builder(today=today)
    b.year(D(2024, 1, 1), D(2024, 12, 31), FIGURES_2024)
    b.trainings_2024()
    b.meetings(
        [
            (n, D(2024, m, d), topic, FORUM_POINTS[n] if n in FORUM_MEETINGS else ())
            for n, m, d, topic in MEETINGS_2024
        ]
    )
    start = D(today.year, 1, 1)
    last = today - datetime.timedelta(days=7)
    if last > start:
        share = CURRENT_PACE * (last - start).days / 365
        b.year(start, last, _scaled(FIGURES_2024, share))
        b.meetings(b.current_meetings())
    b.open_work()
    b.client_keys()
    b.flush()
    stdout.write(
        f"Stations: {Activity.objects.filter(congress=b.city).count()} activities, "
        f"{ConstituentOpinion.objects.filter(congress=b.city).count()} constituents' opinions.\n"
    )


def _scaled(f: YearFigures, share: float) -> YearFigures:
    def n(x: int) -> int:
        return int(x * share)

    return YearFigures(
        *(n(v) for v in (f.activities, f.attendances, f.received, f.duty_records, f.opinions,
                         f.resolved, f.dismissed))
    )  # fmt: skip


def _fit(values: list[int], total: int, lo: list[int], hi: list[int], rng: random.Random) -> None:
    """Nudge the values one by one, within their bounds, until they add up to the total."""
    diff = total - sum(values)
    order = list(range(len(values)))
    while diff:
        rng.shuffle(order)
        moved = False
        for i in order:
            if diff > 0 and values[i] < hi[i]:
                values[i] += 1
                diff -= 1
                moved = True
            elif diff < 0 and values[i] > lo[i]:
                values[i] -= 1
                diff += 1
                moved = True
            if not diff:
                break
        if not moved:
            raise ValueError("the figures do not fit the bounds")


@dataclass
class _Script:
    """One opinion: its row, and the steps (events) the actions would have written."""

    row: ConstituentOpinion
    topic: OpinionTopic
    received: datetime.datetime
    open: bool = False  # still running: its deadlines are open, as the actions left them
    planned: bool = False  # the unit's answer is a plan for later: closed, not resolved
    steps: list[tuple[str, Any, datetime.datetime, str, str, str, dict[str, Any]]] = field(
        default_factory=list
    )

    def step(self, action: str, actor: Any, at: datetime.datetime, frm: str, to: str,
             comment: str = "", data: dict[str, Any] | None = None) -> None:  # fmt: skip
        self.steps.append((action, actor, at, frm, to, comment, data or {}))


@dataclass
class _Rows:
    events: list[Event] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)


class _Builder:
    def __init__(self, *, today: datetime.date) -> None:
        self.rng = random.Random(SEED)
        # Separate streams: ratings and meetings never change the rest of the story.
        self.rating_rng = random.Random(SEED + "-ratings")
        self.meeting_rng = random.Random(SEED + "-meetings")
        self.people = PeopleFactory(random.Random(SEED + "-people"))
        self.today = today
        cal = WorkingCalendar()
        span = (today - D(2024, 1, 1)).days + 120
        self.workdays = [
            day
            for day in (D(2024, 1, 1) + datetime.timedelta(days=i) for i in range(span))
            if cal.is_workday(day)
        ]
        self.city = Congress.objects.get(code=CITY_CODE)
        self.stations = list(
            ContactStation.objects.filter(congress=self.city, closed_on__isnull=True)
            .select_related("area")
            .order_by("pk")
        )
        deputies = list(
            Deputy.objects.filter(congress=self.city, status=Deputy.Status.ACTIVE)
            .select_related("station", "person")
            .order_by("card_number")
        )
        self.deputies = deputies
        self.by_area: dict[int, list[Deputy]] = {}
        for d in deputies:
            if d.station is not None:
                self.by_area.setdefault(d.station.area_id, []).append(d)  # type: ignore[arg-type]
        users = list(User.objects.filter(congress=self.city).order_by("username"))
        self.users = {u.username: u for u in users}
        self.staff = self.users["staff"]
        self.operators: dict[int, User] = {}
        self.by_deputy: dict[int, User] = {}
        self.handlers: dict[int, User] = {}
        for u in users:
            if (
                u.role == "station"
                and u.station_id
                and (u.username == "station" or u.station_id not in self.operators)
            ):
                self.operators[u.station_id] = u
            if u.deputy_id and u.role in ("deputy", "leader"):
                self.by_deputy[u.deputy_id] = u
            if (
                u.role == "handler"
                and u.unit_id
                and (u.username == "handler" or u.unit_id not in self.handlers)
            ):
                self.handlers[u.unit_id] = u
        self.units = {
            u.name.removeprefix(CITY): u for u in HandlingUnit.objects.filter(congress=self.city)
        }
        self.ct = ContentType.objects.get_for_model(ConstituentOpinion)
        self.types = {m: ContentType.objects.get_for_model(m) for m in (Activity, DutyRecord)}
        self.meeting_ct = ContentType.objects.get_for_model(Meeting)
        self.rows = _Rows()

    # -- helpers ------------------------------------------------------------------------------

    def _event(self, ct: ContentType, pk: int, action: str, actor: Any, at: datetime.datetime,
               frm: str = "", to: str = "", comment: str = "",
               data: dict[str, Any] | None = None) -> None:  # fmt: skip
        self.rows.events.append(Event(
            congress_id=self.city.pk, content_type_id=ct.pk, object_id=pk, action=action,
            from_state=frm, to_state=to, actor_id=actor.pk if actor else None, at=at,
            comment=comment, data=data or {},
        ))  # fmt: skip

    def _days(self, first: datetime.date, last: datetime.date, n: int) -> list[datetime.date]:
        """n working days between first and last, in order."""
        days = self.workdays[bisect_left(self.workdays, first) : bisect_right(self.workdays, last)]
        return sorted(self.rng.choice(days) for _ in range(n))

    def _add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """As WorkingCalendar.add_working_days, from the days looked up once (it is slow)."""
        return self.workdays[bisect_right(self.workdays, start) + n - 1]

    def _operator(self, station: ContactStation | None) -> User:
        return self.operators.get(station.pk, self.staff) if station else self.staff

    def _receipt(self) -> str:
        return base64.b32encode(self.rng.getrandbits(80).to_bytes(10, "big")).decode("ascii")

    def flush(self) -> None:
        Deadline.objects.bulk_create(self.rows.deadlines)
        self.rows.events.sort(key=lambda e: (e.at, e.object_id))
        Event.objects.bulk_create(self.rows.events, batch_size=1000)

    # -- a year of work -------------------------------------------------------------------------

    def year(self, first: datetime.date, last: datetime.date, f: YearFigures) -> None:
        self._activities(first, last, f)
        self._duty_records(first, last, f.duty_records)
        self._opinions(first, last, f)

    def _activities(self, first: datetime.date, last: datetime.date, f: YearFigures) -> None:
        n = f.activities
        # every station works: each has a few activities, busier ones more
        stations = [self.stations[i % len(self.stations)] for i in range(n)]
        kinds = self.rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()), k=n)
        days = self._days(first, last, n)
        caps = [min(20, len(self.by_area[s.area_id])) for s in stations]  # type: ignore[index]
        sizes = [min(c, self.rng.randint(4, 13)) for c in caps]
        _fit(sizes, f.attendances, [2] * n, caps, self.rng)
        received = [self.rng.randint(*RECEIVED[k]) for k in kinds]
        highs = [60 if k == "reception" else (0 if k == "study" else 25) for k in kinds]
        _fit(received, f.received, [0] * n, highs, self.rng)
        rows: list[Activity] = []
        present: list[list[Deputy]] = []
        for station, kind, day, size, got in zip(stations, kinds, days, sizes, received,
                                                 strict=True):  # fmt: skip
            title = self.rng.choice(ACTIVITY_TITLES[kind]).format(
                town=station.township, month=day.month
            )
            pool = self.by_area[station.area_id]  # type: ignore[index]
            own = [d for d in pool if d.station_id == station.pk]
            others = [d for d in pool if d.station_id != station.pk]
            chosen = own[:size] + self.rng.sample(others, max(0, size - len(own)))
            present.append(chosen)
            rows.append(Activity(
                congress=self.city, station=station, kind=kind, date=day, title=title,
                constituents_received=got, recorded_by=self._operator(station),
            ))  # fmt: skip
        Activity.objects.bulk_create(rows, batch_size=500)
        ActivityAttendance.objects.bulk_create(
            [ActivityAttendance(activity=a, deputy=d) for a, ds in zip(rows, present,
                                                                        strict=True) for d in ds],
            batch_size=1000,
        )  # fmt: skip
        for a, ds in zip(rows, present, strict=True):
            self._event(
                self.types[Activity], a.pk, "create", a.recorded_by, _at(a.date, 18),
                data={"date": a.date.isoformat(), "deputies": [d.pk for d in ds],
                      "constituents_received": a.constituents_received},
            )  # fmt: skip

    def _duty_records(self, first: datetime.date, last: datetime.date, n: int) -> None:
        rows: list[DutyRecord] = []
        for day in self._days(first, last, n):
            deputy = self.rng.choice(self.deputies)
            user = self.by_deputy.get(deputy.pk)
            station = deputy.station
            title = self.rng.choice(DUTY_TITLES).format(town=station.township if station else "")
            text = self.rng.choice(DUTY_TEXTS)
            if user is not None and self.rng.random() < 0.6:
                rows.append(DutyRecord(congress=self.city, deputy=deputy, date=day, title=title,
                                       text=text, uploaded_by=user))  # fmt: skip
            else:  # the station's operator uploads it for the deputy's station
                rows.append(DutyRecord(congress=self.city, station=station, date=day,
                                       title=title, text=f"{deputy.person.name}{text}",
                                       uploaded_by=self._operator(station)))  # fmt: skip
        DutyRecord.objects.bulk_create(rows, batch_size=500)
        for r in rows:
            author: dict[str, int | None] = (
                {"deputy_id": r.deputy_id} if r.deputy_id else {"station_id": r.station_id}
            )
            self._event(self.types[DutyRecord], r.pk, "create", r.uploaded_by, _at(r.date, 20),
                        data={"date": r.date.isoformat(), "photos": 0, **author})  # fmt: skip

    # -- opinions -------------------------------------------------------------------------------

    def _opinions(self, first: datetime.date, last: datetime.date, f: YearFigures) -> None:
        total = f.opinions + f.dismissed
        on_spot = round(f.resolved * ON_THE_SPOT)
        fates = (
            [O.RESOLVED] * on_spot
            + [O.CLOSED] * (f.resolved - on_spot)
            + [PLANNED] * (f.opinions - f.resolved)
            + [O.DISMISSED] * f.dismissed
        )
        self.rng.shuffle(fates)
        days = self._days(first, last, total)
        self._write([self._opinion(day, fate) for day, fate in zip(days, fates, strict=True)])

    def _write(self, scripts: list[_Script]) -> None:
        for s in scripts:
            self._play(s)
        ConstituentOpinion.objects.bulk_create([s.row for s in scripts], batch_size=500)
        for s in scripts:
            for action, actor, at, frm, to, comment, data in s.steps:
                self._event(self.ct, s.row.pk, action, actor, at, frm, to, comment, data)
            if s.open:
                self._deadline(s.row)

    def _deadline(self, row: ConstituentOpinion) -> None:
        # The untranslated label and its values, as the actions write them.
        if row.state == O.REFERRED:
            assert row.answer_due is not None
            kind, label, due = ANSWER_DEADLINE, OPINION_LABEL, row.answer_due
            who: dict[str, Any] = {"responsible_unit": row.unit, "responsible_role": "staff"}
        elif row.state == O.ANSWERED:
            assert row.answered_at is not None
            days = self.city.setting("opinion_tell_working_days")
            due = self._add_working_days(row.answered_at.date(), days)
            kind, label = TELL_DEADLINE, TELL_LABEL
            who = {"responsible_station": row.station,
                   "responsible_role": "" if row.station_id else "staff"}  # fmt: skip
        else:
            return
        self.rows.deadlines.append(Deadline(
            congress=self.city, content_type=self.ct, object_id=row.pk, kind=kind,
            what=label, params=label_params(row), due_date=due, **who,
        ))  # fmt: skip

    def _opinion(
        self,
        day: datetime.date,
        fate: str,
        *,
        station: ContactStation | None = None,
        topic: OpinionTopic | None = None,
        source: str | None = None,
    ) -> _Script:
        topic = topic or self.rng.choice(OPINION_TOPICS)
        source = (
            source
            or self.rng.choices(
                [OpinionSource.STATION, OpinionSource.ONLINE, OpinionSource.APP], [88, 9, 3]
            )[0]
        )
        if station is None and (source == OpinionSource.STATION or self.rng.random() < 0.5):
            station = self.rng.choice(self.stations)
        town = station.township if station else self.rng.choice(self.stations).township
        place = f"{town}{self.rng.choice(('', '东街', '西街', '南村', '北村', '新村'))}"
        received = _at(day, self.rng.randint(8, 16), self.rng.randint(0, 59))
        content = (
            "代表好！ 欢迎访问本站，优惠多多，详询客服。" if fate == O.DISMISSED
            else opinion_content(topic.content.format(place=place), received)
        )  # fmt: skip
        row = ConstituentOpinion(
            congress=self.city, station=station, source=source, category=topic.category,
            place=place, content=content,
            contact_name=self.people.name(self.people.gender(0.45)),
            contact_phone=self.people.mobile(),
            receipt_code=self._receipt(), state=O.CLOSED if fate == PLANNED else fate,
            received_at=received,
            recorded_by=self._operator(station) if source == OpinionSource.STATION else None,
        )  # fmt: skip
        return _Script(row=row, topic=topic, received=received, planned=fate == PLANNED)

    def _play(self, s: _Script) -> None:
        """The opinion's steps up to its state, as the actions would have taken them."""
        row, rng = s.row, self.rng
        keeper = self._operator(row.station)
        s.step("record", row.recorded_by, s.received, "", O.RECORDED,
                    data={"source": row.source, "station": row.station_id})  # fmt: skip
        state = row.state
        if state == O.RECORDED:
            return
        yesterday = _at(self.today - datetime.timedelta(days=1), 18)
        acted = max(
            s.received, min(yesterday, s.received + datetime.timedelta(hours=rng.randint(1, 30)))
        )
        if state == O.RESOLVED:
            row.outcome = s.topic.outcome
            row.told_by = ToldBy.IN_PERSON if row.station_id else ToldBy.RECEIPT
            row.closed_at = acted
            s.step("resolve", keeper, acted, O.RECORDED, O.RESOLVED,
                        comment=row.outcome)  # fmt: skip
            self._rate(s, acted, yesterday)
            return
        if state == O.DISMISSED:
            row.outcome = rng.choice(DISMISS_REASONS)
            row.closed_at = acted
            s.step("dismiss", keeper, acted, O.RECORDED, O.DISMISSED,
                        comment=row.outcome)  # fmt: skip
            return
        unit = self.units[s.topic.unit]
        days = self.city.setting("opinion_answer_working_days")
        referred = acted
        due = self._add_working_days(referred.date(), days)
        row.unit, row.referred_at, row.answer_due = unit, referred, due
        s.step("refer", keeper, referred, O.RECORDED, O.REFERRED,
                    data={"unit": unit.pk, "due": due.isoformat()})  # fmt: skip
        if state == O.REFERRED:
            return
        late = rng.random() < 0.06
        answered_on = self._add_working_days(due, rng.randint(1, 4)) if late else (
            self._add_working_days(referred.date(), rng.randint(3, days)))  # fmt: skip
        # nothing happens after yesterday
        answered_on = max(referred.date(), min(answered_on, yesterday.date()))
        answered = max(referred, _at(answered_on, rng.randint(9, 17)))
        row.answer = s.topic.plan if s.planned else s.topic.answer
        row.answer_kind = AnswerKind.PLANNED if s.planned else AnswerKind.SOLVED
        row.answered_at = answered
        s.step("answer", self.handlers[unit.pk], answered, O.REFERRED,
                    O.ANSWERED, comment=row.answer,
                    data={"unit": unit.pk, "late": answered_on > due,
                          "kind": row.answer_kind})  # fmt: skip
        if state == O.ANSWERED:
            return
        closed = answered + datetime.timedelta(days=rng.randint(1, 5), hours=rng.randint(0, 3))
        closed = max(answered, min(closed, yesterday))
        row.told_by = rng.choice([ToldBy.PHONE, ToldBy.PHONE, ToldBy.MESSAGE, ToldBy.VISIT])
        row.outcome = row.answer
        row.closed_at = closed
        s.step("close", keeper, closed, O.ANSWERED, O.CLOSED,
                    data={"told_by": row.told_by})  # fmt: skip
        self._rate(s, closed, yesterday)

    def _rate(self, s: _Script, told: datetime.datetime, yesterday: datetime.datetime) -> None:
        """Some constituents rate the outcome by their receipt code a few days after."""
        rng, row = self.rating_rng, s.row
        if s.open or rng.random() >= RATED_SHARE:
            return
        rating = rng.choices(list(RATING_WEIGHTS), list(RATING_WEIGHTS.values()))[0]
        rated = told + datetime.timedelta(days=rng.randint(0, 4), hours=rng.randint(1, 6))
        if rated > yesterday:
            return
        row.rating, row.rating_comment, row.rated_at = (
            rating,
            rng.choice(RATING_COMMENTS[rating]),
            rated,
        )
        s.step("rate", None, rated, row.state, row.state, comment=row.rating_comment,
               data={"rating": rating})  # fmt: skip

    # -- trainings and the demo accounts' open work ---------------------------------------------

    def trainings_2024(self) -> None:
        """Four trainings of about 65 deputies each, overlapping a little: over 200 deputies."""
        pool = self.deputies[:]
        self.rng.shuffle(pool)
        ct = ContentType.objects.get_for_model(Training)
        for i, (place, title, month, day, days) in enumerate(TRAININGS):
            start = D(2024, month, day)
            training = Training.objects.create(
                congress=self.city, title=f"{CITY}{title}", start_date=start,
                end_date=start + datetime.timedelta(days=days - 1), place=f"{CITY}{place}",
                created_by=self.staff,
            )  # fmt: skip
            present = pool[i * 55 : i * 55 + 65]
            TrainingAttendance.objects.bulk_create(
                TrainingAttendance(training=training, deputy=d) for d in present
            )
            self._event(
                ct, training.pk, "create", self.staff, _at(start - datetime.timedelta(20), 10)
            )
            self._event(ct, training.pk, "attendance", self.staff, _at(training.end_date, 17),
                        data={"deputies": [d.pk for d in present]})  # fmt: skip

    def meetings(self, meetings: list[tuple[int, datetime.date, str, tuple[str, ...]]]) -> None:
        """Standing committee meetings (number, day, main topic, forum points) with the deputies
        who attended without a vote (列席, about nine a meeting, each deputy once a year), and an
        attendees' forum where there are forum points (2024: 5 forums, 82 opinions). The demo
        deputy attends the first meeting with a forum and speaks first there."""
        rng = self.meeting_rng
        pool = [d for d in self.deputies if not d.is_standing_committee_member]
        rng.shuffle(pool)
        demo = self.users["deputy"].deputy
        first_forum = next((n for n, _day, _t, points in meetings if points), None)
        general = list(GENERAL_POINTS)
        rng.shuffle(general)
        for number, day, topic, points in meetings:
            meeting = self._meeting(number, day)
            present = [pool.pop() for _ in range(rng.randint(8, 11)) if pool]
            if number == first_forum and demo is not None and demo not in present:
                present.append(demo)
            MeetingAttendance.objects.bulk_create(
                MeetingAttendance(meeting=meeting, deputy=d) for d in present
            )
            self._event(self.meeting_ct, meeting.pk, "attendance", self.staff, _at(day, 9, 5),
                        data={"deputies": [d.pk for d in present]})  # fmt: skip
            if points and present:
                self._forum(meeting, topic, points, present, general)

    def _meeting(self, number: int, day: datetime.date) -> Meeting:
        """The standing committee meeting of the term numbered so (第N次会议), which the
        meetings module built with its agenda, members and votes."""
        term = term_on(Term, self.city.pk, day)
        kind = MeetingKind.STANDING_COMMITTEE
        found = Meeting.objects.filter(term=term, kind=kind, number=number, start_date=day)
        meeting = found.first()
        if meeting is None:
            raise RuntimeError(f"no meeting {number} on {day}: build the meetings module first")
        return meeting

    def _forum(self, meeting: Meeting, topic: str, points: tuple[str, ...],
               present: list[Deputy], general: list[str]) -> None:  # fmt: skip
        rng = self.meeting_rng
        said = [*points, *(general.pop() for _ in range(rng.randint(4, 5)) if general)]
        rng.shuffle(said)
        demo = self.users["deputy"].deputy
        speakers = sorted(present, key=lambda d: (d != demo, d.card_number))
        forum = AttendeeForum.objects.create(
            meeting=meeting, held_on=meeting.start_date,
            summary=f"围绕{topic}和人大工作，列席代表提出意见建议{len(said)}条，"
                    "由各专委会和工作机构汇总列入审议意见。",
        )  # fmt: skip
        rows = [
            ForumOpinion(forum=forum, deputy=speakers[i % len(speakers)],
                         text=f"{_lead(point, rng)}{point}。")
            for i, point in enumerate(said)
        ]  # fmt: skip
        ForumOpinion.objects.bulk_create(rows)
        self._event(self.meeting_ct, meeting.pk, "forum", self.staff, _at(meeting.start_date, 16),
                    data={"forum": forum.pk,
                          "deputies": sorted({r.deputy_id for r in rows})})  # fmt: skip

    def current_meetings(self) -> list[tuple[int, datetime.date, str, tuple[str, ...]]]:
        """The current year's standing committee meetings held up to a week before today (the
        meetings module built them), each on its first agenda item; the first had an
        attendees' forum on the congress's own work."""
        held = Meeting.objects.filter(
            congress=self.city,
            kind=MeetingKind.STANDING_COMMITTEE,
            state=MeetingState.CLOSED,
            start_date__year=self.today.year,
            start_date__lt=self.today - datetime.timedelta(days=7),
        ).order_by("start_date")
        out: list[tuple[int, datetime.date, str, tuple[str, ...]]] = []
        for i, meeting in enumerate(held):
            item = meeting.items.order_by("order").first()
            topic = item.title if item is not None else meeting.title
            out.append(
                (meeting.number, meeting.start_date, topic, GENERAL_POINTS[:6] if i == 0 else ())
            )
        return out

    def client_keys(self) -> None:
        """Open311 keys the staff issued: the congress's WeChat mini program and the demo
        station's self-service terminal. Their secrets were shown once and are not kept."""
        ct = ContentType.objects.get_for_model(ApiClientKey)
        station = self.users["station"].station
        assert station is not None  # the demo station account operates a station
        for name, where, days_ago in (
            ("晋中人大微信小程序", None, 300),
            (f"{station.name}自助终端", station, 120),
        ):
            secret = base64.b32encode(self.rng.getrandbits(160).to_bytes(20, "big")).decode()
            key = ApiClientKey.objects.create(
                congress=self.city, name=name, station=where,
                digest=ApiToken.digest_of(secret), created_by=self.staff,
            )  # fmt: skip
            issued = _at(self.today - datetime.timedelta(days=days_ago), 10)
            ApiClientKey.objects.filter(pk=key.pk).update(
                created_at=issued, last_used_at=_at(self.today - datetime.timedelta(days=1), 9)
            )
            self._event(ct, key.pk, "issue", self.staff, issued,
                        data={"name": name, "station": where.pk if where else None})  # fmt: skip

    def open_work(self) -> None:
        """What waits for the demo accounts today: at the demo station, opinions to refer and
        answers to pass on; at the demo handler's unit, referrals to answer (one overdue)."""
        station = self.users["station"].station
        roads = [t for t in OPINION_TOPICS if t.unit == HANDLER_UNIT]
        others = [t for t in OPINION_TOPICS if t.unit != HANDLER_UNIT]
        plan: list[tuple[int, str, OpinionTopic, ContactStation | None]] = [
            (1, O.RECORDED, others[0], station),
            (2, O.RECORDED, others[3], station),
            (3, O.RECORDED, roads[0], station),
            (4, O.RECORDED, others[7], station),
            (9, O.ANSWERED, roads[1], station),
            (12, O.ANSWERED, others[5], station),
            (25, O.REFERRED, roads[0], self.stations[5]),  # overdue by now
            (12, O.REFERRED, roads[1], station),
            (6, O.REFERRED, roads[0], self.stations[20]),
            (2, O.REFERRED, roads[1], self.stations[40]),
        ]
        scripts = []
        for offset, fate, topic, where in plan:
            s = self._opinion(self._workdays_ago(offset), fate, station=where, topic=topic,
                              source=OpinionSource.STATION)  # fmt: skip
            s.open = True
            scripts.append(s)
        self._write(scripts)

    def _workdays_ago(self, n: int) -> datetime.date:
        return self.workdays[bisect_left(self.workdays, self.today) - n]
