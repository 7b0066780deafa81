"""Finding texts by their words: several words in any order, traditional characters, full
width and capitals folded; titles ranked above bodies; the index kept current on every write
and state change. Runs on SQLite (FTS5) and on PostgreSQL (tsvector, GIN)."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from renda.search.engine import search
from renda.search.models import SearchDocument
from renda.suggestions import actions as A


def titles(user, q, **kw):
    return [
        str(h.title).replace("<mark>", "").replace("</mark>", "")
        for h in search(user, q, **kw).hits
    ]


@pytest.fixture
def texts(cast, submit):
    return {
        "sorting": submit(
            title="关于推进生活垃圾分类的建议",
            body="小区垃圾分类设施不足，建议增设分类投放点。",
        ),
        "parking": submit(
            title="关于缓解学校周边交通拥堵的建议",
            body="上下学时段家长停车占道，建议在学校附近规划临时停车位。",
        ),
        "bus": submit(
            title="关于改善公交线路的建议",
            body="建议增开连接大学城与老城区的公交线路，方便群众出行。",
        ),
    }


@pytest.mark.parametrize("q", ["垃圾 分类", "分类 垃圾", "垃圾分类", "  垃圾　分类 "])
def test_several_words_match_in_any_order(cast, texts, q):
    assert titles(cast["staff"], q) == ["关于推进生活垃圾分类的建议"]


@pytest.mark.parametrize("q", ["学校 停车", "停车 学校", "学校停车"])
def test_words_apart_in_the_text_are_found_together(cast, texts, q):
    assert titles(cast["staff"], q) == ["关于缓解学校周边交通拥堵的建议"]


def test_every_word_is_required(cast, texts):
    assert titles(cast["staff"], "垃圾 公交") == []


@pytest.mark.parametrize("q", ["學校 停車", "垃圾分類", "公交線路"])
def test_a_traditional_query_finds_simplified_text(cast, texts, q):
    assert len(titles(cast["staff"], q)) == 1


def test_traditional_text_full_width_and_capitals_are_folded(cast, submit):
    submit(title="關於ＷｉＦｉ覆蓋公交車的建議", body="建議在公交車上提供免費WIFI。")
    found = search(cast["staff"], "wifi 公交车")
    assert [h.title for h in found.hits] == [
        "關於<mark>ＷｉＦｉ</mark>覆蓋<mark>公交車</mark>的建議"
    ]


def test_a_title_hit_ranks_above_a_body_hit(cast, submit):
    submit(title="关于加强城市绿化的建议", body="建议公园增加健身器材，也要注意停车管理。")
    submit(title="关于规范停车管理的建议", body="建议加强管理。")
    assert titles(cast["staff"], "停车")[0] == "关于规范停车管理的建议"


def test_snippets_mark_the_words_and_escape_the_text(cast, submit):
    submit(title="关于<script>alert(1)</script>的建议", body="前言。" * 40 + "垃圾分类<b>要紧</b>")
    hit = search(cast["staff"], "垃圾")
    assert hit.hits[0].title == "关于&lt;script&gt;alert(1)&lt;/script&gt;的建议"
    assert "<mark>垃圾</mark>分类&lt;b&gt;要紧&lt;/b&gt;" in hit.hits[0].snippet
    assert hit.hits[0].snippet.startswith("…")


def test_a_query_of_nothing_or_punctuation_finds_nothing(cast, texts):
    for q in ["", "   ", "，。！", None]:
        assert search(cast["staff"], q).hits == []


def test_a_query_with_quotes_and_operators_is_read_as_words(cast, texts):
    assert titles(cast["staff"], '"垃圾" AND OR NOT * ( 分类') == []
    assert titles(cast["staff"], '垃圾" 分类*') == ["关于推进生活垃圾分类的建议"]


def test_kind_and_year_filters(cast, texts):
    assert len(titles(cast["staff"], "建议", kinds=["suggestion"])) == 3
    assert titles(cast["staff"], "建议", kinds=["motion"]) == []
    year = texts["bus"].year
    assert len(titles(cast["staff"], "建议", year=year)) == 3
    assert titles(cast["staff"], "建议", year=year - 1) == []


# --- the index kept current ----------------------------------------------------------------


def test_a_new_text_is_found_at_once_and_an_edit_replaces_its_words(cast, submit):
    s = submit(title="关于老旧小区加装电梯的建议", body="加装电梯资金不足。")
    assert titles(cast["staff"], "电梯") == ["关于老旧小区加装电梯的建议"]
    A.suggestion_return(suggestion=s, actor=cast["staff"], reason="请补充")
    A.suggestion_resubmit(
        suggestion=s,
        actor=cast["deputy"],
        title="关于增设充电桩的建议",
        body="充电桩不足。",
        category="transport",
    )
    assert titles(cast["staff"], "电梯") == []
    assert titles(cast["staff"], "充电桩") == ["关于增设充电桩的建议"]


def test_a_state_change_updates_who_finds_it(cast, org, submit, client):
    """Published once answered: the public finds it then, not before."""
    from renda.suggestions.tests.handling import replied

    s = submit(title="关于增设公共厕所的建议", body="景区公共厕所太少。")
    assert titles(None, "公共厕所") == []
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    A.suggestion_assign(
        suggestion=s, actor=cast["staff"], mode="sole", parts=[A.UnitPart(org["unit"], "sole")]
    )
    replied(s, cast["handler"], datetime.date.today(), text="已在景区新建公厕三座。")
    found = search(None, "公厕")
    assert [h.object_id for h in found.hits] == [s.pk]  # the reply's words too
    assert found.hits[0].url == f"/suggestions/public/{s.pk}/"


def test_a_deleted_object_leaves_the_index(cast, submit):
    s = submit(title="关于整治噪音扰民的建议", body="夜间施工噪音。")
    s.delete()
    assert not SearchDocument.objects.filter(kind="suggestion", object_id=s.pk).exists()
    assert titles(cast["staff"], "噪音") == []


def test_reindex_rebuilds_the_index(cast, texts):
    SearchDocument.objects.all().delete()
    assert titles(cast["staff"], "垃圾") == []
    call_command("search", "reindex")
    assert titles(cast["staff"], "垃圾") == ["关于推进生活垃圾分类的建议"]
    call_command("search", "reindex", "--kind", "suggestion")
    assert titles(cast["staff"], "学校 停车") == ["关于缓解学校周边交通拥堵的建议"]
    assert SearchDocument.objects.filter(kind="suggestion").count() == 3


def test_phone_and_id_numbers_are_masked_before_indexing(cast, submit):
    submit(title="关于路灯的建议", body="联系人电话13835412345，身份证140702198001011234。")
    doc = SearchDocument.objects.get(title="关于路灯的建议")
    assert "13835412345" not in doc.body + doc.body_words
    assert "140702198001011234" not in doc.body + doc.body_words
    assert titles(cast["staff"], "13835412345") == []
