"""The promise ledger (承诺事项台账) page: open promises first, filters, late badges."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.suggestions import actions as A

from .handling import assigned, delivered, on, replied

D = datetime.date


@pytest.fixture
def ledger(cast, org, submit):
    staff = cast["staff"]
    bus = assigned(submit, staff, D(2024, 3, 1), [A.UnitPart(org["unit"], "sole")], title="公交")
    school = assigned(
        submit, staff, D(2024, 3, 1), [A.UnitPart(org["other_unit"], "sole")], title="学校"
    )
    replied(bus, cast["handler"], D(2024, 4, 1), "B", promises=[("增开线路", D(2024, 5, 31))])
    replied(
        school,
        cast["other_handler"],
        D(2024, 4, 1),
        "B",
        promises=[("扩建校舍", D(2024, 9, 1)), ("增加学位", D(2024, 5, 1))],
    )
    delivered(school.promises.get(text="增加学位"), cast["other_handler"], D(2024, 5, 10))
    return {"bus": bus, "school": school}


def promises(response) -> list[str]:
    return [p.text for p in response.context["page_obj"]]


def test_the_ledger_shows_open_promises_earliest_due_first_with_late_ones_marked(
    client, cast, ledger
):
    client.force_login(cast["staff"])
    with on(D(2024, 6, 10)):
        response = client.get(reverse("suggestions:promise_ledger"))
    assert promises(response) == ["增开线路", "扩建校舍"]
    late = {p.text for p in response.context["page_obj"] if p.late}
    assert late == {"增开线路"}
    html = response.content.decode()
    assert "badge-overdue" in html
    assert reverse("suggestions:detail", args=[ledger["bus"].pk]) in html


def test_ledger_filters(client, cast, org, ledger):
    client.force_login(cast["leader"])
    url = reverse("suggestions:promise_ledger")
    with on(D(2024, 6, 10)):
        everything = client.get(url, {"show": "all"})
        assert promises(everything) == ["增加学位", "增开线路", "扩建校舍"]
        # Delivered after its due date: late too.
        assert [p.late for p in everything.context["page_obj"]] == [True, True, False]
        assert promises(client.get(url, {"unit": org["unit"].pk})) == ["增开线路"]
        assert promises(client.get(url, {"year": "2024", "show": "all"})) == promises(everything)
        response = client.get(url, {"year": "1990"})
    assert "year" in response.context["form"].errors


def test_staff_of_another_congress_see_none_of_ours(client, cast, ledger):
    client.force_login(cast["stranger"])
    assert promises(client.get(reverse("suggestions:promise_ledger"), {"show": "all"})) == []


def test_the_ledger_query_count_does_not_grow_with_rows(client, cast, org, submit):
    client.force_login(cast["staff"])
    url = reverse("suggestions:promise_ledger")
    client.get(url)  # warm up

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"show": "all"}).status_code == 200
        return len(ctx.captured_queries)

    def add(n: int) -> None:
        today = datetime.date.today()
        for i in range(n):
            s = assigned(submit, cast["staff"], today, [A.UnitPart(org["unit"], "sole")])
            replied(s, cast["handler"], today, "B", promises=[(f"承诺{i}", today)])

    add(1)
    few = queries()
    add(6)
    assert queries() == few <= 12
