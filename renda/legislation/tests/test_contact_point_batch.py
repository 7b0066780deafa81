"""A legislative contact point submits what it gathered in batches, each opinion with its source."""

from __future__ import annotations

import pytest

from renda.core.deadlines import waiting_for
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid
from renda.legislation.actions.opinions import GatheredOpinion, opinion_batch_submit
from renda.legislation.models import Opinion
from renda.legislation.queries import opinions_of

from .conftest import D, on


def submit(consultation, actor, point, opinions):
    with on(D(2024, 3, 20)):
        return opinion_batch_submit(
            consultation=consultation, actor=actor, contact_point=point, opinions=opinions
        )


def test_a_batch_keeps_each_opinions_source_and_collection_point(
    cast, consultation, contact_point, article
):
    community = contact_point.collection_points.get(name="锦纶社区信息采集点")
    batch = [
        GatheredOpinion(
            text="座谈会上，商户建议给予过渡期。", source="seminar", gathered_on=D(2024, 3, 12)
        ),
        GatheredOpinion(
            text="居民建议明确监督电话。",
            article=article,
            source="collection_point",
            collection_point=community,
            author_name="赵女士",
            author_contact="13800002222",
        ),
        GatheredOpinion(text="联系点建议加强宣传。"),
    ]

    opinions = submit(consultation, cast["station"], contact_point, batch)

    assert [(o.source, o.collection_point) for o in opinions] == [
        ("seminar", None),
        ("collection_point", community),
        ("contact_point", None),
    ]
    assert {o.state for o in opinions} == {"received"}
    assert {o.contact_point for o in opinions} == {contact_point}
    assert opinions[0].gathered_on == D(2024, 3, 12) and opinions[1].author_name == "赵女士"
    assert set(opinions_of(cast["station"])) == set(opinions)
    with on(D(2024, 3, 21)):  # the station delivered: its deadline is closed
        assert list(waiting_for(cast["station"])) == []
        assert len(list(waiting_for(cast["other_station"]))) == 1


def test_a_bad_opinion_refuses_the_whole_batch(cast, consultation, contact_point):
    batch = [GatheredOpinion(text="好意见。"), GatheredOpinion(text="", source="seminar")]

    with pytest.raises(ActionInvalid) as error:
        submit(consultation, cast["station"], contact_point, batch)

    assert error.value.field == "opinions.1.text" and not Opinion.objects.exists()


def test_a_collection_point_opinion_names_a_point_under_this_contact_point(
    cast, consultation, contact_point, other_contact_point
):
    from renda.org.models import CollectionPoint

    foreign = CollectionPoint.objects.create(
        congress=consultation.congress,
        contact_point=other_contact_point,
        name="别处的采集点",
        established_on=D(2021, 1, 1),
    )
    with pytest.raises(ActionInvalid) as missing:
        submit(
            consultation,
            cast["station"],
            contact_point,
            [GatheredOpinion(text="x", source="collection_point")],
        )
    with pytest.raises(ActionInvalid) as elsewhere:
        submit(
            consultation,
            cast["station"],
            contact_point,
            [GatheredOpinion(text="x", source="collection_point", collection_point=foreign)],
        )
    with pytest.raises(ActionInvalid) as public:
        submit(
            consultation,
            cast["station"],
            contact_point,
            [GatheredOpinion(text="x", source="public")],
        )
    assert missing.value.field == elsewhere.value.field == "opinions.0.collection_point"
    assert public.value.field == "opinions.0.source"


@pytest.mark.parametrize(
    "who", ["other_station", "staff", "deputy", "leader", "handler", "stranger"]
)
def test_only_the_operator_of_the_contact_point_submits_its_opinions(
    cast, consultation, contact_point, who
):
    with pytest.raises(ActionForbidden):
        submit(consultation, cast[who], contact_point, [GatheredOpinion(text="意见")])


def test_no_batch_after_the_window(cast, consultation, contact_point):
    with on(D(2024, 4, 1)), pytest.raises(ActionConflict):
        opinion_batch_submit(
            consultation=consultation,
            actor=cast["station"],
            contact_point=contact_point,
            opinions=[GatheredOpinion(text="迟到的意见")],
        )


def test_a_consultation_not_for_contact_points_refuses_them(cast, version, contact_point):
    from renda.legislation.actions.consultations import consultation_create, consultation_open

    with on(D(2024, 3, 1)):
        c = consultation_create(version=version, actor=cast["staff"], for_contact_points=False)
        consultation_open(consultation=c, actor=cast["staff"])
    with pytest.raises(ActionForbidden):
        submit(c, cast["station"], contact_point, [GatheredOpinion(text="意见")])
