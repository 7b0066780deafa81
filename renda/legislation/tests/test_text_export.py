"""Writing a draft back as text: the same wording as imported, up to whitespace."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renda.legislation.drafts.parser import (
    Article,
    Chapter,
    Division,
    Draft,
    Item,
    Paragraph,
    Part,
    Section,
    parse_text,
    to_text,
)

SAMPLES = Path(__file__).parent / "samples"
NOT_DRAFTS = {"broken_empty.txt", "broken_no_articles.txt"}
READABLE_SAMPLES = sorted(p.name for p in SAMPLES.glob("*.txt") if p.name not in NOT_DRAFTS)

# Wording without the structural markers (第, brackets) so that no line turns into a heading.
WORDING = (
    "市县区人民政府应当加强管理工作建立健全制度保障公众健康安全生态环境保护单位个人组织和或者的"
)
_sentences = st.builds(
    lambda body, end: body + end,
    st.text(alphabet=WORDING, min_size=1, max_size=30),
    st.sampled_from("。；："),
)
_headings = st.text(alphabet=WORDING, min_size=2, max_size=8)


def without_whitespace(text: str) -> str:
    return "".join(text.split())


@st.composite
def _groups(draw: st.DrawFn, items: list, max_groups: int) -> list[list]:
    """Split items into consecutive non-empty groups."""
    count = draw(st.integers(1, max(1, min(max_groups, len(items)))))
    cuts = (
        sorted(
            draw(st.sets(st.integers(1, len(items) - 1), min_size=count - 1, max_size=count - 1))
        )
        if count > 1
        else []
    )
    bounds = [0, *cuts, len(items)]
    return [items[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


@st.composite
def _articles(draw: st.DrawFn, count: int) -> list[Article]:
    articles = []
    for number in range(1, count + 1):
        paragraphs = []
        for _ in range(draw(st.integers(1, 3))):
            item_count = draw(st.sampled_from([0, 0, 0, 2, 4, 12]))
            items = [Item(number=n, text=draw(_sentences)) for n in range(1, item_count + 1)]
            paragraphs.append(Paragraph(text=draw(_sentences), items=items))
        heading = draw(st.sampled_from(["", "", "", "立法目的"]))
        articles.append(Article(number=number, paragraphs=paragraphs, heading=heading))
    return articles


def _divisions(draw: st.DrawFn, cls: type[Division], groups: list[list]) -> list[Division]:
    return [
        cls(number=number, heading=draw(_headings), children=children)
        for number, children in enumerate(groups, start=1)
    ]


@st.composite
def drafts(draw: st.DrawFn, max_articles: int = 150) -> Draft:
    """Well-formed drafts of every shape: flat, chapters, chapters and sections, parts."""
    # Hypothesis favours small numbers; ask for long drafts explicitly so that 第一百零二条 shows.
    count = draw(st.one_of(st.integers(1, 20), st.integers(min(102, max_articles), max_articles)))
    articles = draw(_articles(count))
    shape = draw(st.sampled_from(["flat", "chapters", "sections", "parts"]))
    children: list = articles
    if shape != "flat":
        chapter_groups = draw(_groups(articles, 12))
        if shape in ("sections", "parts") and draw(st.booleans()):
            chapter_groups = [
                _divisions(draw, Section, draw(_groups(group, 4))) for group in chapter_groups
            ]
        children = _divisions(draw, Chapter, chapter_groups)
        if shape == "parts":
            # Chapters restart their numbering in each part.
            children = _divisions(
                draw,
                Part,
                [
                    [
                        Chapter(number=n, heading=c.heading, children=c.children)
                        for n, c in enumerate(group, 1)
                    ]
                    for group in draw(_groups(children, 4))
                ],
            )
    preamble = []
    if draw(st.booleans()):
        preamble.append("（2024年8月29日晋中市第五届人民代表大会常务委员会第二十次会议通过）")
    if shape != "flat" and draw(st.booleans()):
        preamble.append("目录")
        draft = Draft(children=children)
        preamble.extend(
            f"{node.label}　{node.heading}" for node in draft.walk() if isinstance(node, Division)
        )
    title = draw(st.text(alphabet=WORDING, min_size=2, max_size=12)) + "条例"
    return Draft(title=title, preamble=preamble, children=children)


@pytest.mark.parametrize("sample", READABLE_SAMPLES)
def test_sample_is_written_back_with_the_same_wording(sample: str) -> None:
    text = (SAMPLES / sample).read_text(encoding="utf-8")

    assert without_whitespace(to_text(parse_text(text))) == without_whitespace(text)


def test_text_is_written_in_the_official_layout() -> None:
    text = (
        "第一章 总则\n第一条【立法目的】为了规范管理，制定本条例：\n(一)甲；\n(二)乙。\n第二款。\n"
    )

    assert to_text(parse_text(text)) == (
        "第一章　总则\n"
        "第一条　【立法目的】　为了规范管理，制定本条例：\n"
        "　　(一)甲；\n"
        "　　(二)乙。\n"
        "　　第二款。\n"
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(drafts())
def test_any_well_formed_draft_survives_writing_and_reading(draft: Draft) -> None:
    text = to_text(draft)
    parsed = parse_text(text)

    assert parsed.problems == []
    assert parsed == draft
    assert to_text(parsed) == text
