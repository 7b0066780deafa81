"""Trainings with attendance: staff record them, each leaves an event."""

from __future__ import annotations

import pytest

from renda.core.models import Event
from renda.core.workflow import ActionForbidden, ActionInvalid
from renda.stations import actions as A

from .conftest import D, on


@pytest.fixture
def training(cast, congress):
    with on(D(2024, 6, 1)):
        return A.training_create(
            actor=cast["staff"],
            congress=congress,
            title="新任代表履职培训",
            start_date=D(2024, 5, 20),
            end_date=D(2024, 5, 22),
            place="晋中市委党校",
        )


def test_staff_record_a_trainings_attendance_and_recording_again_replaces_it(cast, org, training):
    A.training_attendance_record(training=training, actor=cast["staff"], deputies=[org["deputy"]])
    A.training_attendance_record(
        training=training, actor=cast["staff"], deputies=[org["deputy"], org["deputy2"]]
    )
    assert set(training.deputies.all()) == {org["deputy"], org["deputy2"]}
    assert Event.objects.filter(object_id=training.pk, action="attendance").count() == 2


def test_a_training_ends_on_or_after_its_start(cast, congress):
    with pytest.raises(ActionInvalid):
        A.training_create(
            actor=cast["staff"],
            congress=congress,
            title="x",
            start_date=D(2024, 5, 2),
            end_date=D(2024, 5, 1),
        )


def test_attendance_waits_for_the_training_to_start(cast, org, congress):
    with on(D(2024, 5, 1)):
        t = A.training_create(
            actor=cast["staff"], congress=congress, title="x", start_date=D(2024, 5, 20)
        )
        with pytest.raises(ActionInvalid):
            A.training_attendance_record(training=t, actor=cast["staff"], deputies=[org["deputy"]])


@pytest.mark.parametrize("who", ["leader", "deputy", "station", "handler", "stranger"])
def test_only_staff_record_trainings(cast, org, congress, training, who):
    with pytest.raises(ActionForbidden):
        A.training_create(actor=cast[who], congress=congress, title="x", start_date=D(2024, 1, 5))
    with pytest.raises(ActionForbidden):
        A.training_attendance_record(training=training, actor=cast[who], deputies=[])
