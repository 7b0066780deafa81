"""Entries staff add to a deputy's record: who may, what kinds, evidence checks, events."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.core.models import Event
from renda.core.workflow import ActionForbidden, ActionInvalid
from renda.performance.actions import manual_entry_create, manual_entry_delete
from renda.performance.models import ActKind, ManualEntry
from renda.performance.record import record_for

D = datetime.date
PDF = b"%PDF-1.4 sign-in sheet"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2024, 12, 20, 10), tick=False):
        yield


def create(actor, deputy, **kw):
    kw.setdefault("kind", ActKind.SESSION)
    kw.setdefault("date", D(2024, 1, 5))
    kw.setdefault("title", "出席市五届人大四次会议")
    return manual_entry_create(actor=actor, deputy=deputy, **kw)


def test_staff_add_an_entry_with_evidence_and_it_joins_the_record(cast, org, media):
    evidence = SimpleUploadedFile("签到表.pdf", PDF, content_type="application/pdf")
    entry = create(cast["staff"], org["deputy"], evidence=evidence, notes="全程出席")
    assert entry.year == 2024 and entry.evidence_name == "签到表.pdf"
    assert entry.evidence.read() == PDF
    record = record_for(org["deputy"], 2024)
    assert [(i.kind, i.title) for i in record.items] == [("session", "出席市五届人大四次会议")]
    event = Event.objects.get(
        content_type=ContentType.objects.get_for_model(ManualEntry), object_id=entry.pk
    )
    assert event.action == "create" and event.actor == cast["staff"]


@pytest.mark.parametrize("who", ["leader", "deputy", "deputy2", "handler", "station", "stranger"])
def test_only_staff_of_the_congress_add_entries(cast, org, who):
    with pytest.raises(ActionForbidden):
        create(cast[who], org["deputy"])
    assert not ManualEntry.objects.exists()


def test_acts_recorded_by_their_own_module_are_not_typed_in_twice(cast, org):
    with pytest.raises(ActionInvalid) as e:
        create(cast["staff"], org["deputy"], kind=ActKind.SUGGESTION)
    assert e.value.field == "kind"


def test_entries_need_a_title_and_a_past_date(cast, org):
    with pytest.raises(ActionInvalid):
        create(cast["staff"], org["deputy"], title="  ")
    with pytest.raises(ActionInvalid):
        create(cast["staff"], org["deputy"], date=D(2025, 1, 1))


@pytest.mark.parametrize(
    "name,content",
    [
        ("签到表.exe", b"MZ\x90\x00"),  # type refused
        ("签到表.pdf", b"not a pdf at all"),  # content does not match the name
        ("签到表.pdf", b""),  # empty
    ],
)
def test_evidence_is_checked(cast, org, media, name, content):
    with pytest.raises(ActionInvalid) as e:
        create(cast["staff"], org["deputy"], evidence=SimpleUploadedFile(name, content))
    assert e.value.field == "evidence"
    assert not ManualEntry.objects.exists()


def test_staff_delete_an_entry_and_the_history_keeps_it(cast, org, media):
    evidence = SimpleUploadedFile("签到表.pdf", PDF)
    entry = create(cast["staff"], org["deputy"], evidence=evidence)
    pk = entry.pk
    with pytest.raises(ActionForbidden):
        manual_entry_delete(actor=cast["deputy"], entry=entry)
    with pytest.raises(ActionForbidden):
        manual_entry_delete(actor=cast["stranger"], entry=entry)
    manual_entry_delete(actor=cast["staff"], entry=entry)
    assert not ManualEntry.objects.exists()
    ct = ContentType.objects.get_for_model(ManualEntry)
    actions = list(
        Event.objects.filter(content_type=ct, object_id=pk).values_list("action", flat=True)
    )
    assert actions == ["create", "delete"]


@pytest.mark.parametrize(
    "who,own,other",
    [
        ("staff", True, True),
        ("deputy", True, False),
        ("deputy2", False, True),
        ("leader", True, True),
        ("handler", False, False),
        ("station", False, False),
        ("stranger", False, False),
    ],
)
def test_who_sees_a_deputys_record_and_score(cast, org, who, own, other):
    user = cast[who]
    assert user.has_perm("performance.view_record", org["deputy"]) is own
    assert user.has_perm("performance.view_record", org["deputy2"]) is other


@pytest.mark.parametrize(
    "who,sees",
    [
        ("staff", True),
        ("leader", True),
        ("deputy", False),
        ("handler", False),
        ("station", False),
        ("stranger", False),
    ],
)
def test_staff_and_leaders_see_rankings(cast, congress, who, sees):
    assert cast[who].has_perm("performance.view_rankings", congress) is sees
    assert cast[who].has_perm("performance.configure_rules", congress) is (who == "staff")
