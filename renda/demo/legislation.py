"""Demo data: local legislation in 2024, and drafts and agenda topics open for comment now.

2024 (the work report): three regulations made and the 地方立法条例 revised; each
first-reading draft was open for comment for 30 days to the public, the deputies and the 11
legislative contact points, which gathered most of the 400+ opinions (seminars, collection
points); 20+ were adopted, several of them leading to an article of the second-reading draft.
The 2025 plan's two regulations have drafts; the mask rules are open for comment now
(relative to the day the demo is built), so that staff have opinions to moderate and handle,
the station operator a batch to submit and the deputies a draft and agenda topics to answer.

Rows and events are those the actions in renda/legislation/actions/ write, written in bulk
and with the dates of the story (the actions date everything "now").
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db.models import Model
from docx.enum.text import WD_ALIGN_PARAGRAPH

from renda.accounts.models import User
from renda.core.calendar import WorkingCalendar
from renda.core.models import Deadline, Event
from renda.core.officialdoc import (
    BODY_FONT,
    TITLE_FONT,
    add_paragraph,
    chinese_date,
    official_document,
    to_bytes,
)
from renda.demo import Writer
from renda.demo.legislation_opinions import DAY, OpinionWriter, _at, _Consulted, _Point
from renda.demo.legislation_texts import (
    BEEF_CRAFT,
    CLOSE_COMMENT,
    CONSULTATION_NOTICE,
    LAWMAKING_REVISION,
    MASKS,
    RED_SITES,
    TOPIC_ANSWERS,
    TOPIC_SUMMARY,
    TOPICS_CLOSED,
    TOPICS_OPEN,
    WASTE_SORTING,
    WATER_SOURCES,
    Change,
    DraftSpec,
)
from renda.demo.names import PeopleFactory
from renda.demo.places import CITY, CITY_CODE
from renda.legislation.actions.common import case_url
from renda.legislation.actions.consultations import STATION_DEADLINE, STATION_DEADLINE_LABEL
from renda.legislation.actions.drafts import store_nodes
from renda.legislation.actions.topics import ANSWERS_LABEL
from renda.legislation.drafts.parser import Article, Division, parse_text, to_text
from renda.legislation.models import (
    STAGE_DATE_FIELDS,
    AgendaTopic,
    Consultation,
    ConsultationState,
    DraftNode,
    DraftVersion,
    NodeKind,
    Opinion,
    OpinionState,
    Regulation,
    RegulationKind,
    RegulationState,
    StageDocument,
    TopicAnswer,
    TopicSolicitation,
    TopicSolicitationState,
)
from renda.org.models import Body, CollectionPoint, Congress, LegislativeContactPoint

SEED = "renda-demo-legislation"
D = datetime.date
R = RegulationState

# The document each stage leaves: the drafter's explanation at the first reading, the legal
# affairs committee's report on the deliberation at the second, the announcement (公告).
STAGE_DOCUMENTS: dict[str, str] = {
    R.FIRST_READING: "关于《{title}（草案）》的说明",
    R.SECOND_READING: "法制委员会关于《{title}（草案）》审议结果的报告",
    R.PROMULGATED: "晋中市人民代表大会常务委员会公告（{title}）",
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The stages in the order they happen, with the action that records each (workflow.py).
STAGE_ACTIONS = (
    (R.DRAFTING, "start_drafting"),
    (R.FIRST_READING, "first_reading"),
    (R.SECOND_READING, "second_reading"),
    (R.ADOPTED, "adopt"),
    (R.APPROVED, "approve"),
    (R.PROMULGATED, "promulgate"),
    (R.IN_FORCE, "enter_into_force"),
)


@dataclass(frozen=True)
class Story:
    """One regulation's dated path, from the plan to entry into force."""

    title: str
    kind: str
    body: str  # the special committee responsible
    summary: str
    plan_year: int
    planned: datetime.date
    first: datetime.date | None = None  # first reading (一审), at a standing committee meeting
    second: datetime.date | None = None  # second reading (二审), voted at the same meeting
    approved: datetime.date | None = None  # 山西省人大常委会批准
    promulgated: datetime.date | None = None
    in_force: datetime.date | None = None
    spec: DraftSpec | None = None
    consultation_opens: datetime.date | None = None

    def stage_dates(self) -> dict[str, datetime.date | None]:
        drafting = self.planned + 3 * DAY
        return {
            R.DRAFTING: drafting,
            R.FIRST_READING: self.first,
            R.SECOND_READING: self.second,
            R.ADOPTED: self.second,
            R.APPROVED: self.approved,
            R.PROMULGATED: self.promulgated,
            R.IN_FORCE: self.in_force,
        }


ORIGINAL_LAWMAKING = Story(
    "晋中市地方立法条例",
    RegulationKind.NEW,
    "法制委员会",
    "规范本市地方立法活动，明确立法权限、立法程序和法规解释等内容。",
    2016,
    D(2016, 2, 26),
    first=D(2016, 4, 28),
    second=D(2016, 6, 29),
    approved=D(2016, 7, 29),
    promulgated=D(2016, 8, 10),
    in_force=D(2016, 9, 1),
)

STORIES_2024 = (
    Story(
        RED_SITES.title,
        RegulationKind.NEW,
        "教育科学文化卫生委员会",
        "左权县红色文化遗址占全市总数近一半。条例着力破解遗址保护管理体系不够完善、部分"
        "遗址场馆展陈质量不高、时代价值有待发掘凝练等问题。",
        2024,
        D(2024, 2, 5),
        first=D(2024, 2, 28),
        second=D(2024, 4, 25),
        approved=D(2024, 5, 30),
        promulgated=D(2024, 6, 12),
        in_force=D(2024, 7, 1),
        spec=RED_SITES,
        consultation_opens=D(2024, 3, 4),
    ),
    Story(
        WATER_SOURCES.title,
        RegulationKind.NEW,
        "城乡建设环境与资源保护委员会",
        "对水源地确定和保护区划定、保护措施、监督管理、法律责任等作出细化规定。",
        2024,
        D(2024, 2, 5),
        first=D(2024, 4, 25),
        second=D(2024, 6, 27),
        approved=D(2024, 7, 31),
        promulgated=D(2024, 8, 9),
        in_force=D(2024, 10, 1),
        spec=WATER_SOURCES,
        consultation_opens=D(2024, 5, 6),
    ),
    Story(
        WASTE_SORTING.title,
        RegulationKind.NEW,
        "城乡建设环境与资源保护委员会",
        "落实市委关于积极开展生活垃圾治理领域立法的要求，调整立法计划后列入。推动建立"
        "生活垃圾分类投放、收集、运输、处理系统。",
        2024,
        D(2024, 5, 20),  # 及时调整立法计划: added to the year's plan in May
        first=D(2024, 8, 29),
        second=D(2024, 10, 30),
        approved=D(2024, 11, 28),
        promulgated=D(2024, 12, 10),
        in_force=D(2025, 3, 1),
        spec=WASTE_SORTING,
        consultation_opens=D(2024, 9, 3),
    ),
    Story(
        LAWMAKING_REVISION.title,
        RegulationKind.REVISION,
        "法制委员会",
        "对照新修正的立法法、山西省地方立法条例全面修订，修改条文数量超过原法规条文总数的80%。",
        2024,
        D(2024, 2, 5),
        first=D(2024, 10, 30),
        second=D(2024, 12, 26),
        approved=D(2025, 2, 27),
        promulgated=D(2025, 3, 12),
        in_force=D(2025, 5, 1),
        spec=LAWMAKING_REVISION,
        consultation_opens=D(2024, 11, 4),
    ),
)


def _stories_now(today: datetime.date) -> tuple[Story, Story]:
    """The 2025 plan's two regulations: the mask rules read once and open for comment from
    ten days ago, the beef craft regulation still being drafted."""
    planned = min(D(2025, 2, 14), today - 120 * DAY)
    first = today - 12 * DAY
    masks = Story(
        MASKS.title,
        RegulationKind.NEW,
        "社会建设委员会",
        "规范餐饮从业人员佩戴口罩行为，预防和减少食源性疾病。",
        2025,
        planned,
        first=first,
        spec=MASKS,
        consultation_opens=today - 10 * DAY,
    )
    beef = Story(
        BEEF_CRAFT.title,
        RegulationKind.NEW,
        "教育科学文化卫生委员会",
        "传承保护平遥牛肉传统加工技艺，促进相关产业高质量发展。",
        2025,
        planned,
        spec=BEEF_CRAFT,
    )
    return masks, beef


# --- clear and build --------------------------------------------------------------------------


def clear() -> None:
    city = Congress.objects.filter(code=CITY_CODE).first()
    if city is None:
        return
    types = ContentType.objects.get_for_models(
        Regulation, Consultation, Opinion, TopicSolicitation
    ).values()
    Event.objects.filter(congress=city, content_type__in=types).purge_demo()
    Deadline.objects.filter(congress=city, content_type__in=types).delete()
    TopicAnswer.objects.filter(topic__solicitation__congress=city).delete()
    AgendaTopic.objects.filter(solicitation__congress=city).delete()
    TopicSolicitation.objects.filter(congress=city).delete()
    Opinion.objects.filter(congress=city).delete()
    Consultation.objects.filter(congress=city).delete()
    # Children before parents, so that the self-reference needs no cascade walk.
    nodes = DraftNode.objects.filter(version__congress=city)
    for kind in (NodeKind.ITEM, NodeKind.PARAGRAPH, NodeKind.ARTICLE):
        nodes.filter(kind=kind).delete()
    nodes.delete()
    DraftVersion.objects.filter(congress=city).delete()
    StageDocument.objects.filter(regulation__congress=city).delete()
    regulations = Regulation.objects.filter(congress=city)
    regulations.filter(of_regulation__isnull=False).delete()
    regulations.delete()


def build(*, today: datetime.date, stdout: Writer) -> None:
    b = _Builder(today=today)
    original = b.regulation(ORIGINAL_LAWMAKING)
    for story in STORIES_2024:
        b.regulation_with_drafts(
            story, of_regulation=original if story.spec is LAWMAKING_REVISION else None
        )
    for story in _stories_now(today):
        b.regulation_with_drafts(story)
    b.topic_solicitations()
    b.flush()
    year = Opinion.objects.filter(congress=b.city, submitted_at__year=2024)
    stdout.write(
        f"Legislation: {Regulation.objects.filter(congress=b.city).count()} regulations, "
        f"{DraftVersion.objects.filter(congress=b.city).count()} draft versions, "
        f"{year.count()} opinions on drafts in 2024 "
        f"({year.filter(state__in=(OpinionState.ADOPTED, OpinionState.PARTLY_ADOPTED)).count()}"
        " adopted in whole or part).\n"
    )


# --- the second-reading draft -------------------------------------------------------------------


def second_reading_text(spec: DraftSpec) -> tuple[str, dict[Change, int | None]]:
    """The second-reading draft: the first with the changes made and the articles numbered
    anew; and the number each change's article has in it (None: the article was deleted)."""
    draft = parse_text(spec.text)
    changes = {change.article: change for change in spec.changes}
    assert len(changes) == len(spec.changes), "one change per article"
    made: dict[Change, int | None] = {}
    number = 0

    def numbered(article: Article) -> Article:
        nonlocal number
        number += 1
        article.number = number
        article.label = article.usual_label()
        return article

    def rebuild(children: list[Division | Article]) -> list[Division | Article]:
        kept: list[Division | Article] = []
        for child in children:
            if isinstance(child, Division):
                child.children = rebuild(child.children)
                kept.append(child)
                continue
            change = changes.get(child.number)
            if change is None or change.op == "insert":
                kept.append(numbered(child))
            if change is None:
                continue
            if change.op == "delete":
                made[change] = None
            else:
                kept.append(numbered(_article(change.text)))
                made[change] = number
        return kept

    draft.children = rebuild(draft.children)
    draft.title = draft.title.replace("草案", "草案修改稿")
    return to_text(draft), made


def _article(text: str) -> Article:
    """An article from its wording, paragraphs and items one a line."""
    lines = text.split("\n")
    return parse_text("第一条\u3000" + "\n\u3000\u3000".join(lines)).articles()[0]


class _Builder(OpinionWriter):
    def __init__(self, *, today: datetime.date) -> None:
        self.rng = random.Random(SEED)
        self.people = PeopleFactory(self.rng)
        self.today = today
        self.cal = WorkingCalendar()
        self.city = Congress.objects.get(code=CITY_CODE)
        users = list(User.objects.filter(congress=self.city).order_by("username"))
        self.users = {u.username: u for u in users}
        self.staff = self.users["staff"]
        self.deputies = [u for u in users if u.role == "deputy" and u.deputy_id]
        self.bodies = {b.name: b for b in Body.objects.filter(congress=self.city)}
        points = list(
            LegislativeContactPoint.objects.filter(congress=self.city, closed_on__isnull=True)
            .select_related("area")
            .order_by("pk")
        )
        collection: dict[int, list[CollectionPoint]] = {}
        for cp in CollectionPoint.objects.filter(contact_point__in=points).order_by("pk"):
            collection.setdefault(cp.contact_point_id, []).append(cp)
        operators: dict[int, User] = {}
        for u in users:  # the demo account operates its station; else the station's first user
            if (
                u.role == "station"
                and u.station_id
                and (u.username == "station" or u.station_id not in operators)
            ):
                operators[u.station_id] = u
        self.points = [
            _Point(p, p.area.region if p.area else CITY, operators[p.station_id], collection[p.pk])
            for p in points
            if p.station_id in operators
        ]
        self.ct: dict[type[Model], ContentType] = {
            model: ContentType.objects.get_for_model(model)
            for model in (Regulation, Consultation, Opinion, TopicSolicitation)
        }
        self.events: list[Event] = []
        self.deadlines: list[Deadline] = []
        self.demo_deputy_heard = False

    # -- helpers ----------------------------------------------------------------------------

    def flush(self) -> None:
        Deadline.objects.bulk_create(self.deadlines, batch_size=500)
        self.events.sort(key=lambda e: (e.at, e.object_id))
        Event.objects.bulk_create(self.events, batch_size=1000)

    # -- regulations and their drafts ----------------------------------------------------------

    def regulation(self, story: Story, of_regulation: Regulation | None = None) -> Regulation:
        """The regulation at the last stage its story reached by today, with an event a stage."""
        reached: list[tuple[RegulationState, str, datetime.date]] = []
        dates = story.stage_dates()
        for state, action in STAGE_ACTIONS:
            day = dates[state]
            if day is None or day > self.today:
                break
            reached.append((state, action, day))
        row = Regulation.objects.create(
            congress=self.city, title=story.title, kind=story.kind, of_regulation=of_regulation,
            plan_year=story.plan_year, drafting_body=self.bodies[story.body],
            summary=story.summary, state=reached[-1][0] if reached else R.PLAN,
            planned_on=story.planned,
            **{STAGE_DATE_FIELDS[state]: day for state, _, day in reached},
        )  # fmt: skip
        Regulation.objects.filter(pk=row.pk).update(created_at=_at(story.planned, 16))
        self.event(
            row,
            "create",
            _at(story.planned, 16),
            self.staff,
            to_state=R.PLAN,
            data={"date": story.planned.isoformat(), "kind": story.kind},
        )
        previous = R.PLAN
        for state, action, day in reached:
            self.event(
                row,
                action,
                _at(day, 17),
                self.staff,
                from_state=previous,
                to_state=state,
                data={"date": day.isoformat()},
            )
            previous = state
            self.stage_document(row, state, day)
        return row

    def stage_document(self, regulation: Regulation, state: str, day: datetime.date) -> None:
        """The documents the stages leave (说明, 审议结果的报告, 公告), as .docx files."""
        title = STAGE_DOCUMENTS.get(state)
        if title is None:
            return
        title = title.format(title=regulation.title)
        doc = official_document()
        add_paragraph(doc, (title, TITLE_FONT), align=WD_ALIGN_PARAGRAPH.CENTER, size=22)
        add_paragraph(doc, (chinese_date(day), BODY_FONT), align=WD_ALIGN_PARAGRAPH.CENTER)
        add_paragraph(doc, (regulation.summary, BODY_FONT), indent=True)
        name = f"{title}.docx"
        document = StageDocument.objects.create(
            regulation=regulation, stage=state, title=title,
            file=ContentFile(to_bytes(doc), name=f"stage-{state}.docx"), name=name[:200],
            size=0, content_type=DOCX, uploaded_by=self.staff,
        )  # fmt: skip
        StageDocument.objects.filter(pk=document.pk).update(
            size=document.file.size, uploaded_at=_at(day, 17)
        )
        self.event(
            regulation, "add_document", _at(day, 17), self.staff,
            data={"document": document.pk, "stage": state}, comment=title,
        )  # fmt: skip

    def regulation_with_drafts(
        self, story: Story, *, of_regulation: Regulation | None = None
    ) -> None:
        assert story.spec is not None
        regulation = self.regulation(story, of_regulation)
        drafting = story.stage_dates()[R.DRAFTING]
        assert drafting is not None
        if story.first is None:  # still being drafted: the drafting body's text
            day = max(drafting + DAY, min(drafting + 60 * DAY, self.today - 20 * DAY))
            self.version(regulation, story.spec.text, 1, "征求意见稿", R.DRAFTING, day)
            return
        first = self.version(
            regulation, story.spec.text, 1, "一审稿", R.DRAFTING, story.first - 7 * DAY
        )
        assert story.consultation_opens is not None
        if story.second is None:  # open for comment now
            consulted = self.consultation(first, story.consultation_opens, self.today + 20 * DAY)
            self.opinions_now(consulted)
            self.write_opinions(consulted)
            return
        consulted = self.consultation(
            first, story.consultation_opens, story.consultation_opens + 29 * DAY
        )
        text, made = second_reading_text(story.spec)
        revised_on = story.second - 10 * DAY
        second = self.version(regulation, text, 2, "二审稿", R.FIRST_READING, revised_on)
        new_articles = {
            n.number: n for n in DraftNode.objects.filter(version=second, kind=NodeKind.ARTICLE)
        }
        self.opinions_2024(consulted, story.spec, made, new_articles, revised_on)
        self.write_opinions(consulted)

    def version(
        self,
        regulation: Regulation,
        text: str,
        number: int,
        label: str,
        stage: str,
        day: datetime.date,
    ) -> DraftVersion:
        """A version as `import_draft` stores it, imported by staff on the day."""
        draft = parse_text(text)
        assert draft.is_clean, f"{draft.title}: {draft.problems}"
        counts = draft.counts()
        version = DraftVersion.objects.create(
            congress=self.city, regulation=regulation, number=number, title=draft.title,
            label=label, stage=stage, preamble=list(draft.preamble), source_text=text,
            source_format=DraftVersion.SourceFormat.TEXT, imported_by=self.staff,
            imported_at=_at(day, 15), **counts,
        )  # fmt: skip
        store_nodes(version, draft)
        self.event(
            regulation,
            "import_draft",
            _at(day, 15),
            self.staff,
            comment=draft.title,
            data={"version": version.pk, "number": number, **counts},
        )
        return version

    # -- consultations ---------------------------------------------------------------------------

    def consultation(
        self, version: DraftVersion, opens: datetime.date, closes: datetime.date
    ) -> _Consulted:
        """Created the day before it opens; opened to everyone, with a deadline for each
        contact point's station; closed by staff the day after the window ends."""
        closed = closes < self.today
        row = Consultation.objects.create(
            congress=self.city, version=version, title=f"《{version.title}》公开征求意见",
            # The page states the closing date beside the notice; the notice does not repeat it.
            description=CONSULTATION_NOTICE.format(title=version.title),
            opens_on=opens, closes_on=closes,
            state=ConsultationState.CLOSED if closed else ConsultationState.OPEN,
            created_by=self.staff,
        )  # fmt: skip
        Consultation.objects.filter(pk=row.pk).update(created_at=_at(opens - DAY, 16))
        self.event(row, "create", _at(opens - DAY, 16), self.staff, to_state="draft")
        self.event(row, "open", _at(opens, 9), self.staff, from_state="draft", to_state="open")
        closed_at = _at(closes + DAY, 9) if closed else None
        if closed_at is not None:
            self.event(
                row,
                "close",
                closed_at,
                self.staff,
                from_state="open",
                to_state="closed",
                comment=CLOSE_COMMENT,
            )
        url = case_url("consultation", row.pk)
        deadlines = {
            p.point.station_id: self.deadline(
                row,
                f"{STATION_DEADLINE}:{p.point.station_id}",
                STATION_DEADLINE_LABEL,
                {"title": row.title},
                closes,
                url,
                responsible_station_id=p.point.station_id,
                closed_at=closed_at,
            )
            for p in self.points
        }
        articles = list(
            DraftNode.objects.filter(version=version, kind=NodeKind.ARTICLE).order_by("order")
        )
        wording = {
            n.parent_id: n.text
            for n in DraftNode.objects.filter(version=version, kind=NodeKind.PARAGRAPH, number=1)
        }
        return _Consulted(row, articles, wording, deadlines)

    def topic_solicitations(self) -> None:
        """One closed two months ago with answers and a summary, one open until next week."""
        t = self.today
        self.solicitation(
            TOPICS_CLOSED,
            created=t - 75 * DAY,
            deadline=t - 62 * DAY,
            meeting=t - 55 * DAY,
            answering=22,
            closed=True,
        )
        self.solicitation(
            TOPICS_OPEN,
            created=t - 3 * DAY,
            deadline=t + 7 * DAY,
            meeting=t + 14 * DAY,
            answering=6,
            closed=False,
        )

    def solicitation(
        self,
        topics: tuple[tuple[str, str], ...],
        *,
        created: datetime.date,
        deadline: datetime.date,
        meeting: datetime.date,
        answering: int,
        closed: bool,
    ) -> None:
        title = f"{CITY}人大常委会会议（{meeting.year}年{meeting.month}月{meeting.day}日）"
        closed_at = _at(deadline + DAY, 10) if closed else None
        row = TopicSolicitation.objects.create(
            congress=self.city, meeting_title=title, meeting_date=meeting, deadline=deadline,
            description=f"请各位代表围绕以下议题提出意见建议，于{deadline.month}月{deadline.day}日前提交。",
            state=TopicSolicitationState.CLOSED if closed else TopicSolicitationState.OPEN,
            created_by=self.staff, closed_at=closed_at,
        )  # fmt: skip
        TopicSolicitation.objects.filter(pk=row.pk).update(created_at=_at(created, 11))
        agenda = AgendaTopic.objects.bulk_create(
            AgendaTopic(
                solicitation=row, order=i, title=name.format(year=meeting.year), description=desc
            )
            for i, (name, desc) in enumerate(topics, start=1)
        )
        self.event(row, "create", _at(created, 11), self.staff, to_state="open")
        pool = [u for u in self.deputies if u.username not in settings.DEMO_USERNAMES]
        # The demo deputy answered the closed one; the open one waits for them.
        users = self.rng.sample(pool, answering) + ([self.users["deputy"]] if closed else [])
        last = min(deadline, self.today - DAY)
        answers: list[TopicAnswer] = []
        for user in users:
            assert user.deputy_id is not None  # deputies' accounts name their deputyship
            for topic in self.rng.sample(agenda, self.rng.randint(1, min(3, len(agenda)))):
                at = _at(
                    self.day_between(created, last), self.rng.randint(8, 22), self.rng.randrange(60)
                )
                answers.append(TopicAnswer(
                    topic=topic, deputy_id=user.deputy_id, text=self.rng.choice(TOPIC_ANSWERS),
                    answered_at=at,
                ))  # fmt: skip
                self.event(
                    row,
                    "answer",
                    at,
                    user,
                    from_state="open",
                    to_state="open",
                    data={"topic": topic.pk},
                )
        TopicAnswer.objects.bulk_create(answers)
        if closed_at is not None:
            summary = TOPIC_SUMMARY.format(
                deputies=len(users), topics=len(agenda), answers=len(answers)
            )
            TopicSolicitation.objects.filter(pk=row.pk).update(summary=summary)
            self.event(
                row,
                "close",
                closed_at,
                self.staff,
                from_state="open",
                to_state="closed",
                comment=summary[:200],
            )
        self.deadline(
            row,
            "answers",
            ANSWERS_LABEL,
            {"meeting": title},
            deadline,
            case_url("topics", row.pk),
            responsible_role="deputy",
            closed_at=closed_at,
        )
