"""A station's operator at the reception desk: records an opinion (resolving it on the spot or
not), finds what waits for them in the station's list, and takes each step on its page."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from renda.core.models import Deadline, Event
from renda.opinions import actions as A
from renda.opinions.models import ConstituentOpinion

from .conftest import MONDAY, on

RECORD = reverse("opinions:opinion_record")
LIST = reverse("opinions:opinion_station")


def client_for(user):
    """A client logged in as `user` (the other opinion page tests use it too)."""
    client = Client()
    client.force_login(user)
    return client


def act(client, opinion, action, data):
    """Post one action's form on the opinion's page."""
    url = reverse("opinions:opinion_act", args=[opinion.pk, action])
    return client.post(url, {f"{action}-{k}": v for k, v in data.items()})


def fresh(opinion):
    return ConstituentOpinion.objects.get(pk=opinion.pk)


# --- recording ---------------------------------------------------------------------------------


def test_the_operator_records_an_opinion_and_gets_its_receipt_code_to_hand_over(cast, org):
    client = client_for(cast["station"])
    page = client.get(RECORD)
    assert page.status_code == 200 and b'name="station"' not in page.content  # their own
    r = client.post(
        RECORD,
        {
            "category": "roads",
            "content": "锦纶路红绿灯时间太短。",
            "place": "锦纶路口",
            "contact_name": "赵大妈",
            "contact_phone": "13812345678",
        },
    )
    opinion = ConstituentOpinion.objects.get()
    assert r.status_code == 302 and r["Location"] == f"{RECORD}?done={opinion.pk}"
    assert opinion.state == "recorded" and opinion.station == org["station"]
    assert opinion.contact_phone == "13812345678" and opinion.recorded_by == cast["station"]
    after = client.get(r["Location"]).content.decode()
    assert opinion.receipt_code in after and 'id="just-recorded"' in after
    # The next one can be typed straight away: the form is empty again.
    assert "锦纶路红绿灯时间太短" not in after


def test_resolved_on_the_spot_in_the_same_submit(cast, org):
    client = client_for(cast["station"])
    r = client.post(
        RECORD,
        {
            "category": "social",
            "content": "咨询医保异地报销。",
            "resolve_now": "on",
            "outcome": "当场讲解了异地备案流程。",
        },
    )
    assert r.status_code == 302
    opinion = ConstituentOpinion.objects.get()
    assert opinion.state == "resolved" and opinion.outcome == "当场讲解了异地备案流程。"
    assert list(Event.objects.values_list("action", flat=True).order_by("id")) == [
        "record",
        "resolve",
    ]


def test_resolved_without_an_outcome_is_refused_beside_the_field_and_nothing_is_stored(cast):
    r = client_for(cast["station"]).post(
        RECORD, {"category": "social", "content": "咨询医保。", "resolve_now": "on"}
    )
    assert r.status_code == 422  # refused: the form again, as typed
    assert r.context["form"].errors["outcome"]
    assert 'id="id_outcome_errors"' in r.content.decode()
    assert "咨询医保。" in r.content.decode()  # what was typed stays
    assert not ConstituentOpinion.objects.exists()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"category": "", "content": "路灯坏了"}, "category"),
        ({"category": "roads", "content": "   "}, "content"),
        ({"category": "roads", "content": "路灯坏了", "contact_phone": "call me"}, "contact_phone"),
        ({"category": "roads", "content": "路灯坏了", "contact_email": "x@"}, "contact_email"),
        ({"category": "nope", "content": "路灯坏了"}, "category"),
    ],
)
def test_bad_input_is_shown_beside_its_field_and_nothing_is_stored(cast, data, field):
    r = client_for(cast["station"]).post(RECORD, data)
    assert r.status_code == 422 and field in r.context["form"].errors
    assert not ConstituentOpinion.objects.exists()


def test_a_future_day_is_refused_by_the_action_beside_the_field(cast):
    with on(MONDAY):
        r = client_for(cast["station"]).post(
            RECORD,
            {"category": "roads", "content": "路灯坏了", "received_at": "2024-03-09T10:00"},
        )
    assert r.status_code == 422 and "received_at" in r.context["form"].errors
    assert not ConstituentOpinion.objects.exists()


def test_staff_record_for_any_station_of_their_congress(cast, org):
    client = client_for(cast["staff"])
    missing = client.post(RECORD, {"category": "roads", "content": "路灯坏了"})
    assert "station" in missing.context["form"].errors
    r = client.post(
        RECORD,
        {"station": org["other_station"].pk, "category": "roads", "content": "路灯坏了"},
    )
    assert r.status_code == 302
    assert ConstituentOpinion.objects.get().station == org["other_station"]


@pytest.mark.parametrize("who", ["leader", "deputy", "handler"])
def test_other_roles_cannot_record(cast, who):
    client = client_for(cast[who])
    assert client.get(RECORD).status_code == 403
    assert client.post(RECORD, {"category": "roads", "content": "x"}).status_code == 403
    assert not ConstituentOpinion.objects.exists()


def test_staff_of_another_congress_cannot_choose_our_stations(cast, org):
    r = client_for(cast["stranger"]).post(
        RECORD, {"station": org["station"].pk, "category": "roads", "content": "路灯坏了"}
    )
    assert r.status_code == 422 and "station" in r.context["form"].errors
    assert not ConstituentOpinion.objects.exists()


def test_the_anonymous_visitor_is_sent_to_log_in(db):
    assert Client().get(RECORD).status_code == 302


def test_the_done_card_shows_only_an_opinion_of_ones_own_station(cast, record, org):
    theirs = record(actor=cast["other_station"], station=org["other_station"])
    page = client_for(cast["station"]).get(f"{RECORD}?done={theirs.pk}")
    assert page.status_code == 200 and theirs.receipt_code not in page.content.decode()
    for odd in ("²", "9" * 40, "-1", "x"):
        assert client_for(cast["station"]).get(RECORD, {"done": odd}).status_code == 200


# --- the station's list -----------------------------------------------------------------------


def test_what_waits_for_the_operator_comes_first(cast, record, org):
    with on(MONDAY):
        resolved = record(content="已解决的")
        A.opinion_resolve(opinion=resolved, actor=cast["station"], outcome="好了")
        referred = record(content="转办的")
        A.opinion_refer(opinion=referred, actor=cast["station"], unit=org["unit"])
        answered = record(content="已答复的")
        A.opinion_refer(opinion=answered, actor=cast["station"], unit=org["unit"])
        A.opinion_answer(opinion=answered, actor=cast["handler"], answer="已处理", kind="solved")
        recorded = record(content="新登记的")
        elsewhere = record(actor=cast["other_station"], station=org["other_station"])
        page = client_for(cast["station"]).get(LIST)
    rows = [o.pk for o in page.context["page_obj"].object_list]
    assert elsewhere.pk not in rows
    assert set(rows[:2]) == {recorded.pk, answered.pk}  # to handle, to tell
    assert rows[2:] == [referred.pk, resolved.pk]
    counts = page.context["counts"]
    assert (counts["recorded"], counts["answered"], counts["referred"]) == (1, 1, 1)


def test_overdue_answers_and_tellings_are_marked_and_filtered(cast, record, org):
    with on(MONDAY):
        late = record(content="单位逾期")
        A.opinion_refer(opinion=late, actor=cast["station"], unit=org["unit"])
        on_time = record(content="新登记")
    with on(MONDAY + datetime.timedelta(days=40)):
        client = client_for(cast["station"])
        page = client.get(LIST)
        html = page.content.decode()
        assert page.context["counts"]["overdue"] == 1
        assert f'data-opinion="{late.pk}" class="row-overdue"' in html
        only = client.get(LIST, {"overdue": "yes"}).context["page_obj"].object_list
        assert [o.pk for o in only] == [late.pk]
        rest = client.get(LIST, {"overdue": "no"}).context["page_obj"].object_list
        assert [o.pk for o in rest] == [on_time.pk]


def test_the_list_filters_by_state_category_days_and_words(cast, record):
    with on(MONDAY):
        roads = record(category="roads", content="路灯不亮")
    with on(MONDAY + datetime.timedelta(days=7)):
        water = record(category="water", content="停水三天", place=A.Place(address="东顺城街"))
        client = client_for(cast["station"])

        def pks(**params):
            return [o.pk for o in client.get(LIST, params).context["page_obj"].object_list]

        assert pks(category="water") == [water.pk]
        assert pks(q="路灯") == [roads.pk]
        assert pks(q="东顺城") == [water.pk]
        assert pks(q=water.receipt_code[:8].lower()) == [water.pk]
        assert pks(received_from="2024-03-05") == [water.pk]
        assert pks(received_to="2024-03-05") == [roads.pk]
        assert pks(state="resolved") == []
        # A bad value is reported beside its filter and ignored.
        bad = client.get(LIST, {"received_from": "yesterday"})
        assert bad.status_code == 200 and "received_from" in bad.context["form"].errors
        assert len(bad.context["page_obj"].object_list) == 2


@pytest.mark.parametrize("who", ["staff", "leader", "deputy", "handler"])
def test_the_station_list_is_for_operators(cast, who):
    assert client_for(cast[who]).get(LIST).status_code == 403


# --- each step on the opinion's page -----------------------------------------------------------


def test_the_operator_sees_one_form_per_step_open_now(cast, opinion):
    page = client_for(cast["station"]).get(reverse("opinions:opinion", args=[opinion.pk]))
    html = page.content.decode()
    for action in ("resolve", "refer", "dismiss"):
        assert f'id="action-{action}"' in html
    for action in ("answer", "return", "close"):
        assert f'id="action-{action}"' not in html
    assert opinion.receipt_code in html and "13812345678" in html


def test_refer_to_one_of_the_congress_units(cast, opinion, org):
    client = client_for(cast["station"])
    page = client.get(reverse("opinions:opinion", args=[opinion.pk])).content.decode()
    assert org["unit"].name in page and org["other_unit"].name in page
    with on(MONDAY):
        r = act(client, opinion, "refer", {"unit": org["unit"].pk, "comment": "请处理"})
    assert r.status_code == 302 and r["Location"] == reverse("opinions:opinion", args=[opinion.pk])
    opinion = fresh(opinion)
    assert opinion.state == "referred" and opinion.unit == org["unit"]
    deadline = Deadline.objects.get(kind="answer", closed_at=None)
    # The home page's "waiting for me" and the notifications link to the opinion.
    assert deadline.url == reverse("opinions:opinion", args=[opinion.pk])


def test_refer_without_a_unit_or_to_an_unknown_one_is_refused_beside_the_field(cast, opinion):
    client = client_for(cast["station"])
    for unit in ("", "999999"):
        r = act(client, opinion, "refer", {"unit": unit})
        assert r.status_code == 422
        refer = next(f for f in r.context["action_forms"] if f.action == "refer")
        assert refer.errors["unit"] and refer.data["refer-unit"] == unit
        assert 'id="id_refer-unit_errors"' in r.content.decode()
    assert fresh(opinion).state == "recorded"


def test_resolve_and_dismiss_need_their_text(cast, opinion):
    client = client_for(cast["station"])
    assert act(client, opinion, "resolve", {"outcome": " "}).status_code == 422
    r = act(client, opinion, "dismiss", {"reason": ""})
    assert r.status_code == 422 and 'id="id_dismiss-reason_errors"' in r.content.decode()
    assert fresh(opinion).state == "recorded"
    asked = act(client, opinion, "dismiss", {"reason": "重复登记"})
    assert asked.status_code == 200 and "data-confirm-step" in asked.content.decode()
    assert fresh(opinion).state == "recorded"  # irreversible: confirmed first
    url = reverse("opinions:opinion_act", args=[opinion.pk, "dismiss"])
    assert client.post(url, {"dismiss-reason": "重复登记", "confirmed": "1"}).status_code == 302
    assert fresh(opinion).state == "dismissed" and fresh(opinion).outcome == "重复登记"


def test_close_an_answered_opinion_with_how_the_constituent_was_told(cast, answered):
    client = client_for(cast["station"])
    missing = act(client, answered, "close", {"told_by": ""})
    assert missing.status_code == 422 and "told_by" in missing.context["action_forms"][0].errors
    assert fresh(answered).state == "answered"
    r = act(client, answered, "close", {"told_by": "phone", "outcome": ""})
    assert r.status_code == 302
    closed = fresh(answered)
    assert closed.state == "closed" and closed.told_by == "phone"
    assert closed.outcome == "已延长行人绿灯至35秒。"  # the unit's answer, passed on


def test_a_step_the_state_no_longer_allows_is_a_409_with_the_reason(cast, opinion):
    client = client_for(cast["station"])
    assert act(client, opinion, "resolve", {"outcome": "好了"}).status_code == 302
    again = act(client, opinion, "dismiss", {"reason": "重复"})
    assert again.status_code == 409
    assert "data-conflict" in again.content.decode()
    assert fresh(opinion).state == "resolved"


def test_an_unknown_action_is_404(cast, opinion):
    assert act(client_for(cast["station"]), opinion, "explode", {}).status_code == 404


def test_another_stations_opinion_is_404_for_page_and_actions(cast, opinion):
    client = client_for(cast["other_station"])
    assert client.get(reverse("opinions:opinion", args=[opinion.pk])).status_code == 404
    assert act(client, opinion, "resolve", {"outcome": "x"}).status_code == 404
    assert fresh(opinion).state == "recorded"


def test_the_timeline_tells_each_step(cast, answered):
    page = client_for(cast["station"]).get(reverse("opinions:opinion", args=[answered.pk]))
    steps = [e.event.action for e in page.context["timeline"]]
    assert steps == ["record", "refer", "answer"]
    assert "已延长行人绿灯至35秒。" in page.content.decode()
