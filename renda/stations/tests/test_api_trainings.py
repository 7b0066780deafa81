"""The trainings API: lists with attendance counts, details with attendees, staff record them
(everyone else is refused), and the list's cost stays flat."""

from __future__ import annotations

import pytest

import renda.suggestions.tests.test_api as suggestions_api
from renda.stations import actions as A
from renda.stations.models import Training, TrainingAttendance

from . import test_trainings as backend
from .conftest import D, on

# The backend tests' training (2024-05-20 to 22, at the party school).
training = backend.training


def caller(cast, who):
    return suggestions_api.Caller(cast[who] if who else None)


def test_staff_list_a_training_and_record_who_attended(cast, org):
    staff = caller(cast, "staff")
    with on(D(2024, 6, 1)):
        r = staff.post(
            "/trainings",
            {"title": "代表履职能力提升培训班", "start_date": "2024-05-20", "place": "党校"},
        )
        assert r.status_code == 201, r.content
        body = r.json()
        assert body["end_date"] == "2024-05-20" and body["attendance"] == 0
        r = staff.post(
            f"/trainings/{body['id']}/attendance",
            {"deputies": [org["deputy"].pk, org["deputy2"].pk]},
        )
    assert r.status_code == 200, r.content
    assert r.json()["attendance"] == 2
    assert [d["name"] for d in r.json()["deputies"]] == ["李秀兰", "王建国"]


@pytest.mark.parametrize("who", ["leader", "deputy", "station", "handler", "stranger"])
def test_only_staff_create_trainings_and_record_attendance(cast, org, training, who):
    """(Staff of another congress list trainings in their own, never record ours.)"""
    api = caller(cast, who)
    with on(D(2024, 6, 1)):
        if who != "stranger":
            r = api.post("/trainings", {"title": "x", "start_date": "2024-05-20"})
            assert r.status_code == 403
        r = api.post(f"/trainings/{training.pk}/attendance", {"deputies": [org["deputy"].pk]})
    # Those who cannot see the training get 404, those who can, 403.
    assert r.status_code == (403 if who in ("leader", "deputy") else 404)
    assert Training.objects.count() == 1
    assert not TrainingAttendance.objects.exists()


def test_bad_training_input_is_422_naming_the_field(cast, org, training, other_congress):
    staff = caller(cast, "staff")
    r = staff.post(
        "/trainings", {"title": "x", "start_date": "2024-05-20", "end_date": "2024-05-01"}
    )
    assert r.status_code == 422 and r.json()["field"] == "end_date"
    r = staff.post("/trainings", {"title": "", "start_date": "2024-05-20"})
    assert r.status_code == 422
    with on(D(2024, 6, 1)):
        r = staff.post(f"/trainings/{training.pk}/attendance", {"deputies": [999999]})
    assert r.status_code == 422 and r.json()["field"] == "deputies"
    with on(D(2024, 5, 1)):  # before it starts: nobody attended yet
        r = staff.post(f"/trainings/{training.pk}/attendance", {"deputies": [org["deputy"].pk]})
    assert r.status_code == 422


@pytest.mark.parametrize(
    "who, sees",
    [("staff", 1), ("leader", 1), ("deputy", 1), ("station", 0), ("handler", 0), ("stranger", 0)],
)
def test_who_sees_trainings(cast, training, who, sees):
    api = caller(cast, who)
    assert api.get("/trainings").json()["count"] == sees
    assert api.get(f"/trainings/{training.pk}").status_code == (200 if sees else 404)


def test_training_filters_by_year_and_deputy(cast, org, training):
    staff = caller(cast, "staff")
    A.training_attendance_record(training=training, actor=cast["staff"], deputies=[org["deputy"]])
    assert staff.get("/trainings", year=2024).json()["count"] == 1
    assert staff.get("/trainings", year=2023).json()["count"] == 0
    assert staff.get("/trainings", deputy=org["deputy"].pk).json()["items"][0]["attendance"] == 1
    assert staff.get("/trainings", deputy=org["deputy2"].pk).json()["count"] == 0
    assert staff.get("/trainings", year="x").status_code == 422


def test_the_lists_cost_the_same_for_two_or_twenty(
    cast, org, congress, django_assert_max_num_queries
):
    staff = caller(cast, "staff")

    def add(n, start):
        with on(D(2024, 12, 1)):
            for i in range(start, start + n):
                t = A.training_create(
                    actor=cast["staff"],
                    congress=congress,
                    title=f"培训{i}",
                    start_date=D(2024, 5, 1),
                )
                A.training_attendance_record(
                    training=t, actor=cast["staff"], deputies=[org["deputy"], org["deputy2"]]
                )

    for n, total in ((2, 2), (18, 20)):
        add(n, total - n)
        with django_assert_max_num_queries(6):
            r = staff.get("/trainings")
        assert r.json()["count"] == total and r.json()["items"][0]["attendance"] == 2
