"""Demo data: what staff record by hand in deputies' performance records, and the scoring rules.

Everything else in a record comes from the other modules' rows. Staff add only the acts no
module records (performance.models.MANUAL_KINDS):
- attendance at each session of the congress from 2024 up to today (出席代表大会会议): every
  deputy serving on the first day, except a few on leave (请假);
  the demo deputies' entries carry their delegation's sign-in sheet (.docx) as evidence.
Deputies' inspections, research and visits are no longer typed in here: the inspections
module records each item with its team, and the records read them from there (nothing is
counted twice).
The city congress configured its scoring rules: the defaults, with receptions of constituents
weighted up (the work report's emphasis on 代表进站).
"""

from __future__ import annotations

import datetime
import random
import zoneinfo
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db.models import Q

from renda.accounts.models import User
from renda.core.models import Event
from renda.core.officialdoc import (
    BODY_FONT,
    TITLE_FONT,
    add_paragraph,
    chinese_number,
    official_document,
    to_bytes,
)
from renda.demo import Writer
from renda.demo.places import CITY, CITY_CODE
from renda.org.models import Congress, Deputy, Session
from renda.performance.models import ActKind, ManualEntry, ScoringRule
from renda.performance.scoring import DEFAULT_RULES

SEED = "renda-demo-performance"
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
ON_LEAVE = 0.03  # share of the deputies who asked for leave from a session
# The congress's own adjustments to the default rules: (points each, cap, weight).
RULE_CHANGES: dict[str, tuple[Decimal, Decimal | None, Decimal]] = {
    ActKind.RECEPTION: (Decimal(3), Decimal(18), Decimal("1.5"))
}
DEMO_ACCOUNTS = ("deputy", "deputy2")


def clear() -> None:
    city = Congress.objects.filter(code=CITY_CODE).first()
    if city is None:
        return
    types = ContentType.objects.get_for_models(ManualEntry, ScoringRule).values()
    Event.objects.filter(congress=city, content_type__in=types).purge_demo()
    for entry in ManualEntry.objects.filter(congress=city).exclude(evidence=""):
        entry.evidence.delete(save=False)
    ManualEntry.objects.filter(congress=city).delete()
    ScoringRule.objects.filter(congress=city).delete()


def build(*, today: datetime.date, stdout: Writer) -> None:
    city = Congress.objects.get(code=CITY_CODE)
    staff = User.objects.get(username="staff")
    rng = random.Random(SEED)
    entries: list[ManualEntry] = []
    for session in (
        Session.objects.filter(congress=city, start_date__year__gte=2024, end_date__lt=today)
        .select_related("term")
        .order_by("start_date")
    ):
        term, number = chinese_number(session.term.number), chinese_number(session.number)
        title = f"出席{CITY}第{term}届人民代表大会第{number}次会议"
        for deputy in _serving(city, session.start_date):
            if rng.random() >= ON_LEAVE:
                entries.append(
                    _entry(city, deputy, ActKind.SESSION, session.end_date, title, staff)
                )
    # The demo deputies' entries carry the session's sign-in sheet of their delegation.
    demo = set(User.objects.filter(username__in=DEMO_ACCOUNTS).values_list("deputy_id", flat=True))
    with_evidence: list[tuple[ManualEntry, list[Deputy]]] = []
    for entry in entries:
        if entry.deputy_id in demo:
            group = [
                e.deputy for e in entries
                if e.date == entry.date and e.deputy.delegation_id == entry.deputy.delegation_id
            ]  # fmt: skip
            with_evidence.append((entry, group))
    ManualEntry.objects.bulk_create(entries, batch_size=1000)
    # Entered a few days after the act, as the events say (not when the demo was built).
    for acted_on in {e.date for e in entries}:
        ManualEntry.objects.filter(congress=city, date=acted_on).update(
            entered_at=_at(acted_on + datetime.timedelta(days=3))
        )
    for entry, group in with_evidence:
        entry.evidence.save(f"签到表-{entry.date.isoformat()}.docx", _sign_in(entry, group))
        entry.evidence_name = f"签到表（{entry.title.removeprefix('参加')}）.docx"
        entry.save(update_fields=["evidence", "evidence_name"])
    ct = ContentType.objects.get_for_model(ManualEntry)
    events = [
        Event(
            congress=city, content_type=ct, object_id=e.pk, action="create", actor=staff,
            at=_at(e.date + datetime.timedelta(days=3)),
            data={"deputy": e.deputy_id, "kind": e.kind, "date": e.date.isoformat()},
        )
        for e in entries
    ]  # fmt: skip
    events += _rules(city, staff)
    Event.objects.bulk_create(sorted(events, key=lambda e: e.at), batch_size=1000)
    stdout.write(f"Performance: {len(entries)} entries staff recorded, scoring rules set.\n")


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 10, tzinfo=TZ)


def _serving(city: Congress, day: datetime.date) -> list[Deputy]:
    """The deputies of the city congress serving on `day`."""
    return list(
        Deputy.objects.filter(congress=city, elected_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
        .select_related("person")
        .order_by("card_number")
    )


def _entry(
    city: Congress, deputy: Deputy, kind: str, date: datetime.date, title: str, staff: User
) -> ManualEntry:
    return ManualEntry(
        congress=city, deputy=deputy, year=date.year, kind=kind, date=date, title=title,
        entered_by=staff,
    )  # fmt: skip


def _sign_in(entry: ManualEntry, group: list[Deputy]) -> ContentFile[bytes]:
    """The activity's sign-in sheet (签到表), as staff scan or type it."""
    doc = official_document()
    add_paragraph(doc, (entry.title.removeprefix("参加"), TITLE_FONT), size=18)
    add_paragraph(
        doc, (f"时间：{entry.date.year}年{entry.date.month}月{entry.date.day}日", BODY_FONT)
    )
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("序号", "姓名", "代表证号"), strict=True):
        cell.text = text
    for i, d in enumerate(sorted(group, key=lambda d: d.card_number), start=1):
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = str(i), d.person.name, d.card_number
    return ContentFile(to_bytes(doc))


def _rules(city: Congress, staff: User) -> list[Event]:
    rules = []
    for kind, (points, cap, weight) in DEFAULT_RULES.items():
        points, cap, weight = RULE_CHANGES.get(kind, (points, cap, weight))
        rules.append(ScoringRule(congress=city, kind=kind, points=points, cap=cap, weight=weight))
    ScoringRule.objects.bulk_create(rules)
    ct = ContentType.objects.get_for_model(ScoringRule)
    at = _at(datetime.date(2024, 3, 1))
    return [
        Event(
            congress=city, content_type=ct, object_id=r.pk, action="configure", actor=staff,
            at=at, data={"kind": r.kind, "points": str(r.points),
                         "cap": None if r.cap is None else str(r.cap), "w": str(r.weight)},
        )
        for r in ScoringRule.objects.filter(congress=city)
    ]  # fmt: skip
