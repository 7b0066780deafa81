"""A refused form on a supervision page comes back as it was typed, with why beside it: the
vote of a poll (its radio still chosen), a question asked at an inquiry."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from renda.core import polls
from renda.core.models import PollVote
from renda.core.workflow import ActionInvalid
from renda.supervision import actions as A

from .conftest import D, on


def checked(html: str, value: str) -> bool:
    return bool(re.search(rf'<input[^>]*name="result"[^>]*value="{value}"[^>]*\bchecked\b', html))


def post(client, user, name, *args, **data):
    client.force_login(user)
    return client.post(reverse(f"supervision:{name}", args=args), data, HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def held(inquiry, cast):
    with on(D(2024, 10, 25)):
        A.inquiry_hold(inquiry=inquiry, actor=cast["staff"], held_on=D(2024, 10, 25), meeting="会")
    return inquiry


@pytest.fixture
def unit_polls(held, cast, leaders):
    with on(D(2024, 10, 25)):
        return [
            A.inquiry_unit_open_poll(inquiry_unit=u, actor=cast["staff"])
            for u in held.units.order_by("pk")
        ]


def test_a_refused_vote_keeps_the_chosen_radio_and_says_why(
    client, cast, held, unit_polls, monkeypatch
):
    """The engine refuses the vote (a rule of the poll; here made to refuse): the inquiry's
    page again, 422, the member's choice still checked on that poll only, the reason above."""

    def refuse(**kwargs):
        raise ActionInvalid("The poll asks for a reason with a dissatisfied vote.")

    monkeypatch.setattr(polls, "poll_vote", refuse)
    first, second = unit_polls
    with on(D(2024, 10, 26)):
        r = post(client, cast["leader"], "poll_vote", first.pk, result="dissatisfied")
    assert r.status_code == 422
    html = r.content.decode()
    assert "asks for a reason" in html
    form = html.split(f'action="{reverse("supervision:poll_vote", args=[first.pk])}"')[1]
    form = form.split("</form>")[0]
    assert checked(form, "dissatisfied") and not checked(form, "satisfied")
    other = html.split(f'action="{reverse("supervision:poll_vote", args=[second.pk])}"')[1]
    assert not checked(other.split("</form>")[0], "dissatisfied")  # the other poll: untouched
    assert not PollVote.objects.exists()


def test_a_vote_without_a_choice_is_refused_beside_the_field(client, cast, sent, leaders):
    with on(D(2024, 6, 1)):
        A.opinion_answer(opinion=sent, actor=cast["handler"], answer="已整改")
        poll = A.opinion_open_poll(opinion=sent, actor=cast["staff"])
        r = post(client, cast["leader"], "poll_vote", poll.pk, result="great")
    assert r.status_code == 422
    html = r.content.decode()
    assert 'class="field-errors"' in html and "data-vote" in html
    with on(D(2024, 6, 1)):
        r = post(client, cast["leader"], "poll_vote", poll.pk, result="basic")
    assert r.status_code == 302 and r["Location"] == reverse("supervision:opinion", args=[sent.pk])
    assert PollVote.objects.get(poll=poll).result == "basic"


def test_a_second_vote_from_another_tab_says_why_and_keeps_the_first(client, cast, unit_polls):
    poll = unit_polls[0]
    with on(D(2024, 10, 26)):
        assert post(client, cast["leader"], "poll_vote", poll.pk, result="basic").status_code == 302
        r = post(client, cast["leader"], "poll_vote", poll.pk, result="satisfied")
    assert r.status_code == 409 and "already voted" in r.content.decode()
    assert PollVote.objects.get(poll=poll).result == "basic"


def test_a_poll_no_supervision_page_shows_is_not_voted_there(client, cast, report):
    from renda.core.models import Poll

    with on(D(2024, 10, 26)):
        poll = polls.poll_open(case=report, actor=cast["staff"], title="另一个测评")
        r = post(client, cast["leader"], "poll_vote", poll.pk, result="basic")
    assert r.status_code == 404 and Poll.objects.filter(pk=poll.pk).exists()


def test_a_refused_question_keeps_who_asked_and_what(client, cast, held):
    unit = held.units.order_by("pk").first()
    with on(D(2024, 10, 26)):
        r = post(
            client, cast["staff"], "inquiry_ask", held.pk, unit.pk, asker="", question="何时完工？"
        )
    assert r.status_code == 422
    html = r.content.decode()
    assert "何时完工？</textarea>" in html and "<details open>" in html
    assert f'id="id_ask{unit.pk}_asker_errors"' in html  # beside the field it names


def test_an_empty_answer_is_refused_beside_its_field(client, cast, held):
    unit = held.units.order_by("pk").first()
    with on(D(2024, 10, 26)):
        question = A.question_ask(
            inquiry_unit=unit, actor=cast["staff"], asker="张委员", question="何时完工？"
        )
        r = post(client, cast["handler"], "inquiry_answer", held.pk, question.pk, answer=" ")
    assert r.status_code == 422
    assert f'id="id_question{question.pk}_answer_errors"' in r.content.decode()
