"""The public comments without an account: held for moderation, a receipt code to follow it,
no personal data shown, and a limit per address."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from renda.core.models import Event
from renda.core.receipts import RateLimited
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid
from renda.legislation.actions.opinions import opinion_moderate, opinion_submit_public
from renda.legislation.models import Opinion
from renda.legislation.queries import awaiting_moderation, opinion_by_receipt, public_opinions

from .conftest import D, on


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def post(consultation, ip="10.0.0.1", **kw):
    kw.setdefault("text", "建议明确口罩的类型和更换频次。")
    with on(D(2024, 3, 5)):
        return opinion_submit_public(consultation=consultation, client_ip=ip, **kw)


def test_a_public_opinion_waits_for_moderation_with_an_unguessable_receipt_code(
    consultation, article
):
    opinion = post(consultation, article=article, name="王先生", contact="13900001111")

    assert opinion.state == "pending_moderation" and opinion.source == "public"
    assert opinion.article == article and opinion.submitted_by is None
    assert len(opinion.receipt_code) == 16 and opinion.receipt_code.isalnum()
    assert opinion.receipt_code != post(consultation).receipt_code
    assert Event.objects.filter(object_id=opinion.pk, action="submit", actor=None).exists()


def test_the_receipt_code_finds_the_opinion_however_it_is_typed(consultation):
    code = post(consultation).receipt_code
    typed = "-".join(code[i : i + 4] for i in range(0, 16, 4)).lower()

    assert opinion_by_receipt(f" {typed} ") is not None


@pytest.mark.parametrize("wrong", ["", "ABC", "A" * 16, "!!!!", "x" * 200])
def test_a_wrong_receipt_code_finds_nothing(consultation, wrong):
    post(consultation)
    assert opinion_by_receipt(wrong) is None


def test_staff_publish_or_keep_out_with_a_reason(cast, consultation):
    good, spam = post(consultation), post(consultation, text="广告：低价出售口罩")
    assert list(awaiting_moderation(consultation.congress_id)) == [good, spam]

    opinion_moderate(opinion=good, actor=cast["staff"], publish=True)
    with pytest.raises(ActionInvalid):
        opinion_moderate(opinion=spam, actor=cast["staff"], publish=False, reason="")
    opinion_moderate(opinion=spam, actor=cast["staff"], publish=False, reason="与草案无关的广告。")

    assert (good.state, spam.state) == ("published", "rejected")
    assert spam.moderation_reason == "与草案无关的广告。" and spam.moderated_by == cast["staff"]
    assert list(public_opinions(consultation)) == [good]
    assert list(awaiting_moderation(consultation.congress_id)) == []
    with pytest.raises(ActionConflict):
        opinion_moderate(opinion=good, actor=cast["staff"], publish=False, reason="x")


@pytest.mark.parametrize("who", ["leader", "deputy", "handler", "station", "stranger"])
def test_only_staff_of_the_congress_moderate(cast, consultation, who):
    opinion = post(consultation)
    with pytest.raises(ActionForbidden):
        opinion_moderate(opinion=opinion, actor=cast[who], publish=True)
    opinion.refresh_from_db()
    assert opinion.state == "pending_moderation"


def test_an_opinion_needs_text_and_an_article_of_this_draft(cast, consultation):
    from renda.legislation.actions.drafts import import_draft

    from .conftest import DRAFT_V2

    other = import_draft(actor=cast["staff"], congress=consultation.congress, text=DRAFT_V2)
    with pytest.raises(ActionInvalid) as empty:
        post(consultation, text="   ")
    with pytest.raises(ActionInvalid) as foreign:
        post(consultation, article=other.nodes.get(kind="article", number=1))
    with pytest.raises(ActionInvalid) as too_long:
        post(consultation, text="长" * 5001)
    assert (empty.value.field, foreign.value.field, too_long.value.field) == (
        "text",
        "article",
        "text",
    )
    assert not Opinion.objects.exists()


def test_one_address_may_post_five_opinions_an_hour(consultation):
    for _ in range(5):
        post(consultation, ip="10.0.0.7")

    with pytest.raises(RateLimited) as limited:
        post(consultation, ip="10.0.0.7")

    assert limited.value.status == 429
    post(consultation, ip="10.0.0.8")  # another address is not held back
    assert Opinion.objects.count() == 6


def test_the_limit_lifts_after_the_hour(consultation):
    with on(D(2024, 3, 5), hour=9):
        for _ in range(5):
            opinion_submit_public(consultation=consultation, text="意见", client_ip="10.0.0.9")
        with pytest.raises(RateLimited):
            opinion_submit_public(consultation=consultation, text="意见", client_ip="10.0.0.9")
    with on(D(2024, 3, 5), hour=11):
        opinion_submit_public(consultation=consultation, text="意见", client_ip="10.0.0.9")


def test_refused_input_does_not_use_up_the_limit(consultation):
    for _ in range(6):
        with pytest.raises(ActionInvalid):
            post(consultation, ip="10.0.0.5", text="")
    post(consultation, ip="10.0.0.5")
