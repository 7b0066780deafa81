"""Who sees which opinion is one Scope (opinions/rules.py): the predicate asked of a row and
the queryset filter of the lists. They agree for every user of a small world, on every row:
opinions at either station, online ones without a station, referred to either unit, returned
by a unit, and of another congress."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from renda.accounts.models import User
from renda.opinions import actions as A
from renda.opinions.models import ConstituentOpinion
from renda.opinions.rules import OPINIONS

from .conftest import MONDAY, on


@pytest.fixture
def world(cast, org, congress, other_congress, record):
    with on(MONDAY):
        record()
        record(actor=cast["other_station"], station=org["other_station"])
        for unit in (org["unit"], org["other_unit"]):
            A.opinion_refer(opinion=record(), actor=cast["station"], unit=unit)
        returned = record()
        A.opinion_refer(opinion=returned, actor=cast["station"], unit=org["unit"])
        A.opinion_return(opinion=returned, actor=cast["handler"], reason="不属本单位")
        for where in (congress, other_congress):
            A.opinion_submit_online(
                congress=where, category="water", content="停水。", client_ip="10.0.0.9"
            )
    retired = User.objects.create_user(
        "retired", congress=congress, role="handler", unit=org["unit"], is_active=False
    )
    nobody = User.objects.create_user("nobody")
    return [*cast.values(), retired, nobody, AnonymousUser()]


def test_the_predicate_and_the_list_agree_for_every_user_and_row(world):
    rows = list(ConstituentOpinion.objects.all())
    for user in world:
        listed = set(
            OPINIONS.rows(user, ConstituentOpinion.objects.all()).values_list("pk", flat=True)
        )
        for row in rows:
            assert bool(OPINIONS.predicate(user, row)) is (row.pk in listed), (user, row)


@pytest.mark.parametrize(
    "who, sees",
    [("staff", 6), ("leader", 6), ("station", 4), ("other_station", 1), ("handler", 1)],
)
def test_each_role_sees_its_share(world, cast, who, sees):
    assert OPINIONS.rows(cast[who], ConstituentOpinion.objects.all()).count() == sees
