"""Who finds what: the lists' rules, in results and in snippets. A handler never finds another
unit's case; a deputy their own; the public only what is published; another congress's staff
nothing of ours."""

from __future__ import annotations

import pytest

from renda.opinions import actions as OA
from renda.search.engine import search


def kinds_found(user, q):
    return sorted((h.kind, h.object_id) for h in search(user, q).hits)


@pytest.fixture
def referred(cast, org):
    """A constituent's opinion on the same matter, referred to org["unit"]."""
    opinion = OA.opinion_record(
        actor=cast["station"],
        station=org["station"],
        category="roads",
        content="迎宾路一下雨就积水，出行困难。",
        constituent=OA.Constituent(name="赵六", phone="13912345678"),
    )
    OA.opinion_refer(opinion=opinion, actor=cast["station"], unit=org["unit"])
    return opinion


def test_the_handler_of_the_unit_finds_its_cases(cast, assigned, referred):
    assert kinds_found(cast["handler"], "积水") == sorted(
        [("suggestion", assigned.pk), ("opinion", referred.pk)]
    )


def test_a_handler_never_finds_another_units_case_nor_its_words(cast, assigned, referred):
    found = search(cast["other_handler"], "积水 迎宾路")
    assert found.hits == [] and found.count == 0
    assert search(cast["other_handler"], "排水管网").hits == []


def test_staff_find_everything_of_their_congress_and_others_nothing(cast, assigned, referred):
    assert len(search(cast["staff"], "积水").hits) == 2
    assert search(cast["stranger"], "积水").hits == []


def test_a_deputy_finds_their_own_suggestion_not_the_opinion(cast, assigned, referred):
    assert kinds_found(cast["deputy"], "积水") == [("suggestion", assigned.pk)]
    assert kinds_found(cast["deputy2"], "积水") == []


def test_the_public_finds_nothing_unpublished(cast, assigned, referred):
    assert search(None, "积水").hits == []


def test_the_constituents_name_and_phone_are_not_indexed(cast, referred):
    assert search(cast["staff"], "赵六").hits == []
    assert search(cast["staff"], "13912345678").hits == []
