"""Demo data, suggestions: the script of one suggestion, and how a script is played into the
rows and events the actions would have written (in bulk, with the story's dates and the
congress's deadline lengths, labels as the actions write them)."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils.translation import gettext_noop

from renda.accounts.models import User
from renda.core.calendar import add_months, next_workday_on_or_after
from renda.core.models import Deadline, Event, Poll, PollVote
from renda.core.polls import LABEL_VOTE, vote_kind
from renda.demo.suggestion_texts import (
    CONTACT_NOTES,
    EVALUATION_COMMENTS,
    FIELDS,
    PROMISES,
    REPLY_BODY,
    REPLY_OPENING,
    Topic,
)
from renda.org.models import Body, Congress, Deputy, HandlingUnit, Session
from renda.suggestions.models import (
    Assignment,
    Contact,
    CoSigner,
    Evaluation,
    Extension,
    Motion,
    Period,
    Promise,
    Reply,
    Suggestion,
)

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date
RETURN_REASON = "一事一议：请将涉及两个部门的两件事分开提出。"
CONTEST_REASON = "该事项主要涉及其他部门职责。"


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


class Playback:
    """Plays scripts into rows (a mixin of the demo's suggestion builder, whose attributes it
    reads: rng, today, cal, city, rule, staff, units…)."""

    rng: Any
    today: datetime.date
    cal: Any
    city: Congress
    rule: Any
    staff: User
    users: dict[str, User]
    leaders: list[User]
    handlers: dict[int, User]
    sessions: dict[int, Session]
    bodies: dict[str, Body]
    by_county: dict[str, list[Deputy]]
    numbers: dict[int, int]

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
            poll = Poll.objects.create(
                content_type=ct, object_id=row.pk, congress=self.city,
                url=f"/suggestions/supervision/key/{row.pk}/",
                title=f"对第{row.number}号重点建议办理情况的满意度测评",
                report=f"{self._replying_units(s)[0].name}关于{row.title}办理情况的报告",
                opened_at=_at(opened, 9), closed_at=_at(opened, 12) if closed else None,
            )  # fmt: skip
            Suggestion.objects.filter(pk=row.pk).update(poll=poll)
            row.poll = poll
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
                        kind=vote_kind(poll, v.pk), what=LABEL_VOTE,
                        params={"title": poll.title},
                        url=poll.url, responsible_user=v,
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
