"""A search ranks at most RANK_AT_MOST documents, each class of what the user may see bounded
on its own (so invisible documents never use up the bound, and a frequent word costs what a
rare one does); one-character words find every text holding the character. Runs on SQLite and
on PostgreSQL."""

from __future__ import annotations

import pytest

from renda.search import engine
from renda.search.engine import search
from renda.suggestions import actions as A
from renda.suggestions.tests.test_api import Caller


def plain(html: str) -> str:
    return str(html).replace("<mark>", "").replace("</mark>", "")


@pytest.fixture
def six(cast, submit):
    """Six suggestions on parking: one says it in its title."""
    bodies = [
        submit(title=f"关于第{i}号路口交通秩序的建议", body=f"第{i}号路口附近停车混乱。")
        for i in range(5)
    ]
    title = submit(title="关于规范停车管理的建议", body="建议加强管理。")
    return [*bodies, title]


def test_past_the_bound_the_count_stops_and_says_so(cast, six, monkeypatch):
    monkeypatch.setattr(engine, "RANK_AT_MOST", 3)
    found = search(cast["staff"], "停车")
    assert found.capped and found.count == 3 and len(found.hits) == 3
    # The page and the API say "more than 3".
    api = Caller(cast["staff"]).get("/search", q="停车").json()
    assert api["capped"] is True and api["count"] == 3
    monkeypatch.setattr(engine, "RANK_AT_MOST", 6)
    found = search(cast["staff"], "停车")
    assert not found.capped and found.count == 6


def test_the_candidates_are_ranked_best_first(cast, six, monkeypatch):
    monkeypatch.setattr(engine, "RANK_AT_MOST", 6)
    found = search(cast["staff"], "停车", page_size=6)
    assert plain(found.hits[0].title) == "关于规范停车管理的建议"
    ranks = [h.rank for h in found.hits]
    assert ranks == sorted(ranks, reverse=True)
    # Pages of the ranked candidates: none twice, none left out.
    pages = [search(cast["staff"], "停车", page=p, page_size=4).hits for p in (1, 2)]
    ids = [h.object_id for hits in pages for h in hits]
    assert sorted(ids) == sorted(s.pk for s in six)


def test_what_the_user_may_not_see_never_uses_up_the_bound(cast, org, six, submit, monkeypatch):
    """A handler's own case is found even when far more texts of other units hold the word."""
    mine = submit(title="关于医院门口停车难的建议", body="就医高峰停车难。")
    A.suggestion_accept(suggestion=mine, actor=cast["staff"])
    A.suggestion_assign(
        suggestion=mine,
        actor=cast["staff"],
        mode="sole",
        parts=[A.UnitPart(org["unit"], "sole")],
    )
    monkeypatch.setattr(engine, "RANK_AT_MOST", 2)
    found = search(cast["handler"], "停车")
    assert [h.object_id for h in found.hits] == [mine.pk]
    assert found.count == 1 and not found.capped
    # The public sees none of them (nothing is published), bound or not.
    assert search(None, "停车").count == 0


@pytest.fixture
def water(cast, submit):
    return {
        "supply": submit(title="关于保障老城区供水的建议", body="高峰时段水压不足。"),
        "road": submit(title="关于修复迎宾路路面的建议", body="道路坑洼，车辆颠簸。"),
        "bus": submit(title="关于增开夜班公交的建议", body="夜间出行不便。"),
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("水", ["supply"]),  # inside 供水 and 水压
        ("路", ["road"]),  # in 迎宾路, 路面, 道路
        ("车", ["road"]),  # in 车辆
        ("夜", ["bus"]),
        ("水 压", ["supply"]),  # two one-character words, both required
        ("路 水", []),
    ],
)
def test_a_one_character_word_finds_every_text_holding_it(cast, water, q, expected):
    found = search(cast["staff"], q)
    assert sorted(h.object_id for h in found.hits) == sorted(water[k].pk for k in expected)


def test_a_one_character_word_is_marked_in_the_snippet(cast, water):
    hit = search(cast["staff"], "水").hits[0]
    assert "<mark>水</mark>" in hit.title and "<mark>水</mark>" in hit.snippet


def test_the_lists_q_filter_finds_one_character_words_too(cast, water):
    found = Caller(cast["staff"]).get("/suggestions", q="水").json()
    assert [s["id"] for s in found["items"]] == [water["supply"].pk]
