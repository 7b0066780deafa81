"""Demo data, filing review: how a filing, its review and its documents are played into the
rows and events the actions would have written (in bulk, with the story's dates, the
congress's deadline lengths and the actions' deadline labels)."""

from __future__ import annotations

import datetime
import random
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models

from renda.accounts.models import User
from renda.core.calendar import WorkingCalendar, add_months
from renda.core.models import Deadline, Event
from renda.core.officialdoc import BODY_FONT, TITLE_FONT, add_paragraph, official_document, to_bytes
from renda.demo.data import load
from renda.demo.places import CITY, HANDLER_UNIT
from renda.filings.models import (
    AnnualReport,
    Aspect,
    Filing,
    FilingFile,
    Issuer,
    NormativeDocument,
    Review,
    ReviewCheck,
    ReviewKind,
    ReviewProposal,
)
from renda.org.models import Congress

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
TEXTS = load("filing", {})
CASES = (Filing, Review, ReviewProposal, AnnualReport, NormativeDocument)
KINDS = (
    "实施细则",
    "实施意见",
    "实施办法",
    "指导意见",
    "办法",
    "规定",
    "细则",
    "意见",
    "决定",
    "决议",
)


def _at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def timezone_day(at: datetime.datetime) -> datetime.date:
    return at.astimezone(TZ).date()


def document_text(title: str, c: dict[str, Any], effective: datetime.date, n_middle: int) -> str:
    """A normative document's text in the usual shape: purpose and basis, scope, who is
    responsible, a few common provisions, entry into force."""
    kind = next((k for k in KINDS if title.endswith(k)), "规定")
    fields = {"kind": kind, **c}
    lines = [
        title,
        TEXTS["ARTICLE_OPENING"].format(**fields),
        TEXTS["ARTICLE_SCOPE"].format(**fields),
        TEXTS["ARTICLE_DUTY"].format(**fields),
    ]
    for i, line in enumerate(TEXTS["ARTICLE_MIDDLE"][:n_middle], start=4):
        lines.append(line.format(n=_numeral(i), **fields))
    day = f"{effective.year}年{effective.month}月{effective.day}日"
    lines.append(TEXTS["ARTICLE_LAST"].format(n=_numeral(4 + n_middle), date=day, **fields))
    return "\n".join(lines)


def _numeral(n: int) -> str:
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    return (
        (digits[tens] if tens > 1 else "") + ("十" if tens else "") + (digits[ones] if ones else "")
    )


def _docx(title: str, body: str) -> bytes:
    doc = official_document()
    add_paragraph(doc, (title, TITLE_FONT), size=18)
    for line in body.splitlines():
        add_paragraph(doc, (line, BODY_FONT), indent=True)
    return to_bytes(doc)


@dataclass
class Playback:
    """The demo's rows and events, written as the filing-review actions write them."""

    rng: random.Random
    today: datetime.date
    city: Congress
    cal: WorkingCalendar = field(default_factory=WorkingCalendar)
    by_name: dict[str, Issuer] = field(default_factory=dict)
    docs: dict[str, NormativeDocument] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)

    def __post_init__(self) -> None:
        users = User.objects.filter(congress=self.city, username__in=("staff", "leader", "handler"))
        self.users = {u.username: u for u in users}
        self.staff = self.users["staff"]
        self.cts = ContentType.objects.get_for_models(*CASES)

    # --- rows and events as the actions write them ----------------------------------------
    def event(
        self,
        case: models.Model,
        action: str,
        actor: User | None,
        at: datetime.datetime,
        *,
        from_state: str = "",
        to_state: str = "",
        comment: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        self.events.append(
            Event(
                congress=self.city,
                content_type=self.cts[type(case)],
                object_id=case.pk,
                action=action,
                from_state=from_state,
                to_state=to_state,
                actor=actor,
                at=at,
                comment=comment,
                data=data or {},
            )
        )

    def deadline(
        self,
        case: models.Model,
        kind: str,
        label: str,
        due: datetime.date,
        url: str,
        title: str,
        **who: Any,
    ) -> None:
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
                responsible_user=who.get("user"),
                responsible_unit=who.get("unit"),
                responsible_role=who.get("role", ""),
            )
        )

    def flush(self) -> None:
        Event.objects.bulk_create(sorted(self.events, key=lambda e: e.at), batch_size=1000)
        Deadline.objects.bulk_create(self.deadlines)

    def _filer(self, issuer: Issuer) -> User:
        """Who files for a body: the demo handler for its unit, another unit's first officer,
        or the city's staff on a county's behalf (the counties have no accounts here)."""
        if issuer.unit is None:
            return self.staff
        if issuer.unit.name.endswith(HANDLER_UNIT):
            return self.users["handler"]
        officer = User.objects.filter(unit_id=issuer.unit_id).order_by("username").first()
        return officer or self.staff

    def _files(self, filing: Filing, c: dict[str, Any], uploader: User, *, skip: str = "") -> None:
        text_docx = _docx(filing.title, filing.text or filing.title)
        report = (
            f"关于报送《{filing.title}》的备案报告\n{CITY}人大常委会：\n"
            f"现将《{filing.title}》（{filing.number}）报送备案，请予审查。"
        )
        explanation = (
            f"关于《{filing.title}》的起草说明\n一、制定的必要性：{c['purpose']}。\n"
            f"二、制定依据：{c['basis']}。"
        )
        parts = {
            "report": ("备案报告.txt", report.encode()),
            "official": ("正式文本.docx", text_docx),
            "explanation": ("起草说明.txt", explanation.encode()),
            "electronic": ("电子文本.docx", text_docx),
        }
        rows = []
        for purpose, (name, data) in parts.items():
            if purpose == skip:
                continue
            row = FilingFile(
                filing=filing,
                purpose=purpose,
                name=name,
                size=len(data),
                content_type="text/plain"
                if name.endswith(".txt")
                else "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                uploaded_by=uploader,
            )
            row.file.save(name, ContentFile(data), save=False)
            rows.append(row)
        FilingFile.objects.bulk_create(rows)

    def _filing(
        self,
        c: dict[str, Any],
        issuer: Issuer,
        number: str,
        published: datetime.date,
        filed: datetime.datetime,
        *,
        text: bool = True,
        skip: str = "",
    ) -> Filing:
        filer = self._filer(issuer)
        due = published + datetime.timedelta(days=self.city.setting("filing_days"))
        late = timezone_day(filed) > due
        effective = published + datetime.timedelta(days=30)
        filing = Filing.objects.create(
            congress=self.city,
            issuer=issuer,
            number=number,
            title=c["title"],
            issued_on=published - datetime.timedelta(days=2),
            published_on=published,
            effective_on=effective,
            text=document_text(c["title"], c, effective, 3) if text else "",
            filed_at=filed,
            filed_by=filer,
            due_date=due,
            late=late,
        )
        self._files(filing, c, filer, skip=skip)
        self.event(
            filing,
            "file",
            filer,
            filed,
            to_state="filed",
            data={"late": late, "due": due.isoformat()},
        )
        return filing

    def _register(self, filing: Filing, at: datetime.datetime) -> Review:
        """登记: the document enters the register and its active review opens."""
        Filing.objects.filter(pk=filing.pk).update(state="registered", registered_at=at)
        self.event(filing, "register", self.staff, at, from_state="filed", to_state="registered")
        doc = NormativeDocument.objects.create(
            congress=self.city,
            issuer=filing.issuer,
            number=filing.number,
            title=filing.title,
            issued_on=filing.issued_on,
            published_on=filing.published_on,
            effective_on=filing.effective_on,
            text=filing.text,
            registered_at=at,
            registered_by=self.staff,
        )
        self.docs[doc.title] = doc
        Filing.objects.filter(pk=filing.pk).update(document=doc)
        self.event(doc, "register", self.staff, at, data={"filing": filing.pk})
        return self._open(doc, ReviewKind.ACTIVE, at, filing=filing)

    def _open(
        self,
        doc: NormativeDocument,
        kind: str,
        at: datetime.datetime,
        *,
        filing: Filing | None = None,
    ) -> Review:
        review = Review.objects.create(
            congress=self.city,
            document=doc,
            kind=kind,
            filing=filing,
            opened_at=at,
            due_date=add_months(timezone_day(at), self.city.setting("filing_review_months")),
        )
        self.event(
            review, "open", self.staff, at, to_state="reviewing",
            data={"kind": kind, "filing": filing.pk if filing else None},
        )  # fmt: skip
        return review

    def _checks(
        self,
        review: Review,
        day: datetime.date,
        problem: dict[str, Any] | None = None,
        aspects: list[str] | None = None,
    ) -> None:
        rows = []
        for i, aspect in enumerate(aspects if aspects is not None else Aspect.values):
            bad = problem is not None and problem["aspect"] == aspect
            at = _at(day, 9 + i)
            rows.append(
                ReviewCheck(
                    review=review,
                    aspect=aspect,
                    result="problem" if bad else "ok",
                    note=problem["note"] if bad and problem else "",
                    checked_by=self.staff,
                    checked_at=at,
                )
            )
            self.event(
                review, "record_check", self.staff, at, from_state="reviewing",
                to_state="reviewing", data={"aspect": aspect, "result": "problem" if bad else "ok"},
            )  # fmt: skip
        ReviewCheck.objects.bulk_create(rows)

    def _conclude(
        self, review: Review, at: datetime.datetime, problem: dict[str, Any] | None
    ) -> None:
        summary = problem["summary"] if problem else TEXTS["NO_PROBLEM_SUMMARY"]
        state = "problem" if problem else "no_problem"
        Review.objects.filter(pk=review.pk).update(
            state=state, summary=summary, concluded_at=at, closed_at=None if problem else at
        )
        self.event(
            review,
            "conclude",
            self.staff,
            at,
            from_state="reviewing",
            to_state=state,
            comment=summary,
        )

    def _opinion(
        self, review: Review, at: datetime.datetime, problem: dict[str, Any]
    ) -> datetime.date:
        due = add_months(timezone_day(at), self.city.setting("filing_correction_months"))
        Review.objects.filter(pk=review.pk).update(
            state="correcting", opinion=problem["opinion"], opinion_sent_at=at, correction_due=due
        )
        self.event(
            review, "send_opinion", self.staff, at, from_state="problem", to_state="correcting",
            comment=problem["opinion"], data={"due": due.isoformat()},
        )  # fmt: skip
        return due
