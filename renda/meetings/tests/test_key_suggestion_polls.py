"""The item hearing the government's report on handling key suggestions holds the satisfaction
polls on them opened for the meeting: members see them on the agenda with a link to vote and
whether their vote waits; the results once closed; other items and older polls stay apart."""

from __future__ import annotations

import datetime

import time_machine
from django.urls import reverse

from renda.meetings import actions as M
from renda.suggestions import actions as S
from renda.suggestions.models import Suggestion


def key_suggestion(cast, title):
    s = S.suggestion_submit(
        author=cast["deputy"], title=title, body="建议加快老旧小区改造。", category="urban"
    )
    Suggestion.objects.filter(pk=s.pk).update(is_key=True)
    s.refresh_from_db()
    return s


def test_the_key_suggestions_item_holds_the_polls_opened_for_the_meeting(
    client, cast, members, meeting, on_day
):
    item = M.item_add(
        meeting=meeting,
        actor=cast["staff"],
        kind="key_suggestions",
        title="听取市政府关于重点建议办理情况的报告",
    )
    old = key_suggestion(cast, "去年的重点建议")
    with time_machine.travel(datetime.datetime(2024, 3, 1, 9, 0), tick=False):
        S.poll_open(suggestion=old, actor=cast["staff"], title="三月的测评")
    s = key_suggestion(cast, "关于推进老旧小区改造的建议")
    with time_machine.travel(datetime.datetime(2024, 6, 20, 9, 0), tick=False):
        poll = S.poll_open(suggestion=s, actor=cast["staff"], title="老旧小区改造办理测评")

    client.force_login(members[0])
    page = client.get(reverse("meetings:detail", args=[meeting.pk]))
    (shown,) = [i for i in page.context["items"] if i.pk == item.pk]
    assert [f.poll for f in shown.polls] == [poll]  # not the poll of March
    assert shown.polls[0].waiting_for_me
    html = page.content.decode()
    assert poll.url in html and "老旧小区改造办理测评" in html
    others = [i for i in page.context["items"] if i.pk != item.pk]
    assert all(not i.polls for i in others)

    S.poll_vote(poll=poll, actor=members[0], result="satisfied")
    S.poll_close(poll=poll, actor=cast["staff"])
    page = client.get(reverse("meetings:detail", args=[meeting.pk]))
    (shown,) = [i for i in page.context["items"] if i.pk == item.pk]
    assert shown.polls[0].results.total == 1 and not shown.polls[0].waiting_for_me
