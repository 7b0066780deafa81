"""Joint work across levels (上下联动): a city item county congresses join; each county's staff
add their own sites and problems and see their part only; the city sees the whole; a county
user touching another county's part is refused and nothing changes."""

from __future__ import annotations

from typing import Any

import pytest

from renda.core.workflow import ActionForbidden, ActionInvalid
from renda.inspections import actions as A
from renda.inspections.models import Problem, Site
from renda.inspections.queries import problems_visible_to, sites_visible_to, visible_to, with_counts
from renda.suggestions.tests.test_api import Caller

from .conftest import D, on

pytestmark = pytest.mark.django_db


def _site(joint: Any, counties: dict[str, Any], who: str) -> Site:
    return joint.sites.get(congress=counties[who])


def _problem(joint: Any, cast: dict[str, Any], counties: dict[str, Any], org, who: str) -> Problem:
    with on(D(2024, 5, 21)):
        return A.problem_record(
            actor=cast[who],
            inspection=joint,
            site=_site(joint, counties, who),
            unit=org["unit"],
            description="村内生活垃圾清运不及时。",
        )


def test_each_county_records_its_part_and_sees_only_it(cast, counties, joint, org) -> None:
    yuci = _problem(joint, cast, counties, org, "yuci")
    taigu = _problem(joint, cast, counties, org, "taigu")
    assert (yuci.congress, taigu.congress) == (counties["yuci"], counties["taigu"])
    assert list(problems_visible_to(cast["yuci"])) == [yuci]
    assert list(problems_visible_to(cast["taigu"])) == [taigu]
    assert set(problems_visible_to(cast["staff"])) == {yuci, taigu}  # the city: the whole
    assert set(problems_visible_to(cast["leader"])) == {yuci, taigu}
    assert sites_visible_to(cast["yuci"]).get() == _site(joint, counties, "yuci")
    assert list(visible_to(cast["yuci"])) == [joint]
    counted = with_counts(visible_to(cast["yuci"]), cast["yuci"]).get()
    assert (counted.n_sites, counted.n_problems) == (1, 1)
    assert with_counts(visible_to(cast["staff"]), cast["staff"]).get().n_problems == 2


def test_a_county_site_is_in_the_county(cast, counties, joint) -> None:
    s = _site(joint, counties, "taigu")
    assert s.area == counties["taigu"] and s.created_by == cast["taigu"]


def test_a_county_cannot_record_at_another_county_s_site(cast, counties, joint, org) -> None:
    with on(D(2024, 5, 21)), pytest.raises(ActionForbidden):
        A.problem_record(
            actor=cast["yuci"],
            inspection=joint,
            site=_site(joint, counties, "taigu"),
            unit=org["unit"],
            description="x",
        )
    assert not Problem.objects.exists()


def test_a_county_cannot_refer_or_verify_another_county_s_problem(
    cast, counties, joint, org
) -> None:
    taigu = _problem(joint, cast, counties, org, "taigu")
    with on(D(2024, 5, 25)), pytest.raises(ActionForbidden):
        A.problem_refer(problem=taigu, actor=cast["yuci"], due_on=D(2024, 7, 1))
    taigu.refresh_from_db()
    assert taigu.state == "found"
    with on(D(2024, 5, 25)):
        A.problem_refer(problem=taigu, actor=cast["taigu"], due_on=D(2024, 7, 1))
    assert taigu.state == "rectifying"


def test_a_county_user_is_refused_on_another_county_s_problem_in_the_api(
    cast, counties, joint, org
) -> None:
    taigu = _problem(joint, cast, counties, org, "taigu")
    r = Caller(cast["yuci"]).post(
        f"/inspection-problems/{taigu.pk}/actions/refer", {"due_on": "2099-01-01"}
    )
    assert r.status_code == 404
    taigu.refresh_from_db()
    assert taigu.state == "found"


def test_a_county_that_did_not_join_sees_nothing(cast, counties, joint, org, congress) -> None:
    from renda.accounts.models import User
    from renda.org.models import Congress, Level

    jiexiu = Congress.objects.create(
        name="介休市人民代表大会", short_name="介休市人大", code="jz-jx", level=Level.COUNTY,
        parent=congress, region="介休市",
    )  # fmt: skip
    outsider = User.objects.create_user("staff-jiexiu", congress=jiexiu, role="staff")
    _problem(joint, cast, counties, org, "yuci")
    assert not visible_to(outsider).exists() and not problems_visible_to(outsider).exists()
    with on(D(2024, 5, 21)), pytest.raises(ActionForbidden):
        A.site_add(
            inspection=joint, actor=outsider, name="x", kind="village", mode="open",
            visited_on=D(2024, 5, 21),
        )  # fmt: skip


def test_only_the_city_manages_the_item(cast, counties, joint) -> None:
    with pytest.raises(ActionForbidden):
        A.inspection_add_phase(
            inspection=joint, actor=cast["yuci"], title="阶段", starts_on=D(2024, 6, 1),
            ends_on=D(2024, 6, 30),
        )  # fmt: skip
    with pytest.raises(ActionInvalid) as e:
        A.inspection_join(
            inspection=joint,
            actor=cast["staff"],
            congress=counties["yuci"],
            joined_on=D(2024, 5, 8),
        )
    assert e.value.field == "congress"


def test_a_city_site_may_be_in_the_development_zone(cast, joint) -> None:
    with on(D(2024, 5, 22)):
        s = A.site_add(
            inspection=joint, actor=cast["staff"], name="晋中开发区某企业", kind="enterprise",
            mode="unannounced", visited_on=D(2024, 5, 22),
        )  # fmt: skip
    assert s.area is None and s.congress_id == joint.congress_id
