"""Demo data: supervision in 2024 as the work report tells it, and this year's open work.

2024: the year's plan adopted by the chair's council in January (the work-safety supervision
added in the year on the party committee's request); the 27 reports heard at the seven
standing committee meetings' report items (the first government-debt report, the state-assets
comprehensive report with its figures by category, the audit and audit-rectification reports,
the flood-prevention report, the court's and procuratorate's…), each researched beforehand and
followed by deliberation opinions sent, answered, assessed and closed (a few with a members'
poll, one followed up once); the economic situation meeting with 9 departments; the special
inquiry into the rural living environment of 10 departments, on site and in writing, the 5 on
site polled. This year: the reports of the meetings held so far; opinions awaiting the
government's report, the transport bureau's overdue; one answered with a poll open for
members; one drafted for staff to get approved.
"""

from __future__ import annotations

import datetime
import random
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from renda.accounts.models import User
from renda.core.calendar import WorkingCalendar, add_months, next_workday_on_or_after
from renda.core.models import Deadline, Event, Poll, PollVote
from renda.core.polls import LABEL_VOTE, vote_kind
from renda.demo import Writer
from renda.demo.places import CITY, CITY_CODE
from renda.meetings.models import AgendaItem, Meeting
from renda.org.models import Body, Congress, HandlingUnit
from renda.supervision.actions._common import LABEL_ANSWER, LABEL_ASSESS, opinion_title
from renda.supervision.models import (
    AssetFigure,
    DeliberationOpinion,
    Inquiry,
    InquiryQuestion,
    InquiryUnit,
    OpinionPoint,
    PlanItem,
    Report,
    SupervisionPlan,
)

SEED = "renda-demo-supervision"
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date
DAY = datetime.timedelta(days=1)
CASES = (SupervisionPlan, Report, DeliberationOpinion, Inquiry)

# The kind of a report, by the words of its title (the first that matches).
KINDS = (
    ("政府债务", "debt"),
    ("国有资产管理情况的综合报告", "state_assets"),
    ("国有自然资源资产", "state_assets_special"),
    ("审计查出问题整改", "audit_rectification"),
    ("审计工作报告", "audit"),
    ("决算", "final_accounts"),
    ("国民经济和社会发展计划执行", "plan"),
    ("环境状况和环境保护目标", "environment"),
    ("执法检查", "inspection"),
    ("中级人民法院", "court"),
    ("人民检察院", "procuratorate"),
)
# Approved by a resolution, without deliberation opinions to answer.
NO_OPINIONS = ("plan", "final_accounts")
POLLED = ("debt", "audit_rectification", "environment")
ASSETS = {  # 亿元: (assets, liabilities, note)
    "enterprise": (Decimal("1862.35"), Decimal("1204.17"), "市属国有企业48户"),
    "financial": (Decimal("412.60"), Decimal("356.92"), "市属金融企业5户"),
    "administrative": (Decimal("845.31"), Decimal("96.44"), "行政事业单位1326户"),
    "natural": (Decimal("0"), Decimal("0"), "国有土地总面积164.2万公顷"),
}
POINTS = (
    "进一步提高思想认识，压实工作责任，健全工作机制",
    "聚焦突出问题，加大整改力度，建立问题清单和整改台账",
    "加强部门协同，强化要素保障，形成工作合力",
    "完善制度建设，强化监督考核，推动工作常态长效",
    "加强宣传引导，回应群众关切，营造良好氛围",
)
ECONOMY_UNITS = (
    "发展和改革委员会", "工业和信息化局", "财政局", "统计局", "商务局",
    "农业农村局", "住房和城乡建设局", "人力资源和社会保障局", "能源局",
)  # fmt: skip
INQUIRY_ON_SITE = ("农业农村局", "住房和城乡建设局", "生态环境局", "水利局", "乡村振兴局")
INQUIRY_WRITTEN = ("财政局", "卫生健康委员会", "交通运输局", "规划和自然资源局", "文化和旅游局")
QUESTIONS = (
    "农村户厕改造后“建而不用”的问题如何解决？",
    "农村生活垃圾收运处置体系的长效运维资金从哪里来？",
    "农村生活污水治理率偏低，下一步有何具体举措？",
)
OTHER_ITEMS_2024 = (  # (kind, title, month, body, added during the year because)
    ("inspect", "食品安全法、药品管理法执法检查", 5, "教育科学文化卫生委员会", ""),
    ("inspect", "环境保护法律法规执法检查（固体废物污染防治）", 6, "城乡建设环境保护委员会", ""),
    ("research", "全市农村人居环境整治提升上下联动调研", 4, "农业与农村委员会", ""),
    ("inquire", "全市农村人居环境整治提升情况专题询问", 12, "农业与农村委员会", ""),
    ("research", "安全生产专项监督调研", 9, "财政经济委员会", "市委关于安全生产的工作要求"),
)


def _at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def clear() -> None:
    city = Congress.objects.filter(code=CITY_CODE).first()
    if city is None:
        return
    types = ContentType.objects.get_for_models(*CASES).values()
    AgendaItem.objects.filter(meeting__congress=city, case_type__in=types).update(
        case_type=None, case_id=None
    )
    Event.objects.filter(congress=city, content_type__in=types).purge_demo()
    Deadline.objects.filter(congress=city, content_type__in=types).delete()
    polls = Poll.objects.filter(congress=city, content_type__in=types)
    DeliberationOpinion.objects.filter(congress=city).update(poll=None)
    InquiryUnit.objects.filter(inquiry__congress=city).update(poll=None)
    PollVote.objects.filter(poll__in=polls).delete()
    polls.delete()
    InquiryQuestion.objects.filter(inquiry_unit__inquiry__congress=city).delete()
    InquiryUnit.objects.filter(inquiry__congress=city).delete()
    Inquiry.objects.filter(congress=city).delete()
    OpinionPoint.objects.filter(congress=city).delete()
    DeliberationOpinion.objects.filter(congress=city).delete()
    AssetFigure.objects.filter(report__congress=city).delete()
    Report.objects.filter(congress=city).delete()
    PlanItem.objects.filter(congress=city).delete()
    SupervisionPlan.objects.filter(congress=city).delete()


def build(*, today: datetime.date, stdout: Writer) -> None:
    city = Congress.objects.get(code=CITY_CODE)
    b = _Build(rng=random.Random(SEED), today=today, city=city)
    b.year(2024)
    b.economy_2024()
    b.inquiry_2024()
    if today.year > 2024:
        b.year(today.year)
    b.flush()
    stdout.write(
        f"Supervision: {Report.objects.filter(congress=city).count()} reports, "
        f"{DeliberationOpinion.objects.filter(congress=city).count()} deliberation opinions, "
        f"{InquiryUnit.objects.filter(inquiry__congress=city).count()} departments questioned.\n"
    )


@dataclass
class _Build:
    rng: random.Random
    today: datetime.date
    city: Congress
    cal: WorkingCalendar = field(default_factory=WorkingCalendar)
    events: list[Event] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    votes: list[PollVote] = field(default_factory=list)
    inquiry_rows: list[InquiryUnit] = field(default_factory=list)
    plan_items: dict[str, PlanItem] = field(default_factory=dict)
    plan_items_2024: dict[str, PlanItem] = field(default_factory=dict)

    def __post_init__(self) -> None:
        users = list(User.objects.filter(congress=self.city, is_active=True).order_by("username"))
        self.staff = next(u for u in users if u.username == "staff")
        self.leaders = [u for u in users if u.role == "leader"]
        self.handlers: dict[int, User] = {}
        for u in users:
            if (
                u.role == "handler"
                and u.unit_id
                and (u.username == "handler" or u.unit_id not in self.handlers)
            ):
                self.handlers[u.unit_id] = u
        self.units = {
            u.name.removeprefix(CITY): u for u in HandlingUnit.objects.filter(congress=self.city)
        }
        self.bodies = {b.name: b for b in Body.objects.filter(congress=self.city)}
        self.cts = ContentType.objects.get_for_models(*CASES, Report)
        self.handler_unit = next((u for u in users if u.username == "handler"), None)

    # --- rows and events as the actions write them ------------------------------------------

    def event(
        self,
        case: models.Model,
        action: str,
        at: datetime.datetime,
        frm: str = "",
        to: str = "",
        *,
        actor: Any = None,
        comment: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        self.events.append(
            Event(
                congress=self.city,
                content_type=self.cts[type(case)],
                object_id=case.pk,
                action=action,
                from_state=frm,
                to_state=to,
                actor=actor or self.staff,
                at=at,
                comment=comment,
                data=data or {},
            )
        )

    def deadline(self, case: models.Model, kind: str, label: str, due: datetime.date, url: str,
                 title: str, **who: Any) -> None:  # fmt: skip
        self.deadlines.append(
            Deadline(
                congress=self.city,
                content_type=self.cts[type(case)],
                object_id=case.pk,
                kind=kind,
                what=label,
                params={"title": title},
                url=url,
                due_date=due,
                **who,
            )
        )

    def flush(self) -> None:
        Event.objects.bulk_create(self.events)
        Deadline.objects.bulk_create(self.deadlines)
        PollVote.objects.bulk_create(self.votes)

    def workday(self, day: datetime.date) -> datetime.date:
        return next_workday_on_or_after(day)

    # --- a year ------------------------------------------------------------------------------

    def year(self, year: int) -> None:
        items = list(
            AgendaItem.objects.filter(
                meeting__congress=self.city,
                meeting__kind="standing_committee",
                meeting__start_date__year=year,
                kind="report",
            )
            .select_related("meeting")
            .order_by("meeting__start_date", "order")
        )
        plan = self.plan(year, items)
        heard = [i for i in items if i.meeting.start_date < self.today]
        rows = [self.report(plan, i, heard=i in heard) for i in items]
        if year < self.today.year:
            for r in rows:
                if r.kind not in NO_OPINIONS:
                    self.opinion(r, "closed")
            return
        # This year: the latest heard report's opinions are drafted (staff to get them
        # approved), the one before awaits the government's report; the transport report's
        # (or the earliest still possible) is overdue for its department, the demo handler's;
        # one is answered with a poll open for members; the rest closed.
        done = [r for r in rows if r.heard_on and r.kind not in NO_OPINIONS]
        roles: dict[int, str] = {}
        if done:
            roles[done[-1].pk] = "drafted"
        if len(done) > 1:
            roles[done[-2].pk] = "sent"
        early = [r for r in done if r.heard_on and r.heard_on < self.today - 95 * DAY]
        overdue = next((r for r in early if "交通" in r.title), early[-1] if early else None)
        if overdue is not None and overdue.pk not in roles:
            roles[overdue.pk] = "overdue"
        rest = [r for r in early if r.pk not in roles]
        if rest:
            roles[rest[-1].pk] = "polling"
        for r in done:
            assert r.heard_on is not None
            settled = r.heard_on < self.today - 95 * DAY
            self.opinion(r, roles.get(r.pk, "closed" if settled else "sent"))

    def plan(self, year: int, items: list[AgendaItem]) -> SupervisionPlan:
        adopted = self.workday(D(year, 1, 12))
        plan = SupervisionPlan.objects.create(
            congress=self.city,
            year=year,
            title=f"{CITY}人民代表大会常务委员会{year}年度监督工作计划",
            state="adopted",
            adopted_on=adopted,
            adopted_at_meeting="主任会议",
            created_at=_at(adopted - 20 * DAY),
        )
        self.event(plan, "create", _at(adopted - 20 * DAY), to="draft")
        specs = [
            ("hear", i.title.removeprefix("听取和审议"), i.meeting.start_date.month,
             self._body(i.title), i.meeting.title, "")
            for i in items
        ]  # fmt: skip
        if year == 2024:
            specs += [
                (k, t, m, self.bodies.get(b), "", why) for k, t, m, b, why in OTHER_ITEMS_2024
            ]
        self.plan_items = {}
        if year == 2024:
            self.plan_items_2024 = self.plan_items
        added_at = _at(adopted - 10 * DAY)
        for n, (kind, title, month, body, meeting, why) in enumerate(specs, start=1):
            during = bool(why)
            at = _at(self.workday(D(year, 5, 20))) if during else added_at
            item = PlanItem.objects.create(
                plan=plan, congress=self.city, number=n, kind=kind, title=title, body=body,
                month=month, meeting=meeting, added_during_year=during, added_reason=why,
                created_at=at,
            )  # fmt: skip
            self.plan_items[title] = item
            self.event(plan, "add_item", at, comment=title, data={"item": item.pk, "added": during})
        self.event(plan, "adopt", _at(adopted, 16), "draft", "adopted",
                   data={"meeting": "主任会议", "adopted_on": adopted.isoformat()})  # fmt: skip
        return plan

    def _body(self, title: str) -> Body | None:
        words = (
            ("法院", "监察和司法委员会"), ("检察院", "监察和司法委员会"),
            ("预算", "财政经济委员会"), ("决算", "财政经济委员会"), ("审计", "财政经济委员会"),
            ("债务", "财政经济委员会"), ("国有", "财政经济委员会"), ("计划", "财政经济委员会"),
            ("环境", "城乡建设环境保护委员会"), ("农村", "农业与农村委员会"),
        )  # fmt: skip
        for word, name in words:
            if word in title and name in self.bodies:
                return self.bodies[name]
        specials = [b for b in self.bodies.values() if b.kind == "special_committee"]
        return specials[0] if specials else None

    def report(self, plan: SupervisionPlan, item: AgendaItem, *, heard: bool) -> Report:
        title = item.title.removeprefix("听取和审议")
        kind = next((k for word, k in KINDS if word in title), "special")
        body = "中级人民法院" if "中级人民法院" in title else (
            "人民检察院" if "人民检察院" in title else "人民政府")  # fmt: skip
        day = item.meeting.start_date
        created = _at(plan.adopted_on or day, 15) if plan.adopted_on else _at(day - 60 * DAY)
        report = Report.objects.create(
            congress=self.city, year=day.year, kind=kind, title=title, unit=self.units.get(body),
            body=self._body(title), plan_item=self.plan_items.get(title), presenter=item.presenter,
            month_planned=day.month, created_at=created, created_by=self.staff,
            summary=f"{item.presenter}受{CITY}人民政府委托作报告。" if body == "人民政府" else "",
        )  # fmt: skip
        self.event(report, "create", created, to="planned", data={"kind": kind})
        researched = self.workday(day - 30 * DAY)
        state = "planned"
        if researched < self.today:
            report.researched_on = researched
            report.findings = (
                f"会前，常委会组织部分委员和代表围绕{title.removeprefix(f'{CITY}')}开展专题调研，"
                "深入县（区、市）实地察看，召开座谈会听取意见，梳理出工作中存在的短板弱项。"
            )
            self.event(report, "research", _at(researched, 17), "planned", "researched",
                       data={"researched_on": researched.isoformat()})  # fmt: skip
            state = "researched"
        if heard:
            report.heard_on = day
            report.meeting = item.meeting.title
            report.agenda_item_id = item.pk
            report.published = day.year < self.today.year
            self.event(report, "record_hearing", item.meeting.closed_at or _at(day, 18), state,
                       "heard", data={"heard_on": day.isoformat(), "meeting": item.meeting.title,
                                      "item": item.pk})  # fmt: skip
            state = "heard"
            if report.published:
                self.event(report, "publish", _at(day + 7 * DAY))
        report.state = state
        report.save()
        AgendaItem.objects.filter(pk=item.pk).update(case_type=self.cts[Report], case_id=report.pk)
        if kind == "state_assets":
            AssetFigure.objects.bulk_create(
                AssetFigure(report=report, category=c, assets=a, liabilities=lb, note=n)
                for c, (a, lb, n) in ASSETS.items()
            )
            self.event(report, "figures", _at(day - 10 * DAY), data={"categories": sorted(ASSETS)})
        return report

    # --- deliberation opinions ---------------------------------------------------------------

    def opinion(self, report: Report, fate: str) -> None:
        assert report.heard_on is not None
        unit = report.unit or self.units["人民政府"]
        # This year the transport report's opinions go to its department: the demo handler's.
        mine = self.units_by_pk(self.handler_unit.unit_id) if self.handler_unit else None
        if (
            report.year == self.today.year
            and mine
            and mine.name.removeprefix(CITY) in report.presenter
        ):
            unit = mine
        latest = self.today - DAY  # nothing the story says happened may happen after today
        drafted = min(self.workday(report.heard_on + 7 * DAY), latest)
        o = DeliberationOpinion.objects.create(
            congress=self.city, report=report, unit=unit,
            title=opinion_title(report.title),
            text=f"{report.meeting}听取和审议了《{report.title}》。常委会组成人员认为，"
            "报告客观全面，工作取得明显成效，同时指出了存在的问题，提出以下审议意见。",
            drafted_at=_at(drafted),
        )  # fmt: skip
        n = self.rng.randint(3, 5)
        points = [
            OpinionPoint(opinion=o, congress=self.city, number=i, text=POINTS[i - 1])
            for i in range(1, n + 1)
        ]
        self.event(o, "draft", _at(drafted), to="drafted")
        url = f"/supervision/opinions/{o.pk}/"
        if fate == "drafted":
            OpinionPoint.objects.bulk_create(points)
            return
        approved = self.workday(drafted + 7 * DAY)
        sent = self.workday(approved + 2 * DAY)
        due = next_workday_on_or_after(add_months(sent, 2))
        if fate == "sent":  # sent lately: its deadline is ahead
            sent = self.workday(max(sent, self.today - 20 * DAY))
        sent = min(sent, latest)
        approved = max(drafted, min(approved, sent))
        due = next_workday_on_or_after(add_months(sent, 2))
        o.approved_on, o.sent_on, o.due_date = approved, sent, due
        o.state = "sent"
        self.event(o, "approve", _at(approved, 16), "drafted", "approved")
        send_at = _at(sent, 17 if sent == approved else 9)
        self.event(o, "send", send_at, "approved", "sent", data={"due": due.isoformat()})
        answerer = self.handlers.get(unit.pk) or self.staff
        if fate in ("sent", "overdue"):
            self.deadline(o, "answer", LABEL_ANSWER, due, url, o.title, responsible_unit=unit)
            if fate == "overdue" and points:
                points[0].done_on = sent + 20 * DAY
                points[0].done_note = "已制定工作方案，明确责任分工。"
                self.event(o, "point_done", _at(sent + 20 * DAY), actor=answerer,
                           comment=points[0].done_note, data={"point": 1})  # fmt: skip
            OpinionPoint.objects.bulk_create(points)
            o.save()
            return
        answered = self.workday(sent + self.rng.randint(35, 55) * DAY)
        o.answered_on = answered
        o.answer = (
            f"{unit.name}高度重视，逐条研究审议意见，制定整改方案，明确责任单位和完成时限。"
            "现将研究处理情况报告如下：" + "；".join(p.text for p in points) + "等方面均已落实。"
        )
        for p in points:
            p.done_on = answered - self.rng.randint(1, 20) * DAY
            p.done_note = "已按要求落实，相关制度已出台。"
            self.event(o, "point_done", _at(p.done_on), actor=answerer, comment=p.done_note,
                       data={"point": p.number})  # fmt: skip
        OpinionPoint.objects.bulk_create(points)
        self.event(o, "answer", _at(answered, 11), "sent", "answered", actor=answerer)
        o.state = "answered"
        if fate == "polling" or report.kind in POLLED:
            self.poll(o, answered, closed=fate != "polling")
        if fate == "polling":
            self.deadline(o, "assess", LABEL_ASSESS, self.cal.add_working_days(answered, 15),
                          url, o.title, responsible_role="staff")  # fmt: skip
            o.save()
            return
        assessed = self.workday(answered + 10 * DAY)
        if report.kind == "debt":  # followed up once, then closed
            further = self.workday(assessed + 60 * DAY)
            self.event(o, "assess", _at(assessed, 15), "answered", "followed_up",
                       data={"assessment": "basic", "due": further.isoformat()})  # fmt: skip
            again = self.workday(further - 10 * DAY)
            self.event(o, "answer", _at(again, 11), "followed_up", "answered", actor=answerer)
            assessed = self.workday(again + 5 * DAY)
            o.rounds, o.due_date = 1, further
        o.assessment = "satisfied"
        o.closed_on = assessed
        o.state = "closed"
        o.published = report.published
        self.event(o, "assess", _at(assessed, 15), "answered", "closed",
                   data={"assessment": "satisfied", "due": None})  # fmt: skip
        if o.published:
            self.event(o, "publish", _at(assessed + DAY))
        o.save()

    def units_by_pk(self, pk: int | None) -> HandlingUnit | None:
        return next((u for u in self.units.values() if u.pk == pk), None)

    def poll(self, case: Any, day: datetime.date, *, closed: bool, title: str = "") -> Poll:
        opened = _at(day + 3 * DAY, 9)
        url = (
            f"/supervision/opinions/{case.pk}/"
            if isinstance(case, DeliberationOpinion)
            else f"/supervision/inquiries/{case.pk}/"
        )
        poll = Poll.objects.create(
            congress=self.city, content_type=self.cts[type(case)], object_id=case.pk,
            title=title or f"对{case.unit.name}{case.title}研究处理情况的满意度测评",
            report=getattr(case, "answer", ""), url=url, opened_at=opened,
            closed_at=opened + datetime.timedelta(hours=2) if closed else None,
        )  # fmt: skip
        if isinstance(case, DeliberationOpinion):
            case.poll = poll
        self.event(case, "poll_open", opened, data={"poll": poll.pk})
        due = self.cal.add_working_days(opened.date(), 5)
        for v in self.leaders:
            if not closed and v.username == "leader":
                self.deadline(case, vote_kind(poll, v.pk), LABEL_VOTE, due, url, poll.title,
                              responsible_user=v)  # fmt: skip
                continue
            result = self.rng.choices(("satisfied", "basic", "dissatisfied"), (80, 17, 3))[0]
            self.votes.append(PollVote(poll=poll, voter=v, result=result, voted_at=opened))
        if closed:
            self.event(case, "poll_close", opened + datetime.timedelta(hours=2),
                       data={"poll": poll.pk})  # fmt: skip
        return poll

    # --- the economic situation meeting and the special inquiry ------------------------------

    def economy_2024(self) -> None:
        day = self.workday(D(2024, 7, 23))
        report = Report.objects.create(
            congress=self.city, year=2024, kind="economy", title="全市经济形势分析会议",
            unit=self.units["人民政府"], body=self.bodies.get("财政经济委员会"), state="heard",
            presenter="市发展和改革委员会主任", month_planned=7, heard_on=day,
            meeting="全市经济形势分析会议", created_at=_at(day - 30 * DAY),
            summary="听取发改、工信等9个部门工作情况汇报，围绕主要经济指标进行研究分析。",
        )  # fmt: skip
        report.units.set([self.units[n] for n in ECONOMY_UNITS])
        self.event(report, "create", _at(day - 30 * DAY), to="planned", data={"kind": "economy"})
        self.event(report, "record_hearing", _at(day, 17), "planned", "heard",
                   data={"heard_on": day.isoformat(), "meeting": report.meeting})  # fmt: skip

    def inquiry_2024(self) -> None:
        meeting = (
            Meeting.objects.filter(
                congress=self.city, kind="standing_committee", start_date__year=2024
            )
            .order_by("-start_date")
            .first()
        )
        day = meeting.start_date if meeting else D(2024, 12, 26)
        title = "关于全市农村人居环境整治提升情况的专题询问"
        inquiry = Inquiry.objects.create(
            congress=self.city, year=2024, title=title, state="closed",
            topic="围绕农村人居环境整治提升，对10个政府部门开展“现场+书面”专题询问。",
            plan_item=self.plan_items_2024.get("全市农村人居环境整治提升情况专题询问"),
            meeting=meeting.title if meeting else "", held_on=day,
            results="询问结束后，常委会将询问中发现的问题清单交市人民政府研究处理，"
            "对现场询问的5个部门进行满意度测评，并跟踪问效。",
            published=True, created_at=_at(day - 40 * DAY),
        )  # fmt: skip
        self.event(inquiry, "create", _at(day - 40 * DAY), to="planned")
        for name, mode in [(n, "on_site") for n in INQUIRY_ON_SITE] + [
            (n, "written") for n in INQUIRY_WRITTEN
        ]:
            unit = self.units[name]
            row = InquiryUnit.objects.create(
                inquiry=inquiry, unit=unit, mode=mode, respondent=unit.head or f"{name}负责人"
            )
            self.event(inquiry, "add_unit", _at(day - 30 * DAY), comment=unit.name,
                       data={"unit": unit.pk})  # fmt: skip
            row._demo_question = self.rng.choice(QUESTIONS)  # type: ignore[attr-defined]
            self.inquiry_rows.append(row)
        self.event(inquiry, "hold", _at(day, 15), "planned", "held",
                   data={"meeting": inquiry.meeting, "held_on": day.isoformat()})  # fmt: skip
        asked = _at(day, 15, 30)
        for row in self.inquiry_rows:
            q = InquiryQuestion.objects.create(
                inquiry_unit=row, asker=self.rng.choice(self.leaders).display_name or "委员",
                question=row._demo_question,  # type: ignore[attr-defined]
                answer=f"{row.unit.name}：下一步将制定专项方案，逐项整改，按期办结。",
                asked_at=asked, answered_at=asked + datetime.timedelta(minutes=20),
            )  # fmt: skip
            answerer = self.staff if row.mode == "on_site" else self.handlers.get(row.unit_id)
            self.event(inquiry, "question", asked, comment=q.question,
                       data={"unit": row.unit_id, "question": q.pk})  # fmt: skip
            self.event(inquiry, "answer_question", asked + datetime.timedelta(minutes=20),
                       actor=answerer or self.staff, comment=q.answer[:200],
                       data={"unit": row.unit_id, "question": q.pk})  # fmt: skip
            if row.mode == "on_site":
                poll = self.poll(
                    inquiry,
                    day - 2 * DAY,
                    closed=True,
                    title=f"{title}：对{row.unit.name}的满意度测评",
                )
                InquiryUnit.objects.filter(pk=row.pk).update(poll=poll)
        self.event(inquiry, "close", _at(day + 10 * DAY), "held", "closed")
