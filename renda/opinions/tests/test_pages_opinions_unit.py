"""A handling unit's officer: the opinions referred to the unit, overdue first with their due
dates, and on each one's page the answer, or the return when it is not the unit's matter."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from renda.core.models import Deadline
from renda.opinions import actions as A

from .conftest import MONDAY, on
from .test_pages_opinions_station import act, client_for, fresh

LIST = reverse("opinions:opinion_unit")


def test_the_units_list_puts_overdue_first_with_due_dates(cast, record, org):
    station = cast["station"]
    with on(MONDAY):
        early = record(content="先转办的")
        A.opinion_refer(opinion=early, actor=station, unit=org["unit"])
    with on(MONDAY + datetime.timedelta(days=14)):
        later = record(content="后转办的")
        A.opinion_refer(opinion=later, actor=station, unit=org["unit"])
        other = record(content="别的单位的")
        A.opinion_refer(opinion=other, actor=station, unit=org["other_unit"])
        done = record(content="已答复的")
        A.opinion_refer(opinion=done, actor=station, unit=org["unit"])
        A.opinion_answer(opinion=done, actor=cast["handler"], answer="已处理", kind="solved")
    with on(MONDAY + datetime.timedelta(days=28)):  # the first is past its 15 working days
        client = client_for(cast["handler"])
        page = client.get(LIST)
        rows = list(page.context["page_obj"].object_list)
        assert [o.pk for o in rows] == [early.pk, later.pk]  # open ones only, by default
        assert rows[0].due_info.overdue and not rows[1].due_info.overdue
        html = page.content.decode()
        assert f'data-opinion="{early.pk}" class="row-overdue"' in html
        assert early.answer_due.isoformat() in html
        assert page.context["counts"]["answer_overdue"] == 1
        everything = client.get(LIST, {"show": "all"}).context["page_obj"].object_list
        assert [o.pk for o in everything] == [early.pk, later.pk, done.pk]
        overdue = client.get(LIST, {"overdue": "yes"}).context["page_obj"].object_list
        assert [o.pk for o in overdue] == [early.pk]


@pytest.mark.parametrize("who", ["staff", "leader", "deputy", "station"])
def test_the_units_list_is_for_handlers(cast, who):
    assert client_for(cast[who]).get(LIST).status_code == 403


def test_the_handler_answers_on_the_opinions_page(cast, referred):
    client = client_for(cast["handler"])
    page = client.get(reverse("opinions:opinion", args=[referred.pk])).content.decode()
    assert 'id="action-answer"' in page and 'id="action-return"' in page
    assert 'id="action-resolve"' not in page and 'id="action-close"' not in page
    with on(MONDAY + datetime.timedelta(days=2)):
        empty = act(client, referred, "answer", {"answer": "", "kind": "solved"})
        assert empty.status_code == 422 and 'id="id_answer-answer_errors"' in empty.content.decode()
        no_kind = act(client, referred, "answer", {"answer": "已调整信号配时。"})
        assert no_kind.status_code == 422
        assert 'id="id_answer-kind_errors"' in no_kind.content.decode()
        assert fresh(referred).state == "referred"
        r = act(client, referred, "answer", {"answer": "已调整信号配时。", "kind": "planned"})
    assert r.status_code == 302
    answered = fresh(referred)
    assert answered.state == "answered" and answered.answer == "已调整信号配时。"
    assert answered.answer_kind == "planned"
    tell = Deadline.objects.get(kind="tell", closed_at=None)
    assert tell.responsible_station == referred.station
    assert tell.url == reverse("opinions:opinion", args=[referred.pk])


def test_the_handler_returns_an_opinion_that_is_not_the_units(cast, referred):
    client = client_for(cast["handler"])
    missing = act(client, referred, "return", {"reason": " "})
    assert missing.status_code == 422 and 'id="id_return-reason_errors"' in missing.content.decode()
    r = act(client, referred, "return", {"reason": "属于住建局职责。"})
    assert r.status_code == 302
    assert fresh(referred).state == "recorded" and fresh(referred).unit is None
    # Once returned, it is no longer the unit's: gone from its list, its page 404.
    assert not client.get(LIST).context["page_obj"].object_list
    assert r["Location"] == reverse("opinions:opinion", args=[referred.pk])
    assert client.get(r["Location"]).status_code == 404


def test_a_handler_of_another_unit_gets_404(cast, referred):
    client = client_for(cast["other_handler"])
    assert client.get(reverse("opinions:opinion", args=[referred.pk])).status_code == 404
    assert act(client, referred, "answer", {"answer": "抢答", "kind": "solved"}).status_code == 404
    assert fresh(referred).state == "referred"


def test_a_handler_cannot_take_the_stations_steps(cast, referred):
    client = client_for(cast["handler"])
    assert act(client, referred, "resolve", {"outcome": "x"}).status_code == 403
    assert fresh(referred).state == "referred"


def test_a_handler_cannot_see_an_opinion_not_referred_to_the_unit(cast, opinion):
    client = client_for(cast["handler"])
    assert client.get(reverse("opinions:opinion", args=[opinion.pk])).status_code == 404
