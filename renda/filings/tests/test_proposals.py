"""审查建议: the public proposes online (rate-limited, a receipt code), staff accept it into a
review or decline it, the proposer reads the outcome by the receipt code (a wrong code
reveals nothing), and the proposer's name and contact stay with staff."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from renda.core.receipts import RateLimited
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid, history
from renda.filings import actions as A
from renda.filings.models import ReviewProposal

from .conftest import D, check_all, on

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def propose(congress, document):
    def make(**kw):
        fields = {
            "congress": congress,
            "proposer_name": "赵明",
            "phone": "13912345678",
            "document": document,
            "reasons": "第八条要求培训机构缴纳保证金，缺乏上位法依据。",
            "client_ip": "10.0.0.8",
        }
        fields.update(kw)
        with on(D(2024, 7, 1)):
            return A.proposal_submit_online(**fields)

    return make


def test_a_proposal_gets_a_receipt_code_and_waits_for_staff(propose):
    p = propose()
    assert p.state == "submitted" and len(p.receipt_code) == 16
    submit = history(p).get()
    assert submit.action == "submit" and submit.actor is None


def test_a_proposal_names_a_document_one_way_or_another(propose):
    with pytest.raises(ActionInvalid) as error:
        propose(document=None)
    assert error.value.field == "document"
    assert propose(document=None, document_named="某县文件").document_named == "某县文件"


def test_a_sixth_proposal_in_an_hour_from_one_address_is_refused_and_nothing_stored(propose):
    for _ in range(5):
        propose()
    with pytest.raises(RateLimited):
        propose()
    assert ReviewProposal.objects.count() == 5
    assert propose(client_ip="10.0.0.9")  # another address is not held back


def test_accepting_opens_a_review_on_request_and_answering_waits_for_its_end(
    propose, cast, document
):
    p = propose()
    A.proposal_accept(proposal=p, actor=cast["staff"], document=document, comment="立案审查。")
    p.refresh_from_db()
    review = p.review
    assert p.state == "accepted" and review.kind == "request" and review.document == document
    with pytest.raises(ActionConflict):
        A.proposal_answer(proposal=p, actor=cast["staff"], answer="x")
    check_all(review, cast["staff"])
    A.review_conclude(review=review, actor=cast["staff"], summary="该条款有地方性法规依据。")
    from renda.core.models import Deadline

    assert Deadline.objects.filter(object_id=p.pk, kind="answer", closed_at=None).exists()
    A.proposal_answer(proposal=p, actor=cast["staff"], answer="经审查，未发现问题：……")
    p.refresh_from_db()
    assert p.state == "answered" and p.answered_at is not None
    assert not Deadline.objects.filter(object_id=p.pk, closed_at=None).exists()


def test_a_proposal_on_a_document_already_under_review_joins_that_review(propose, cast, document):
    first = A.review_open(document=document, kind="special", topic="专项", actor=cast["staff"])
    p = propose()
    A.proposal_accept(proposal=p, actor=cast["staff"], document=document)
    p.refresh_from_db()
    assert p.review == first
    assert [e.action for e in history(first)] == ["open", "proposal"]


def test_a_declined_proposal_tells_why(propose, cast):
    p = propose()
    A.proposal_decline(proposal=p, actor=cast["staff"], reason="该文件不属于本级备案审查范围。")
    p.refresh_from_db()
    assert p.state == "declined" and p.answer.startswith("该文件")


@pytest.mark.parametrize("who", ["leader", "handler", "deputy", "station", "stranger"])
def test_only_staff_decide_on_proposals(propose, cast, document, who):
    p = propose()
    with pytest.raises(ActionForbidden):
        A.proposal_accept(proposal=p, actor=cast[who], document=document)
    with pytest.raises(ActionForbidden):
        A.proposal_decline(proposal=p, actor=cast[who], reason="x")


def test_the_public_proposes_on_the_page_and_follows_it_by_the_receipt_code(client, document):
    page = client.get(reverse("filings:propose"))
    assert page.status_code == 200 and document.title in page.content.decode()
    response = client.post(
        reverse("filings:propose"),
        {
            "document": document.pk,
            "reasons": "第八条缺乏上位法依据。",
            "proposer_name": "赵明",
            "phone": "13912345678",
        },
    )
    assert response.status_code == 302
    p = ReviewProposal.objects.get()
    done = client.get(reverse("filings:proposed")).content.decode()
    assert p.receipt_code in done
    other = client.__class__()
    found = other.post(reverse("filings:track"), {"code": p.receipt_code.lower()})
    html = found.content.decode()
    assert found.status_code == 200 and document.title in html
    assert "赵明" not in html and "13912345678" not in html  # never shown by the code


def test_a_wrong_receipt_code_reveals_nothing(client, propose):
    p = propose()
    wrong = p.receipt_code[:-1] + ("A" if p.receipt_code[-1] != "A" else "B")
    response = client.post(reverse("filings:track"), {"code": wrong})
    html = response.content.decode()
    assert response.status_code == 404
    assert p.reasons not in html and 'data-receipt-result="none"' in html
    short = client.post(reverse("filings:track"), {"code": "ABC"})
    assert short.status_code == 404 and p.reasons not in short.content.decode()


def test_the_receipt_api_answers_the_state_and_a_wrong_code_404(client, propose, cast, document):
    p = propose()
    A.proposal_decline(proposal=p, actor=cast["staff"], reason="不属于审查范围。")
    url = reverse("api:proposal_receipt", args=[p.receipt_code])
    body = client.get(url).json()
    assert body["state"] == "declined" and body["answer"] == "不属于审查范围。"
    assert "proposer_name" not in body and "phone" not in body
    assert client.get(reverse("api:proposal_receipt", args=["X" * 16])).status_code == 404


@pytest.mark.parametrize(
    "who, sees_name",
    [("staff", True), ("leader", False)],
)
def test_the_proposers_name_and_phone_are_the_staffs_only(client, propose, cast, who, sees_name):
    p = propose()
    client.force_login(cast[who])
    html = client.get(reverse("filings:proposal", args=[p.pk])).content.decode()
    assert ("赵明" in html) is sees_name and ("13912345678" in html) is sees_name


@pytest.mark.parametrize("who", ["handler", "deputy", "station", "stranger"])
def test_others_do_not_see_proposals_at_all(client, propose, cast, who):
    p = propose()
    client.force_login(cast[who])
    response = client.get(reverse("filings:proposal", args=[p.pk]))
    assert response.status_code in (403, 404)
    assert not cast[who].has_perm("filings.view_reviewproposal", p)
