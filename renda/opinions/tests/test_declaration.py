"""A constituent's opinion is a case type declared on the workflow core: its badge colours,
named state groups, timeline labels and details, page forms and API routes come from the
declaration (opinions/workflow.py) and the payloads of its actions; its deadlines say what is
due in each viewer's language."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from renda.core.actionforms import form_class_for
from renda.core.models import Deadline
from renda.core.timeline import timeline
from renda.opinions import actions as A
from renda.opinions.models import OpinionState
from renda.opinions.workflow import FINISHED, KEEPER_TODO, OPINION

from .conftest import MONDAY, on
from .test_pages_opinions_station import client_for, fresh


def _badge(opinion) -> str:
    return Template("{% load renda_ui %}{% state_badge o %}").render(Context({"o": opinion}))


@pytest.mark.parametrize(
    "state, tone",
    [
        (OpinionState.RECORDED, "warning"),
        (OpinionState.REFERRED, "info"),
        (OpinionState.ANSWERED, "warning"),
        (OpinionState.RESOLVED, "success"),
        (OpinionState.CLOSED, "success"),
        (OpinionState.DISMISSED, "neutral"),
    ],
)
def test_each_state_has_the_badge_colour_it_had(opinion, state, tone):
    opinion.state = state
    assert f'class="badge badge-{tone}" data-state="{state}"' in _badge(opinion)


def test_the_state_groups_are_the_declarations():
    assert {"resolved", "closed", "dismissed"} == FINISHED
    assert {"recorded", "answered"} == KEEPER_TODO


def test_the_timeline_names_each_step_with_its_detail_and_who_took_it(cast, answered):
    A.opinion_close(opinion=fresh(answered), actor=cast["station"], told_by="phone")
    A.opinion_rate(opinion=fresh(answered), rating="satisfied", comment="很快")
    with translation.override("en"):
        entries = {e.event.action: e for e in timeline(fresh(answered))}
    assert (entries["record"].label, entries["record"].detail) == (
        "Opinion received",
        "Recorded at the station",
    )
    assert entries["refer"].label == "Referred to a unit"
    assert entries["refer"].detail == "晋中市交通运输局, answer by 2024-03-25"
    assert (entries["answer"].label, entries["answer"].detail) == ("Answered by the unit", "")
    assert (entries["close"].label, entries["close"].detail) == (
        "Constituent told; closed",
        "Phone call",
    )
    assert (entries["rate"].label, entries["rate"].detail) == (
        "Rated by the constituent",
        "Satisfied",
    )
    # The constituent rated without an account: the timeline names them, not the system.
    assert entries["rate"].who == "the constituent"
    assert entries["close"].who.startswith(cast["station"].display_name)


def test_an_online_opinion_was_received_from_the_constituent(congress):
    online = A.opinion_submit_online(
        congress=congress, category="water", content="停水。", client_ip="10.0.0.1"
    )
    with translation.override("en"):
        (received,) = timeline(online)
    assert (received.label, received.detail, received.who) == (
        "Opinion received",
        "Submitted online",
        "the constituent",
    )


def test_a_late_answer_and_a_return_say_so(cast, record, org):
    with on(MONDAY):
        late, returned = record(), record()
        for o in (late, returned):
            A.opinion_refer(opinion=o, actor=cast["station"], unit=org["unit"])
        A.opinion_return(opinion=returned, actor=cast["handler"], reason="不属本单位")
    with on(MONDAY + datetime.timedelta(days=40)):
        A.opinion_answer(opinion=fresh(late), actor=cast["handler"], answer="已处理", kind="solved")
    with translation.override("en"):
        assert timeline(fresh(late))[-1].detail == "after the due date"
        assert timeline(fresh(returned))[-1].detail == org["unit"].name


# --- deadlines: what is due, in the viewer's language ------------------------------------------


def test_the_deadlines_store_their_message_untranslated_with_its_values(cast, answered):
    closed, tell = Deadline.objects.filter(object_id=answered.pk).order_by("id")
    assert (closed.what, closed.params) == (
        "Constituent's opinion no. %(id)s: %(text)s",
        # Set inside sentences ("…来不及，期限…"): without its closing full stop.
        {"id": answered.pk, "text": "锦纶路与迎宾街交叉口红绿灯时间太短，老人过马路来不及"},
    )
    assert tell.what == "Tell the constituent: constituent's opinion no. %(id)s: %(text)s"
    assert tell.params == closed.params
    with translation.override("en"):
        assert closed.label.startswith(f"Constituent's opinion no. {answered.pk}: 锦纶路")
    with translation.override("zh-hans"):
        assert closed.label.startswith(f"群众意见建议第 {answered.pk} 号：锦纶路")


# --- the page's forms and the API's routes ------------------------------------------------------


def test_the_page_lists_the_forms_in_the_declared_order_derived_from_the_payloads(cast, opinion):
    page = client_for(cast["staff"]).get(reverse("opinions:opinion", args=[opinion.pk]))
    forms = page.context["action_forms"]
    assert [f.action for f in forms] == ["refer", "resolve", "dismiss"]
    assert forms[0].open and list(forms[0].fields) == ["unit", "comment"]
    assert forms[2].button_class == "button button-danger"
    answer = form_class_for(OPINION, "answer")(case=opinion, user=cast["handler"])
    assert list(answer.fields) == ["kind", "answer"]
    assert answer.fields["kind"].widget.input_type == "radio"


def test_the_constituent_rates_by_the_receipt_code_not_on_the_page(cast, opinion):
    A.opinion_resolve(opinion=opinion, actor=cast["station"], outcome="已解决")
    url = reverse("opinions:opinion_act", args=[opinion.pk, "rate"])
    assert client_for(cast["staff"]).post(url, {"rate-rating": "satisfied"}).status_code == 404


def test_every_action_but_rating_has_its_api_route_with_its_own_payload(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    routes = {p for p in schema["paths"] if p.startswith("/api/v1/constituent-opinions/{")}
    actions = {"resolve", "refer", "dismiss", "return", "answer", "close"}
    assert {f"/api/v1/constituent-opinions/{{opinion_id}}/actions/{a}" for a in actions} <= routes
    assert not any(p.endswith("/actions/rate") for p in routes)
    refer = schema["paths"]["/api/v1/constituent-opinions/{opinion_id}/actions/refer"]["post"]
    assert refer["operationId"] == "constituent_opinion_action_refer"
