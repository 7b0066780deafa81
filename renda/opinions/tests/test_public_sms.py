"""Text messages to the public: only to a constituent who gave a mobile number and ticked the
box on the public form; the receipt code on submission (at once, even at night), the outcome
when the opinion is resolved, closed or dismissed (once, after the commit)."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from renda.core import sms_backends
from renda.core.models import OutgoingMessage
from renda.opinions import actions as A
from renda.opinions.models import ConstituentOpinion
from renda.opinions.tests.conftest import MONDAY, on

pytestmark = pytest.mark.django_db
SUBMIT = reverse("opinions:public_opinion_submit")
FORM = {
    "category": "environment",
    "content": "东关街夜市油烟扰民。",
    "contact_name": "孙女士",
    "contact_phone": "137 0000 1234",
}


@pytest.fixture(autouse=True)
def empty_sms_outbox(settings):
    settings.SMS_MAX_LENGTH = 300  # whole texts here (cutting is tested in core)
    sms_backends.outbox.clear()
    yield
    sms_backends.outbox.clear()


def texts() -> list[tuple[str, str]]:
    return [(m.phone, m.text) for m in sms_backends.outbox]


def submit(congress, django_capture_on_commit_callbacks, hour: int = 10, **data):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    with on(MONDAY, hour), django_capture_on_commit_callbacks(execute=True):
        return client.post(SUBMIT, {**FORM, "congress": congress.pk, **data})


def test_the_form_offers_the_box_beside_the_phone(org):
    html = Client().get(SUBMIT).content.decode()
    assert 'name="sms_opt_in"' in html
    assert html.index('name="contact_phone"') < html.index('name="sms_opt_in"')


def test_opted_in_the_receipt_code_comes_by_sms_even_at_night(
    org, congress, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://renda.example.cn"
    r = submit(congress, django_capture_on_commit_callbacks, hour=23, sms_opt_in="on")
    assert r.status_code == 302
    opinion = ConstituentOpinion.objects.get()
    assert opinion.sms_opt_in is True
    ((phone, text),) = texts()
    assert phone == "13700001234"
    assert text.startswith(f"【{settings.SMS_SIGN}】")
    assert opinion.receipt_code in text
    assert text.endswith("https://renda.example.cn" + reverse("opinions:public_opinion_track"))


def test_the_outcome_comes_by_sms_once_when_resolved(
    cast, org, congress, django_capture_on_commit_callbacks
):
    submit(congress, django_capture_on_commit_callbacks, sms_opt_in="on")
    opinion = ConstituentOpinion.objects.get()
    with on(MONDAY, 11), django_capture_on_commit_callbacks(execute=True):
        A.opinion_resolve(opinion=opinion, actor=cast["staff"], outcome="已约谈商户安装净化器。")
    assert len(texts()) == 2
    phone, text = texts()[1]
    assert phone == "13700001234"
    assert opinion.receipt_code in text and "已约谈商户安装净化器。" in text
    keys = sorted(OutgoingMessage.objects.values_list("key", flat=True))
    assert keys == [f"opinion:{opinion.pk}:outcome", f"opinion:{opinion.pk}:receipt"]


def test_an_outcome_at_night_waits_for_the_morning(
    cast, org, congress, django_capture_on_commit_callbacks
):
    submit(congress, django_capture_on_commit_callbacks, sms_opt_in="on")
    opinion = ConstituentOpinion.objects.get()
    with on(MONDAY, 22), django_capture_on_commit_callbacks(execute=True):
        A.opinion_dismiss(opinion=opinion, actor=cast["staff"], reason="重复提交。")
    assert len(texts()) == 1  # the receipt only
    with on(MONDAY + datetime.timedelta(days=1), 7):
        call_command("sms", "send")
    assert len(texts()) == 2 and "重复提交。" in texts()[1][1]


def test_no_sms_without_the_box_ticked(cast, org, congress, django_capture_on_commit_callbacks):
    submit(congress, django_capture_on_commit_callbacks)
    opinion = ConstituentOpinion.objects.get()
    assert opinion.sms_opt_in is False
    with on(MONDAY, 11), django_capture_on_commit_callbacks(execute=True):
        A.opinion_resolve(opinion=opinion, actor=cast["staff"], outcome="已处理。")
    assert texts() == []
    assert not OutgoingMessage.objects.exists()


@pytest.mark.parametrize("phone", ["", "0354-1234567"])
def test_the_box_without_a_mobile_number_is_refused_beside_it(
    org, congress, django_capture_on_commit_callbacks, phone
):
    r = submit(congress, django_capture_on_commit_callbacks, sms_opt_in="on", contact_phone=phone)
    assert r.status_code == 422
    with translation.override("en"):
        assert [str(e) for e in r.context["form"].errors["sms_opt_in"]] == [
            "Give a mobile number above to receive text messages."
        ]
    assert 'id="id_sms_opt_in_errors"' in r.content.decode()
    assert not ConstituentOpinion.objects.exists()
    assert texts() == []


def test_a_rolled_back_submission_sends_nothing(
    org, congress, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("the event could not be written")

    monkeypatch.setattr(A, "record_event", broken)
    with pytest.raises(RuntimeError):
        submit(congress, django_capture_on_commit_callbacks, sms_opt_in="on")
    assert texts() == []
    assert not OutgoingMessage.objects.exists()


def test_closing_after_the_units_answer_texts_what_they_were_told(
    answered, cast, django_capture_on_commit_callbacks
):
    ConstituentOpinion.objects.filter(pk=answered.pk).update(sms_opt_in=True)
    answered.refresh_from_db()
    with (
        on(MONDAY + datetime.timedelta(days=7), 10),
        django_capture_on_commit_callbacks(execute=True),
    ):
        A.opinion_close(opinion=answered, actor=cast["station"], told_by="message")
    ((phone, text),) = texts()
    assert phone == "13812345678" and "已延长行人绿灯至35秒。" in text
