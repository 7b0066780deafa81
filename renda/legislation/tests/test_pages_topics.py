"""Agenda topic solicitation pages: staff ask, deputies answer topic by topic, staff read the
answers per topic and close with a summary."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renda.legislation.actions.topics import topic_answer, topic_solicitation_open
from renda.legislation.models import TopicAnswer, TopicSolicitation

from .conftest import D, on


@pytest.fixture
def solicitation(cast, congress):
    with on(D(2024, 6, 1)):
        return topic_solicitation_open(
            congress=congress,
            actor=cast["staff"],
            meeting_title="市人大常委会第二十次会议",
            meeting_date=D(2024, 6, 25),
            deadline=D(2024, 6, 15),
            topics=["审议物业管理条例草案", ("听取环境状况报告", "2023年度")],
        )


@pytest.fixture
def today():
    with on(D(2024, 6, 5)):
        yield


def test_staff_ask_the_deputies_through_the_form(client, cast, today):
    client.force_login(cast["staff"])
    response = client.post(
        reverse("legislation:topic_new"),
        {
            "meeting_title": "第二十一次会议",
            "meeting_date": "2024-07-20",
            "deadline": "2024-07-10",
            "topics": "审议条例草案\n听取报告 | 专项工作报告\n",
        },
    )
    s = TopicSolicitation.objects.get()
    assert response["Location"] == reverse("legislation:topics", args=[s.pk])
    assert [(t.title, t.description) for t in s.topics.all()] == [
        ("审议条例草案", ""),
        ("听取报告", "专项工作报告"),
    ]


def test_a_due_date_after_the_meeting_is_shown_beside_it(client, cast, today):
    client.force_login(cast["staff"])
    response = client.post(
        reverse("legislation:topic_new"),
        {
            "meeting_title": "会议",
            "meeting_date": "2024-07-01",
            "deadline": "2024-07-10",
            "topics": "一",
        },
    )
    assert response.status_code == 422 and 'id="id_deadline_errors"' in response.content.decode()


@pytest.mark.parametrize("role", ["deputy", "leader", "station"])
def test_only_staff_ask(client, cast, role):
    client.force_login(cast[role])
    assert client.get(reverse("legislation:topic_new")).status_code == 403


def test_a_deputy_answers_a_topic_and_can_change_the_answer(client, cast, solicitation, today):
    topic = solicitation.topics.get(order=1)
    client.force_login(cast["deputy"])
    listing = client.get(reverse("legislation:topic_list")).content.decode()
    assert f'data-solicitation="{solicitation.pk}"' in listing
    url = reverse("legislation:topic_answer", args=[solicitation.pk, topic.pk])
    assert client.post(url, {f"t{topic.pk}-text": "建议加快审议"}).status_code == 302
    assert client.post(url, {f"t{topic.pk}-text": "建议充分调研"}).status_code == 302
    assert list(TopicAnswer.objects.values_list("text", flat=True)) == ["建议充分调研"]
    page = client.get(reverse("legislation:topics", args=[solicitation.pk])).content.decode()
    assert "建议充分调研" in page


def test_an_empty_answer_is_shown_beside_the_field(client, cast, solicitation, today):
    topic = solicitation.topics.get(order=2)
    client.force_login(cast["deputy"])
    response = client.post(
        reverse("legislation:topic_answer", args=[solicitation.pk, topic.pk]),
        {f"t{topic.pk}-text": ""},
    )
    assert response.status_code == 422
    assert f'id="id_t{topic.pk}-text_errors"' in response.content.decode()


def test_after_the_due_date_an_answer_is_refused_with_a_message(client, cast, solicitation):
    topic = solicitation.topics.get(order=1)
    client.force_login(cast["deputy"])
    with on(D(2024, 6, 20)):
        page = client.get(reverse("legislation:topics", args=[solicitation.pk])).content.decode()
        assert "topic_answer" not in page and f"t{topic.pk}-text" not in page
        response = client.post(
            reverse("legislation:topic_answer", args=[solicitation.pk, topic.pk]),
            {f"t{topic.pk}-text": "迟到的意见"},
            follow=True,
        )
    assert 'class="alert alert-danger"' in response.content.decode()
    assert not TopicAnswer.objects.exists()


def test_staff_read_answers_per_topic_and_close_with_a_summary(client, cast, solicitation, today):
    first, second = solicitation.topics.order_by("order")
    topic_answer(solicitation=solicitation, topic=first, actor=cast["deputy"], text="意见甲")
    topic_answer(solicitation=solicitation, topic=first, actor=cast["deputy2"], text="意见乙")
    topic_answer(solicitation=solicitation, topic=second, actor=cast["deputy"], text="意见丙")
    client.force_login(cast["staff"])
    url = reverse("legislation:topics", args=[solicitation.pk])
    html = client.get(url).content.decode()
    block = html[html.index(f'data-topic="{first.pk}"') : html.index(f'data-topic="{second.pk}"')]
    assert "意见甲" in block and "意见乙" in block and "李秀兰" in block and "意见丙" not in block

    response = client.post(
        reverse("legislation:topic_close", args=[solicitation.pk]),
        {"close-summary": "多数赞成", "confirmed": "1"},
    )
    assert response.status_code == 302
    solicitation.refresh_from_db()
    assert (solicitation.state, solicitation.summary) == ("closed", "多数赞成")
    assert "data-summary" in client.get(url).content.decode()


@pytest.mark.parametrize("role", ["station", "handler"])
def test_other_roles_are_refused_the_topic_pages(client, cast, solicitation, role):
    client.force_login(cast[role])
    assert client.get(reverse("legislation:topic_list")).status_code == 403
    assert client.get(reverse("legislation:topics", args=[solicitation.pk])).status_code == 403


def test_a_leader_reads_but_cannot_close(client, cast, solicitation):
    client.force_login(cast["leader"])
    assert client.get(reverse("legislation:topics", args=[solicitation.pk])).status_code == 200
    url = reverse("legislation:topic_close", args=[solicitation.pk])
    assert client.post(url, {"summary": "x"}).status_code == 403
