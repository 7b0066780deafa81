"""The demo year's performance records: what staff recorded by hand, and the scores it gives."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from docx import Document

from renda.accounts.models import User
from renda.core.models import Event
from renda.performance.models import ActKind, ManualEntry, ScoringRule
from renda.performance.record import record_for
from renda.performance.scoring import rankings, score

MODULES = ["org", "meetings", "stations", "inspections", "performance"]


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[None]:
    from django.conf import settings

    old, settings.MEDIA_ROOT = settings.MEDIA_ROOT, tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock():
        call_command("demo", only=MODULES, stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        from renda.demo import clear

        clear()
    settings.MEDIA_ROOT = old


pytestmark = [pytest.mark.usefixtures("demo"), pytest.mark.django_db]


def test_staff_recorded_only_the_kinds_no_module_records():
    kinds = set(ManualEntry.objects.values_list("kind", flat=True))
    # inspections, research and visits come from the inspections module, not typed in twice
    assert kinds == {ActKind.SESSION}
    sessions = ManualEntry.objects.filter(kind=ActKind.SESSION, year=2024)
    # every manual entry has its create event
    assert Event.objects.filter(action="create", object_id__in=sessions.values("pk")).exists()


def test_nearly_every_serving_deputy_attended_the_2024_session():
    deputy = User.objects.get(username="deputy").deputy
    sessions = ManualEntry.objects.filter(kind=ActKind.SESSION, year=2024)
    assert 380 < sessions.count() <= 402
    assert (
        sessions.filter(title__contains="第五届人民代表大会第四次会议").count() == sessions.count()
    )
    assert deputy is not None


def test_the_demo_deputys_record_gathers_every_module_and_the_evidence_opens():
    deputy = User.objects.get(username="deputy").deputy
    record = record_for(deputy, 2024)
    kinds = set(record.counts())
    assert {ActKind.INSPECTION, ActKind.MEETING, ActKind.FORUM_OPINION} <= kinds
    entry = ManualEntry.objects.filter(deputy=deputy).exclude(evidence="").first()
    assert entry is not None and entry.evidence_name.endswith(".docx")
    with entry.evidence.open("rb") as f:
        text = "\n".join(c.text for t in Document(f).tables for r in t.rows for c in r.cells)
    assert deputy.person.name in text


def test_the_congress_configured_its_rules_and_scores_follow_them():
    deputy = User.objects.get(username="deputy").deputy
    rule = ScoringRule.objects.get(congress=deputy.congress, kind=ActKind.RECEPTION)
    assert rule.weight == 1.5
    s = score(deputy, 2024)
    reception = s.line(ActKind.RECEPTION)
    assert reception is not None and reception.count > 0  # the demo deputy received constituents
    assert reception.weighted == reception.capped * rule.weight  # the city's weight, not 1
    assert s.total == sum(line.weighted for line in s.lines)
    groups = rankings(deputy.congress, 2024, by="delegation")
    assert sum(len(g.rows) for g in groups) >= 400
