"""Demo data, legislation: the opinions on each consultation's draft (deputies', the public's,
the contact points' gathered batches) and what happened to each (moderation, handling, the
change it led to), written as the actions would have written them."""

from __future__ import annotations

import datetime
import random
import re
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from renda.accounts.models import User
from renda.core.calendar import WorkingCalendar
from renda.core.models import Deadline, Event
from renda.core.receipts import new_receipt_code
from renda.demo.legislation_texts import (
    ADOPTED_NOTES,
    ARTICLE_OPINIONS,
    DRAFT_OPINIONS,
    NOT_ADOPTED_REASONS,
    PUBLIC_OPINIONS,
    SPAM,
    Change,
    DraftSpec,
)
from renda.demo.names import PeopleFactory
from renda.legislation.models import (
    Consultation,
    DraftNode,
    Opinion,
    OpinionSource,
    OpinionState,
)
from renda.org.models import CollectionPoint, Congress, LegislativeContactPoint


@dataclass
class _Point:
    """A legislative contact point with its county, its station's operator and its
    collection points."""

    point: LegislativeContactPoint
    county: str
    operator: User
    collection: list[CollectionPoint]


@dataclass
class _Script:
    """An opinion and what happens to it after it is submitted."""

    opinion: Opinion
    actor: User | None
    moderation: tuple[bool, datetime.datetime, str] | None = None  # published?, when, reason
    handling: tuple[str, datetime.datetime, str, str] | None = None  # outcome, when, reason, note
    link: tuple[DraftNode | None, datetime.datetime, str] | None = None  # node, when, note


@dataclass
class _Consulted:
    """A consultation with the first version's articles, and its stations' deadlines."""

    consultation: Consultation
    articles: list[DraftNode]
    wording: dict[int | None, str]  # article id -> first paragraph
    deadlines: dict[int | None, Deadline]  # station id -> deadline
    scripts: list[_Script] = field(default_factory=list)
    used: set[str] = field(default_factory=set)


TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
DAY = datetime.timedelta(days=1)

# Each contact point's batch: how many opinions it gathered beyond those that changed an
# article, and where they came from.
BATCH_SIZE = (5, 10)

BATCH_SOURCES = (
    (OpinionSource.SEMINAR, 40),
    (OpinionSource.COLLECTION_POINT, 35),
    (OpinionSource.CONTACT_POINT, 15),
    (OpinionSource.LETTER, 10),
)

DEPUTY_OPINIONS = (6, 9)

PUBLIC_PUBLISHED = (6, 9)


def _at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _phrases(text: str) -> list[str]:
    """A few words of an article to quote in an opinion about it."""
    parts = [p for p in re.split(r"[，。；：（）“”《》]", text) if p]
    quotable = [p for p in parts if 6 <= len(p) <= 24]
    return quotable or [min(parts, key=len)[:24]]


class OpinionWriter:
    """Writes the opinions of a consultation (a mixin of the legislation demo's builder, whose
    attributes it reads)."""

    rng: random.Random
    people: PeopleFactory
    today: datetime.date
    cal: WorkingCalendar
    city: Congress
    staff: User
    deputies: list[User]
    points: list[_Point]
    events: list[Event]
    deadlines: list[Deadline]
    demo_deputy_heard: bool
    users: dict[str, User]
    ct: dict[type[Model], ContentType]

    def event(
        self,
        case: Model,
        action: str,
        at: datetime.datetime,
        actor: User | None,
        *,
        from_state: str = "",
        to_state: str = "",
        comment: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        self.events.append(Event(
            congress=self.city, content_type=self.ct[type(case)], object_id=case.pk,
            action=action, from_state=from_state, to_state=to_state, actor=actor, at=at,
            comment=comment, data=data or {},
        ))  # fmt: skip

    def deadline(
        self,
        case: Model,
        kind: str,
        label: str,
        params: dict[str, Any],
        due: datetime.date,
        url: str,
        **who: Any,
    ) -> Deadline:
        """A deadline as set_deadline opens it: its label the untranslated message and its
        values, shown in each viewer's language."""
        row = Deadline(
            congress=self.city, content_type=self.ct[type(case)], object_id=case.pk, kind=kind,
            what=label, params=params, url=url, due_date=due, **who,
        )  # fmt: skip
        self.deadlines.append(row)
        return row

    def _contact(self, named: bool, share: float) -> str:
        """A phone number, left by some of those who gave their name."""
        return self.people.mobile() if named and self.rng.random() < share else ""

    def _sometime(self, day: datetime.date) -> datetime.datetime:
        return _at(day, self.rng.randint(8, 22), self.rng.randrange(60))

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=self.rng.randrange(max(0, (last - first).days) + 1))

    def _opinion(
        self,
        c: _Consulted,
        *,
        text: str,
        article: DraftNode | None,
        at: datetime.datetime,
        **kw: Any,
    ) -> Opinion:
        c.used.add(text)
        return Opinion(
            congress=self.city, consultation=c.consultation, article=article, text=text,
            receipt_code=new_receipt_code(), submitted_at=at, **kw,
        )  # fmt: skip

    def _generic_text(
        self, c: _Consulted, templates: tuple[str, ...], county: str
    ) -> tuple[str, DraftNode | None]:
        """An opinion on an article (one of the templates with a few of its words), or now
        and then on the whole draft; never the same text twice in a consultation."""
        for _ in range(20):
            if templates is ARTICLE_OPINIONS and self.rng.random() < 0.1:
                text, article = self.rng.choice(DRAFT_OPINIONS), None
            else:
                article = self.rng.choice(c.articles[:-1])  # not the entry-into-force article
                phrase = self.rng.choice(_phrases(c.wording.get(article.pk, "")))
                text = self.rng.choice(templates).format(
                    label=article.label, phrase=phrase, county=county
                )
            if text not in c.used:
                return text, article
        return text, article

    def _article_of(self, c: _Consulted, number: int) -> DraftNode:
        return next(a for a in c.articles if a.number == number)

    def batch(
        self,
        c: _Consulted,
        p: _Point,
        day: datetime.date,
        size: int,
        tied: list[Change] | None = None,
    ) -> list[_Script]:
        """What a contact point gathered (a seminar, its collection points, letters) and
        submitted on `day` in one batch, which closes its station's deadline."""
        opens = c.consultation.opens_on
        seminar = self.day_between(opens + 3 * DAY, day - DAY)
        at = _at(day, 16, self.rng.randrange(60))
        common = {
            "contact_point": p.point, "submitted_by": p.operator, "state": OpinionState.RECEIVED,
        }  # fmt: skip
        scripts = [
            _Script(
                self._opinion(
                    c,
                    text=change.opinion,
                    article=self._article_of(c, change.article),
                    at=at,
                    source=OpinionSource.SEMINAR,
                    gathered_on=seminar,
                    author_name=self.people.name(self.people.gender()),
                    **common,
                ),  # fmt: skip
                p.operator,
            )
            for change in tied or ()
        ]
        for _ in range(size):
            source = self.rng.choices(
                [source for source, _ in BATCH_SOURCES], [weight for _, weight in BATCH_SOURCES]
            )[0]
            gathered = seminar if source == OpinionSource.SEMINAR else self.day_between(opens, day)
            point = None
            if source == OpinionSource.COLLECTION_POINT:
                ready = [cp for cp in p.collection if cp.established_on <= gathered]
                if ready:
                    point = self.rng.choice(ready)
                else:
                    source, gathered = OpinionSource.SEMINAR, seminar
            text, article = self._generic_text(c, ARTICLE_OPINIONS, p.county)
            named = source != OpinionSource.CONTACT_POINT and self.rng.random() < 0.7
            scripts.append(_Script(
                self._opinion(
                    c, text=text, article=article, at=at, source=source, collection_point=point,
                    gathered_on=gathered,
                    author_name=self.people.name(self.people.gender()) if named else "",
                    author_contact=self._contact(named, 0.4),
                    **common,
                ),
                p.operator,
            ))  # fmt: skip
        c.deadlines[p.point.station_id].closed_at = at
        c.scripts += scripts
        return scripts

    def deputy_opinion(
        self, c: _Consulted, user: User, day: datetime.date, change: Change | None = None
    ) -> _Script:
        article: DraftNode | None
        if change is not None:
            text, article = change.opinion, self._article_of(c, change.article)
        else:
            text, article = self._generic_text(c, ARTICLE_OPINIONS, "")
        script = _Script(
            self._opinion(
                c, text=text, article=article, at=_at(day, 20, self.rng.randrange(60)),
                source=OpinionSource.DEPUTY, deputy_id=user.deputy_id, submitted_by=user,
                state=OpinionState.RECEIVED,
            ),
            user,
        )  # fmt: skip
        c.scripts.append(script)
        return script

    def public_opinion(
        self,
        c: _Consulted,
        day: datetime.date,
        *,
        change: Change | None = None,
        spam: tuple[str, str] | None = None,
        moderated: bool = True,
    ) -> _Script:
        """Held for moderation, then published (or kept out, for spam) the next working day."""
        county = self.rng.choice(self.points).county
        if spam is not None:
            text, article = spam[0], None
        elif change is not None:
            text, article = change.opinion, self._article_of(c, change.article)
        else:
            text, article = self._generic_text(c, PUBLIC_OPINIONS, county)
        named = self.rng.random() < 0.5
        opinion = self._opinion(
            c, text=text, article=article, at=self._sometime(day), source=OpinionSource.PUBLIC,
            state=OpinionState.PENDING,
            author_name=self.people.name(self.people.gender()) if named else "",
            author_contact=self._contact(named, 0.5),
        )  # fmt: skip
        script = _Script(opinion, None)
        if moderated:
            on = _at(self.cal.add_working_days(day, 1), 9, 30)
            script.moderation = (spam is None, on, spam[1] if spam else "")
        c.scripts.append(script)
        return script

    # -- who said what, and what became of it ----------------------------------------------

    def opinions_2024(
        self,
        c: _Consulted,
        spec: DraftSpec,
        made: dict[Change, int | None],
        new_articles: dict[int, DraftNode],
        revised_on: datetime.date,
    ) -> None:
        """Every contact point's batch, deputies' and the public's opinions; all handled
        before the second-reading draft, to which the adopted ones are then linked."""
        opens, closes = c.consultation.opens_on, c.consultation.closes_on
        by_county: dict[str, list[Change]] = {}
        for change in spec.changes:
            if change.source not in ("deputy", "public"):
                by_county.setdefault(change.source, []).append(change)
        assert set(by_county) <= {p.county for p in self.points}, "no such contact point"
        tied: list[tuple[_Script, Change]] = []
        for p in self.points:
            changes = by_county.get(p.county, [])
            day = closes - self.rng.randint(1, 10) * DAY
            scripts = self.batch(c, p, day, self.rng.randint(*BATCH_SIZE), changes)
            tied += zip(scripts[: len(changes)], changes, strict=True)
        demo_deputy = self.users["deputy"]
        pool = [u for u in self.deputies if u.username not in settings.DEMO_USERNAMES]
        for change in spec.changes:
            day = self.day_between(opens, closes)
            if change.source == "deputy":
                # One of the demo deputy's opinions changed an article: the first such one.
                user = self.rng.choice(pool) if self.demo_deputy_heard else demo_deputy
                self.demo_deputy_heard = True
                tied.append((self.deputy_opinion(c, user, day, change), change))
            elif change.source == "public":
                tied.append((self.public_opinion(c, day, change=change), change))
        for user in [demo_deputy, *self.rng.sample(pool, self.rng.randint(*DEPUTY_OPINIONS))]:
            self.deputy_opinion(c, user, self.day_between(opens, closes))
        for _ in range(self.rng.randint(*PUBLIC_PUBLISHED)):
            self.public_opinion(c, self.day_between(opens, closes))
        for spam in self.rng.sample(SPAM, self.rng.randint(1, 2)):
            self.public_opinion(c, self.day_between(opens, closes), spam=spam)

        handling_days = [
            day
            for day in (closes + n * DAY for n in range(1, (revised_on - closes).days - 1))
            if self.cal.is_workday(day)
        ]

        def when() -> datetime.datetime:
            return _at(self.rng.choice(handling_days), 15, self.rng.randrange(60))

        tied_ids = {id(s) for s, _ in tied}
        gathered = [s for s in c.scripts if s.opinion.contact_point_id and id(s) not in tied_ids]
        extra = self.rng.choice(gathered)  # adopted, though no article says it
        for s in c.scripts:
            if s.moderation is not None and not s.moderation[0]:
                continue  # kept out by moderation: never handled
            if s is extra:
                s.handling = ("adopted", when(), "", self.rng.choice(ADOPTED_NOTES))
            elif id(s) not in tied_ids:
                s.handling = ("not_adopted", when(), self.rng.choice(NOT_ADOPTED_REASONS), "")
        linked_at = _at(self.cal.add_working_days(revised_on, 1), 10)
        for s, change in tied:
            reason = change.reason if change.outcome == OpinionState.PARTLY_ADOPTED else ""
            s.handling = (change.outcome, when(), reason, "")
            number = made[change]
            note = change.reason if change.op == "delete" else ""
            s.link = (new_articles[number] if number else None, linked_at, note)

    def opinions_now(self, c: _Consulted) -> None:
        """Ten days into the window: one contact point has submitted (not the demo station's),
        a few deputies have commented (not the demo deputy), public posts wait for moderation;
        nothing is handled yet."""
        t, opens = self.today, c.consultation.opens_on
        others = [p for p in self.points if p.operator.username != "station"]
        point = next((p for p in others if p.county == "平遥县"), others[0])
        self.batch(c, point, t - 2 * DAY, 8)
        pool = [u for u in self.deputies if u.username not in settings.DEMO_USERNAMES]
        for user in [self.users["deputy2"], *self.rng.sample(pool, 3)]:
            self.deputy_opinion(c, user, self.day_between(opens, t - DAY))
        for _ in range(3):
            self.public_opinion(c, self.day_between(opens, t - 4 * DAY))
        self.public_opinion(c, self.day_between(opens, t - 4 * DAY), spam=SPAM[0])
        for _ in range(5):
            self.public_opinion(c, self.day_between(t - 3 * DAY, t - DAY), moderated=False)

    def write_opinions(self, c: _Consulted) -> None:
        """The opinions as they stand after their story, then its events: submitted,
        moderated, handled, linked to the change they led to."""
        staff = self.staff
        history: list[list[tuple[str, datetime.datetime, str, str, dict[str, Any]]]] = []
        for s in c.scripts:
            o = s.opinion
            steps: list[tuple[str, datetime.datetime, str, str, dict[str, Any]]] = []
            state = o.state
            if s.moderation is not None:
                published, at, reason = s.moderation
                at = max(at, o.submitted_at + datetime.timedelta(hours=1))
                new = OpinionState.PUBLISHED if published else OpinionState.REJECTED
                steps.append(("publish" if published else "reject", at, state, new, {}))
                o.moderated_by, o.moderated_at, o.moderation_reason = staff, at, reason
                state = new
            if s.handling is not None:
                outcome, at, reason, note = s.handling
                steps.append(("handle", at, state, outcome, {"outcome": outcome, "led_to": None}))
                o.handling_reason, o.handled_by, o.handled_at = reason, staff, at
                o.led_to_note = note
                state = outcome
            if s.link is not None:
                node, at, note = s.link
                steps.append(
                    ("link_change", at, state, state, {"led_to": node.pk if node else None})
                )
                o.led_to_node, o.led_to_note = node, note
            history.append(steps)
        initial = [s.opinion.state for s in c.scripts]
        for s, steps in zip(c.scripts, history, strict=True):
            if steps:
                s.opinion.state = steps[-1][3]
        Opinion.objects.bulk_create([s.opinion for s in c.scripts], batch_size=500)
        for s, first, steps in zip(c.scripts, initial, history, strict=True):
            o = s.opinion
            data = {"source": o.source, "consultation": c.consultation.pk}
            self.event(o, "submit", o.submitted_at, s.actor, to_state=first, data=data)
            for action, at, frm, to, extra in steps:
                comment = {
                    "publish": "", "reject": o.moderation_reason, "handle": o.handling_reason,
                    "link_change": o.led_to_note,
                }[action]  # fmt: skip
                self.event(
                    o, action, at, staff, from_state=frm, to_state=to, comment=comment, data=extra
                )

    # -- agenda topics (议题征集) ---------------------------------------------------------
