"""Key suggestions (重点建议) and their satisfaction polls, through the pages."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from renda.accounts.models import User
from renda.core.models import Poll, PollVote
from renda.org.models import Body
from renda.suggestions import actions as A

from .handling import assigned, evaluated, replied

D = datetime.date


@pytest.fixture
def committee(congress):
    return Body.objects.create(congress=congress, name="财政经济委员会", kind="special_committee")


def make_key(cast, org, submit, committee, title="关于加快城市公交发展的建议"):
    s = assigned(
        submit, cast["staff"], D(2024, 3, 1), [A.UnitPart(org["unit"], "sole")], title=title
    )
    A.suggestion_mark_key(suggestion=s, actor=cast["leader"], body=committee, leader=cast["leader"])
    return s


@pytest.fixture
def key(cast, org, submit, committee):
    s = make_key(cast, org, submit, committee)
    replied(s, cast["handler"], D(2024, 4, 1), "A")
    evaluated(s, cast["deputy"], D(2024, 4, 15), "satisfied")
    return s


def page(s) -> str:
    return reverse("suggestions:key_suggestion", args=[s.pk])


def post(client, name: str, s, data=None):
    return client.post(reverse(f"suggestions:{name}", args=[s.pk]), data or {})


def last_message(response) -> str:
    return [str(m) for m in get_messages(response.wsgi_request)][-1]


def zh(text: str) -> str:
    """A message as the pages show it (zh-hans is the default language)."""
    with translation.override("zh-hans"):
        return translation.gettext(text)


def test_the_list_shows_supervision_state_reply_and_evaluation(client, cast, key, committee):
    client.force_login(cast["leader"])
    response = client.get(reverse("suggestions:key_suggestions"), {"year": "2024"})
    [row] = response.context["rows"]
    assert row == key
    assert row.latest_categories == "A"
    assert row.latest_evaluation.result == "satisfied"
    html = response.content.decode()
    assert "财政经济委员会" in html and page(key) in html
    assert reverse("suggestions:detail", args=[key.pk]) in html


def test_the_poll_through_the_pages(client, cast, key, congress):
    staff, leader = cast["staff"], cast["leader"]
    other_leader = User.objects.create_user(
        "leader2", password="x-long-password", congress=congress, role="leader"
    )
    # Staff open the poll; a missing title is reported beside its field and nothing opens.
    client.force_login(staff)
    form = client.get(page(key)).context["open_form"]
    assert key.title in form.initial["title"]  # a suggested title, ready to use
    response = post(client, "poll_open", key, {"title": " ", "report": "报告"})
    assert response.status_code == 422 and "title" in response.context["open_form"].errors
    assert not Poll.objects.exists()
    response = post(client, "poll_open", key, {"title": "满意度测评", "report": "办理情况报告"})
    assert response.status_code == 302
    poll = Poll.objects.get()
    # Opening it twice is a conflict shown as a message.
    response = post(client, "poll_open", key, {"title": "再次测评"})
    assert response.status_code == 302
    assert last_message(response) == zh("This suggestion already has a poll.")
    assert Poll.objects.count() == 1

    # A leader sees the poll waiting for their vote, but no results while it is open.
    client.force_login(leader)
    response = client.get(reverse("suggestions:key_suggestions"), {"year": "2024"})
    assert response.context["waiting"] == 1
    assert "alert-warning" in response.content.decode()
    response = client.get(page(key))
    assert response.context["vote_form"] is not None and response.context["s"].results is None
    # A bad vote is reported beside its field.
    response = post(client, "poll_vote", key, {"result": "maybe"})
    assert "result" in response.context["vote_form"].errors
    assert not PollVote.objects.exists()
    assert post(client, "poll_vote", key, {"result": "satisfied"}).status_code == 302
    # Voting twice: refused, with the error shown.
    response = post(client, "poll_vote", key, {"result": "dissatisfied"})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert zh("You have already voted in this poll.") in response.content.decode()
    assert list(PollVote.objects.values_list("result", flat=True)) == ["satisfied"]
    assert response.context["vote_form"] is None and response.context["s"].my_vote
    assert client.get(reverse("suggestions:key_suggestions")).context["waiting"] == 0
    # Leaders cannot close a poll.
    assert post(client, "poll_close", key).status_code == 403

    client.force_login(other_leader)
    assert post(client, "poll_vote", key, {"result": "basic"}).status_code == 302

    # Staff follow the results live, then close the poll.
    client.force_login(staff)
    results = client.get(page(key)).context["s"].results
    assert results.total == 2 and results.rate == 1.0
    assert post(client, "poll_close", key).status_code == 302
    poll.refresh_from_db()
    assert poll.closed_at is not None
    response = post(client, "poll_close", key)
    assert last_message(response) == zh("This poll is closed.")

    # Once closed, leaders see the results, and can no longer vote.
    client.force_login(leader)
    response = client.get(page(key))
    results = response.context["s"].results
    assert results.counts[0][1] == 1 and results.counts[1][1] == 1 and results.counts[2][1] == 0
    assert "100.0%" in response.content.decode()
    third = User.objects.create_user(
        "leader3", password="x-long-password", congress=congress, role="leader"
    )
    client.force_login(third)
    response = post(client, "poll_vote", key, {"result": "dissatisfied"})
    assert last_message(response) == zh("This poll is closed.")
    assert PollVote.objects.count() == 2


def test_only_leaders_vote_and_only_staff_open_and_close(client, cast, key):
    A.poll_open(suggestion=key, actor=cast["staff"], title="测评")
    client.force_login(cast["staff"])
    assert post(client, "poll_vote", key, {"result": "satisfied"}).status_code == 403
    client.force_login(cast["leader"])
    assert post(client, "poll_open", key, {"title": "测评"}).status_code == 403
    for role in ("deputy", "handler", "station"):
        client.force_login(cast[role])
        assert post(client, "poll_vote", key, {"result": "satisfied"}).status_code == 403
        assert client.get(page(key)).status_code == 403
    assert not PollVote.objects.exists()


def test_a_plain_or_foreign_suggestion_has_no_key_page(client, cast, org, submit, key):
    plain = assigned(submit, cast["staff"], D(2024, 3, 1), [A.UnitPart(org["unit"], "sole")])
    client.force_login(cast["staff"])
    assert client.get(page(plain)).status_code == 404
    assert post(client, "poll_open", plain, {"title": "测评"}).status_code == 404
    client.force_login(cast["stranger"])
    assert client.get(page(key)).status_code == 404
    assert post(client, "poll_open", key, {"title": "测评"}).status_code == 404


def test_voting_needs_an_open_poll(client, cast, key):
    client.force_login(cast["leader"])
    assert post(client, "poll_vote", key, {"result": "satisfied"}).status_code == 404


def test_the_key_list_query_count_does_not_grow_with_rows(client, cast, org, submit, committee):
    leaders = [
        User.objects.create_user(
            f"member{i}", password="x-long-password", congress=cast["staff"].congress, role="leader"
        )
        for i in range(3)
    ]

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            s = make_key(cast, org, submit, committee, title=f"重点建议{i}")
            replied(s, cast["handler"], D(2024, 4, 1), "A")
            poll = A.poll_open(suggestion=s, actor=cast["staff"], title=f"测评{i}")
            for member in leaders:
                A.poll_vote(poll=poll, actor=member, result="basic")

    url = reverse("suggestions:key_suggestions")
    for who in ("staff", "leader"):
        client.force_login(cast[who])
        client.get(url)  # warm up

    def queries(who: str) -> int:
        client.force_login(cast[who])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"year": "2024"}).status_code == 200
        return len(ctx.captured_queries)

    add(1, 0)
    few = {who: queries(who) for who in ("staff", "leader")}
    add(5, 1)
    assert {who: queries(who) for who in ("staff", "leader")} == few
    assert max(few.values()) <= 14


def test_a_key_suggestions_page_links_to_its_poll(client, cast, key):
    link = page(key)
    for who in ("staff", "leader"):
        client.force_login(cast[who])
        html = client.get(reverse("suggestions:detail", args=[key.pk])).content.decode()
        assert link in html
    client.force_login(cast["deputy"])
    html = client.get(reverse("suggestions:detail", args=[key.pk])).content.decode()
    assert link not in html  # the poll is the standing committee's, not the deputy's
