"""Text messages to a constituent whose opinion is taken down at the station's desk, or sent
by an Open311 client: the same opt-in as the public form (a mobile number and a tick box,
refused beside the box without the number), the receipt code at once, the outcome once."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from renda.core import sms_backends
from renda.opinions import actions as A
from renda.opinions.models import ConstituentOpinion
from renda.suggestions.tests.test_api import as_user

from .conftest import MONDAY, on

pytestmark = pytest.mark.django_db
RECORD = reverse("opinions:opinion_record")
DESK = {"category": "roads", "content": "锦纶路红绿灯时间太短。", "contact_name": "赵大妈"}
OPEN311 = reverse("open311:requests", kwargs={"fmt": "json"})
CITY = {"jurisdiction_id": "jz"}
POST311 = {**CITY, "service_code": "roads", "description": "路灯不亮。", "address_string": "锦纶路"}


@pytest.fixture(autouse=True)
def empty_sms_outbox(settings):
    settings.SMS_MAX_LENGTH = 300
    sms_backends.outbox.clear()
    yield
    sms_backends.outbox.clear()


def desk(cast, captured, **data):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(cast["station"])
    with on(MONDAY), captured(execute=True):
        return client.post(RECORD, {**DESK, **data})


def test_the_desk_offers_the_box_beside_the_phone(cast, org):
    client = Client()
    client.force_login(cast["station"])
    html = client.get(RECORD).content.decode()
    assert html.index('name="contact_phone"') < html.index('name="sms_opt_in"')


def test_ticked_at_the_desk_the_receipt_code_comes_by_sms(
    cast, org, django_capture_on_commit_callbacks
):
    r = desk(
        cast, django_capture_on_commit_callbacks, contact_phone="138 1234 5678", sms_opt_in="on"
    )
    assert r.status_code == 302
    opinion = ConstituentOpinion.objects.get()
    assert opinion.sms_opt_in is True
    ((message,),) = [sms_backends.outbox]
    assert message.phone == "13812345678" and opinion.receipt_code in message.text
    with on(MONDAY), django_capture_on_commit_callbacks(execute=True):
        A.opinion_resolve(opinion=opinion, actor=cast["station"], outcome="已调整红绿灯时长。")
    assert len(sms_backends.outbox) == 2 and "已调整红绿灯时长" in sms_backends.outbox[1].text


def test_ticked_without_a_mobile_the_desk_says_so_beside_the_box_and_keeps_the_rest(
    cast, org, django_capture_on_commit_callbacks
):
    r = desk(
        cast, django_capture_on_commit_callbacks, contact_phone="0354-1234567", sms_opt_in="on"
    )
    assert r.status_code == 422
    html = r.content.decode()
    beside = re.search(r'id="id_sms_opt_in_errors"[^>]*>(.*?)</div>', html, re.S)
    assert beside is not None and "Give a mobile number" in beside.group(1)
    assert "锦纶路红绿灯时间太短。" in html and 'value="0354-1234567"' in html
    assert not ConstituentOpinion.objects.exists() and not sms_backends.outbox


def test_not_ticked_nothing_is_texted(cast, org, django_capture_on_commit_callbacks):
    assert (
        desk(cast, django_capture_on_commit_callbacks, contact_phone="13812345678").status_code
        == 302
    )
    assert ConstituentOpinion.objects.get().sms_opt_in is False and not sms_backends.outbox


def test_the_api_records_the_opt_in_and_refuses_it_without_a_mobile(cast, org):
    station = as_user(cast, "station")
    body = {**DESK, "contact_phone": "13812345678", "sms_opt_in": True}
    with on(MONDAY):
        r = station.post("/constituent-opinions", body)
    assert r.status_code == 201, r.content
    assert ConstituentOpinion.objects.get().sms_opt_in is True
    with on(MONDAY):
        r = station.post("/constituent-opinions", {**body, "contact_phone": ""})
    assert r.status_code == 422 and "sms_opt_in" in r.content.decode()


def test_open311_takes_the_phone_and_the_sms_attribute(
    cast, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        r = Client().post(OPEN311, {**POST311, "phone": "13700001234", "attribute[sms]": "true"})
    assert r.status_code == 200, r.content
    opinion = ConstituentOpinion.objects.get()
    assert opinion.sms_opt_in is True and "sms" not in opinion.attributes
    assert [m.phone for m in sms_backends.outbox] == ["13700001234"]


@pytest.mark.parametrize(
    ("phone", "value", "says"),
    [
        ("", "true", "give a mobile number"),
        ("0354-1234567", "1", "give a mobile number"),
        ("13700001234", "maybe", "true or false"),
    ],
)
def test_open311_refuses_a_bad_sms_attribute_with_the_standards_error(
    cast, org, phone, value, says
):
    r = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        OPEN311, {**POST311, "phone": phone, "attribute[sms]": value}
    )
    assert r.status_code == 400
    ((error,),) = [r.json()]
    assert error["code"] == 400 and "attribute[sms]" in error["description"]
    assert says in error["description"]
    assert not ConstituentOpinion.objects.exists()


def test_open311_without_the_attribute_sends_no_sms(cast, org):
    r = Client().post(OPEN311, {**POST311, "phone": "13700001234", "attribute[sms]": "false"})
    assert r.status_code == 200 and ConstituentOpinion.objects.get().sms_opt_in is False
    assert not sms_backends.outbox


def test_the_service_definition_offers_the_sms_attribute(cast, org):
    url = reverse("open311:service", kwargs={"service_code": "roads", "fmt": "json"})
    attributes = Client().get(url, CITY).json()["attributes"]
    sms = next(a for a in attributes if a["code"] == "sms")
    assert sms["datatype"] == "singlevaluelist" and not sms["required"]
    assert [v["key"] for v in sms["values"]] == ["true", "false"]
    xml = Client().get(url.replace(".json", ".xml"), CITY).content.decode()
    assert "<code>sms</code>" in xml
