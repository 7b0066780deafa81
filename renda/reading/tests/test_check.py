"""The reply check's parts on hand-made texts: the points as deputies number them, the
passages of a reply, the marks, boilerplate and copies."""

from __future__ import annotations

import pytest

from renda.reading import check as C

OPENING = "近年来，榆次区部分农村公路路面破损严重，群众出行不便。"


@pytest.mark.parametrize(
    "body",
    [
        OPENING + "建议：一是修缮破损道路；二是建设乡村公交站点；三是治理河道污染。",
        OPENING + "为此建议：（一）修缮破损道路；（二）建设乡村公交站点；（三）治理河道污染。",
        OPENING + "为此建议：(一)修缮破损道路；(二)建设乡村公交站点；(三)治理河道污染。",
        OPENING + "建议：1.修缮破损道路；2.建设乡村公交站点；3.治理河道污染。",
        OPENING + "\n1、修缮破损道路\n2、建设乡村公交站点\n3、治理河道污染",
        OPENING + "具体建议如下：一、修缮破损道路。二、建设乡村公交站点。三、治理河道污染。",
        OPENING + "建议：①修缮破损道路；②建设乡村公交站点；③治理河道污染。",
        OPENING + "建议：第一，修缮破损道路；第二，建设乡村公交站点；第三，治理河道污染。",
        OPENING
        + "对此提出以下建议：首先，修缮破损道路；其次，建设乡村公交站点；再次，治理河道污染。",
        OPENING + "建议修缮破损道路；建议建设乡村公交站点；建议治理河道污染。",
        OPENING
        + "\n（1）修缮破损道路；（2）建设乡村公交站点；（3）治理河道污染。以上建议请予研究。",
    ],
)
def test_points_are_split_on_each_numbering_style(body):
    points, numbered = C.split_points(body)
    texts = [p.text.removeprefix("建议") for p in points]
    assert texts == ["修缮破损道路", "建设乡村公交站点", "治理河道污染"]
    assert numbered and [p.number for p in points] == [1, 2, 3]


def test_proposals_joined_by_connectives_are_points():
    body = OPENING + "建议有关部门修缮破损道路，同时建设乡村公交站点，此外还要治理河道污染。"
    assert [p.text for p in C.points(body)] == [
        "建议有关部门修缮破损道路",
        "同时建设乡村公交站点",
        "此外还要治理河道污染",
    ]


def test_a_text_without_marks_is_checked_sentence_by_sentence():
    points, numbered = C.split_points("小区门口路灯坏了。晚上出行很不安全！请尽快修好")
    assert not numbered
    assert [p.text for p in points] == ["小区门口路灯坏了", "晚上出行很不安全", "请尽快修好"]


def test_years_and_amounts_are_not_taken_for_numbers():
    body = "2023年投入1200万元。建议：一是增加投入；二是加快进度。"
    assert [p.text for p in C.points(body)] == ["增加投入", "加快进度"]


def test_passages_are_paragraphs_and_long_ones_their_sentences():
    long = "第一句话说明道路修缮的安排和资金来源。" * 9 + "第二句话说明完成的时限。"
    found = C.passages(f"开头一段。\n\n{long}\n结尾")
    assert found[0].text == "开头一段" and found[-1].text == "结尾"
    assert len(found) == 2 + 10 and all(len(p.text) < C.LONG_PASSAGE for p in found)


SUGGESTION = (
    "榆次区农村公路破损、公交不便、河道污染。建议：一是将破损严重的乡村道路列入年度提质改造计划；"
    "二是在偏远村庄增设公交站点并增开早晚班次；三是整治沿河村庄生活污水直排问题。"
)
ROADS = "一、关于乡村道路提质改造。已将破损严重的乡村道路列入今年提质改造计划，年底前完成30公里。"
BUSES = "二、关于偏远村庄公交站点和班次。已新增公交站点12个，早晚高峰增开班次，下月起运行。"
RIVER = "三、关于沿河污水直排。已排查沿河村庄排污口，建设污水收集管网，直排问题年内整治完毕。"
STOCK = "我局高度重视您的建议，认真研究办理。感谢您对我们工作的关心和支持，欢迎继续提出宝贵意见。"


def _marks(reply: str) -> list[str]:
    return [p.mark for p in C.check(SUGGESTION, reply).points]


def test_a_reply_answering_every_point():
    result = C.check(SUGGESTION, "\n".join([STOCK, ROADS, BUSES, RIVER]))
    assert [p.mark for p in result.points] == ["answered"] * 3
    assert [p.passage.text[:2] for p in result.points] == ["一、", "二、", "三、"]
    assert not result.warnings


def test_a_skipped_point_is_not_answered_and_named():
    result = C.check(SUGGESTION, "\n".join([STOCK, ROADS, RIVER]))
    assert [p.mark for p in result.points] == ["answered", "missing", "answered"]
    assert [p.point.number for p in result.missing] == [2] and result.warnings


def test_a_point_touched_in_passing_is_weakly_answered():
    vague = "关于公交，我们将统筹考虑。"
    result = C.check(SUGGESTION, "\n".join([ROADS, vague, RIVER]))
    assert result.points[1].mark == "weak", result.points[1].score
    assert result.points[1].passage.text == vague.rstrip("。")


def test_marks_follow_the_thresholds():
    assert C.mark(C.ANSWERED) == "answered"
    assert C.mark(C.ANSWERED - 0.01) == "weak" and C.mark(C.WEAK) == "weak"
    assert C.mark(C.WEAK - 0.01) == "missing"


def test_stock_phrases_do_not_answer_anything():
    result = C.check(SUGGESTION, STOCK + "\n下一步，我们将进一步加强相关工作，积极协调有关部门。")
    assert _marks(STOCK) == ["missing"] * 3
    assert result.boilerplate and result.stock_share >= C.STOCK_SHARE
    assert C.stock_share("\n".join([ROADS, BUSES, RIVER])) < 0.2


def test_a_reply_repeating_the_units_reply_of_the_year_is_boilerplate():
    reply = "\n".join([ROADS, BUSES, RIVER])
    same = C.Previous(text=reply.replace("30公里", "20公里"), year=2024, label="No. 5")
    unrelated = C.Previous(
        text="关于学校周边交通安全。已增设信号灯和减速带。", year=2024, label="x"
    )
    result = C.check(SUGGESTION, reply, year=2024, previous=[unrelated, same])
    assert result.boilerplate and result.repeats.previous is same and result.copied is None
    assert not C.check(SUGGESTION, reply, year=2024, previous=[unrelated]).boilerplate


def test_a_reply_copied_from_an_earlier_year():
    reply = "\n".join([ROADS, BUSES, RIVER])
    old = C.Previous(text=reply, year=2022, label="2022 No. 8")
    result = C.check(SUGGESTION, reply, year=2024, previous=[old])
    assert result.copied is not None and result.copied.previous is old
    assert result.copied.score >= C.COPY and result.repeats is None
    other = C.Previous(text="关于学校周边交通安全。已增设信号灯和减速带。", year=2022, label="y")
    assert C.check(SUGGESTION, reply, year=2024, previous=[other]).copied is None


def test_an_empty_reply_answers_nothing():
    result = C.check(SUGGESTION, "")
    assert [p.mark for p in result.points] == ["missing"] * 3
    assert all(p.passage is None for p in result.points)
