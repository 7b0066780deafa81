"""Staff handle each opinion: adopted, partly adopted, not adopted with the reason; the
contributor sees the outcome; an adopted opinion links to the change it made."""

from __future__ import annotations

import pytest

from renda.core.models import Notification
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid, history
from renda.legislation.actions.drafts import import_draft
from renda.legislation.actions.opinions import (
    GatheredOpinion,
    opinion_batch_submit,
    opinion_handle,
    opinion_link_change,
    opinion_moderate,
    opinion_submit_deputy,
    opinion_submit_public,
)
from renda.legislation.queries import opinion_by_receipt

from .conftest import DRAFT_V2, D, on


@pytest.fixture
def deputy_opinion(cast, consultation, article):
    with on(D(2024, 3, 6)):
        return opinion_submit_deputy(
            consultation=consultation, actor=cast["deputy"], text="增加分装环节。", article=article
        )


@pytest.fixture
def later_article(cast, version):
    """Article 2 of version 2, which took the deputy's opinion in."""
    v2 = import_draft(actor=cast["staff"], regulation=version.regulation, text=DRAFT_V2)
    return v2.nodes.get(kind="article", number=2)


def test_an_adopted_opinion_needs_no_reason_and_tells_the_deputy(
    cast, deputy_opinion, later_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        opinion_handle(
            opinion=deputy_opinion, actor=cast["staff"], outcome="adopted", led_to=later_article
        )

    deputy_opinion.refresh_from_db()
    assert deputy_opinion.state == "adopted" and deputy_opinion.led_to_node == later_article
    assert deputy_opinion.handled_by == cast["staff"] and deputy_opinion.handled_at is not None
    assert Notification.objects.filter(recipient=cast["deputy"]).exists()
    assert [e.action for e in history(deputy_opinion)] == ["submit", "handle"]


@pytest.mark.parametrize("outcome", ["partly_adopted", "not_adopted"])
def test_partly_or_not_adopted_needs_the_reason(cast, deputy_opinion, outcome):
    with pytest.raises(ActionInvalid) as error:
        opinion_handle(opinion=deputy_opinion, actor=cast["staff"], outcome=outcome, reason=" ")
    assert error.value.field == "reason"

    opinion_handle(
        opinion=deputy_opinion, actor=cast["staff"], outcome=outcome, reason="上位法已有规定。"
    )
    assert deputy_opinion.state == outcome and deputy_opinion.handling_reason == "上位法已有规定。"


def test_an_unknown_outcome_is_refused(cast, deputy_opinion):
    with pytest.raises(ActionInvalid) as error:
        opinion_handle(opinion=deputy_opinion, actor=cast["staff"], outcome="received")
    assert error.value.field == "outcome"


def test_a_change_is_an_article_of_a_later_version(cast, version, deputy_opinion, article):
    with pytest.raises(ActionInvalid):  # the same version is no change
        opinion_handle(
            opinion=deputy_opinion, actor=cast["staff"], outcome="adopted", led_to=article
        )
    with pytest.raises(ActionInvalid):
        opinion_handle(
            opinion=deputy_opinion,
            actor=cast["staff"],
            outcome="not_adopted",
            reason="不必要。",
            led_to_note="改了第二条",
        )


def test_an_adopted_opinion_is_linked_once_the_next_version_exists(
    cast, deputy_opinion, later_article
):
    opinion_handle(
        opinion=deputy_opinion, actor=cast["staff"], outcome="partly_adopted", reason="部分采纳。"
    )

    opinion_link_change(opinion=deputy_opinion, actor=cast["staff"], led_to=later_article)

    deputy_opinion.refresh_from_db()
    assert deputy_opinion.led_to_node == later_article
    with pytest.raises(ActionInvalid):
        opinion_link_change(opinion=deputy_opinion, actor=cast["staff"])


def test_handling_again_corrects_the_outcome(cast, deputy_opinion):
    opinion_handle(
        opinion=deputy_opinion, actor=cast["staff"], outcome="not_adopted", reason="暂不采纳。"
    )
    opinion_handle(opinion=deputy_opinion, actor=cast["staff"], outcome="adopted")
    assert deputy_opinion.state == "adopted" and deputy_opinion.handling_reason == ""


def test_a_not_adopted_opinion_links_to_no_change(cast, deputy_opinion):
    opinion_handle(
        opinion=deputy_opinion, actor=cast["staff"], outcome="not_adopted", reason="不采纳。"
    )
    with pytest.raises(ActionConflict):
        opinion_link_change(opinion=deputy_opinion, actor=cast["staff"], note="x")


def test_a_public_opinion_is_handled_only_after_moderation_and_its_receipt_shows_the_outcome(
    cast, consultation
):
    with on(D(2024, 3, 5)):
        opinion = opinion_submit_public(
            consultation=consultation, text="意见", client_ip="10.1.1.1"
        )
    with pytest.raises(ActionConflict):
        opinion_handle(opinion=opinion, actor=cast["staff"], outcome="adopted")

    opinion_moderate(opinion=opinion, actor=cast["staff"], publish=True)
    opinion_handle(opinion=opinion, actor=cast["staff"], outcome="not_adopted", reason="已有规定。")

    seen = opinion_by_receipt(opinion.receipt_code)
    assert seen is not None and (seen.state, seen.handling_reason) == ("not_adopted", "已有规定。")


def test_a_rejected_opinion_is_not_handled(cast, consultation):
    with on(D(2024, 3, 5)):
        opinion = opinion_submit_public(
            consultation=consultation, text="广告", client_ip="10.1.1.2"
        )
    opinion_moderate(opinion=opinion, actor=cast["staff"], publish=False, reason="广告。")
    with pytest.raises(ActionConflict):
        opinion_handle(opinion=opinion, actor=cast["staff"], outcome="adopted")


def test_the_station_that_submitted_is_told_the_outcome(
    cast, consultation, contact_point, django_capture_on_commit_callbacks
):
    with on(D(2024, 3, 20)):
        (opinion,) = opinion_batch_submit(
            consultation=consultation,
            actor=cast["station"],
            contact_point=contact_point,
            opinions=[GatheredOpinion(text="座谈会意见。", source="seminar")],
        )
    with django_capture_on_commit_callbacks(execute=True):
        opinion_handle(opinion=opinion, actor=cast["staff"], outcome="adopted")
    assert Notification.objects.filter(recipient=cast["station"]).exists()
    assert not Notification.objects.filter(recipient=cast["other_station"]).exists()


@pytest.mark.parametrize("who", ["leader", "deputy", "deputy2", "handler", "station", "stranger"])
def test_only_staff_of_the_congress_handle(cast, deputy_opinion, who):
    with pytest.raises(ActionForbidden):
        opinion_handle(opinion=deputy_opinion, actor=cast[who], outcome="adopted")
    deputy_opinion.refresh_from_db()
    assert deputy_opinion.state == "received"
