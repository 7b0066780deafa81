"""Comparing two versions of a draft article by article."""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from renda.legislation.drafts.compare import (
    ADDED,
    CHANGED,
    REMOVED,
    UNCHANGED,
    compare,
    diff_words,
    segments_html,
    summarize,
)
from renda.legislation.drafts.parser import parse_text

SAMPLES = Path(__file__).parent / "samples"
MASK_RULES = (SAMPLES / "flat_mask_rules.txt").read_text(encoding="utf-8")


def versions(old: str, new: str) -> list:
    return compare(parse_text(old), parse_text(new))


def old_and_new(segments: list[tuple[str, str]]) -> tuple[str, str]:
    old = "".join(text for op, text in segments if op != "insert")
    new = "".join(text for op, text in segments if op != "delete")
    return old, new


def test_identical_versions_have_only_unchanged_articles() -> None:
    changes = versions(MASK_RULES, MASK_RULES)

    assert summarize(changes) == {ADDED: 0, REMOVED: 0, CHANGED: 0, UNCHANGED: 15}
    assert not any(change.renumbered for change in changes)


def test_changed_words_are_marked_inside_a_changed_article() -> None:
    new = MASK_RULES.replace("处五百元以上二千元以下罚款", "处一千元以上五千元以下罚款")
    [change] = [c for c in versions(MASK_RULES, new) if c.kind != UNCHANGED]

    assert (change.kind, change.old_number, change.new_number) == (CHANGED, 12, 12)
    assert ("delete", "五百") in change.segments
    assert ("insert", "一千") in change.segments
    assert "<del>五百</del><ins>一千</ins>元以上" in change.html()
    assert old_and_new(change.segments) == (change.old.text, change.new.text)


def test_inserted_article_is_added_and_the_following_ones_are_only_renumbered() -> None:
    old = "第一条　甲项规定。\n第二条　乙项规定。\n第三条　丙项规定。\n"
    new = "第一条　甲项规定。\n第二条　新增加的一条规定。\n第三条　乙项规定。\n第四条　丙项规定。\n"
    changes = versions(old, new)

    assert [(c.kind, c.old_number, c.new_number) for c in changes] == [
        (UNCHANGED, 1, 1),
        (ADDED, None, 2),
        (UNCHANGED, 2, 3),
        (UNCHANGED, 3, 4),
    ]
    assert changes[2].renumbered
    assert changes[1].segments == [("insert", "新增加的一条规定。")]


def test_removed_article_is_reported_as_removed() -> None:
    old = "第一条　甲项规定。\n第二条　乙项规定。\n第三条　丙项规定。\n"
    new = "第一条　甲项规定。\n第二条　丙项规定。\n"

    assert [(c.kind, c.old_number, c.new_number) for c in versions(old, new)] == [
        (UNCHANGED, 1, 1),
        (REMOVED, 2, None),
        (UNCHANGED, 3, 2),
    ]


def test_article_both_moved_and_reworded_is_matched_by_similarity() -> None:
    old = (
        "第一条　为了规范管理，制定本条例。\n"
        "第二条　市场监督管理部门负责本行政区域内的监督管理工作。\n"
    )
    new = (
        "第一条　为了规范管理，制定本条例。\n"
        "第二条　本条例所称餐饮服务提供者，包括餐馆和食堂。\n"
        "第三条　市、县市场监督管理部门负责本行政区域内的监督管理工作。\n"
    )
    changes = versions(old, new)

    assert [(c.kind, c.old_number, c.new_number) for c in changes] == [
        (UNCHANGED, 1, 1),
        (ADDED, None, 2),
        (CHANGED, 2, 3),
    ]
    assert changes[2].segments[0] == ("insert", "市、县")


def test_article_rewritten_in_place_keeps_its_number_as_a_change() -> None:
    old = "第一条　甲。\n第二条　本条例自公布之日起施行。\n"
    new = "第一条　甲。\n第二条　完全不同的新写法。\n"

    changes = versions(old, new)
    assert [(c.kind, c.old_number, c.new_number) for c in changes] == [
        (UNCHANGED, 1, 1),
        (CHANGED, 2, 2),
    ]


def test_latin_words_and_numbers_are_compared_whole() -> None:
    segments = diff_words("PM2.5浓度下降10%", "PM10浓度下降15%")

    assert segments == [
        ("delete", "PM2.5"),
        ("insert", "PM10"),
        ("equal", "浓度下降"),
        ("delete", "10%"),
        ("insert", "15%"),
    ]


def test_single_shared_character_between_two_edits_is_folded_into_the_edit() -> None:
    segments = diff_words("由市人民政府负责", "由县级主管部门负责")

    assert segments == [
        ("equal", "由"),
        ("delete", "市人民政府"),
        ("insert", "县级主管部门"),
        ("equal", "负责"),
    ]


def test_html_is_escaped() -> None:
    assert segments_html([("equal", "<b>"), ("insert", "&")]) == "&lt;b&gt;<ins>&amp;</ins>"


@given(
    st.text(alphabet="市县人民政府的和<&a1 ", max_size=40),
    st.text(alphabet="市县人民政府的和<&a1 ", max_size=40),
)
def test_segments_always_rebuild_both_versions(old: str, new: str) -> None:
    assert old_and_new(diff_words(old, new)) == (old, new)
