"""The consultation report: opinions by article and by source, adoption, and which opinions
led to which changes in the next version."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from renda.legislation.actions.drafts import import_draft
from renda.legislation.actions.opinions import (
    GatheredOpinion,
    opinion_batch_submit,
    opinion_handle,
    opinion_moderate,
    opinion_submit_deputy,
    opinion_submit_public,
)
from renda.legislation.queries import consultation_report

from .conftest import DRAFT_V2, D, on


@pytest.fixture
def handled(cast, version, consultation, contact_point):
    """Seven opinions, five counted; then version 2 is drafted."""
    cache.clear()
    staff = cast["staff"]
    art2, art3 = (version.nodes.get(kind="article", number=n) for n in (2, 3))
    with on(D(2024, 3, 5)):
        pending = opinion_submit_public(consultation=consultation, text="待审", client_ip="1.1.1.1")
        spam = opinion_submit_public(consultation=consultation, text="广告", client_ip="1.1.1.1")
        public = opinion_submit_public(
            consultation=consultation, text="第三条太笼统。", article=art3, client_ip="1.1.1.2"
        )
        first = opinion_submit_deputy(
            consultation=consultation, actor=cast["deputy"], text="增加分装。", article=art2
        )
        second = opinion_submit_deputy(
            consultation=consultation, actor=cast["deputy2"], text="规范佩戴。", article=art2
        )
        seminar, gathered = opinion_batch_submit(
            consultation=consultation,
            actor=cast["station"],
            contact_point=contact_point,
            opinions=[
                GatheredOpinion(text="给予商户过渡期。", source="seminar"),
                GatheredOpinion(
                    text="明确执法部门。",
                    article=art3,
                    source="collection_point",
                    collection_point=contact_point.collection_points.first(),
                ),
            ],
        )
    opinion_moderate(opinion=spam, actor=staff, publish=False, reason="广告。")
    opinion_moderate(opinion=public, actor=staff, publish=True)
    opinion_handle(opinion=public, actor=staff, outcome="not_adopted", reason="另有规定。")
    v2 = import_draft(actor=staff, regulation=version.regulation, text=DRAFT_V2)
    new_art2 = v2.nodes.get(kind="article", number=2)
    opinion_handle(opinion=first, actor=staff, outcome="adopted", led_to=new_art2)
    opinion_handle(opinion=second, actor=staff, outcome="partly_adopted", reason="部分采纳。")
    opinion_handle(opinion=seminar, actor=staff, outcome="adopted", led_to_note="附则增加过渡期")
    return {
        "pending": pending,
        "public": public,
        "first": first,
        "second": second,
        "seminar": seminar,
        "gathered": gathered,
        "art2": art2,
        "art3": art3,
        "v2": v2,
        "new_art2": new_art2,
    }


def test_the_overall_counts_and_the_adoption_rate(consultation, handled):
    report = consultation_report(consultation)

    o = report.overall
    assert (o.total, o.adopted, o.partly_adopted, o.not_adopted, o.awaiting) == (5, 2, 1, 1, 1)
    assert (report.pending_moderation, report.rejected) == (1, 1)
    assert report.adoption_rate == pytest.approx(3 / 5)


def test_opinions_by_source(consultation, handled):
    report = consultation_report(consultation)

    totals = {source: t.total for source, t in report.by_source.items()}
    assert totals == {"public": 1, "deputy": 2, "seminar": 1, "collection_point": 1}
    assert report.by_source["deputy"].adopted_in_whole_or_part == 2


def test_opinions_by_article_with_the_whole_draft_first(consultation, handled):
    report = consultation_report(consultation)

    rows = [(row.article, row.tally.total, row.tally.awaiting) for row in report.by_article]
    assert rows == [(None, 1, 0), (handled["art2"], 2, 0), (handled["art3"], 2, 1)]


def test_which_opinions_led_to_which_changes(consultation, handled):
    report = consultation_report(consultation)

    assert report.next_version == handled["v2"]
    assert {o.pk for o in report.links} == {handled["first"].pk, handled["seminar"].pk}
    by_new = {d.new.pk: d for d in report.changes if d.new is not None}
    art2 = by_new[handled["new_art2"].pk]
    assert art2.kind == "changed" and art2.old == handled["art2"]
    assert {o.pk for o in art2.opinions} == {handled["first"].pk, handled["second"].pk}
    assert "<ins>" in art2.change.html()
    assert all(d.kind != "unchanged" for d in report.changes)


def test_a_report_without_a_next_version_lists_no_changes(cast, consultation):
    report = consultation_report(consultation)
    assert report.next_version is None and report.changes == []
    assert report.overall.total == 0 and report.adoption_rate == 0.0
