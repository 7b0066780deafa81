"""Demo data: inspections, research items and deputies' visits (执法检查、专题调研和代表集中视察).

2024, the work report's 21 items (inspection_texts.ITEMS_2024): among them the food safety and
drug administration inspection (105 sites, open and unannounced, 110 problems, all rectified),
the 16th annual environmental inspection on solid waste (112 sites, 85 problems, 10
recommendations in 4 aspects), the 4th year of work-safety supervision joined by the 11 county
congresses (48 sites across the counties and the development zone, 13 recommendations in 5
aspects), the joint rural living-environment research (120 problems, 160 recommendations, in
phases). Each item has its team (the leader, the staff, city deputies: their participation is
in their performance records from here), its sites, its problems referred to the units that
rectified them, verified by the staff (a few after a first "partly"), its recommendations in
aspects and its report. Each county congress has one staff account (staff-<county>), who
records its part of the joint items.

The current year, dated back from the day the demo is built: an inspection whose problems are
overdue, reported and waiting for the staff to verify, or rectified; a joint research item
with problems of the demo handler's unit overdue and due soon; a new inspection whose problems
are found and not referred yet. Rows and events are written in bulk with the dates of the
story, as the actions write them; open problems have their deadlines.
"""

from __future__ import annotations

import datetime
import random
import zoneinfo
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from renda.accounts.models import Role, User
from renda.core.calendar import WorkingCalendar
from renda.core.models import Deadline, Event
from renda.demo import Writer
from renda.demo.inspection_texts import (
    CURRENT,
    ITEMS_2024,
    PROBLEMS,
    RECOMMENDATIONS,
    REPORTS,
    SITE_NAMES,
    Item,
)
from renda.demo.org import demo_congress_codes
from renda.demo.places import CITY_CODE, COUNTIES, HANDLER_UNIT, VILLAGE_HEADS, VILLAGE_TAILS
from renda.inspections.actions._common import LABEL_RECTIFY, LABEL_VERIFY
from renda.inspections.actions.items import PLAN_KINDS
from renda.inspections.models import (
    Aspect,
    Inspection,
    Member,
    MemberRole,
    Part,
    Phase,
    Problem,
    ProblemState,
    Recommendation,
    Rectification,
    Site,
    Verdict,
)
from renda.org.models import Body, Congress, Deputy, HandlingUnit
from renda.supervision.models import PlanItem, Report, ReportKind

SEED = "renda-demo-inspections"
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
DAY = datetime.timedelta(days=1)
S = ProblemState
DEMO_DEPUTIES = ("deputy", "deputy2")
RECTIFIED_TEXTS = (
    "已责令相关单位立即整改，完善制度台账，并组织“回头看”复查，问题已整改到位。",
    "已制定整改方案，明确责任人和完成时限，相关设施已完成改造并投入使用。",
    "已开展专项整治，依法查处违法行为，建立长效监管机制。",
    "已协调资金落实整改，现场问题已全部清理，并纳入日常巡查范围。",
)
PARTLY_TEXT = "已启动整改，部分问题已解决，其余问题正在推进中。"


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def clear() -> None:
    congresses = Congress.objects.filter(code__in=demo_congress_codes())
    types = ContentType.objects.get_for_models(Inspection, Problem).values()
    Event.objects.filter(congress__in=congresses, content_type__in=types).purge_demo()
    Deadline.objects.filter(content_type__in=types).filter(Q(congress__in=congresses)).delete()
    city = congresses.filter(code=CITY_CODE).first()
    if city is None:
        return
    Problem.objects.filter(inspection__congress=city).delete()
    Inspection.objects.filter(congress=city).delete()
    User.objects.filter(congress__in=congresses.exclude(pk=city.pk), role=Role.STAFF).delete()


def build(*, today: datetime.date, stdout: Writer) -> None:
    b = _Build(today)
    for number, item in enumerate(ITEMS_2024, 1):
        b.item(item, datetime.date(2024, item.month, item.day), number)
    numbers: dict[int, int] = {}
    for days_ago, item in CURRENT:
        start = today - days_ago * DAY
        numbers[start.year] = numbers.get(start.year, 0) + 1
        b.item(item, start, numbers[start.year], current=True)
    b.link_supervision()
    Event.objects.bulk_create(sorted(b.events, key=lambda e: e.at), batch_size=1000)
    Deadline.objects.bulk_create(b.deadlines)
    stdout.write(
        f"Inspections: {len(ITEMS_2024)} in 2024 ({b.sites[2024]} sites, {b.problems[2024]} "
        f"problems), {len(CURRENT)} this year; {len(b.county_staff)} county staff accounts.\n"
    )


class _Build:
    def __init__(self, today: datetime.date) -> None:
        self.rng = random.Random(SEED)
        self.today = today
        self.cal = WorkingCalendar()
        self.city = Congress.objects.get(code=CITY_CODE)
        self.staff = User.objects.get(username="staff")
        self.leader = User.objects.select_related("deputy__person").get(username="leader")
        prefix = self.city.name.removesuffix("人民代表大会")
        self.units = {
            u.name.removeprefix(prefix): u for u in HandlingUnit.objects.filter(congress=self.city)
        }
        self.officers = {
            u.unit_id: u
            for u in User.objects.filter(congress=self.city, role=Role.HANDLER).order_by(
                "-username"
            )
        }
        self.officers[self.units[HANDLER_UNIT].pk] = User.objects.get(username="handler")
        self.bodies = {b.short_name: b for b in Body.objects.filter(congress=self.city)}
        self.counties = list(Congress.objects.filter(parent=self.city).order_by("code"))
        by_region = {c.region: c for c in self.counties}
        self.county_staff = self._county_staff(by_region)
        self.deputies = list(
            Deputy.objects.filter(congress=self.city, elected_on__lte=datetime.date(2024, 1, 1))
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=datetime.date(2024, 1, 1)))
            .exclude(pk=self.leader.deputy_id or 0)
            .select_related("person")
            .order_by("card_number")
        )
        demo = User.objects.filter(username__in=DEMO_DEPUTIES).values_list("deputy_id", flat=True)
        self.demo_deputies = [d for d in self.deputies if d.pk in set(demo)]
        self.ct = {m: ContentType.objects.get_for_model(m) for m in (Inspection, Problem)}
        self.events: list[Event] = []
        self.deadlines: list[Deadline] = []
        self.sites: dict[int, int] = {}
        self.problems: dict[int, int] = {}
        self.index = 0

    def _county_staff(self, by_region: dict[str, Congress]) -> dict[int, User]:
        """One staff account per county congress (staff-yuci…), with the demo password."""
        password = make_password(settings.DEMO_PASSWORD)
        users = []
        for c in COUNTIES:
            congress = by_region[c.name]
            users.append(
                User(
                    username=f"staff-{c.pinyin}",
                    last_name="工作",
                    first_name=f"人员（{c.name}）",
                    congress=congress,
                    role=Role.STAFF,
                    title=f"{c.name}人大常委会办公室",
                    password=password,
                )
            )
        created = User.objects.bulk_create(users)
        return {u.congress_id: u for u in created}  # type: ignore[misc]

    # --- events -----------------------------------------------------------------------------

    def _event(
        self,
        case: Any,
        action: str,
        when: datetime.datetime,
        actor: User | None,
        *,
        frm: str = "",
        to: str = "",
        comment: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        when = min(when, timezone.now())  # a site visited today is recorded by now, not tonight
        self.events.append(
            Event(
                congress_id=case.congress_id,
                content_type=self.ct[type(case)],
                object_id=case.pk,
                action=action,
                from_state=frm,
                to_state=to,
                actor=actor,
                at=when,
                comment=comment,
                data=data or {},
            )
        )

    # --- one item ---------------------------------------------------------------------------

    def item(self, it: Item, start: datetime.date, number: int, *, current: bool = False) -> None:
        self.index += 1
        span = 25 if it.sites > 30 else 10
        if it.phases:
            span = max(p[1] + p[2] for p in it.phases)
        end: datetime.date | None = None if current else start + span * DAY  # None: going on
        i = Inspection.objects.create(
            congress=self.city,
            year=start.year,
            number=number,
            kind=it.kind,
            title=it.title,
            subject=it.subject,
            committee=self.bodies.get(it.committee),
            starts_on=start,
            ends_on=end,
            joint=it.joint,
            created_by=self.staff,
            created_at=at(start - 10 * DAY, 9),
        )
        self._event(i, "create", i.created_at, self.staff, comment=i.title)
        self._team(i, start)
        if it.joint:
            Part.objects.bulk_create(
                Part(inspection=i, congress=c, joined_on=start) for c in self.counties
            )
            for c in self.counties:
                self._event(i, "join", at(start - 5 * DAY, 9), self.staff, data={"congress": c.pk})
        for n, (title, after, lasts) in enumerate(it.phases, 1):
            Phase.objects.create(
                inspection=i,
                number=n,
                title=title,
                starts_on=start + after * DAY,
                ends_on=start + (after + lasts) * DAY,
            )
            self._event(i, "phase", at(start - 5 * DAY, 10), self.staff, comment=title)
        sites = self._sites(i, it, start, current)
        self.sites[start.year] = self.sites.get(start.year, 0) + len(sites)
        self._problems(i, it, sites, current)
        self._recommendations(i, it, start, current)
        if not current:
            self._report(i, it, end or start)

    def _team(self, i: Inspection, start: datetime.date) -> None:
        group = self.rng.sample(self.deputies, self.rng.randint(5, 9))
        if self.index % 5 == 1:  # the demo deputies take part in some
            group += [d for d in self.demo_deputies if d not in group]
        members = [
            Member(
                inspection=i,
                role=MemberRole.LEADER,
                user=self.leader,
                deputy=self.leader.deputy,
                name=self.leader.display_name,
            ),
            Member(
                inspection=i, role=MemberRole.STAFF, user=self.staff, name=self.staff.display_name
            ),
        ]
        members += [
            Member(inspection=i, role=MemberRole.DEPUTY, deputy=d, name=d.person.name)
            for d in group
        ]
        Member.objects.bulk_create(members)
        self._event(
            i, "team", at(start - 7 * DAY, 9), self.staff, data={"deputies": [d.pk for d in group]}
        )

    def _site_name(self, area: Congress | None, kind: str) -> str:
        rng = self.rng
        place = area.region if area is not None else "晋中开发区"
        if kind == "village":
            return f"{place}{rng.choice(VILLAGE_HEADS)}{rng.choice(VILLAGE_TAILS)}村"
        return f"{place}{rng.choice(SITE_NAMES[kind])}"

    def _sites(self, i: Inspection, it: Item, start: datetime.date, current: bool) -> list[Site]:
        rng = self.rng
        last = min(self.today, start + 20 * DAY) if current else start + 20 * DAY
        days = max((last - start).days, 0)
        plan: list[tuple[Congress, Congress | None, User]] = []  # (recorder, area, who)
        if it.joint:
            plan += [(self.city, None, self.staff)] * it.city_sites
            for n in range(it.sites - it.city_sites):
                county = self.counties[n % len(self.counties)]
                plan.append((county, county, self.county_staff[county.pk]))
        else:
            for _ in range(it.sites):
                area = rng.choice(self.counties) if rng.random() > 0.05 else None
                plan.append((self.city, area, self.staff))
        rows = []
        for recorder, area, _who in plan:
            kind = rng.choice(it.site_kinds)
            rows.append(
                Site(
                    inspection=i,
                    congress=recorder,
                    area=area,
                    name=self._site_name(area, kind),
                    kind=kind,
                    mode="unannounced" if rng.random() < it.unannounced else "open",
                    visited_on=start + rng.randint(0, days) * DAY,
                    created_by=_who,
                )
            )
        sites = Site.objects.bulk_create(rows)
        for s in sites:
            self._event(i, "site", at(s.visited_on, 18), s.created_by, comment=s.name)
        return sites

    def _recorder(self, congress_id: int) -> User:
        return self.staff if congress_id == self.city.pk else self.county_staff[congress_id]

    def _problems(self, i: Inspection, it: Item, sites: list[Site], current: bool) -> None:
        rng = self.rng
        pool = PROBLEMS.get(it.theme, ("",))
        # A joint item's problems come from the counties' sites, as each county recorded them.
        chosen = [sites[n % len(sites)] for n in range(it.problems)] if sites else []
        rng.shuffle(chosen)
        chosen.sort(key=lambda s: (s.visited_on, s.pk))
        handler_unit = self.units[HANDLER_UNIT]
        for n, site in enumerate(chosen, 1):
            unit = self.units[it.units[(n - 1) % len(it.units)]]
            p = Problem.objects.create(
                congress_id=site.congress_id,
                inspection=i,
                site=site,
                number=n,
                description=f"{rng.choice(pool)}。",
                unit=unit,
                found_on=site.visited_on,
                created_by=self._recorder(site.congress_id),
                created_at=at(site.visited_on, 17),
            )
            self._event(p, "record", p.created_at, p.created_by, comment=p.description,
                        data={"site": site.pk, "unit": unit.pk, "photos": 0})  # fmt: skip
            if current:
                self._open_story(p, n, len(chosen), unit == handler_unit)
            else:
                self._rectified_story(p, partly=rng.random() < 0.1)
            self.problems[i.year] = self.problems.get(i.year, 0) + 1

    # --- what happens to a problem ----------------------------------------------------------

    def _refer(self, p: Problem, day: datetime.date, due: datetime.date) -> None:
        who = self._recorder(p.congress_id)
        p.referred_at, p.due_on, p.state = at(day, 11), due, S.RECTIFYING
        self._event(p, "refer", p.referred_at, who, frm=S.FOUND, to=S.RECTIFYING,
                    data={"unit": p.unit_id, "due": due.isoformat()})  # fmt: skip

    def _reported(self, p: Problem, day: datetime.date, text: str) -> None:
        officer = self.officers[p.unit_id]
        p.reported_at, p.state = at(day, 15), S.REPORTED
        Rectification.objects.create(
            problem=p, unit_id=p.unit_id, text=text, reported_by=officer, reported_at=p.reported_at
        )
        self._event(p, "report", p.reported_at, officer, frm=S.RECTIFYING, to=S.REPORTED,
                    comment=text, data={"photos": 0})  # fmt: skip

    def _verify(self, p: Problem, day: datetime.date, verdict: str, due: Any = None) -> None:
        who = self._recorder(p.congress_id)
        to = S.RECTIFIED if verdict == Verdict.RECTIFIED else S.RECTIFYING
        p.verified_at, p.verdict, p.state = at(day, 16), verdict, to
        data: dict[str, Any] = {"verdict": verdict}
        if due is not None:
            p.due_on = due
            data["due"] = due.isoformat()
        self._event(p, "verify", p.verified_at, who, frm=S.REPORTED, to=to, data=data)

    def _rectified_story(self, p: Problem, *, partly: bool) -> None:
        rng = self.rng
        referred = p.found_on + rng.randint(3, 8) * DAY
        self._refer(p, referred, referred + 60 * DAY)
        reported = referred + rng.randint(15, 50) * DAY
        if partly:
            self._reported(p, reported, PARTLY_TEXT)
            again = reported + 5 * DAY
            self._verify(p, again, Verdict.PARTLY, again + 30 * DAY)
            reported = again + rng.randint(10, 25) * DAY
        self._reported(p, reported, rng.choice(RECTIFIED_TEXTS))
        self._verify(p, reported + rng.randint(3, 9) * DAY, Verdict.RECTIFIED)
        p.save()

    def _open_story(self, p: Problem, n: int, total: int, handler_unit: bool) -> None:
        """The current year: rectified, reported (to verify), overdue, or not yet due; the
        newest item's problems are not referred yet."""
        rng, today = self.rng, self.today
        referred = p.found_on + 3 * DAY
        if referred >= today:
            p.save()
            return  # found, to refer
        share = n / total
        if handler_unit and n % 3 == 1:
            fate = "overdue"
        elif handler_unit and n % 3 == 2:
            fate = "soon"
        elif share <= 0.3:
            fate = "rectified"
        elif share <= 0.5:
            fate = "reported"
        elif share <= 0.8:
            fate = "overdue"
        else:
            fate = "later"
        if fate == "overdue":
            due = min(today - rng.randint(2, 15) * DAY, referred + 20 * DAY)
            due = max(due, referred + DAY)
        elif fate == "soon":
            due = self.cal.add_working_days(today, 2)
        elif fate == "later":
            due = today + rng.randint(10, 30) * DAY
        else:
            due = today + rng.randint(5, 20) * DAY
        self._refer(p, referred, due)
        if fate in ("rectified", "reported"):
            reported = min(referred + rng.randint(5, 20) * DAY, today - DAY)
            self._reported(p, max(reported, referred), rng.choice(RECTIFIED_TEXTS))
            if fate == "rectified" and p.reported_at is not None:
                day = timezone_day(p.reported_at) + DAY
                if day < today:
                    self._verify(p, day, Verdict.RECTIFIED)
        p.save()
        self._deadline(p)

    def _deadline(self, p: Problem) -> None:
        params = {"number": p.number, "inspection": p.inspection.title}
        url = f"/inspections/problems/{p.pk}/"
        if p.state == S.RECTIFYING:
            assert p.due_on is not None
            self.deadlines.append(
                Deadline(
                    congress_id=p.unit.congress_id,
                    content_type=self.ct[Problem],
                    object_id=p.pk,
                    kind="rectify",
                    what=LABEL_RECTIFY,
                    params=params,
                    url=url,
                    due_date=p.due_on,
                    responsible_unit=p.unit,
                )
            )
        elif p.state == S.REPORTED:
            assert p.reported_at is not None
            days = self.city.setting("inspection_verify_working_days")
            self.deadlines.append(
                Deadline(
                    congress_id=p.congress_id,
                    content_type=self.ct[Problem],
                    object_id=p.pk,
                    kind="verify",
                    what=LABEL_VERIFY,
                    params=params,
                    url=url,
                    due_date=self.cal.add_working_days(timezone_day(p.reported_at), days),
                    responsible_role=Role.STAFF,
                )
            )

    # --- the supervision plan ---------------------------------------------------------------

    def link_supervision(self) -> None:
        """Each item carries out the plan's item of the same subject, and its report is the
        inspection report the standing committee heard, where the supervision demo has them
        (matched by their titles: the supervision module builds its year first)."""
        items = list(Inspection.objects.filter(congress=self.city))
        plan = list(
            PlanItem.objects.filter(congress=self.city, kind__in=PLAN_KINDS).select_related("plan")
        )
        reports = list(Report.objects.filter(congress=self.city, kind=ReportKind.INSPECTION))
        for i in items:
            i.plan_item = _closest(i, [p for p in plan if p.plan.year == i.year])
            i.heard_as = _closest(i, [r for r in reports if r.year == i.year])
            if i.heard_as is not None:
                reports.remove(i.heard_as)
        Inspection.objects.bulk_update(items, ["plan_item", "heard_as"])

    # --- recommendations and the report -----------------------------------------------------

    def _recommendations(
        self, i: Inspection, it: Item, start: datetime.date, current: bool
    ) -> None:
        if current:
            return
        rng = self.rng
        when = at(start + 30 * DAY, 10)
        groups: list[tuple[Congress, str, int]] = [(self.city, t, n) for t, n in it.aspects]
        if it.county_recs:
            groups += [(c, f"{c.region}调研建议", it.county_recs) for c in self.counties]
        for number, (congress, title, n) in enumerate(groups, 1):
            aspect = Aspect.objects.create(
                inspection=i, congress=congress, number=number, title=title
            )
            texts = [RECOMMENDATIONS[(k + number) % len(RECOMMENDATIONS)] for k in range(n)]
            rng.shuffle(texts)
            Recommendation.objects.bulk_create(
                Recommendation(aspect=aspect, number=k, text=t) for k, t in enumerate(texts, 1)
            )
            self._event(
                i, "aspect", when, self._recorder(congress.pk), comment=title, data={"n": n}
            )

    def _report(self, i: Inspection, it: Item, end: datetime.date) -> None:
        kind = {"law": "执法检查", "research": "调研", "visit": "视察"}[it.kind]
        i.report_title = f"关于{it.subject}{kind}情况的报告"
        i.report_text = "\n".join(REPORTS)
        i.report_on = end + 20 * DAY
        i.save(update_fields=["report_title", "report_text", "report_on"])
        self._event(i, "report", at(i.report_on, 9), self.staff, comment=i.report_title)


def _shared(a: str, b: str) -> int:
    """The length of the longest run of characters two titles share."""
    best = 0
    for start in range(len(a)):
        for end in range(start + best + 1, len(a) + 1):
            if a[start:end] not in b:
                break
            best = end - start
    return best


def _closest(i: Inspection, rows: list[Any]) -> Any:
    """The row whose title shares a run of at least six characters with the item's."""
    scored = [(_shared(i.title, r.title), -r.pk, r) for r in rows]
    best = max(scored, default=None, key=lambda x: x[:2])
    return best[2] if best is not None and best[0] >= 6 else None


def timezone_day(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(TZ).date()
