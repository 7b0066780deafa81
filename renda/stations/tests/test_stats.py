"""`renda stats` counts the stations' year of work from rows."""

from __future__ import annotations

import io
import json

from django.core.management import call_command

from renda.stations import actions as A

from .conftest import D, on


def test_the_years_station_figures_are_counted_from_rows(cast, org, congress):
    with on(D(2024, 12, 31)):
        for day, received in ((D(2024, 3, 1), 10), (D(2024, 9, 1), 5), (D(2023, 12, 31), 99)):
            A.activity_record(
                actor=cast["station"],
                station=org["station"],
                kind="reception",
                date=day,
                title="接待日",
                deputies=[org["deputy"], org["deputy2"]],
                constituents_received=received,
            )
        A.duty_record_upload(actor=cast["deputy"], date=D(2024, 5, 1), title="t", text="x")
        A.duty_record_upload(actor=cast["station"], date=D(2023, 5, 1), title="t", text="x")
        first = A.training_create(
            actor=cast["staff"], congress=congress, title="培训一", start_date=D(2024, 4, 1)
        )
        second = A.training_create(
            actor=cast["staff"], congress=congress, title="培训二", start_date=D(2024, 8, 1)
        )
        A.training_attendance_record(
            training=first, actor=cast["staff"], deputies=[org["deputy"], org["deputy2"]]
        )
        A.training_attendance_record(training=second, actor=cast["staff"], deputies=[org["deputy"]])

    out = io.StringIO()
    call_command("stats", year=2024, congress="jz", json=True, stdout=out)
    figures = json.loads(out.getvalue())
    assert {
        k: figures[k]
        for k in (
            "station_activities",
            "duty_records",
            "deputy_attendances",
            "constituents_received",
            "trainings",
            "deputies_trained",
        )
    } == {
        "station_activities": 2,
        "duty_records": 1,
        "deputy_attendances": 4,
        "constituents_received": 15,
        "trainings": 2,
        "deputies_trained": 2,
    }
