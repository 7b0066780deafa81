"""The public, without an account: submit an opinion, keep the receipt code, follow the opinion
by it and rate the outcome. A wrong code reveals nothing; the hourly limit per address is a
clear message and nothing is stored."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from renda.core.models import Event
from renda.opinions import actions as A
from renda.opinions.models import ConstituentOpinion

SUBMIT = reverse("opinions:public_opinion_submit")
RECEIVED = reverse("opinions:public_opinion_submitted")
TRACK = reverse("opinions:public_opinion_track")
RATE = reverse("opinions:public_opinion_rate")
FORM = {
    "category": "environment",
    "content": "东关街夜市油烟扰民。",
    "place": "榆次区东关街",
    "contact_name": "孙女士",
    "contact_phone": "13700001234",
}


def without_csrf(html: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html.decode())


def test_the_public_home_offers_both_services(org):
    home = Client().get("/").content.decode()
    assert SUBMIT in home and TRACK in home


def test_submit_then_receipt_then_track_then_rate(cast, org, congress):
    client = Client()
    page = client.get(SUBMIT)
    assert page.status_code == 200 and b'type="hidden" name="congress"' in page.content
    r = client.post(SUBMIT, {**FORM, "congress": congress.pk, "station": org["station"].pk})
    assert r.status_code == 302 and r["Location"] == RECEIVED
    opinion = ConstituentOpinion.objects.get()
    assert opinion.source == "online" and opinion.station == org["station"]
    assert opinion.contact_phone == "13700001234"

    receipt = client.get(RECEIVED).content.decode()
    assert opinion.receipt_code in receipt and 'data-copy="' in receipt

    # The same browser sees its opinion on the tracking page; another one types the code.
    assert opinion.receipt_code in client.get(TRACK).content.decode()
    other = Client()
    spaced = " ".join(opinion.receipt_code[i : i + 4] for i in range(0, 16, 4)).lower()
    found = other.post(TRACK, {"code": spaced})
    assert found.status_code == 200 and "东关街夜市油烟扰民。" in found.content.decode()
    assert 'id="rate"' not in found.content.decode()  # nothing to rate yet

    A.opinion_resolve(opinion=opinion, actor=cast["station"], outcome="已约谈商户安装净化器。")
    page = other.get(TRACK).content.decode()
    assert "已约谈商户安装净化器。" in page and 'id="rate"' in page

    missing = other.post(RATE, {"rating": ""})
    assert missing.status_code == 422 and 'id="id_rating_errors"' in missing.content.decode()
    r = other.post(RATE, {"rating": "satisfied", "comment": "处理及时"})
    assert r.status_code == 302 and r["Location"] == TRACK
    opinion.refresh_from_db()
    assert opinion.rating == "satisfied" and opinion.rating_comment == "处理及时"
    after = other.get(TRACK).content.decode()
    assert 'data-rating="satisfied"' in after and 'id="rate"' not in after

    # A second rating changes nothing and says why.
    again = other.post(RATE, {"rating": "dissatisfied"}, follow=True)
    assert "alert-danger" in again.content.decode()
    opinion.refresh_from_db()
    assert opinion.rating == "satisfied"
    assert Event.objects.filter(action="rate").count() == 1


def test_rating_before_the_outcome_is_refused_with_a_message(referred):
    client = Client()
    client.post(TRACK, {"code": referred.receipt_code})
    r = client.post(RATE, {"rating": "satisfied"}, follow=True)
    assert "alert-danger" in r.content.decode()
    referred.refresh_from_db()
    assert referred.rating == ""


def test_rating_without_having_looked_up_a_code_asks_for_it(db):
    r = Client().post(RATE, {"rating": "satisfied"})
    assert r.status_code == 302 and r["Location"] == TRACK


@pytest.mark.parametrize("wrong", ["near", "ZZZZZZZZZZZZZZZZ", "!!", "x" * 300, "<b>1</b>"])
def test_a_wrong_or_malformed_code_reveals_nothing_and_answers_alike(opinion, wrong):
    if wrong == "near":
        last = opinion.receipt_code[-1]
        wrong = opinion.receipt_code[:-1] + ("A" if last != "A" else "B")
    client = Client()
    r = client.post(TRACK, {"code": wrong})
    assert r.status_code == 404
    reference = Client().post(TRACK, {"code": "ZZZZZZZZZZZZZZZZ"})
    assert without_csrf(r.content) == without_csrf(reference.content)
    assert 'data-receipt-result="none"' in r.content.decode()
    for private in (opinion.content, opinion.contact_name, opinion.receipt_code):
        assert private not in r.content.decode()
    # Nor does it leave a code in the session to rate with.
    assert client.post(RATE, {"rating": "satisfied"}).status_code == 302


def test_an_empty_code_is_asked_for_beside_the_field(db):
    r = Client().post(TRACK, {"code": ""})
    assert r.status_code == 200 and 'id="id_code_errors"' in r.content.decode()


def test_forget_the_code_on_this_device(opinion):
    client = Client()
    client.post(TRACK, {"code": opinion.receipt_code})
    assert opinion.receipt_code in client.get(TRACK).content.decode()
    client.post(TRACK, {"forget": "1"})
    assert opinion.receipt_code not in client.get(TRACK).content.decode()


def test_the_received_page_without_a_submission_goes_to_tracking(db):
    r = Client().get(RECEIVED)
    assert r.status_code == 302 and r["Location"] == TRACK


def test_bad_input_is_shown_beside_its_field_and_nothing_is_stored(org, congress):
    client = Client()
    for data, field in (
        ({**FORM, "content": ""}, "content"),
        ({**FORM, "category": "spam"}, "category"),
        ({**FORM, "contact_phone": "打我电话"}, "contact_phone"),
        ({**FORM, "contact_email": "not-an-address"}, "contact_email"),
        ({**FORM, "station": "999999"}, "station"),
        ({**FORM, "content": "含\x00字符"}, "content"),
    ):
        r = client.post(SUBMIT, {**data, "congress": congress.pk})
        assert r.status_code == 422, field
        assert f'id="id_{field}_errors"' in r.content.decode(), field
    assert not ConstituentOpinion.objects.exists()


def test_the_sixth_submission_in_an_hour_is_refused_with_a_clear_message(org, congress):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for i in range(A.PUBLIC_OPINIONS_PER_HOUR):
        data = {**FORM, "content": f"第{i}条", "congress": congress.pk}
        assert client.post(SUBMIT, data).status_code == 302
    r = client.post(SUBMIT, {**FORM, "content": "第六条", "congress": congress.pk})
    assert r.status_code == 429
    html = r.content.decode()
    assert "alert-danger" in html and "第六条" in html  # the message, and what was typed
    assert ConstituentOpinion.objects.count() == A.PUBLIC_OPINIONS_PER_HOUR
    # Another address is not held back.
    other = Client(REMOTE_ADDR="198.51.100.1")
    assert other.post(SUBMIT, {**FORM, "congress": congress.pk}).status_code == 302


def test_with_several_congresses_the_visitor_chooses_one(org, congress, other_congress):
    from renda.org.models import ContactStation

    ContactStation.objects.create(
        congress=other_congress, name="太原某站", established_on=org["station"].established_on
    )
    client = Client()
    page = client.get(SUBMIT).content.decode()
    assert '<select name="congress"' in page and other_congress.short_name in page
    ours = org["station"].pk
    mixed = client.post(SUBMIT, {**FORM, "congress": other_congress.pk, "station": ours})
    assert mixed.status_code == 422 and 'id="id_station_errors"' in mixed.content.decode()
    assert client.post(SUBMIT, {**FORM, "congress": other_congress.pk}).status_code == 302
    assert ConstituentOpinion.objects.get().congress == other_congress


def test_logged_in_users_see_the_public_pages_too(cast, opinion):
    client = Client()
    client.force_login(cast["staff"])
    assert client.get(SUBMIT).status_code == 200
    assert client.post(TRACK, {"code": opinion.receipt_code}).status_code == 200
