"""Deputies comment logged in, with no moderation; only deputies of the congress."""

from __future__ import annotations

import pytest

from renda.core.workflow import ActionForbidden
from renda.legislation.actions.opinions import opinion_submit_deputy
from renda.legislation.queries import opinions_of

from .conftest import D, on


def test_a_deputy_comments_on_an_article_and_it_awaits_handling(cast, org, consultation, article):
    with on(D(2024, 3, 6)):
        opinion = opinion_submit_deputy(
            consultation=consultation,
            actor=cast["deputy"],
            text="第二条建议增加分装环节。",
            article=article,
        )

    assert opinion.state == "received" and opinion.source == "deputy"
    assert opinion.deputy == org["deputy"] and opinion.submitted_by == cast["deputy"]
    assert list(opinions_of(cast["deputy"])) == [opinion]
    assert list(opinions_of(cast["deputy2"])) == []


def test_a_deputy_comments_on_the_whole_draft(cast, consultation):
    with on(D(2024, 3, 6)):
        opinion = opinion_submit_deputy(
            consultation=consultation, actor=cast["deputy"], text="总体赞成。"
        )
    assert opinion.article is None


@pytest.mark.parametrize("who", ["staff", "leader", "handler", "station", "stranger"])
def test_only_deputies_of_the_congress_comment_as_deputies(cast, consultation, who):
    with on(D(2024, 3, 6)), pytest.raises(ActionForbidden):
        opinion_submit_deputy(consultation=consultation, actor=cast[who], text="意见")
