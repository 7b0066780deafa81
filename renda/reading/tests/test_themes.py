"""Hot topics' grouping on hand-made rows: deterministic in any order, sizes that add up,
themes that follow the matters, the trend against the period before, the periods."""

from __future__ import annotations

import datetime
import random

from renda.reading.themes import group, previous_period
from renda.reading.themes_registry import Row

TOPICS = {
    "road": "{p}通村公路路面破损严重，坑洼较多，雨天积水，群众出行不便，希望尽快维修。",
    "bus": "{p}至县城的公交班次太少，最后一班车下午五点就停运，建议增加班次。",
    "heat": "{p}小区冬季供暖温度不达标，室温不足16度，希望督促供热企业整改。",
}
PLACES = ["松塔镇", "东阳镇", "来远镇", "古陶镇", "平头镇", "西洛镇"]
ODD = [
    "市场上的猪肉价格波动太大。",
    "希望图书馆延长周末开放时间。",
    "网吧接纳未成年人上网。",
]


def rows(counts: dict[str, int], *, start: int = 1, openings: bool = True) -> list[Row]:
    out, pk = [], start
    for topic, n in counts.items():
        for i in range(n):
            place = PLACES[i % len(PLACES)]
            opening = ("你好，", "代表你好，", "")[i % 3] if openings else ""
            text = opening + TOPICS[topic].format(p=place)
            out.append(
                Row(
                    kind="opinion",
                    pk=pk,
                    title=text[:20],
                    text=text,
                    url=f"/o/{pk}/",
                    category=topic,
                    category_label=topic,
                    county=["榆次区", "太谷区"][i % 2],
                    station=f"{place}联络站",
                    noise=(place,),
                )
            )
            pk += 1
    return out


def odd_rows(start: int) -> list[Row]:
    return [
        Row("opinion", start + i, t, t, f"/o/{start + i}/", "other", "other")
        for i, t in enumerate(ODD)
    ]


def topic_of(pk: int, rows_: list[Row]) -> str:
    return next(r.category for r in rows_ if r.pk == pk)


def test_themes_follow_the_matters_and_sizes_add_up():
    texts = rows({"road": 7, "bus": 5, "heat": 4}) + odd_rows(100)
    g = group(texts)
    assert [t.size for t in g.themes] == [7, 5, 4]
    for theme in g.themes:
        assert len({topic_of(pk, texts) for _, pk in theme.members}) == 1
    members = [m for t in g.themes for m in t.members]
    assert len(members) == len(set(members))  # each text in one theme at most
    assert g.total == 19 and g.counted == 16 and g.rest == 3
    assert g.counted + g.rest == g.total


def test_same_rows_give_the_same_themes_in_any_order():
    texts = rows({"road": 6, "bus": 6, "heat": 6}) + odd_rows(100)
    first = group(texts)
    assert group(list(texts)) == first
    for seed in range(3):
        shuffled = list(texts)
        random.Random(seed).shuffle(shuffled)
        assert group(shuffled) == first


def test_a_group_smaller_than_the_minimum_is_counted_as_the_rest():
    g = group(rows({"road": 5, "bus": 2}), min_size=3)
    assert [t.size for t in g.themes] == [5]
    assert g.rest == 2


def test_place_names_do_not_make_a_theme():
    # Three matters said at the same three places: grouped by matter, not by place.
    texts = rows({"road": 3, "bus": 3, "heat": 3})
    g = group(texts)
    assert sorted(t.size for t in g.themes) == [3, 3, 3]
    for theme in g.themes:
        assert len({topic_of(pk, texts) for _, pk in theme.members}) == 1


def test_trend_counts_the_texts_of_the_period_before_that_belong_to_each_theme():
    now = rows({"road": 6, "bus": 4, "heat": 3})
    before = rows({"road": 3, "bus": 4}, start=500) + odd_rows(900)
    g = group(now, before)
    by_topic = {topic_of(t.members[0][1], now): t for t in g.themes}
    assert by_topic["road"].previous == 3
    assert (by_topic["road"].trend, by_topic["road"].change) == ("up", 100)
    assert (by_topic["bus"].trend, by_topic["bus"].change) == ("flat", 0)
    assert (by_topic["heat"].trend, by_topic["heat"].change) == ("new", None)
    assert g.previous_total == 10


def test_a_theme_is_labelled_by_its_own_words_and_quotes_its_most_typical_texts():
    g = group(rows({"road": 7, "bus": 5}))
    road = g.themes[0]
    assert "公路" in road.label and "松塔镇" not in road.label
    assert len(road.examples) == 3
    assert all("公路" in e.excerpt for e in road.examples)
    assert [s.name for s in road.counties] == ["榆次区", "太谷区"]
    assert [s.count for s in road.counties] == [4, 3]


def test_a_text_that_may_not_be_quoted_is_counted_but_never_an_example():
    texts = rows({"road": 4})
    texts = [Row(**{**r.__dict__, "quotable": r.pk != 1}) for r in texts]
    g = group(texts)
    assert g.themes[0].size == 4
    assert 1 not in [e.pk for e in g.themes[0].examples]


def test_phone_numbers_in_examples_are_masked():
    texts = rows({"road": 4})
    texts[0] = Row(**{**texts[0].__dict__, "text": texts[0].text + "电话13812345678"})
    g = group(texts)
    assert all("13812345678" not in e.excerpt for e in g.themes[0].examples)


def test_nothing_to_group():
    assert group([]).themes == ()
    g = group(odd_rows(1))
    assert g.themes == () and g.rest == 3


def test_previous_period_of_a_month_is_the_month_before():
    d = datetime.date
    assert previous_period(d(2024, 6, 1), d(2024, 6, 30)) == (d(2024, 5, 1), d(2024, 5, 31))
    assert previous_period(d(2024, 1, 1), d(2024, 1, 31)) == (d(2023, 12, 1), d(2023, 12, 31))
    assert previous_period(d(2024, 4, 1), d(2024, 6, 30)) == (d(2024, 1, 1), d(2024, 3, 31))
    # Any other period: as many days just before.
    assert previous_period(d(2024, 6, 1), d(2024, 6, 15)) == (d(2024, 5, 17), d(2024, 5, 31))


def test_a_large_period_is_grouped_from_a_fixed_sample_and_the_rest_joins_its_themes(
    monkeypatch,
):
    from renda.reading import themes

    monkeypatch.setattr(themes, "GROUPED_ROWS", 12)
    texts = rows({"road": 10, "bus": 8, "heat": 6}) + odd_rows(100)
    g = group(texts)
    assert [t.size for t in g.themes] == [10, 8, 6]
    for theme in g.themes:
        assert len({topic_of(pk, texts) for _, pk in theme.members}) == 1
    assert g.rest == 3 and g.counted + g.rest == g.total
    shuffled = list(texts)
    random.Random(7).shuffle(shuffled)
    assert group(shuffled) == g


def test_a_headline_does_not_open_with_a_connective_or_punctuation():
    """Constituents write "…，而且通村公路路面破损严重": the headline is the matter itself."""
    leads = ["而且", "并且", "和", "以及", "但是", "同时", "另外，", "、"]
    texts = [
        Row(
            "opinion",
            i + 1,
            "路",
            f"{PLACES[i % len(PLACES)]}雨天积水，{lead}通村公路路面破损严重坑洼较多",
            f"/o/{i + 1}/",
            "road",
            "road",
        )
        for i, lead in enumerate(leads)
    ]
    label = group(texts).themes[0].label
    assert label.startswith("通村公路"), label


def test_a_headline_keeps_words_that_only_start_like_a_connective():
    from renda.reading.themes import _headline_clause

    assert _headline_clause("以及和平路积水严重") == "和平路积水严重"
    assert _headline_clause("并及时清理小区垃圾") == "及时清理小区垃圾"
    assert _headline_clause("二是还款压力大") == "还款压力大"
    assert _headline_clause("，但是") == ""
