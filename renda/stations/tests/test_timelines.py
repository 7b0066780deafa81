"""A station's work has no states, but a history: each record's events are named and
described by its RecordHistory (stations/workflow.py), and core's timeline shows them on its
page (core/_timeline.html) with who recorded them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from renda.core.timeline import timeline
from renda.stations import actions as A

from . import test_trainings as backend
from .conftest import D, on
from .work import log, photo, upload

# The backend tests' training (2024-05-20 to 22).
training = backend.training


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _said(case) -> list[tuple[str, str]]:
    with translation.override("en"):
        return [(e.label, e.detail) for e in timeline(case)]


def test_an_activity_says_how_many_deputies_and_constituents(cast, org, client):
    activity = log(cast, org)
    assert _said(activity) == [("Recorded", "2 deputies · 12 constituents received")]
    client.force_login(cast["staff"])
    page = client.get(reverse("stations:activity_detail", args=[activity.pk]))
    html = page.content.decode()
    assert 'id="timeline"' in html and 'data-action="create"' in html
    assert cast["station"].display_name in page.context["timeline"][0].who


def test_a_duty_record_says_its_photos_and_the_photos_added(cast):
    record = upload(cast, "deputy", photos=[photo()])
    with on(D(2024, 12, 31)):
        A.duty_photos_add(record=record, actor=cast["deputy"], photos=[photo(), photo()])
    assert _said(record) == [("Recorded", "1 photos"), ("Photos added", "2 photos")]


def test_a_training_says_its_attendance(cast, org, training):
    A.training_attendance_record(
        training=training, actor=cast["staff"], deputies=[org["deputy"], org["deputy2"]]
    )
    assert _said(training) == [("Recorded", ""), ("Attendance recorded", "2 deputies")]
