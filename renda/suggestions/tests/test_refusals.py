"""Every refusal: wrong role, wrong unit, wrong state; nothing changes and no event is written."""

from __future__ import annotations

import datetime

import pytest

from renda.core.models import Event
from renda.core.tests.images import PNG
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid
from renda.suggestions import actions as A
from renda.suggestions.models import Suggestion


def _events(s):
    return Event.objects.filter(object_id=s.pk).count()


@pytest.fixture
def assigned(cast, org, submit):
    s = submit()
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    A.suggestion_assign(
        suggestion=s, actor=cast["staff"], mode="sole", parts=[A.UnitPart(org["unit"], "sole")]
    )
    return s


@pytest.mark.parametrize("who", ["leader", "deputy", "deputy2", "handler", "station", "stranger"])
def test_only_staff_of_the_congress_accepts(cast, submit, who):
    s = submit()
    before = _events(s)
    with pytest.raises(ActionForbidden):
        A.suggestion_accept(suggestion=s, actor=cast[who])
    s.refresh_from_db()
    assert s.state == "submitted" and s.number is None and _events(s) == before


@pytest.mark.parametrize("who", ["staff", "leader", "deputy2", "handler", "station"])
def test_only_the_lead_deputy_withdraws(cast, submit, who):
    s = submit()
    with pytest.raises(ActionForbidden):
        A.suggestion_withdraw(suggestion=s, actor=cast[who], reason="x")


@pytest.mark.parametrize("who", ["other_handler", "staff", "deputy", "station", "stranger"])
def test_only_the_assigned_unit_communicates(cast, assigned, who):
    with pytest.raises(ActionForbidden):
        A.suggestion_communicate(
            suggestion=assigned,
            actor=cast[who],
            method="phone",
            date=datetime.date.today(),
            people="x",
            notes="y",
        )


def test_handler_of_other_unit_cannot_reply(cast, assigned):
    with pytest.raises(ActionForbidden):
        A.suggestion_reply(
            suggestion=assigned, actor=cast["other_handler"], text="x", category="A", signer="x"
        )


def test_reply_needs_a_recorded_contact_first(cast, assigned):
    before = _events(assigned)
    with pytest.raises(ActionConflict):
        A.suggestion_reply(
            suggestion=assigned, actor=cast["handler"], text="x", category="A", signer="x"
        )
    assert _events(assigned) == before and assigned.replies.count() == 0


def test_b_reply_needs_promises(cast, assigned):
    A.suggestion_communicate(
        suggestion=assigned,
        actor=cast["handler"],
        method="phone",
        date=datetime.date.today(),
        people="x",
        notes="y",
    )
    with pytest.raises(ActionInvalid) as err:
        A.suggestion_reply(
            suggestion=assigned, actor=cast["handler"], text="x", category="B", signer="x"
        )
    assert err.value.field == "promises"


def test_wrong_state_is_a_conflict(cast, submit):
    s = submit()
    with pytest.raises(ActionConflict):  # not accepted yet
        A.suggestion_assign(suggestion=s, actor=cast["staff"], mode="sole", parts=[])
    with pytest.raises(ActionConflict):  # nothing to evaluate yet
        A.suggestion_evaluate(suggestion=s, actor=cast["deputy"], result="satisfied")


def test_only_the_lead_deputy_evaluates(cast, assigned):
    A.suggestion_communicate(
        suggestion=assigned,
        actor=cast["handler"],
        method="phone",
        date=datetime.date.today(),
        people="x",
        notes="y",
    )
    A.suggestion_reply(
        suggestion=assigned, actor=cast["handler"], text="已解决。", category="A", signer="x"
    )
    for who in ("deputy2", "staff", "handler"):
        with pytest.raises(ActionForbidden):
            A.suggestion_evaluate(suggestion=assigned, actor=cast[who], result="satisfied")
    with pytest.raises(ActionInvalid):
        A.suggestion_evaluate(suggestion=assigned, actor=cast["deputy"], result="great")


@pytest.mark.parametrize(
    ("mode", "roles"),
    [
        ("sole", ["sole", "sole"]),
        ("joint", ["lead", "lead"]),
        ("joint", ["lead"]),
        ("separate", ["separate"]),
        ("bogus", ["sole"]),
    ],
)
def test_assignment_shapes_are_checked(cast, org, submit, third_unit, mode, roles):
    s = submit()
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    units = [org["unit"], org["other_unit"], third_unit]
    parts = [A.UnitPart(units[i], r, "部分") for i, r in enumerate(roles)]
    with pytest.raises(ActionInvalid):
        A.suggestion_assign(suggestion=s, actor=cast["staff"], mode=mode, parts=parts)
    s.refresh_from_db()
    assert s.state == "accepted" and s.assignments.count() == 0


def test_unit_of_another_congress_cannot_be_assigned(cast, org, submit, other_congress):
    from renda.org.models import HandlingUnit

    foreign = HandlingUnit.objects.create(
        congress=other_congress, name="太原市交通局", kind="department"
    )
    s = submit()
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    with pytest.raises(ActionInvalid):
        A.suggestion_assign(
            suggestion=s, actor=cast["staff"], mode="sole", parts=[A.UnitPart(foreign, "sole")]
        )


def test_submission_is_checked(cast, org, submit):
    with pytest.raises(ActionForbidden):
        A.suggestion_submit(author=cast["handler"], title="x", body="y", category="transport")
    with pytest.raises(ActionInvalid) as err:
        submit(title="  ")
    assert err.value.field == "title"
    with pytest.raises(ActionInvalid):
        submit(category="nonsense")
    with pytest.raises(ActionInvalid):
        submit(cosigner_ids=[999999])
    assert Suggestion.objects.count() == 0


def test_attachments_are_checked_for_type_and_size(cast, submit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake_pdf = SimpleUploadedFile(
        "方案.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ActionInvalid):
        submit(attachments=[fake_pdf])
    exe = SimpleUploadedFile("tool.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    with pytest.raises(ActionInvalid):
        submit(attachments=[exe])
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (11 * 1024 * 1024))
    with pytest.raises(ActionInvalid):
        submit(attachments=[big])
    assert Suggestion.objects.count() == 0
    ok = SimpleUploadedFile("现场照片.png", PNG)
    s = submit(attachments=[ok])
    assert s.attachments.get().name == "现场照片.png"
