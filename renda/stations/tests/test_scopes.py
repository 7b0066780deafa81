"""Each visibility rule of the stations' work is one Scope: the predicate that pages and the
API ask of a row, and the queryset filter that lists rows. They must agree: for every user
of a small world (every role, the refused ones, a deactivated operator, someone without a
role, the anonymous visitor), a row is listed exactly when the predicate lets them see it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from renda.accounts.models import User
from renda.org.models import Deputy
from renda.stations import actions as A
from renda.stations.models import Activity, DutyRecord, Training
from renda.stations.rules import ACTIVITIES, DUTY_RECORDS, TRAININGS

from .conftest import MONDAY, D, on
from .work import activity_elsewhere, log, upload


@pytest.fixture
def world(cast, org, congress, other_congress):
    """Rows of every kind, here and in another congress, and everyone who might ask."""
    org["deputy2"].station = org["other_station"]
    org["deputy2"].save()
    log(cast, org, title="锦纶", deputies=[org["deputy"]])
    log(cast, org, "other_station", station=org["other_station"], deputies=[org["deputy2"]])
    log(cast, org, title="无代表", deputies=[])
    upload(cast, "deputy")
    upload(cast, "deputy2")
    upload(cast, "station")
    upload(cast, "other_station")
    with on(MONDAY):
        training = A.training_create(
            actor=cast["staff"], congress=congress, title="培训", start_date=MONDAY
        )
        A.training_attendance_record(
            training=training, actor=cast["staff"], deputies=[org["deputy"]]
        )
    # Another congress's rows, made directly.
    activity_elsewhere(cast, other_congress)
    Training.objects.create(
        congress=other_congress, title="外市培训", start_date=D(2024, 1, 2),
        end_date=D(2024, 1, 2), created_by=cast["stranger"],
    )  # fmt: skip
    retired = User.objects.create_user(
        "retired", congress=congress, role="station", station=org["station"], is_active=False
    )
    nobody = User.objects.create_user("nobody")
    return [*cast.values(), retired, nobody, AnonymousUser()]


@pytest.mark.parametrize(
    "scope, model",
    [
        (ACTIVITIES, Activity),
        (DUTY_RECORDS, DutyRecord),
        (TRAININGS, Training),
    ],
    ids=["activities", "duty records", "trainings"],
)
def test_the_predicate_and_the_list_agree_for_every_user_and_row(world, scope, model):
    rows = list(model.objects.all())
    assert len(rows) >= 2
    for user in world:
        listed = set(scope.rows(user, model.objects.all()).values_list("pk", flat=True))
        for row in rows:
            assert bool(scope.predicate(user, row)) is (row.pk in listed), (user, row)


def test_the_world_has_rows_each_role_sees_and_rows_it_does_not(world, cast):
    """The agreement above is not the trivial one: each role sees some rows and not others."""
    deputy, operator = cast["deputy"], cast["station"]
    for user, scope, model in (
        (deputy, ACTIVITIES, Activity),
        (operator, ACTIVITIES, Activity),
        (deputy, DUTY_RECORDS, DutyRecord),
        (operator, DUTY_RECORDS, DutyRecord),
        (cast["staff"], TRAININGS, Training),
    ):
        seen = scope.rows(user, model.objects.all()).count()
        assert 0 < seen < model.objects.count(), (user, model)
    assert Deputy.objects.filter(station=cast["station"].station).exists()
