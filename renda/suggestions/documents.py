"""The documents staff download: assignment sheets and the year's summary (Excel), reply letters
(Word)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from renda.core.officialdoc import (  # noqa: F401  (the constants are re-exported)
    BODY_FONT,
    BODY_SIZE,
    HEADING_FONT,
    LINE_SPACING,
    NOTE_SIZE,
    SIGNER_FONT,
    TITLE_FONT,
    TITLE_SIZE,
    add_paragraph,
    chinese_date,
    chinese_number,
    official_document,
    to_bytes,
)
from renda.core.spreadsheets import Column, first_sheet, sheet_name, workbook_bytes, write_table
from renda.org.models import Level
from renda.suggestions.models import (
    Assignment,
    Category,
    Evaluation,
    Period,
    Reply,
    Satisfaction,
    Suggestion,
    SuggestionState,
)
from renda.suggestions.workflow import HANDLED, HANDLING

S = SuggestionState
# Replying units before co-handlers: a list of a suggestion's units starts with its lead.
ROLE_ORDER: dict[str, int] = {
    Assignment.Role.SOLE: 0,
    Assignment.Role.LEAD: 0,
    Assignment.Role.SEPARATE: 1,
    Assignment.Role.CO: 2,
}


# --- Excel ---------------------------------------------------------------------------------


def _date(value: datetime.datetime | datetime.date | None) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value)
    return value


def _yes(flag: bool) -> str:
    return _("Yes") if flag else ""


def _delegation(s: Suggestion) -> str:
    d = s.lead_deputy.delegation
    return d.name if d else ""


def assignment_sheet(*, congress: Any, year: int, unit: Any = None) -> bytes:
    """交办清单: one sheet per handling unit (or only `unit`'s), its current assignments."""
    assignments = (
        Assignment.objects.filter(active=True, suggestion__congress=congress, suggestion__year=year)
        .select_related(
            "unit",
            "suggestion__lead_deputy__person",
            "suggestion__lead_deputy__delegation",
        )
        .order_by("unit__name", "unit_id", "suggestion__number", "suggestion_id")
    )
    if unit is not None:
        assignments = assignments.filter(unit=unit)
    by_unit: dict[Any, list[Assignment]] = {unit: []} if unit is not None else {}
    for a in assignments:
        by_unit.setdefault(a.unit, []).append(a)
    columns = [
        Column(_("Number"), 8),
        Column(_("Title"), 40),
        Column(_("Lead deputy"), 12),
        Column(_("Delegation"), 16),
        Column(_("Handling mode"), 14),
        Column(_("Role of this unit"), 12),
        Column(_("Part to handle"), 30),
        Column(_("Assigned on"), 12, is_date=True),
        Column(_("Reply due"), 12, is_date=True),
        Column(_("State"), 12),
        Column(_("Confidential"), 8),
    ]
    title = _("%(congress)s: suggestions assigned in %(year)s") % {
        "congress": congress.name,
        "year": year,
    }
    wb = Workbook()
    wb.remove(first_sheet(wb))
    taken: set[str] = set()
    for handling_unit, rows in by_unit.items():
        ws = wb.create_sheet(sheet_name(handling_unit.name, taken))
        write_table(
            ws,
            title=title,
            subtitle=_("Handling unit: %(unit)s") % {"unit": handling_unit.name},
            columns=columns,
            rows=(
                [
                    a.suggestion.number,
                    a.suggestion.title,
                    a.suggestion.lead_deputy.name,
                    _delegation(a.suggestion),
                    a.suggestion.get_handling_mode_display(),
                    a.get_role_display(),
                    a.part,
                    _date(a.assigned_at),
                    a.suggestion.reply_due,
                    a.suggestion.get_state_display(),
                    _yes(a.suggestion.confidential),
                ]
                for a in rows
            ),
        )
    if not wb.sheetnames:  # nothing assigned yet: still a valid, empty sheet
        ws = wb.create_sheet(sheet_name(str(year), taken))
        write_table(ws, title=title, subtitle="", columns=columns, rows=[])
    return workbook_bytes(wb)


def _summary_suggestions(congress: Any, year: int) -> list[Suggestion]:
    """The year's numbered suggestions (accepted at some point), with what a row shows."""
    return list(
        Suggestion.objects.filter(congress=congress, year=year, number__isnull=False)
        .select_related("lead_deputy__person")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(active=True).select_related("unit"),
                to_attr="active_assignments",
            ),
            Prefetch("replies", queryset=Reply.objects.order_by("handling_round", "id")),
            Prefetch("evaluations", queryset=Evaluation.objects.order_by("handling_round")),
        )
        .order_by("number")
    )


def _units_lead_first(s: Suggestion) -> list[Assignment]:
    # Set by the Prefetch(to_attr=...) of _summary_suggestions: the stubs cannot know it.
    assignments: list[Assignment] = s.active_assignments  # type: ignore[attr-defined]
    return sorted(assignments, key=lambda a: (ROLE_ORDER[a.role], a.pk))


def _latest_categories(s: Suggestion) -> str:
    """The result categories of the latest round with a reply, one per replying unit."""
    replies = list(s.replies.all())
    if not replies:
        return ""
    latest = max(r.handling_round for r in replies)
    categories = [r.category for r in replies if r.handling_round == latest]
    return "/".join(dict.fromkeys(categories))


def _latest_evaluation(s: Suggestion) -> Evaluation | None:
    evaluations = list(s.evaluations.all())
    return evaluations[-1] if evaluations else None


def is_overdue(s: Suggestion, today: datetime.date) -> bool:
    """The current round's reply came after its due date, or is still missing past it."""
    if not s.reply_due or s.state not in HANDLED:
        return False
    replies = [r for r in s.replies.all() if r.handling_round == s.handling_round]
    if any(timezone.localdate(r.replied_at) > s.reply_due for r in replies):
        return True
    return s.state in HANDLING and today > s.reply_due


def year_summary(*, congress: Any, year: int) -> bytes:
    """年度建议办理汇总表: every numbered suggestion of the year, and the totals."""
    today = timezone.localdate()
    suggestions = _summary_suggestions(congress, year)
    title = _("%(congress)s: suggestions of %(year)s and their handling") % {
        "congress": congress.name,
        "year": year,
    }
    subtitle = _("Exported on %(date)s") % {"date": today.isoformat()}
    wb = Workbook()
    ws = first_sheet(wb)
    ws.title = sheet_name(_("Suggestions"), set())
    columns = [
        Column(_("Number"), 8),
        Column(_("Title"), 40),
        Column(_("Lead deputy"), 12),
        Column(_("Submitted"), 14),
        Column(_("Category"), 16),
        Column(_("Handling units"), 30),
        Column(_("State"), 12),
        Column(_("Reply result"), 10),
        Column(_("Evaluation"), 12),
        Column(_("Overdue"), 8),
        Column(_("Key suggestion"), 10),
        Column(_("Confidential"), 8),
        Column(_("Submitted on"), 12, is_date=True),
        Column(_("Reply due"), 12, is_date=True),
    ]
    rows = []
    for s in suggestions:
        evaluation = _latest_evaluation(s)
        rows.append(
            [
                s.number,
                s.title,
                s.lead_deputy.name,
                s.get_period_display(),
                s.get_category_display(),
                "、".join(a.unit.name for a in _units_lead_first(s)),
                s.get_state_display(),
                _latest_categories(s),
                evaluation.get_result_display() if evaluation else "",
                _yes(is_overdue(s, today)),
                _yes(s.is_key),
                _yes(s.confidential),
                _date(s.submitted_at),
                s.reply_due,
            ]
        )
    write_table(ws, title=title, subtitle=subtitle, columns=columns, rows=rows)
    _write_totals(wb.create_sheet(sheet_name(_("Totals"), {ws.title.lower()})), suggestions)
    return workbook_bytes(wb)


def _write_totals(ws: Worksheet, suggestions: list[Suggestion]) -> None:
    """Counts by state, category, unit and final evaluation, each under a bold heading."""
    ws.column_dimensions["A"].width = 36
    for letter in "BC":
        ws.column_dimensions[letter].width = 16

    def section(heading: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        if ws.max_row > 1:
            ws.append([])
        ws.append(list(heading))
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(list(row))

    ws.append([_("Suggestions"), len(suggestions)])
    ws["A1"].font = Font(bold=True)
    states = Counter(s.state for s in suggestions)
    section(
        [_("State"), _("Suggestions")],
        ([str(label), states[value]] for value, label in S.choices if states[value]),
    )
    categories = Counter(s.category for s in suggestions)
    section(
        [_("Category"), _("Suggestions")],
        ([str(label), categories[value]] for value, label in Category.choices),
    )
    replying: Counter[str] = Counter()
    co: Counter[str] = Counter()
    for s in suggestions:
        for a in s.active_assignments:  # type: ignore[attr-defined]
            (co if a.role == Assignment.Role.CO else replying)[a.unit.name] += 1
    section(
        [_("Handling unit"), _("Sole, lead or separate"), _("Co-handler")],
        ([name, replying[name], co[name]] for name in sorted(set(replying) | set(co))),
    )
    finals: Counter[str] = Counter()
    for s in suggestions:
        evaluation = _latest_evaluation(s)
        if s.state == S.EVALUATED and evaluation is not None:
            finals[evaluation.result] += 1
    not_evaluated = sum(1 for s in suggestions if s.state != S.EVALUATED)
    section(
        [_("Evaluation"), _("Suggestions")],
        [
            *([str(label), finals[value]] for value, label in Satisfaction.choices),
            [_("Not evaluated yet"), not_evaluated],
        ],
    )


# --- the reply letter (答复意见书) ------------------------------------------------------------


# The reply letter is an official document in the fixed Chinese format of GB/T 9704, sent to
# a deputy of a Chinese congress: its wording is Chinese whatever language the staff member
# downloading it uses, so the template below is not translated.
def _area_prefix(congress: Any) -> str:
    """市 for a city congress, 区/县/市 for a county one (from its region's name), 省…"""
    if congress.level == Level.PROVINCE:
        return "省"
    if congress.level == Level.CITY:
        return "市"
    return congress.region[-1:] if congress.region else ""


def reply_title(suggestion: Suggestion) -> str:
    """关于市五届人大四次会议第12号建议的答复 / 关于闭会期间第3号代表建议的答复."""
    number = suggestion.number or ""
    session = suggestion.session
    if suggestion.period == Period.SESSION and session is not None:
        area = _area_prefix(suggestion.congress)
        term, sitting = chinese_number(session.term.number), chinese_number(session.number)
        return f"关于{area}{term}届人大{sitting}次会议第{number}号建议的答复"
    return f"关于闭会期间第{number}号代表建议的答复"


def reply_letter(reply: Reply) -> bytes:
    """答复意见书 as a .docx: A4, GB/T 9704 margins, Chinese official fonts."""
    suggestion = Suggestion.objects.select_related(
        "congress", "session__term", "lead_deputy__person"
    ).get(pk=reply.suggestion_id)
    unit = reply.unit
    area = _area_prefix(suggestion.congress)
    doc = official_document()

    def paragraph(*parts: tuple[str, str], **kwargs: Any) -> Any:
        return add_paragraph(doc, *parts, **kwargs)

    right, centre = WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.CENTER
    paragraph((f"类别：{reply.category}", BODY_FONT), align=right)
    paragraph(("签发人：", BODY_FONT), (reply.signer, SIGNER_FONT), align=right)
    paragraph(("", BODY_FONT))
    for line in (unit.name, reply_title(suggestion)):
        paragraph((line, TITLE_FONT), align=centre, size=TITLE_SIZE, exact=False)
    paragraph(("", BODY_FONT))
    paragraph((f"{suggestion.lead_deputy.name}代表：", BODY_FONT))
    for text in _paragraphs(reply.text):
        paragraph((text, BODY_FONT), indent=True)
    promises = list(reply.promises.order_by("due_date", "id"))
    if promises:
        paragraph(("承诺事项", HEADING_FONT), indent=True)
        for i, p in enumerate(promises, start=1):
            paragraph(
                (f"{i}．{p.text}（完成时限：{chinese_date(p.due_date)}）", BODY_FONT),
                indent=True,
            )
    contact = "　　".join(
        label + value
        for label, value in (
            ("联系人：", reply.contact_person),
            ("联系电话：", reply.contact_phone),
        )
        if value
    )
    if contact:
        paragraph((contact, BODY_FONT), indent=True)
    paragraph(("", BODY_FONT))
    paragraph((unit.name, BODY_FONT), align=right)
    paragraph((chinese_date(timezone.localdate(reply.replied_at)), BODY_FONT), align=right)
    paragraph(("", BODY_FONT))
    paragraph(
        (f"抄送：{area}人大常委会代表工作委员会，{area}人民政府办公室", BODY_FONT), size=NOTE_SIZE
    )
    doc.core_properties.title = f"{unit.name}{reply_title(suggestion)}"
    return to_bytes(doc)


def _paragraphs(text: str) -> list[str]:
    """The reply's paragraphs: one per non-empty line, without the indentation typed by hand."""
    return [line.strip().lstrip("\u3000") for line in text.splitlines() if line.strip()]
