"""The constituent follows and rates their opinion by its receipt code, without an account;
a wrong code reveals nothing, and the public's online submissions are limited per address."""

from __future__ import annotations

import pytest
from django.test import Client

from renda.core.receipts import RateLimited, normalize_receipt_code
from renda.opinions import actions as A
from renda.opinions.queries import opinion_by_receipt

API = "/api/v1/constituent-opinions/receipt"


def test_the_code_finds_the_opinion_however_it_is_typed(opinion):
    code = opinion.receipt_code
    typed = "-".join(code[i : i + 4] for i in range(0, 16, 4)).lower()
    assert opinion_by_receipt(f" {typed} ") == opinion
    assert normalize_receipt_code(typed) == code


@pytest.mark.parametrize("wrong", ["", "ABC", "A" * 16, "!!!!", "x" * 200])
def test_a_wrong_code_finds_nothing(opinion, wrong):
    assert opinion_by_receipt(wrong) is None


def test_a_wrong_code_answers_exactly_like_a_code_that_never_existed(opinion):
    client = Client()
    near = opinion.receipt_code[:-1] + ("A" if opinion.receipt_code[-1] != "A" else "B")
    answers = [client.get(f"{API}/{code}") for code in (near, "ZZZZZZZZZZZZZZZZ", "x")]
    assert {r.status_code for r in answers} == {404}
    assert len({r.content for r in answers}) == 1
    assert (
        client.post(
            f"{API}/{near}/rating", {"rating": "satisfied"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_the_constituent_follows_the_case_by_the_code(answered, cast):
    client = Client()
    body = client.get(f"{API}/{answered.receipt_code}").json()
    assert body["state"] == "answered" and body["can_rate"] is False and body["outcome"] == ""

    A.opinion_close(opinion=answered, actor=cast["station"], told_by="phone")
    body = client.get(f"{API}/{answered.receipt_code}").json()
    assert body["state"] == "closed" and body["outcome"] == "已延长行人绿灯至35秒。"
    assert body["unit"] == answered.unit.name and body["can_rate"] is True


def test_the_constituent_rates_once_by_the_code(opinion, cast):
    A.opinion_resolve(opinion=opinion, actor=cast["station"], outcome="已解答")
    client, path = Client(), f"{API}/{opinion.receipt_code}/rating"

    r = client.post(
        path, {"rating": "satisfied", "comment": "很及时"}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["rating"] == "satisfied"
    again = client.post(path, {"rating": "dissatisfied"}, content_type="application/json")
    assert again.status_code == 409
    assert (
        client.post(path, {"rating": "great"}, content_type="application/json").status_code == 422
    )


def test_rating_before_the_outcome_is_refused(referred):
    r = Client().post(
        f"{API}/{referred.receipt_code}/rating",
        {"rating": "satisfied"},
        content_type="application/json",
    )
    assert r.status_code == 409


def test_public_online_submissions_are_limited_per_address(congress, org):
    def submit(ip):
        return A.opinion_submit_online(
            congress=congress, category="other", content="建议增设公交站。", client_ip=ip
        )

    for _ in range(5):
        submit("10.0.0.1")
    with pytest.raises(RateLimited):
        submit("10.0.0.1")
    assert submit("10.0.0.2").source == "online"  # another address is not held back
