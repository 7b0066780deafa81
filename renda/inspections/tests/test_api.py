"""The inspections API: each item's detail gives its sites, problems (how many rectified) and
recommendations counts; problems recorded with photos (multipart) and refused without a site
or unit; one route per problem action; lists whose query count does not grow with their rows;
who may read and act, role by role."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.inspections import actions as A
from renda.inspections.models import Problem
from renda.suggestions.tests.test_api import API, Caller

from .conftest import D, on, photo

pytestmark = pytest.mark.django_db


def test_the_detail_gives_the_figures_a_client_reads(cast, item, reported) -> None:
    with on(D(2024, 6, 5)):
        A.problem_verify(problem=reported, actor=cast["staff"], verdict="rectified")
    A.aspect_add(inspection=item, actor=cast["staff"], title="方面", recommendations=["一", "二"])
    r = Caller(cast["staff"]).get(f"/inspections/{item.pk}")
    assert r.status_code == 200
    body = r.json()
    assert body["counts"] == {
        "sites": 1,
        "problems": 1,
        "rectified": 1,
        "aspects": 1,
        "recommendations": 2,
    }
    assert body["aspects"][0]["recommendations"][1]["text"] == "二"
    assert {m["role"] for m in body["members"]} == {"deputy"}


@pytest.mark.parametrize(
    "who, status",
    [("staff", 200), ("leader", 200), ("deputy", 200),
     ("deputy2", 404), ("handler", 404), ("stranger", 404)],
)  # fmt: skip
def test_who_reads_an_item(cast, item, who, status) -> None:
    assert Caller(cast[who]).get(f"/inspections/{item.pk}").status_code == status


def _multipart(caller: Caller, path: str, data: dict[str, Any]) -> Any:
    return caller.client.post(API + path, data, headers=caller.headers)


def test_staff_record_a_problem_with_photos_and_refer_it(cast, org, item, site) -> None:
    staff = Caller(cast["staff"])
    with on(D(2024, 4, 13)):
        r = _multipart(
            staff,
            f"/inspections/{item.pk}/problems",
            {
                "site": site.pk,
                "unit": org["unit"].pk,
                "description": "无证经营。",
                "photos": [photo()],
            },
        )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["photos"] == 1 and body["state"] == "found" and "refer" in body["available_actions"]
    with on(D(2024, 4, 15)):
        r = staff.post(f"/inspection-problems/{body['id']}/actions/refer", {"due_on": "2024-06-15"})
    assert r.status_code == 200 and r.json()["state"] == "rectifying"
    handler = Caller(cast["handler"])
    with on(D(2024, 6, 1)):
        r = _multipart(
            handler,
            f"/inspection-problems/{body['id']}/rectification",
            {"text": "已整改。", "photos": [photo()]},
        )
    assert r.status_code == 200, r.content
    assert r.json()["state"] == "reported" and r.json()["rectifications"][0]["photos"] == 1


def test_a_problem_without_a_site_is_refused_naming_the_field(cast, org, item, site) -> None:
    r = _multipart(
        Caller(cast["staff"]),
        f"/inspections/{item.pk}/problems",
        {"unit": org["unit"].pk, "description": "无证经营。"},
    )
    assert r.status_code == 422 and r.json()["field"] == "site"
    assert not Problem.objects.exists()


def test_a_past_deadline_and_an_early_verification_are_refused(cast, record, referred) -> None:
    staff = Caller(cast["staff"])
    p = record()
    with on(D(2024, 4, 20)):
        r = staff.post(f"/inspection-problems/{p.pk}/actions/refer", {"due_on": "2024-04-01"})
        assert r.status_code == 422 and r.json()["field"] == "due_on"
        r = staff.post(
            f"/inspection-problems/{referred.pk}/actions/verify", {"verdict": "rectified"}
        )
        assert r.status_code == 409
    referred.refresh_from_db()
    assert referred.state == "rectifying"


def test_another_unit_cannot_reach_the_problem(cast, referred) -> None:
    r = Caller(cast["other_handler"]).post(
        f"/inspection-problems/{referred.pk}/actions/report", {"text": "已整改。"}
    )
    assert r.status_code == 404
    referred.refresh_from_db()
    assert referred.state == "rectifying"


def _many(item, site, cast, org, n: int) -> None:
    for _ in range(n):
        p = A.problem_record(
            actor=cast["staff"], inspection=item, site=site, unit=org["unit"], description="问题"
        )
        A.problem_refer(problem=p, actor=cast["staff"], due_on=D(2099, 1, 1))
        A.inspection_create(
            actor=cast["staff"], kind="visit", title="视察", subject="主题", starts_on=D(2024, 5, 1)
        )


@pytest.mark.parametrize(
    "who, path",
    [("staff", "/inspections"), ("leader", "/inspections"), ("deputy", "/inspections"),
     ("staff", "/inspection-problems"), ("handler", "/inspection-problems"),
     ("staff", "ITEM/problems"), ("staff", "ITEM/sites")],
)  # fmt: skip
def test_api_lists_cost_the_same_queries_for_few_and_many_rows(
    cast, org, item, site, who, path
) -> None:
    caller = Caller(cast[who])
    path = path.replace("ITEM", f"/inspections/{item.pk}")

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert caller.get(path, page_size=100).status_code == 200
        return len(ctx.captured_queries)

    _many(item, site, cast, org, 2)
    caller.get(path)
    few = queries()
    _many(item, site, cast, org, 10)
    assert queries() == few <= 10
