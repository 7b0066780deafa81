"""Motions (议案): the year's list and staff's decisions through the pages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.org.models import Body
from renda.suggestions import actions as A
from renda.suggestions.models import Motion, MotionState, Suggestion

from .conftest import at


@pytest.fixture
def committee(congress):
    return Body.objects.create(congress=congress, name="法制委员会", kind="special_committee")


@pytest.fixture
def motion(cast, org, session):
    return A.motion_submit(
        author=cast["deputy"],
        session=session,
        title="关于制定餐饮从业人员佩戴口罩规定的议案",
        body="建议制定地方性法规。",
        category="health",
        delegation=org["delegation"],
        at=at(2024, 1, 24),
    )


def decide(client, motion, decision: str, data: dict):
    url = reverse("suggestions:motion_decide", args=[motion.pk, decision])
    return client.post(url, {f"{decision}-{k}": v for k, v in data.items()})


def test_the_list_shows_the_years_motions_and_their_state(client, cast, motion):
    client.force_login(cast["leader"])
    response = client.get(reverse("suggestions:motion_board"))
    assert response.context["year"] == 2024
    assert list(response.context["page_obj"]) == [motion]
    html = response.content.decode()
    assert "榆次区代表团" in html
    assert reverse("suggestions:motion_decision", args=[motion.pk]) in html


def test_staff_see_the_decision_forms_and_leaders_do_not(client, cast, motion):
    client.force_login(cast["staff"])
    forms = client.get(reverse("suggestions:motion_decision", args=[motion.pk])).context[
        "action_forms"
    ]
    assert [f.action for f in forms] == ["refer", "list", "not_list"]
    client.force_login(cast["leader"])
    response = client.get(reverse("suggestions:motion_decision", args=[motion.pk]))
    assert response.context["action_forms"] == []
    assert decide(client, motion, "list", {"comment": ""}).status_code == 403


def test_staff_refer_a_motion_then_list_it(client, cast, motion, committee):
    client.force_login(cast["staff"])
    response = decide(client, motion, "refer", {"committee": committee.pk, "comment": "先行审议"})
    assert response.status_code == 302
    motion.refresh_from_db()
    assert motion.state == MotionState.REFERRED and motion.committee == committee
    forms = client.get(response["Location"]).context["action_forms"]
    assert [f.action for f in forms] == ["list", "not_list"]
    decide(client, motion, "list", {"comment": "列入大会议程。"})
    motion.refresh_from_db()
    assert motion.state == MotionState.LISTED and motion.decision_note == "列入大会议程。"


def test_refer_needs_a_special_committee_of_this_congress(
    client, cast, motion, congress, other_congress
):
    working = Body.objects.create(congress=congress, name="代表工作委员会", kind="working_body")
    foreign = Body.objects.create(
        congress=other_congress, name="法制委员会", kind="special_committee"
    )
    client.force_login(cast["staff"])
    for bad in ("", working.pk, foreign.pk, "x"):
        response = decide(client, motion, "refer", {"committee": bad})
        assert response.status_code == 422
        (refer,) = [f for f in response.context["action_forms"] if f.action == "refer"]
        assert "committee" in refer.errors
        assert 'class="field-errors"' in response.content.decode()
    motion.refresh_from_db()
    assert motion.state == MotionState.SUBMITTED


def test_a_motion_not_listed_becomes_a_suggestion(client, cast, motion):
    client.force_login(cast["staff"])
    response = decide(client, motion, "not_list", {"comment": "作为建议办理。"})
    assert response.status_code == 302
    suggestion = Suggestion.objects.get(from_motion=motion)
    html = client.get(response["Location"]).content.decode()
    assert reverse("suggestions:detail", args=[suggestion.pk]) in html


def test_a_decided_motion_cannot_be_decided_again(client, cast, motion):
    client.force_login(cast["staff"])
    decide(client, motion, "list", {"comment": ""})
    response = decide(client, motion, "not_list", {"comment": ""})
    assert response.status_code == 409  # the page again, saying why nothing changed
    assert response.context["conflict"] and "data-conflict" in response.content.decode()
    motion.refresh_from_db()
    assert motion.state == MotionState.LISTED
    assert not Suggestion.objects.filter(from_motion=motion).exists()


def test_unknown_decisions_and_foreign_motions_are_404(client, cast, motion):
    client.force_login(cast["staff"])
    assert decide(client, motion, "burn", {}).status_code == 404
    client.force_login(cast["stranger"])
    assert client.get(reverse("suggestions:motion_decision", args=[motion.pk])).status_code == 404
    assert decide(client, motion, "list", {}).status_code == 404


def test_the_motion_list_query_count_does_not_grow_with_rows(client, cast, org, session):
    client.force_login(cast["staff"])
    url = reverse("suggestions:motion_board")

    def add(n: int) -> None:
        for i in range(n):
            A.motion_submit(
                author=cast["deputy"],
                session=session,
                title=f"议案{i}",
                body="内容",
                category="health",
                delegation=org["delegation"],
                at=at(2024, 1, 24),
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    add(1)
    client.get(url)  # warm up
    few = queries()
    add(6)
    assert queries() == few <= 10
    assert Motion.objects.count() == 7
