"""Demo data: filing review of normative documents (备案审查), 2024 and the current year.

2024 (the work report: 备案审查规范性文件8件): eight documents filed and reviewed — the city
government's, three departments', the court's, the procuratorate's and three county standing
committees' — one filed late, one returned for completion and filed again, one with a problem
(a residence requirement for ride-hailing drivers) that the demo handler's unit corrected; the
register (规范性文件数据库) of the documents of earlier years in force, entered in 2024 ("入库
… 工作全部完成"); two citizens' review proposals, one reviewed and answered, one declined as
out of scope; the annual report, heard by the standing committee in February 2025.

The current year has, dated relative to the day the demo is built: filings to register and one
returned to the demo handler's unit, reviews in progress, a correction overdue, a document
before the chair's council (the demo leader's) and a proposal to decide.

Rows and events are written in bulk with the dates of the story, as the actions write them.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import reverse

from renda.core.models import Deadline, Event
from renda.demo import Writer
from renda.demo.filings_play import CASES, TEXTS, Playback, _at, document_text, timezone_day
from renda.demo.places import CITY, CITY_CODE, COUNTIES, UNITS
from renda.filings.actions._common import (
    LABEL_CORRECT,
    LABEL_COUNCIL,
    LABEL_DECIDE,
    LABEL_REFILE,
    LABEL_REGISTER,
    LABEL_REVIEW,
)
from renda.filings.actions.report import default_title
from renda.filings.models import (
    AnnualReport,
    Filing,
    FilingFile,
    Issuer,
    IssuerKind,
    NormativeDocument,
    Review,
    ReviewCheck,
    ReviewKind,
    ReviewProposal,
)
from renda.meetings.models import AgendaItem
from renda.org.models import Congress, HandlingUnit

SEED = "renda-demo-filings"
D = datetime.date


def clear() -> None:
    city = Congress.objects.filter(code=CITY_CODE).first()
    if city is None:
        return
    types = ContentType.objects.get_for_models(*CASES).values()
    Event.objects.filter(congress=city, content_type__in=types).purge_demo()
    Deadline.objects.filter(congress=city, content_type__in=types).delete()
    for row in FilingFile.objects.filter(filing__congress=city):
        row.file.delete(save=False)
    ReviewProposal.objects.filter(congress=city).delete()
    ReviewCheck.objects.filter(review__congress=city).delete()
    Review.objects.filter(congress=city).delete()
    FilingFile.objects.filter(filing__congress=city).delete()
    Filing.objects.filter(congress=city).delete()
    AnnualReport.objects.filter(congress=city).delete()
    NormativeDocument.objects.filter(congress=city).delete()
    Issuer.objects.filter(congress=city).delete()


def build(*, today: datetime.date, stdout: Writer) -> None:
    city = Congress.objects.get(code=CITY_CODE)
    b = _Build(rng=random.Random(SEED), today=today, city=city)
    b.issuers()
    b.register_of_earlier_years()
    for case in TEXTS["FILED_2024"]:
        b.filing_2024(case)
    b.proposals_2024()
    b.report_2024()
    for case in TEXTS["CURRENT"]:
        b.current(case)
    b.proposal_current()
    b.flush()
    stdout.write(
        f"Filing review: {len(b.docs)} documents in the register, "
        f"{Filing.objects.filter(congress=city).count()} filings, "
        f"{Review.objects.filter(congress=city).count()} reviews.\n"
    )


@dataclass
class _Build(Playback):
    def issuers(self) -> None:
        kinds = {
            "government": IssuerKind.GOVERNMENT,
            "supervisory": IssuerKind.SUPERVISORY,
            "court": IssuerKind.COURT,
            "procuratorate": IssuerKind.PROCURATORATE,
            "department": IssuerKind.DEPARTMENT,
        }
        units = {u.name: u for u in HandlingUnit.objects.filter(congress=self.city)}
        rows = [
            Issuer(
                congress=self.city,
                name=f"{CITY}{name}",
                kind=kinds[kind],
                unit=units[f"{CITY}{name}"],
            )
            for name, _short, _stem, kind in UNITS
        ]
        counties = {c.region: c for c in Congress.objects.filter(parent=self.city)}
        for county in COUNTIES:
            lower = counties[county.name]
            rows.append(
                Issuer(
                    congress=self.city,
                    name=f"{county.name}人民代表大会",
                    kind=IssuerKind.COUNTY_CONGRESS,
                    lower_congress=lower,
                )
            )
            rows.append(
                Issuer(
                    congress=self.city,
                    name=f"{county.name}人大常委会",
                    kind=IssuerKind.COUNTY_COMMITTEE,
                    lower_congress=lower,
                )
            )
        Issuer.objects.bulk_create(rows)
        for issuer in rows:
            self.by_name[issuer.name.removeprefix(CITY)] = issuer

    def _document(
        self,
        issuer: Issuer,
        number: str,
        title: str,
        c: dict[str, Any],
        published: datetime.date,
        registered: datetime.datetime,
    ) -> NormativeDocument:
        effective = published + datetime.timedelta(days=30)
        doc = NormativeDocument.objects.create(
            congress=self.city,
            issuer=issuer,
            number=number,
            title=title,
            issued_on=published - datetime.timedelta(days=self.rng.randrange(1, 6)),
            published_on=published,
            effective_on=effective,
            text=document_text(title, c, effective, self.rng.randrange(2, 5)),
            registered_at=registered,
            registered_by=self.staff,
        )
        self.docs[title] = doc
        return doc

    def register_of_earlier_years(self) -> None:
        """入库: documents in force from 2019 to 2023, entered in the first half of 2024."""
        entries: list[tuple[Issuer, str, str, dict[str, Any]]] = []
        for name, prefix, docs in TEXTS["HISTORIC"]:
            for title, purpose, basis, scope, who, duty in docs:
                c = {"purpose": purpose, "basis": basis, "scope": scope, "who": who, "duty": duty}
                entries.append((self.by_name[name], prefix, title, c))
        for county in COUNTIES:
            prefix = ("社" if county.name == "榆社县" else county.name[0]) + "人常发"
            for template in TEXTS["COUNTY_HISTORIC"]:
                title, purpose, basis, scope, who, duty = (
                    t.format(county=county.name) for t in template
                )
                if not title.startswith(county.name):
                    title = f"{county.name}人大常委会{title}"
                c = {"purpose": purpose, "basis": basis, "scope": scope, "who": who, "duty": duty}
                entries.append((self.by_name[f"{county.name}人大常委会"], prefix, title, c))
        serials: dict[tuple[str, int], int] = {}
        for issuer, prefix, title, c in entries:
            year = self.rng.randrange(2019, 2024)
            serials[(prefix, year)] = serials.get((prefix, year), 0) + self.rng.randrange(1, 6)
            number = f"{prefix}〔{year}〕{serials[(prefix, year)]}号"
            published = D(year, self.rng.randrange(1, 13), self.rng.randrange(1, 28))
            entered = D(2024, self.rng.randrange(1, 7), self.rng.randrange(1, 28))
            at = _at(entered, 9 + self.rng.randrange(8), self.rng.randrange(60))
            doc = self._document(issuer, number, title, c, published, at)
            self.event(doc, "register", self.staff, at)

    # --- filings ---------------------------------------------------------------------------
    def filing_2024(self, c: dict[str, Any]) -> None:
        issuer = self.by_name[c["issuer"]]
        published = D.fromisoformat(c["published"])
        filed_day = D.fromisoformat(c["filed"])
        filing = self._filing(
            c,
            issuer,
            c["number"],
            published,
            _at(filed_day, 15),
            skip="explanation" if c.get("returned") else "",
        )
        day = self.cal.add_working_days(filed_day, 2)
        if c.get("returned"):
            self.event(
                filing,
                "return",
                self.staff,
                _at(day, 11),
                from_state="filed",
                to_state="returned",
                comment=c["returned"],
            )
            refiled = self.cal.add_working_days(day, 4)
            explanation = f"关于《{filing.title}》的起草说明\n制定依据：{c['basis']}。".encode()
            row = FilingFile(
                filing=filing,
                purpose="explanation",
                name="起草说明.txt",
                size=len(explanation),
                content_type="text/plain",
                uploaded_by=filing.filed_by,
            )
            row.file.save("起草说明.txt", ContentFile(explanation), save=False)
            row.save()
            self.event(
                filing,
                "refile",
                filing.filed_by,
                _at(refiled, 10),
                from_state="returned",
                to_state="filed",
                comment="已补充起草说明。",
                data={"files": ["explanation"]},
            )
            day = self.cal.add_working_days(refiled, 2)
        review = self._register(filing, _at(day, 16))
        problem = c.get("problem")
        checked = self.cal.add_working_days(day, 10)
        self._checks(review, checked, problem)
        concluded = self.cal.add_working_days(checked, 3)
        self._conclude(review, _at(concluded, 16), problem)
        if problem is None:
            return
        opinion_day = self.cal.add_working_days(concluded, 4)
        self._opinion(review, _at(opinion_day, 10), problem)
        reported = D(2024, 7, 26)
        handler = self.users["handler"]
        Review.objects.filter(pk=review.pk).update(
            state="verifying",
            correction_kind="amended",
            correction_text=problem["correction"],
            correction_number=problem["correction_number"],
            correction_reported_at=_at(reported, 14),
        )
        self.event(
            review, "report_correction", handler, _at(reported, 14), from_state="correcting",
            to_state="verifying", comment=problem["correction"],
            data={"kind": "amended", "number": problem["correction_number"]},
        )  # fmt: skip
        verified = self.cal.add_working_days(reported, 5)
        Review.objects.filter(pk=review.pk).update(state="corrected", closed_at=_at(verified, 11))
        self.event(
            review,
            "verify",
            self.staff,
            _at(verified, 11),
            from_state="verifying",
            to_state="corrected",
            data={"accepted": True},
        )
        doc = review.document
        NormativeDocument.objects.filter(pk=doc.pk).update(
            status="amended", status_changed_on=verified
        )
        self.event(
            doc,
            "status",
            self.staff,
            _at(verified, 11),
            comment=problem["correction_number"],
            data={"status": "amended", "by": None},
        )

    # --- review proposals and the annual report of 2024 -------------------------------------

    def proposals_2024(self) -> None:
        for c in TEXTS["PROPOSALS_2024"]:
            submitted = _at(D.fromisoformat(c["submitted"]), 20, 15)
            doc = self.docs.get(c.get("document", ""))
            p = ReviewProposal.objects.create(
                congress=self.city,
                receipt_code=_receipt(self.rng),
                proposer_name=c["name"],
                phone=c["phone"],
                document=doc,
                document_named=c.get("document_named", ""),
                reasons=c["reasons"],
                submitted_at=submitted,
            )
            self.event(
                p, "submit", None, submitted, to_state="submitted",
                data={"document": doc.pk if doc else None},
            )  # fmt: skip
            decided_day = self.cal.add_working_days(timezone_day(submitted), 4)
            decided = _at(decided_day, 10)
            if "decline" in c:
                ReviewProposal.objects.filter(pk=p.pk).update(
                    state="declined", answer=c["decline"], answered_at=decided
                )
                self.event(
                    p, "decline", self.staff, decided, from_state="submitted",
                    to_state="declined", comment=c["decline"],
                )  # fmt: skip
                continue
            assert doc is not None
            self.event(
                p, "accept", self.staff, decided, from_state="submitted", to_state="accepted",
                data={"document": doc.pk},
            )  # fmt: skip
            review = self._open(doc, ReviewKind.REQUEST, decided)
            checked = self.cal.add_working_days(decided_day, 12)
            self._checks(review, checked)
            concluded = _at(self.cal.add_working_days(checked, 2), 15)
            Review.objects.filter(pk=review.pk).update(
                state="no_problem", summary=c["summary"], concluded_at=concluded,
                closed_at=concluded,
            )  # fmt: skip
            self.event(
                review, "conclude", self.staff, concluded, from_state="reviewing",
                to_state="no_problem", comment=c["summary"],
            )  # fmt: skip
            answered = _at(self.cal.add_working_days(timezone_day(concluded), 3), 10)
            ReviewProposal.objects.filter(pk=p.pk).update(
                state="answered", review=review, answer=c["answer"], answered_at=answered
            )
            self.event(
                p, "answer", self.staff, answered, from_state="accepted", to_state="answered",
                comment=c["answer"],
            )  # fmt: skip

    def report_2024(self) -> None:
        r = TEXTS["REPORT_2024"]
        drafted = _at(D.fromisoformat(r["drafted"]), 9)
        heard = D.fromisoformat(r["heard_on"])
        report = AnnualReport.objects.create(
            congress=self.city,
            year=2024,
            title=default_title(self.city, 2024),
            state="heard",
            created_at=drafted,
            created_by=self.staff,
            submitted_at=_at(D.fromisoformat(r["submitted"]), 10),
            heard_on=heard,
            meeting_note=r["meeting"],
        )
        self.event(report, "draft", self.staff, drafted, to_state="draft")
        self.event(
            report, "submit", self.staff, report.submitted_at or drafted, from_state="draft",
            to_state="submitted",
        )  # fmt: skip
        self.event(
            report, "record_hearing", self.staff, _at(heard, 17), from_state="submitted",
            to_state="heard", comment=r["meeting"], data={"heard_on": heard.isoformat()},
        )  # fmt: skip
        # The meeting that heard it (the meetings module built its agenda) takes it up.
        AgendaItem.objects.filter(
            meeting__congress=self.city, meeting__start_date=heard, kind="filing_report"
        ).update(case_type=ContentType.objects.get_for_model(AnnualReport), case_id=report.pk)

    # --- the current year's open work ------------------------------------------------------

    def current(self, c: dict[str, Any]) -> None:
        issuer = self.by_name[c["issuer"]]
        filed_day = self.today - datetime.timedelta(days=c["days"])
        published = filed_day - datetime.timedelta(days=40 if c.get("late") else 10)
        prefix = _prefix(issuer, self.by_name)
        number = f"{prefix}〔{filed_day.year}〕{c['number_tail']}"
        step = c["step"]
        filing = self._filing(
            c, issuer, number, published, _at(filed_day, 15), text=step != "returned"
        )
        url = reverse("filings:filing", args=[filing.pk])
        if step == "filed":
            due = self.cal.add_working_days(
                filed_day, self.city.setting("filing_register_working_days")
            )
            self.deadline(filing, "register", LABEL_REGISTER, due, url, filing.title, role="staff")
            return
        day = self.cal.add_working_days(filed_day, 2)
        if step == "returned":
            Filing.objects.filter(pk=filing.pk).update(state="returned", return_reason=c["reason"])
            self.event(
                filing, "return", self.staff, _at(day, 11), from_state="filed",
                to_state="returned", comment=c["reason"],
            )  # fmt: skip
            due = self.cal.add_working_days(day, self.city.setting("filing_refile_working_days"))
            self.deadline(filing, "refile", LABEL_REFILE, due, url, filing.title, unit=issuer.unit)
            return
        review = self._register(filing, _at(day, 16))
        review_url = reverse("filings:review", args=[review.pk])
        checked = self.cal.add_working_days(day, 8)
        if step == "reviewing":
            if c["checks"]:
                self._checks(review, checked, aspects=c["checks"])
            assert review.due_date is not None
            self.deadline(
                review,
                "review",
                LABEL_REVIEW,
                review.due_date,
                review_url,
                filing.title,
                role="staff",
            )
            return
        problem = c.get("problem")
        self._checks(review, checked, problem)
        concluded = self.cal.add_working_days(checked, 3)
        self._conclude(review, _at(concluded, 16), problem)
        if problem is None:
            return
        opinion_day = self.cal.add_working_days(concluded, 4)
        due = self._opinion(review, _at(opinion_day, 10), problem)
        owner: dict[str, Any] = (
            {"unit": issuer.unit} if issuer.unit_id else {"user": filing.filed_by}
        )
        if step == "correcting":
            self.deadline(review, "correct", LABEL_CORRECT, due, review_url, filing.title, **owner)
            return
        referred = due + datetime.timedelta(days=14)
        Review.objects.filter(pk=review.pk).update(
            state="referred", council_note=problem["council"], referred_at=_at(referred, 10)
        )
        self.event(
            review, "refer", self.staff, _at(referred, 10), from_state="correcting",
            to_state="referred", comment=problem["council"],
        )  # fmt: skip
        council_due = self.cal.add_working_days(
            referred, self.city.setting("filing_council_working_days")
        )
        self.deadline(
            review, "council", LABEL_COUNCIL, council_due, review_url, filing.title, role="leader"
        )

    def proposal_current(self) -> None:
        c = TEXTS["PROPOSAL_CURRENT"]
        day = self.today - datetime.timedelta(days=c["days"])
        doc = self.docs[c["document"]]
        p = ReviewProposal.objects.create(
            congress=self.city,
            receipt_code=_receipt(self.rng),
            proposer_name=c["name"],
            phone=c["phone"],
            document=doc,
            reasons=c["reasons"],
            submitted_at=_at(day, 21, 40),
        )
        self.event(
            p, "submit", None, p.submitted_at, to_state="submitted", data={"document": doc.pk}
        )
        due = self.cal.add_working_days(day, self.city.setting("proposal_decide_working_days"))
        url = reverse("filings:proposal", args=[p.pk])
        self.deadline(p, "decide", LABEL_DECIDE, due, url, doc.title, role="staff")


def _prefix(issuer: Issuer, by_name: dict[str, Issuer]) -> str:
    """A document number's prefix (发文字号) for a body of the current year's filings."""
    for name, prefix, _docs in TEXTS["HISTORIC"]:
        if by_name[name].pk == issuer.pk:
            return str(prefix)
    if issuer.kind in (IssuerKind.COUNTY_COMMITTEE, IssuerKind.COUNTY_CONGRESS):
        county = issuer.name[: issuer.name.index("人")]
        return ("社" if county == "榆社县" else county[0]) + "人常发"
    return "晋中发"


def _receipt(rng: random.Random) -> str:
    import base64

    return base64.b32encode(rng.randbytes(10)).decode("ascii")
