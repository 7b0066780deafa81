"""A problem from found to rectified: recorded at a site, referred with a date, reported by
its unit with photos, verified; partly rectified goes back to the unit; every step leaves an
event and moves the deadlines (who waits for whom); every refusal changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from renda.core.deadlines import waiting_for
from renda.core.models import Deadline
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid, history
from renda.inspections import actions as A
from renda.inspections.models import Photo, Problem, Rectification

from .conftest import D, on, photo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The refusals are read in English here (the default language is Chinese)."""
    with translation.override("en"):
        yield


def test_a_problem_goes_from_found_to_rectified(record, cast: dict[str, Any]) -> None:
    p = record(photos=[photo()])
    assert p.state == "found" and p.number == 1 and p.photos.count() == 1
    with on(D(2024, 4, 15)):
        A.problem_refer(problem=p, actor=cast["staff"], due_on=D(2024, 6, 15), comment="限期整改")
    assert p.state == "rectifying" and p.due_on == D(2024, 6, 15)
    assert [d.kind for d in waiting_for(cast["handler"])] == ["rectify"]
    assert not waiting_for(cast["other_handler"]).exists()
    with on(D(2024, 6, 1)):
        A.problem_report(problem=p, actor=cast["handler"], text="已整改。", photos=[photo()])
    assert p.state == "reported"
    assert not waiting_for(cast["handler"]).exists()
    assert [d.kind for d in waiting_for(cast["staff"])] == ["verify"]
    with on(D(2024, 6, 5)):
        A.problem_verify(problem=p, actor=cast["staff"], verdict="rectified")
    p.refresh_from_db()
    assert (p.state, p.verdict) == ("rectified", "rectified")
    assert not waiting_for(cast["staff"]).exists()
    assert [e.action for e in history(p)] == ["record", "refer", "report", "verify"]
    assert Photo.objects.filter(problem=p, rectification__isnull=False).count() == 1


def test_partly_rectified_goes_back_to_the_unit_with_a_new_date(
    reported: Problem, cast: dict[str, Any]
) -> None:
    with on(D(2024, 6, 5)):
        A.problem_verify(
            problem=reported, actor=cast["staff"], verdict="partly", due_on=D(2024, 7, 31)
        )
    reported.refresh_from_db()
    assert (reported.state, reported.verdict, reported.due_on) == (
        "rectifying",
        "partly",
        D(2024, 7, 31),
    )
    assert [d.due_date for d in waiting_for(cast["handler"])] == [D(2024, 7, 31)]


def test_a_partly_verdict_needs_a_new_date(reported: Problem, cast: dict[str, Any]) -> None:
    with on(D(2024, 6, 5)), pytest.raises(ActionInvalid) as e:
        A.problem_verify(problem=reported, actor=cast["staff"], verdict="not")
    assert e.value.field == "due_on"
    reported.refresh_from_db()
    assert reported.state == "reported"


def test_a_problem_without_a_site_or_unit_is_refused(record, org, cast) -> None:
    with pytest.raises(ActionInvalid) as e:
        record(site=None)
    assert e.value.field == "site"
    with pytest.raises(ActionInvalid) as e:
        record(unit=None)
    assert e.value.field == "unit"
    assert not Problem.objects.exists()


def test_a_photo_that_is_not_one_is_refused(record) -> None:
    with pytest.raises(ActionInvalid) as e:
        record(photos=[photo("假图.png", b"MZ not a png at all")])
    assert e.value.field == "photos"
    with pytest.raises(ActionInvalid):
        record(photos=[photo("太大.png", b"\x89PNG\r\n\x1a\n" + b"0" * (6 * 1024 * 1024))])
    assert not Problem.objects.exists()


def test_a_deadline_in_the_past_is_refused(record, cast) -> None:
    p = record()
    with on(D(2024, 4, 15)), pytest.raises(ActionInvalid) as e:
        A.problem_refer(problem=p, actor=cast["staff"], due_on=D(2024, 4, 14))
    assert e.value.field == "due_on"
    with translation.override("en"):
        assert "past" in str(e.value.message)
    p.refresh_from_db()
    assert p.state == "found" and not Deadline.objects.exists()


def test_a_unit_that_does_not_own_the_problem_cannot_report(referred, cast) -> None:
    with on(D(2024, 6, 1)), pytest.raises(ActionForbidden) as e:
        A.problem_report(problem=referred, actor=cast["other_handler"], text="已整改。")
    with translation.override("en"):
        assert "Only the unit responsible" in str(e.value.message)
    referred.refresh_from_db()
    assert referred.state == "rectifying" and not Rectification.objects.exists()


def test_a_verification_before_any_report_is_refused(referred, cast) -> None:
    with on(D(2024, 5, 1)), pytest.raises(ActionConflict) as e:
        A.problem_verify(problem=referred, actor=cast["staff"], verdict="rectified")
    with translation.override("en"):
        assert "not reported" in str(e.value.message)
    referred.refresh_from_db()
    assert referred.state == "rectifying" and referred.verdict == ""


@pytest.mark.parametrize("who", ["leader", "deputy", "handler", "station", "stranger"])
def test_only_the_staff_of_the_congress_refer(record, cast: dict[str, Any], who: str) -> None:
    p = record()
    with on(D(2024, 4, 15)), pytest.raises(ActionForbidden):
        A.problem_refer(problem=p, actor=cast[who], due_on=D(2024, 6, 15))
    p.refresh_from_db()
    assert p.state == "found"


@pytest.mark.parametrize("who", ["leader", "deputy", "handler", "other_handler", "stranger"])
def test_only_the_staff_of_the_congress_verify(reported, cast: dict[str, Any], who: str) -> None:
    with on(D(2024, 6, 5)), pytest.raises(ActionForbidden):
        A.problem_verify(problem=reported, actor=cast[who], verdict="rectified")
    reported.refresh_from_db()
    assert reported.state == "reported"


@pytest.mark.parametrize("who", ["staff", "leader", "deputy", "stranger"])
def test_only_the_unit_reports(referred, cast: dict[str, Any], who: str) -> None:
    with on(D(2024, 6, 1)), pytest.raises(ActionForbidden):
        A.problem_report(problem=referred, actor=cast[who], text="已整改。")
    referred.refresh_from_db()
    assert referred.state == "rectifying"


def test_numbers_follow_each_other_within_the_item(record) -> None:
    assert [record().number for _ in range(3)] == [1, 2, 3]


def test_remind_warns_the_unit_once_the_date_has_passed(
    referred, cast, django_capture_on_commit_callbacks
) -> None:
    from renda.core.deadlines import remind
    from renda.core.models import Notification

    with on(D(2024, 6, 14)):
        assert remind().overdue == 0
    with on(D(2024, 6, 17)), django_capture_on_commit_callbacks(execute=True):
        result = remind()
        assert result.overdue == 1 and remind().overdue == 0  # once
    assert Notification.objects.filter(recipient=cast["handler"]).exists()
    assert not Notification.objects.filter(recipient=cast["other_handler"]).exists()
    assert [e.action for e in history(referred)][-1] == "remind.overdue"


def test_the_staff_wait_for_a_report_to_verify_within_working_days(reported, cast) -> None:
    deadline = waiting_for(cast["staff"]).get()
    # reported on Saturday 2024-06-01: 10 working days later, holidays skipped
    assert deadline.kind == "verify" and deadline.due_date == D(2024, 6, 17)
