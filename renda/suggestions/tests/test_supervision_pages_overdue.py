"""The overdue board (超期预警) page: per unit, overdue and soon-due replies in working days."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.suggestions import actions as A

from .handling import assigned, on, replied

D = datetime.date
TODAY = D(2024, 6, 5)  # a Wednesday


@pytest.fixture
def board(cast, org, submit):
    staff = cast["staff"]

    def sole(unit, day, title):
        return assigned(submit, staff, day, [A.UnitPart(unit, "sole")], title=title)

    b = {
        "late": sole(org["unit"], D(2024, 3, 1), "逾期未复"),  # due Mon 3 June
        "soon": sole(org["other_unit"], D(2024, 3, 6), "即将到期"),  # due Thu 6 June
        "far": sole(org["unit"], D(2024, 3, 20), "尚早"),  # due 20 June
        "answered": sole(org["unit"], D(2024, 3, 1), "已答复"),
    }
    replied(b["answered"], cast["handler"], D(2024, 4, 1), "A")
    return b


def test_the_board_groups_owed_replies_by_unit_with_working_days(client, cast, board):
    client.force_login(cast["leader"])
    with on(TODAY):
        response = client.get(reverse("suggestions:overdue_board"))
    boards = response.context["boards"]
    assert [b.unit.name for b in boards] == ["晋中市交通运输局", "晋中市教育局"]
    assert [i.suggestion.title for i in boards[0].overdue] == ["逾期未复"]
    assert boards[0].overdue[0].days_overdue == 2
    assert [i.suggestion.title for i in boards[1].soon] == ["即将到期"]
    assert response.context["overdue_total"] == 1 and response.context["soon_total"] == 1
    html = response.content.decode()
    assert "badge-overdue" in html and "尚早" not in html and "已答复" not in html
    assert reverse("suggestions:detail", args=[board["late"].pk]) in html


def test_an_empty_board_says_so(client, cast):
    client.force_login(cast["staff"])
    response = client.get(reverse("suggestions:overdue_board"))
    assert response.context["boards"] == []
    assert 'class="empty"' in response.content.decode()


def test_staff_of_another_congress_see_none_of_ours(client, cast, board):
    client.force_login(cast["stranger"])
    with on(TODAY):
        assert client.get(reverse("suggestions:overdue_board")).context["boards"] == []


def test_the_board_query_count_does_not_grow_with_rows(client, cast, org, submit):
    client.force_login(cast["staff"])
    url = reverse("suggestions:overdue_board")

    def queries() -> int:
        with on(TODAY), CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def add(n: int) -> None:
        for i in range(n):
            unit = org["unit"] if i % 2 else org["other_unit"]
            assigned(submit, cast["staff"], D(2024, 3, 1), [A.UnitPart(unit, "sole")], title=f"{i}")

    add(2)
    queries()  # warm up
    few = queries()
    add(8)
    assert queries() == few <= 12
