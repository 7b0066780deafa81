"""A regulation through its stages, each dated on its meeting day, staff only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.core.models import Event
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid, history
from renda.legislation.actions.regulations import (
    regulation_advance,
    regulation_create,
    stage_document_add,
)
from renda.legislation.queries import stages

from .conftest import D, on

PATH = [
    ("start_drafting", D(2024, 2, 1)),
    ("first_reading", D(2024, 4, 25)),
    ("second_reading", D(2024, 6, 27)),
    ("adopt", D(2024, 6, 27)),
    ("approve", D(2024, 9, 26)),
    ("promulgate", D(2024, 10, 8)),
    ("enter_into_force", D(2024, 12, 1)),
]


@pytest.fixture
def regulation(cast, congress):
    with on(D(2024, 1, 10)):
        return regulation_create(
            congress=congress, actor=cast["staff"], title="晋中市城市市容和环境卫生管理条例"
        )


def test_a_regulation_goes_from_the_plan_to_in_force_with_each_stage_dated(cast, regulation):
    with on(D(2025, 1, 5)):
        for action, day in PATH:
            regulation_advance(regulation=regulation, action=action, actor=cast["staff"], on=day)

    regulation.refresh_from_db()
    assert regulation.state == "in_force"
    assert regulation.planned_on == D(2024, 1, 10) and regulation.plan_year == 2024
    assert (regulation.adopted_on, regulation.approved_on) == (D(2024, 6, 27), D(2024, 9, 26))
    assert regulation.in_force_on == D(2024, 12, 1) and regulation.third_reading_on is None
    events = [(e.action, e.data.get("date")) for e in history(regulation)]
    assert events[1:] == [(a, d.isoformat()) for a, d in PATH]
    timeline = {s.state: s.date for s in stages(regulation)}
    assert timeline["second_reading"] == D(2024, 6, 27) and "withdrawn" not in timeline


def test_a_third_reading_is_optional_but_possible(cast, regulation):
    for action in ("start_drafting", "first_reading", "second_reading", "third_reading", "adopt"):
        regulation_advance(regulation=regulation, action=action, actor=cast["staff"])
    assert regulation.state == "adopted" and regulation.third_reading_on is not None


def test_a_new_regulation_needs_two_readings_an_amendment_one(cast, congress, regulation):
    for action in ("start_drafting", "first_reading"):
        regulation_advance(regulation=regulation, action=action, actor=cast["staff"])
    with pytest.raises(ActionConflict):
        regulation_advance(regulation=regulation, action="adopt", actor=cast["staff"])

    amendment = regulation_create(
        congress=congress, actor=cast["staff"], title="关于修改某条例的决定", kind="amendment"
    )
    for action in ("start_drafting", "first_reading", "adopt"):
        regulation_advance(regulation=amendment, action=action, actor=cast["staff"])
    assert amendment.state == "adopted"


def test_a_city_regulation_is_promulgated_only_after_the_province_approves(cast, regulation):
    for action in ("start_drafting", "first_reading", "second_reading", "adopt"):
        regulation_advance(regulation=regulation, action=action, actor=cast["staff"])

    with pytest.raises(ActionConflict):
        regulation_advance(regulation=regulation, action="promulgate", actor=cast["staff"])


def test_stages_cannot_be_skipped(cast, regulation):
    with pytest.raises(ActionConflict):
        regulation_advance(regulation=regulation, action="second_reading", actor=cast["staff"])
    regulation.refresh_from_db()
    assert regulation.state == "plan"


def test_a_stage_date_may_be_neither_in_the_future_nor_before_the_previous_stage(cast, regulation):
    with on(D(2024, 3, 1)):
        with pytest.raises(ActionInvalid) as future:
            regulation_advance(
                regulation=regulation,
                action="start_drafting",
                actor=cast["staff"],
                on=D(2024, 3, 2),
            )
        with pytest.raises(ActionInvalid) as before:
            regulation_advance(
                regulation=regulation,
                action="start_drafting",
                actor=cast["staff"],
                on=D(2024, 1, 9),
            )
    assert future.value.field == before.value.field == "on"
    regulation.refresh_from_db()
    assert regulation.state == "plan" and regulation.drafting_on is None


@pytest.mark.parametrize("who", ["leader", "deputy", "handler", "station", "stranger"])
def test_only_staff_of_the_congress_record_stages(cast, regulation, who):
    before = Event.objects.count()
    with pytest.raises(ActionForbidden):
        regulation_advance(regulation=regulation, action="start_drafting", actor=cast[who])
    regulation.refresh_from_db()
    assert regulation.state == "plan" and Event.objects.count() == before


@pytest.mark.parametrize("who", ["leader", "deputy", "stranger"])
def test_only_staff_of_the_congress_list_a_regulation(cast, congress, who):
    with pytest.raises(ActionForbidden):
        regulation_create(congress=congress, actor=cast[who], title="某条例")


def test_a_withdrawn_regulation_goes_no_further(cast, regulation):
    regulation_advance(regulation=regulation, action="withdraw", actor=cast["staff"])
    with pytest.raises(ActionConflict):
        regulation_advance(regulation=regulation, action="start_drafting", actor=cast["staff"])
    assert "withdrawn" in {s.state for s in stages(regulation)}


def test_a_revision_names_a_regulation_of_the_same_congress(cast, congress, other_congress):
    in_force = regulation_create(congress=congress, actor=cast["staff"], title="晋中市某条例")
    revision = regulation_create(
        congress=congress,
        actor=cast["staff"],
        title="晋中市某条例（修订）",
        kind="revision",
        of_regulation=in_force,
    )
    assert revision.of_regulation == in_force
    with pytest.raises(ActionInvalid):
        regulation_create(
            congress=congress,
            actor=cast["staff"],
            title="新条例",
            kind="new",
            of_regulation=in_force,
        )


def test_stage_documents_are_kept_with_their_stage(cast, regulation, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("说明.pdf", b"%PDF-1.4 draft note", content_type="application/pdf")

    document = stage_document_add(
        regulation=regulation,
        actor=cast["staff"],
        stage="first_reading",
        title="起草说明",
        file=upload,
    )

    timeline = {s.state: s.documents for s in stages(regulation)}
    assert timeline["first_reading"] == [document]
    with pytest.raises(ActionForbidden):
        stage_document_add(
            regulation=regulation,
            actor=cast["deputy"],
            stage="plan",
            title="x",
            file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"),
        )
