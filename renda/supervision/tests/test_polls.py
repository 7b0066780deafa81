"""One poll engine (renda/core/polls.py) for key suggestions, inquiry departments and the
assessment of deliberation opinions: members vote once, each has the vote waiting until they
do, results hidden from members until staff close the poll, votes never show who voted."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from renda.core import polls
from renda.core.deadlines import waiting_for
from renda.core.models import Poll, PollVote
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid
from renda.suggestions.models import Suggestion
from renda.supervision import actions as A

from .conftest import D, on


@pytest.fixture
def held(inquiry, cast):
    with on(D(2024, 10, 25)):
        A.inquiry_hold(inquiry=inquiry, actor=cast["staff"], held_on=D(2024, 10, 25), meeting="会")
    return inquiry


def test_members_vote_once_and_see_results_when_closed(held, cast, leaders):
    unit = held.units.first()
    with on(D(2024, 10, 25)):
        poll = A.inquiry_unit_open_poll(inquiry_unit=unit, actor=cast["staff"])
        assert {d.responsible_user_id for d in polls_waiting(poll)} == {u.pk for u in leaders}
        assert list(polls.waiting_polls(cast["leader"])) == [poll]
        polls.poll_vote(poll=poll, actor=leaders[0], result="satisfied")
        polls.poll_vote(poll=poll, actor=leaders[1], result="dissatisfied")
        with pytest.raises(ActionConflict):
            polls.poll_vote(poll=poll, actor=leaders[0], result="basic")
        with pytest.raises(ActionInvalid):
            polls.poll_vote(poll=poll, actor=leaders[2], result="great")
        assert not list(polls.waiting_polls(leaders[0]))
        assert polls.facts(leaders[0], [poll])[poll.pk].results is None
        staff_view = polls.facts(cast["staff"], [poll])[poll.pk].results
        assert staff_view is not None and staff_view.total == 2 and staff_view.rate == 0.5
        polls.poll_close(poll=poll, actor=cast["staff"])
        with pytest.raises(ActionConflict):
            polls.poll_vote(poll=poll, actor=leaders[2], result="basic")
    assert polls.facts(leaders[0], [poll])[poll.pk].results.total == 2
    assert not polls_waiting(poll)


def polls_waiting(poll):
    from renda.core.models import Deadline

    return list(
        Deadline.objects.filter(kind__startswith=f"poll:{poll.pk}:", closed_at__isnull=True)
    )


@pytest.mark.parametrize("who", ["staff", "handler", "deputy", "stranger"])
def test_only_members_of_the_congress_vote(held, cast, who):
    with on(D(2024, 10, 25)):
        poll = A.inquiry_unit_open_poll(inquiry_unit=held.units.first(), actor=cast["staff"])
    with pytest.raises(ActionForbidden):
        polls.poll_vote(poll=poll, actor=cast[who], result="satisfied")
    assert not PollVote.objects.exists()


@pytest.mark.parametrize("who", ["leader", "handler", "stranger"])
def test_only_staff_open_and_close(held, cast, who):
    with pytest.raises(ActionForbidden), on(D(2024, 10, 25)):
        A.inquiry_unit_open_poll(inquiry_unit=held.units.first(), actor=cast[who])
    assert not Poll.objects.exists()


def test_key_suggestions_and_inquiries_share_the_engine(held, cast, org, leaders):
    """A key suggestion's poll is a core Poll too, on its suggestion; the same waiting list."""
    from renda.suggestions.actions import poll_open as suggestion_poll_open

    s = Suggestion.objects.create(
        congress=held.congress,
        year=2024,
        title="关于加快农村改厕的建议",
        body="内容",
        category="agriculture",
        period="recess",
        lead_deputy=org["deputy"],
        is_key=True,
        submitted_at=held.created_at,
    )
    with on(D(2024, 10, 25)):
        key_poll = suggestion_poll_open(suggestion=s, actor=cast["staff"], title="重点建议测评")
        unit_poll = A.inquiry_unit_open_poll(inquiry_unit=held.units.first(), actor=cast["staff"])
    assert {p.content_type for p in (key_poll, unit_poll)} == {
        ContentType.objects.get_for_model(Suggestion),
        ContentType.objects.get_for_model(type(held)),
    }
    assert set(polls.waiting_polls(cast["leader"])) == {key_poll, unit_poll}
    labels = {d.label for d in waiting_for(cast["leader"])}
    assert any("重点建议测评" in label for label in labels)
    s.refresh_from_db()
    assert s.poll == key_poll
