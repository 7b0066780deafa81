"""What staff download: the annual filing-review report drafted from the year's rows (Word, in
the fixed format of official documents) and the register of normative documents (Excel).

The report is a Chinese official document: its fixed wording is Chinese whatever language the
staff member downloading it uses."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH

from renda.core.officialdoc import (
    BODY_FONT,
    HEADING_FONT,
    SIGNER_FONT,
    TITLE_FONT,
    TITLE_SIZE,
    add_paragraph,
    chinese_date,
    official_document,
    to_bytes,
)
from renda.core.spreadsheets import Column, single_table
from renda.filings.models import (
    AnnualReport,
    CorrectionKind,
    DocumentStatus,
    IssuerKind,
    NormativeDocument,
    ProposalState,
    Review,
    ReviewKind,
    ReviewState,
)
from renda.filings.stats import filings_of, proposals_of, reviews_concluded
from renda.filings.workflow import WITH_PROBLEM

# How the report names each kind of issuing body, in the order it lists them.
ISSUER_GROUPS = (
    ("市人民政府及其部门", (IssuerKind.GOVERNMENT, IssuerKind.DEPARTMENT)),
    ("市监察委员会", (IssuerKind.SUPERVISORY,)),
    ("市中级人民法院", (IssuerKind.COURT,)),
    ("市人民检察院", (IssuerKind.PROCURATORATE,)),
    ("县级人大及其常委会", (IssuerKind.COUNTY_CONGRESS, IssuerKind.COUNTY_COMMITTEE)),
)
REVIEW_KINDS: dict[str, str] = {
    ReviewKind.ACTIVE: "主动审查",
    ReviewKind.REQUEST: "依申请审查",
    ReviewKind.SPECIAL: "专项审查",
    ReviewKind.TRANSFERRED: "移送审查",
}
CORRECTED: dict[str, str] = {CorrectionKind.AMENDED: "修改", CorrectionKind.REPEALED: "废止"}
NUMERALS = "一二三四五六七八九十"


@dataclass
class YearFigures:
    """The year's filing review as the report tells it."""

    filed: int = 0
    late: int = 0
    registered: int = 0
    returned_once: int = 0
    by_group: list[tuple[str, int]] = field(default_factory=list)
    reviewed: int = 0
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    no_problem: int = 0
    with_problem: int = 0
    corrected: int = 0
    open_problems: int = 0
    problems: list[Review] = field(default_factory=list)
    proposals: int = 0
    proposals_accepted: int = 0
    proposals_declined: int = 0
    proposals_answered: int = 0
    register_total: int = 0
    register_in_force: int = 0


def year_figures(congress: Any, year: int) -> YearFigures:
    from renda.core.models import Event

    filings = filings_of(congress, year)
    f = YearFigures()
    f.filed = filings.count()
    f.late = filings.filter(late=True).count()
    f.registered = filings.filter(registered_at__isnull=False).count()
    f.returned_once = (
        Event.objects.filter(congress=congress, action="return", object_id__in=filings.values("pk"))
        .values("object_id")
        .distinct()
        .count()
    )
    kinds = Counter(filings.values_list("issuer__kind", flat=True))
    f.by_group = [(name, sum(kinds[k] for k in group)) for name, group in ISSUER_GROUPS]
    reviews = reviews_concluded(congress, year)
    f.reviewed = reviews.count()
    counted = Counter(reviews.values_list("kind", flat=True))
    f.by_kind = [(REVIEW_KINDS[k], counted[k]) for k in ReviewKind.values]
    f.no_problem = reviews.filter(state=ReviewState.NO_PROBLEM).count()
    problems: QuerySet[Review] = (
        reviews.filter(state__in=WITH_PROBLEM)
        .select_related("document__issuer")
        .prefetch_related("checks")
        .order_by("concluded_at", "id")
    )
    f.problems = list(problems)
    f.with_problem = len(f.problems)
    f.corrected = sum(r.state == ReviewState.CORRECTED for r in f.problems)
    f.open_problems = (
        f.with_problem - f.corrected - sum(r.state == ReviewState.REVOKED for r in f.problems)
    )
    proposals = proposals_of(congress, year)
    f.proposals = proposals.count()
    f.proposals_accepted = proposals.exclude(
        state__in=(ProposalState.SUBMITTED, ProposalState.DECLINED)
    ).count()
    f.proposals_declined = proposals.filter(state=ProposalState.DECLINED).count()
    f.proposals_answered = proposals.filter(
        state__in=(ProposalState.ANSWERED, ProposalState.DECLINED)
    ).count()
    end = datetime.date(year, 12, 31)
    register = NormativeDocument.objects.filter(congress=congress, registered_at__date__lte=end)
    f.register_total = register.count()
    f.register_in_force = register.exclude(
        status__in=(DocumentStatus.REPEALED, DocumentStatus.REVOKED), status_changed_on__lte=end
    ).count()
    return f


def _joined(parts: Iterable[tuple[str, int]]) -> str:
    return "，".join(f"{name}{n}件" for name, n in parts if n)


def _heading(doc: Any, n: int, text: str) -> None:
    add_paragraph(doc, (f"{NUMERALS[n - 1]}、{text}", HEADING_FONT), indent=True)


def _body(doc: Any, text: str) -> None:
    add_paragraph(doc, (text, BODY_FONT), indent=True)


def _problem_paragraph(i: int, r: Review) -> str:
    d = r.document
    found = "；".join(
        f"{c.get_aspect_display()}：{c.note}" for c in r.checks.all() if c.result == "problem"
    )
    text = f"（{NUMERALS[i - 1] if i <= 10 else i}）《{d.title}》（{d.number}，{d.issuer.name}）。"
    text += f"经审查，{found or r.summary}。"
    if r.opinion_sent_at:
        text += f"{chinese_date(timezone.localdate(r.opinion_sent_at))}向制定机关提出书面审查意见"
        if r.correction_due:
            text += f"，要求于{chinese_date(r.correction_due)}前研究处理"
        text += "。"
    if r.state == ReviewState.CORRECTED and r.closed_at:
        how = CORRECTED.get(r.correction_kind, "纠正")
        text += f"制定机关已对该文件予以{how}"
        text += f"（{r.correction_number}）" if r.correction_number else ""
        text += f"，经核实已于{chinese_date(timezone.localdate(r.closed_at))}纠正到位。"
    elif r.state == ReviewState.REVOKED:
        text += f"经常委会会议审议，依法予以撤销（{r.decision_note}）。"
    elif r.state in (ReviewState.REFERRED, ReviewState.REVOCATION_PROPOSED):
        text += "制定机关未按期纠正，已提请主任会议研究处理。"
    else:
        text += "目前正在督促制定机关纠正。"
    return text


def annual_report(report: AnnualReport) -> bytes:
    """年度备案审查工作情况报告 as Word, drafted from the year's rows."""
    congress, year = report.congress, report.year
    f = year_figures(congress, year)
    doc = official_document()
    add_paragraph(doc, (report.title, TITLE_FONT), align=WD_ALIGN_PARAGRAPH.CENTER, size=TITLE_SIZE)
    when = (
        f"（{chinese_date(report.heard_on)}在{report.meeting_note}上）" if report.heard_on else ""
    )
    if when:
        add_paragraph(doc, (when, SIGNER_FONT), align=WD_ALIGN_PARAGRAPH.CENTER)
    add_paragraph(doc, ("", BODY_FONT))
    for paragraph in [p.strip() for p in report.foreword.splitlines() if p.strip()]:
        _body(doc, paragraph)
    if not report.foreword.strip():
        _body(
            doc,
            f"{year}年，常委会认真贯彻落实关于完善和加强备案审查制度的决定，坚持有件必备、"
            "有备必审、有错必纠，切实维护国家法制统一。现将有关情况报告如下：",
        )
    _heading(doc, 1, "规范性文件报备情况")
    line = f"{year}年，常委会共接收报备规范性文件{f.filed}件"
    groups = _joined(f.by_group)
    line += f"，其中{groups}" if groups else ""
    line += f"。依法登记{f.registered}件"
    line += f"，退回补正{f.returned_once}件" if f.returned_once else ""
    line += f"；逾期报备{f.late}件，已督促相关制定机关按时报备。" if f.late else "；均按期报备。"
    _body(doc, line)
    _heading(doc, 2, "规范性文件审查情况")
    line = f"全年审查规范性文件{f.reviewed}件"
    kinds = _joined(f.by_kind)
    line += f"，其中{kinds}" if kinds else ""
    line += (
        f"。围绕合法性、与上位法的一致性和适当性逐件审查，未发现问题{f.no_problem}件，"
        f"发现问题{f.with_problem}件"
    )
    line += f"，已纠正{f.corrected}件。" if f.with_problem else "。"
    _body(doc, line)
    if f.problems:
        _heading(doc, 3, "发现的问题及纠正情况")
        for i, r in enumerate(f.problems, start=1):
            _body(doc, _problem_paragraph(i, r))
        n = 4
    else:
        n = 3
    _heading(doc, n, "审查建议办理情况")
    if f.proposals:
        _body(
            doc,
            f"全年收到公民、组织提出的审查建议{f.proposals}件，立案审查{f.proposals_accepted}件"
            + (f"，不予审查{f.proposals_declined}件" if f.proposals_declined else "")
            + f"，已向建议人反馈{f.proposals_answered}件。",
        )
    else:
        _body(doc, "全年未收到公民、组织提出的审查建议。")
    _heading(doc, n + 1, "规范性文件数据库建设情况")
    _body(
        doc,
        f"截至{year}年底，规范性文件数据库共收录规范性文件{f.register_total}件，"
        f"其中现行有效{f.register_in_force}件，市、县两级人大常委会和“一府一委两院”规范性文件"
        "的入库、审核、发布工作全部完成。",
    )
    _heading(doc, n + 2, "下一步工作")
    _body(
        doc,
        "常委会将继续加大规范性文件备案审查力度，加强能力建设，落实备案审查衔接联动机制，"
        "及时纠正违法和不适当的规范性文件，切实维护法制统一。",
    )
    return to_bytes(doc)


def register_sheet(rows: Iterable[NormativeDocument], *, congress: Any, note: str = "") -> bytes:
    """The register (or the part a filter chose) as one table; `note`: its words were capped
    (engine.listed), said under the title as on the page."""
    columns = [
        Column(_("Document number"), 24),
        Column(_("Title"), 48),
        Column(_("Issuing body"), 24),
        Column(_("Issued on"), 12, is_date=True),
        Column(_("Published on"), 12, is_date=True),
        Column(_("In force from"), 12, is_date=True),
        Column(_("Status"), 12),
    ]
    return single_table(
        sheet=_("Normative documents"),
        title=_("%(congress)s: register of normative documents") % {"congress": congress.name},
        subtitle=_("As of %(date)s") % {"date": timezone.localdate().isoformat()}
        + (f" {note}" if note else ""),
        columns=columns,
        rows=(
            [
                d.number,
                d.title,
                d.issuer.name,
                d.issued_on,
                d.published_on,
                d.effective_on,
                d.get_status_display(),
            ]
            for d in rows
        ),
    )
