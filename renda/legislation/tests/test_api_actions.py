"""The API's action routes of regulations, consultations, opinions and agenda topics: one per
action of each declaration, with its own payload, answering refusals as 403, 409 and 422."""

from __future__ import annotations

import pytest
from django.test import Client

from renda.legislation.models import TopicAnswer
from renda.legislation.workflow import CONSULTATION, OPINION, REGULATION, TOPIC_SOLICITATION
from renda.suggestions.tests.test_api import as_user

from .conftest import D, on
from .test_pages_topics import solicitation  # noqa: F401  (the fixture)

ROUTES = {
    "regulation": ("/regulations/{regulation_id}", REGULATION),
    "consultation": ("/consultations/{consultation_id}", CONSULTATION),
    "opinion": ("/opinions/{opinion_id}", OPINION),
    "topic_solicitation": ("/topic-solicitations/{solicitation_id}", TOPIC_SOLICITATION),
}


def test_every_user_action_of_each_declaration_has_its_route_and_payload():
    document = Client().get("/api/v1/openapi.json").json()
    for name, (path, workflow) in ROUTES.items():
        routed = {p for p in document["paths"] if p.startswith(f"/api/v1{path}/actions/")}
        users = [t.action for t in workflow.transitions if not t.system]
        assert routed == {f"/api/v1{path}/actions/{a}" for a in users}, name
        for action in users:
            post = document["paths"][f"/api/v1{path}/actions/{action}"]["post"]
            assert post["operationId"] == f"{name}_action_{action}"
            assert post["summary"] == str(workflow.transition(action).label)
    handle = document["paths"]["/api/v1/opinions/{opinion_id}/actions/handle"]["post"]
    body = handle["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("/legislation.HandleIn")  # schemas are named by their app


def test_the_system_expiry_has_no_route(cast, consultation):
    r = as_user(cast, "staff").post(f"/consultations/{consultation.pk}/actions/expire")
    assert r.status_code == 404


def test_staff_record_a_regulation_stage_on_its_day(cast, version):
    regulation = version.regulation
    path = f"/regulations/{regulation.pk}/actions/first_reading"
    with on(D(2024, 4, 20)):
        future = as_user(cast, "staff").post(path, {"on": "2024-05-01"})
        done = as_user(cast, "staff").post(path, {"on": "2024-04-18", "comment": "一审"})
        again = as_user(cast, "staff").post(path, {"on": "2024-04-19"})
    assert future.status_code == 422 and future.json()["field"] == "on"
    assert done.status_code == 200
    assert (done.json()["state"], done.json()["first_reading_on"]) == (
        "first_reading",
        "2024-04-18",
    )
    assert again.status_code == 409


@pytest.mark.parametrize("who, status", [("leader", 403), ("deputy", 404), ("stranger", 404)])
def test_only_staff_of_the_congress_record_a_stage(cast, version, who, status):
    path = f"/regulations/{version.regulation_id}/actions/start_drafting"
    assert as_user(cast, who).post(path).status_code == status


def test_staff_extend_and_close_a_consultation(cast, consultation):
    staff = as_user(cast, "staff")
    base = f"/consultations/{consultation.pk}/actions"
    with on(D(2024, 3, 20)):
        earlier = staff.post(f"{base}/extend", {"closes_on": "2024-03-25"})
        extended = staff.post(f"{base}/extend", {"closes_on": "2024-04-10", "comment": "延长"})
        closed = staff.post(f"{base}/close")
    assert earlier.status_code == 422 and earlier.json()["field"] == "closes_on"
    assert extended.status_code == 200 and extended.json()["closes_on"] == "2024-04-10"
    assert closed.status_code == 200 and closed.json()["state"] == "closed"


def test_a_deputy_may_read_an_open_consultation_but_not_close_it(cast, consultation):
    with on(D(2024, 3, 10)):
        r = as_user(cast, "deputy").post(f"/consultations/{consultation.pk}/actions/close")
    assert r.status_code == 403


def test_a_deputy_answers_a_topic_and_staff_close_with_a_summary(cast, solicitation):  # noqa: F811
    topic = solicitation.topics.get(order=2)
    base = f"/topic-solicitations/{solicitation.pk}/actions"
    with on(D(2024, 6, 5)):
        answered = as_user(cast, "deputy").post(
            f"{base}/answer", {"topic": topic.pk, "text": "赞成"}
        )
        foreign = as_user(cast, "deputy").post(f"{base}/answer", {"topic": 2**40, "text": "x"})
        refused = as_user(cast, "staff").post(f"{base}/answer", {"topic": topic.pk, "text": "x"})
        closed = as_user(cast, "staff").post(f"{base}/close", {"summary": "多数赞成"})
    assert answered.status_code == 200 and answered.json()["state"] == "open"
    assert TopicAnswer.objects.get().text == "赞成"
    assert foreign.status_code == 422 and foreign.json()["field"] == "topic"
    assert refused.status_code == 403
    assert closed.json()["state"] == "closed" and closed.json()["summary"] == "多数赞成"
