"""The demo year's petitions: the work report's 153 petitions and 14 key cases of 2024, with
the rules kept (deadlines, reviews, closing), and the current year's open work for the demo
accounts."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from renda.accounts.models import User
from renda.core.deadlines import waiting_for
from renda.performance.record import record_for
from renda.petitions.models import Petition, PetitionOfficer


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        call_command("demo", only=["org", "petitions"], stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        from renda.demo import clear

        clear()


pytestmark = [pytest.mark.usefixtures("demo"), pytest.mark.django_db]


def test_renda_stats_gives_the_work_reports_petition_figures_for_2024():
    out = io.StringIO()
    call_command("stats", year=2024, json=True, stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["petitions"] == 153  # 依法处理信访事项153件次
    assert figures["petitions_key"] == 14  # 督办重点信访事件14件
    assert 120 < figures["petitions_answered_on_time"] < 142
    assert figures["petitions_collective"] > 0 and figures["petitions_repeated"] > 0


def test_every_2024_petition_was_decided_within_fifteen_days_and_is_finished():
    rows = Petition.objects.filter(year=2024)
    assert {p.state for p in rows} == {"closed", "not_accepted"}
    for p in rows:
        assert p.decided_at is not None and p.decided_at.date() <= p.accept_due
        assert p.extended_days <= 30


def test_the_key_cases_have_instructions_followed_up_and_the_demo_leader_supervises_some():
    key = Petition.objects.filter(year=2024, is_key=True)
    assert all(p.instructions.exists() for p in key)
    assert key.filter(supervisor__username="leader").exists()
    assert not key.filter(instructions__followed_up_at__isnull=True).exists()


def test_the_demo_deputys_follow_up_is_in_their_performance_record():
    deputy = User.objects.get(username="deputy").deputy
    items = [i for i in record_for(deputy, 2024).items if i.source == "petitions.deputyfollowup"]
    assert items


def test_the_petitions_office_has_its_own_officers_and_the_demo_staff_account():
    officers = set(PetitionOfficer.objects.values_list("user__username", flat=True))
    assert "staff" in officers and len(officers) == 3


@pytest.mark.parametrize(
    "username, kinds",
    [("staff", {"accept", "review", "follow_up"}), ("handler", {"answer"})],
)
def test_the_current_year_has_open_work_for_the_demo_accounts(username, kinds):
    user = User.objects.get(username=username)
    found = {
        d.kind.split(":")[0] for d in waiting_for(user) if d.content_type.app_label == "petitions"
    }
    assert kinds <= found


def test_the_demo_leader_has_a_key_case_to_instruct_and_the_deputy_one_to_follow_up(client):
    client.force_login(User.objects.get(username="leader"))
    assert (
        "Awaiting your instruction"
        in client.get(reverse("petitions:key"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    deputy = User.objects.get(username="deputy")
    open_ones = Petition.objects.filter(referrals__station=deputy.deputy.station, state="handling")
    assert open_ones.exists()
    assert deputy.has_perm("petitions.view_petition", open_ones.first())


def test_the_handler_has_an_overdue_and_a_soon_due_answer(client):
    client.force_login(User.objects.get(username="handler"))
    html = client.get(reverse("petitions:unit")).content.decode()
    assert html.count("row-overdue") == 1
