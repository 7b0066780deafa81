"""登记: the office registers a letter, a visit or a call (collective visits with their
representatives), anyone petitions online (rate-limited, a receipt code); every refusal."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from renda.core.models import Deadline
from renda.core.receipts import RateLimited
from renda.core.workflow import ActionForbidden, ActionInvalid, history
from renda.petitions import actions as A
from renda.petitions.models import Petition

from .conftest import D, at

pytestmark = pytest.mark.django_db


def test_the_office_registers_a_visit_which_must_be_decided_within_fifteen_days(register, office):
    p = register()
    assert (p.year, p.number, p.state, p.channel) == (2024, 1, "received", "visit")
    assert p.accept_due == D(2024, 3, 19)
    assert len(p.receipt_code) == 16 and p.petitioners.get().name == "王秀英"
    event = history(p).get()
    assert event.action == "receive" and event.actor == office and event.to_state == "received"
    deadline = Deadline.objects.get(object_id=p.pk, closed_at=None)
    assert deadline.kind == f"accept:{office.pk}" and deadline.responsible_user == office
    assert deadline.due_date == D(2024, 3, 19)


def test_numbers_follow_each_other_within_a_year_and_start_again(register):
    assert [register().number, register().number] == [1, 2]
    assert register(day=D(2025, 1, 3)).number == 1


def test_a_collective_visit_names_up_to_five_representatives(register):
    people = [A.Person(name=f"村民{i}") for i in range(5)]
    p = register(petitioners=people, people=40)
    assert p.collective and p.petitioners.count() == 5
    with pytest.raises(ActionInvalid) as error:
        register(petitioners=[*people, A.Person(name="村民6")], people=40)
    assert error.value.field == "petitioners"
    with pytest.raises(ActionInvalid) as fewer:
        register(petitioners=people, people=3)
    assert fewer.value.field == "people"


def test_a_petition_names_who_petitions_and_was_not_received_tomorrow(register):
    with pytest.raises(ActionInvalid) as nobody:
        register(petitioners=[])
    assert nobody.value.field == "petitioners"
    with pytest.raises(ActionInvalid) as future:
        register(day=D(2024, 3, 4), received_at=at(D(2024, 3, 5)))
    assert future.value.field == "received_at"


@pytest.mark.parametrize("who", ["staff2", "leader", "handler", "deputy", "station", "stranger"])
def test_only_the_petitions_office_registers(register, cast, who):
    with pytest.raises(ActionForbidden):
        register(actor=cast[who])
    assert not Petition.objects.exists()


def test_anyone_petitions_online_a_few_times_an_hour(congress, office):
    cache.clear()

    def submit(ip: str = "10.0.0.1") -> Petition:
        return A.petition_submit_online(
            congress=congress,
            petitioner=A.Person(name="李明", phone="13800000000"),
            title="反映小区供暖不达标",
            content="室温长期低于十六度。",
            category="urban",
            client_ip=ip,
        )

    first = submit()
    assert first.channel == "online" and first.registered_by is None
    assert history(first).get().actor is None
    submit()
    submit()
    with pytest.raises(RateLimited):
        submit()
    assert Petition.objects.count() == 3
    assert submit("10.0.0.2")
