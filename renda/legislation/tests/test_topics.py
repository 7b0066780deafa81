"""Agenda topic solicitation (议题征集): staff ask deputies about an upcoming meeting's topics;
answers are collected and summarised."""

from __future__ import annotations

import pytest

from renda.core.deadlines import waiting_for
from renda.core.models import Notification
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid
from renda.legislation.actions.topics import (
    topic_answer,
    topic_solicitation_close,
    topic_solicitation_open,
)
from renda.legislation.queries import deputies_answered, topic_summary

from .conftest import D, on


@pytest.fixture
def solicitation(cast, congress, django_capture_on_commit_callbacks):
    with on(D(2024, 8, 1)), django_capture_on_commit_callbacks(execute=True):
        return topic_solicitation_open(
            congress=congress,
            actor=cast["staff"],
            meeting_title="市五届人大常委会第二十一次会议",
            meeting_date=D(2024, 8, 28),
            deadline=D(2024, 8, 15),
            topics=[
                "听取市政府关于生态环境保护工作情况的报告",
                ("审议餐饮从业人员佩戴口罩规定草案", "一审"),
            ],
        )


def test_deputies_are_asked_and_have_until_the_deadline(cast, solicitation):
    assert [t.title for t in solicitation.topics.all()][1] == "审议餐饮从业人员佩戴口罩规定草案"
    assert Notification.objects.filter(recipient=cast["deputy"]).exists()
    with on(D(2024, 8, 2)):
        assert [d.due_date for d in waiting_for(cast["deputy"])] == [D(2024, 8, 15)]


def test_answers_are_collected_per_topic_and_a_second_answer_replaces_the_first(
    cast, org, solicitation
):
    first, second = solicitation.topics.all()
    with on(D(2024, 8, 5)):
        topic_answer(
            solicitation=solicitation, topic=first, actor=cast["deputy"], text="关注黄河支流治理。"
        )
        topic_answer(
            solicitation=solicitation, topic=first, actor=cast["deputy"], text="关注汾河治理。"
        )
        topic_answer(solicitation=solicitation, topic=second, actor=cast["deputy2"], text="赞成。")

    topics = topic_summary(solicitation)
    assert [t.answer_count for t in topics] == [1, 1]
    assert [(a.deputy, a.text) for a in topics[0].answer_list] == [
        (org["deputy"], "关注汾河治理。")
    ]
    assert deputies_answered(solicitation) == 2


def test_staff_close_with_a_summary_and_then_no_answer_is_taken(cast, solicitation):
    topic = solicitation.topics.first()
    with on(D(2024, 8, 16)):
        topic_solicitation_close(
            solicitation=solicitation, actor=cast["staff"], summary="共收到意见2条。"
        )
        with pytest.raises(ActionConflict):
            topic_answer(solicitation=solicitation, topic=topic, actor=cast["deputy"], text="迟到")
        assert list(waiting_for(cast["deputy"])) == []
    assert solicitation.state == "closed" and solicitation.summary == "共收到意见2条。"


def test_no_answer_after_the_deadline_even_while_open(cast, solicitation):
    with on(D(2024, 8, 16)), pytest.raises(ActionConflict):
        topic_answer(
            solicitation=solicitation,
            topic=solicitation.topics.first(),
            actor=cast["deputy"],
            text="x",
        )


@pytest.mark.parametrize("who", ["staff", "leader", "handler", "station", "stranger"])
def test_only_deputies_of_the_congress_answer(cast, solicitation, who):
    with on(D(2024, 8, 5)), pytest.raises(ActionForbidden):
        topic_answer(
            solicitation=solicitation, topic=solicitation.topics.first(), actor=cast[who], text="x"
        )


@pytest.mark.parametrize("who", ["leader", "deputy", "station", "stranger"])
def test_only_staff_of_the_congress_open_and_close(cast, congress, solicitation, who):
    with on(D(2024, 8, 1)), pytest.raises(ActionForbidden):
        topic_solicitation_open(
            congress=congress,
            actor=cast[who],
            meeting_title="会议",
            meeting_date=D(2024, 8, 28),
            deadline=D(2024, 8, 15),
            topics=["议题"],
        )
    with pytest.raises(ActionForbidden):
        topic_solicitation_close(solicitation=solicitation, actor=cast[who])


def test_answers_are_due_before_the_meeting_and_a_topic_is_needed(cast, congress):
    with on(D(2024, 8, 1)):
        with pytest.raises(ActionInvalid) as late:
            topic_solicitation_open(
                congress=congress,
                actor=cast["staff"],
                meeting_title="会议",
                meeting_date=D(2024, 8, 10),
                deadline=D(2024, 8, 15),
                topics=["议题"],
            )
        with pytest.raises(ActionInvalid) as none:
            topic_solicitation_open(
                congress=congress,
                actor=cast["staff"],
                meeting_title="会议",
                meeting_date=D(2024, 8, 28),
                deadline=D(2024, 8, 15),
                topics=[],
            )
    assert (late.value.field, none.value.field) == ("deadline", "topics")


def test_a_topic_of_another_solicitation_is_refused(cast, congress, solicitation):
    with on(D(2024, 8, 1)):
        other = topic_solicitation_open(
            congress=congress,
            actor=cast["staff"],
            meeting_title="另一次会议",
            meeting_date=D(2024, 9, 28),
            deadline=D(2024, 9, 15),
            topics=["议题"],
        )
    with on(D(2024, 8, 5)), pytest.raises(ActionInvalid):
        topic_answer(
            solicitation=solicitation, topic=other.topics.get(), actor=cast["deputy"], text="x"
        )
