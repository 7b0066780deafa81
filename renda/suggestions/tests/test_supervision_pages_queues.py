"""The staff work queues: review, to assign, and units' adjustment and extension requests."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.suggestions import actions as A

from .conftest import at
from .handling import accepted, assigned, on

D = datetime.date


def rows(response) -> list[str]:
    return [getattr(r, "title", None) or r.suggestion.title for r in response.context["page_obj"]]


@pytest.fixture
def queue(cast, submit, session):
    """Two submitted (a session one and a late recess one), one accepted, one assigned."""
    s = {}
    s["session"] = submit(title="大会期间建议", at=at(2024, 1, 24), category="education")
    s["recess"] = submit(title="闭会期间建议", at=at(2024, 3, 1))  # Friday: assign by 8 March
    s["accepted"] = accepted(submit, cast["staff"], D(2024, 3, 4), title="已立案建议")
    return s


def test_review_lists_submitted_suggestions_oldest_first_with_recess_deadlines(client, cast, queue):
    client.force_login(cast["staff"])
    with on(D(2024, 3, 12)):
        response = client.get(reverse("suggestions:review_queue"))
    assert rows(response) == ["大会期间建议", "闭会期间建议"]
    recess = response.context["page_obj"].object_list[1]
    assert recess.assign_due == D(2024, 3, 8) and recess.assign_overdue
    assert response.context["page_obj"].object_list[0].assign_due is None
    html = response.content.decode()
    assert "2024-03-08" in html and "badge-overdue" in html
    assert reverse("suggestions:detail", args=[queue["recess"].pk]) in html


def test_a_recess_suggestion_within_its_deadline_is_not_overdue(client, cast, queue):
    client.force_login(cast["staff"])
    with on(D(2024, 3, 8)):
        response = client.get(reverse("suggestions:review_queue"))
    assert "badge-overdue" not in response.content.decode()


def test_to_assign_lists_accepted_suggestions_only(client, cast, queue, org, submit):
    assigned(
        submit, cast["staff"], D(2024, 3, 5), [A.UnitPart(org["unit"], "sole")], title="已交办"
    )
    client.force_login(cast["staff"])
    response = client.get(reverse("suggestions:assign_queue"))
    assert rows(response) == ["已立案建议"]
    assert response.context["counts"] == {"review": 2, "assign": 1, "requests": 0}


def test_queue_filters(client, cast, queue):
    client.force_login(cast["staff"])
    url = reverse("suggestions:review_queue")
    assert rows(client.get(url, {"period": "recess"})) == ["闭会期间建议"]
    assert rows(client.get(url, {"category": "education"})) == ["大会期间建议"]
    assert rows(client.get(url, {"q": "闭会"})) == ["闭会期间建议"]
    assert rows(client.get(url, {"year": "2024"})) == ["大会期间建议", "闭会期间建议"]


def test_a_bad_filter_value_is_reported_beside_its_field_and_ignored(client, cast, queue):
    client.force_login(cast["staff"])
    response = client.get(reverse("suggestions:review_queue"), {"year": "1999", "period": "x"})
    assert rows(response) == ["大会期间建议", "闭会期间建议"]
    form = response.context["form"]
    assert "year" in form.errors and "period" in form.errors
    assert 'class="field-errors"' in response.content.decode()


def test_staff_of_another_congress_see_none_of_our_queue(client, cast, queue):
    client.force_login(cast["stranger"])
    response = client.get(reverse("suggestions:review_queue"))
    assert response.status_code == 200 and rows(response) == []


def test_adjustment_and_extension_requests_wait_for_staff(client, cast, org, submit):
    staff, handler = cast["staff"], cast["handler"]
    contested = assigned(
        submit, staff, D(2024, 3, 4), [A.UnitPart(org["unit"], "sole")], title="申请调整"
    )
    extended = assigned(
        submit, staff, D(2024, 3, 4), [A.UnitPart(org["unit"], "sole")], title="申请延期"
    )
    with on(D(2024, 3, 6)):
        A.suggestion_contest(suggestion=contested, actor=handler, reason="不属于本单位职责。")
    with on(D(2024, 5, 6)):
        A.suggestion_request_extension(
            suggestion=extended, actor=handler, new_due=D(2024, 8, 30), reason="需要纳入预算。"
        )
    client.force_login(staff)
    response = client.get(reverse("suggestions:adjustment_queue"))
    requests = list(response.context["page_obj"])
    assert [(r.kind, r.suggestion.title) for r in requests] == [
        ("adjustment", "申请调整"),
        ("extension", "申请延期"),
    ]
    assert requests[0].requested_at.date() == D(2024, 3, 6)
    html = response.content.decode()
    assert "不属于本单位职责。" in html and "2024-08-30" in html
    # Once decided, a request leaves the queue.
    assignment = contested.assignments.get()
    A.suggestion_refuse_contest(
        suggestion=contested, actor=staff, assignment_id=assignment.pk, reason="职责明确。"
    )
    response = client.get(reverse("suggestions:adjustment_queue"), {"q": "申请"})
    assert [r.suggestion.title for r in response.context["page_obj"]] == ["申请延期"]


@pytest.mark.parametrize(
    "name", ["suggestions:review_queue", "suggestions:assign_queue", "suggestions:adjustment_queue"]
)
def test_queue_query_count_does_not_grow_with_rows(client, cast, org, submit, name):
    client.force_login(cast["staff"])
    url = reverse(name)
    client.get(url)  # warm up: content types, translations

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            s = submit(title=f"建议{i}", at=at(2024, 3, 1))
            if name != "suggestions:review_queue":
                A.suggestion_accept(suggestion=s, actor=cast["staff"])
            if name == "suggestions:adjustment_queue":
                A.suggestion_assign(
                    suggestion=s,
                    actor=cast["staff"],
                    mode="sole",
                    parts=[A.UnitPart(org["unit"], "sole")],
                )
                A.suggestion_contest(suggestion=s, actor=cast["handler"], reason="请调整。")

    add(2, 0)
    few = queries()
    add(8, 2)
    assert queries() == few <= 16
