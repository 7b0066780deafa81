"""Reading a draft's text into parts, chapters, sections, articles, paragraphs and items."""

from pathlib import Path

import pytest
from django.utils import translation

from renda.legislation.drafts.numerals import int_to_cn
from renda.legislation.drafts.parser import Article, Chapter, Part, Section, parse_text

SAMPLES = Path(__file__).parent / "samples"


def read(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def codes(text: str) -> list[tuple[int, str]]:
    return [(problem.line_no, problem.code) for problem in parse_text(text).problems]


@pytest.mark.parametrize(
    ("sample", "counts"),
    [
        ("flat_mask_rules.txt", {"parts": 0, "chapters": 0, "sections": 0, "articles": 15}),
        ("chapters_toc_beef.txt", {"parts": 0, "chapters": 7, "sections": 0, "articles": 31}),
        ("chapters_sections_city.txt", {"parts": 0, "chapters": 5, "sections": 6, "articles": 32}),
        (
            "parts_chapters_sections_ecology.txt",
            {"parts": 3, "chapters": 9, "sections": 2, "articles": 24},
        ),
    ],
)
def test_sample_is_read_without_problems_into_its_structure(sample: str, counts: dict) -> None:
    draft = parse_text(read(sample))

    assert draft.counts() == counts
    assert draft.problems == []
    assert [a.number for a in draft.articles()] == list(range(1, counts["articles"] + 1))


def test_title_and_adoption_note_are_kept_as_front_matter() -> None:
    draft = parse_text(read("flat_mask_rules.txt"))

    assert draft.title == "晋中市餐饮从业人员佩戴口罩规定"
    assert draft.preamble[0].startswith("（2025年6月26日晋中市第五届人民代表大会常务委员会")
    assert all(isinstance(node, Article) for node in draft.children)


def test_table_of_contents_stays_in_the_preamble_and_is_not_taken_for_chapters() -> None:
    draft = parse_text(read("chapters_toc_beef.txt"))

    assert draft.preamble[:3] == ["（草案）", "目　　录", "第一章　总　　则"]
    assert len(draft.preamble) == 9
    chapters = [node for node in draft.children if isinstance(node, Chapter)]
    assert [c.heading for c in chapters] == [
        "总则", "调查与认定", "传承与传播", "保护与发展", "监督与保障", "法律责任", "附则",
    ]  # fmt: skip
    assert chapters[0].children[0].number == 1


def test_table_of_contents_that_disagrees_with_the_headings_is_reported() -> None:
    text = read("chapters_toc_beef.txt").replace(
        "第六章　法律责任\n第七章", "第六章　罚则\n第七章", 1
    )

    assert codes(text) == [(4, "toc_mismatch")]


def test_first_paragraph_starts_on_the_article_line_and_next_lines_are_more_paragraphs() -> None:
    article = parse_text(read("flat_mask_rules.txt")).article(3)

    assert article is not None
    assert article.label == "第三条"
    assert [p.text for p in article.paragraphs] == [
        "市、县（区、市）人民政府应当加强对餐饮从业人员佩戴口罩工作的领导，"
        "将其纳入食品安全工作考核内容。",
        "市、县（区、市）市场监督管理部门负责本行政区域内餐饮从业人员佩戴口罩的监督管理工作。",
        "卫生健康、教育、商务、文化和旅游等部门在各自职责范围内做好相关工作。",
    ]


def test_items_belong_to_the_paragraph_that_introduces_them() -> None:
    article = parse_text(read("flat_mask_rules.txt")).article(5)

    assert article is not None
    [paragraph] = article.paragraphs
    assert paragraph.text == "餐饮从业人员在下列场所或者环节中应当规范佩戴口罩："
    assert [item.number for item in paragraph.items] == [1, 2, 3, 4, 5, 6]
    assert paragraph.items[0].label == "（一）"
    assert paragraph.items[0].text == "专间内从事食品加工操作的；"


def test_twelve_items_are_numbered_up_to_twelve() -> None:
    article = parse_text(read("chapters_toc_beef.txt")).article(21)

    assert article is not None
    items = article.paragraphs[0].items
    assert [item.label for item in items][-3:] == ["（十）", "（十一）", "（十二）"]
    assert [item.number for item in items] == list(range(1, 13))


def test_half_width_item_parentheses_are_read_and_kept_as_written() -> None:
    draft = parse_text("第一条　下列行为禁止：\n(一)乱扔垃圾；\n(二) 随地吐痰。\n")

    items = draft.articles()[0].paragraphs[0].items
    assert [(item.number, item.label, item.text) for item in items] == [
        (1, "(一)", "乱扔垃圾；"),
        (2, "(二)", "随地吐痰。"),
    ]


def test_bracketed_article_heading_is_kept_apart_from_the_wording() -> None:
    article = parse_text(read("parts_chapters_sections_ecology.txt")).article(2)

    assert article is not None
    assert article.heading == "适用范围"
    assert article.paragraphs[0].text.startswith("本市行政区域内的生态环境保护")


def test_parts_hold_chapters_that_restart_their_numbering_and_chapters_hold_sections() -> None:
    draft = parse_text(read("parts_chapters_sections_ecology.txt"))

    part_two = draft.children[1]
    assert isinstance(part_two, Part)
    assert (part_two.label, part_two.heading) == ("第二编", "污染防治")
    chapter = part_two.children[0]
    assert isinstance(chapter, Chapter)
    assert (chapter.number, chapter.heading) == (1, "大气污染防治")
    section = chapter.children[1]
    assert isinstance(section, Section)
    assert (section.label, section.heading) == ("第二节", "扬尘污染")
    assert [a.number for a in section.children] == [10, 11, 12]


def test_sections_restart_in_each_chapter() -> None:
    draft = parse_text(read("chapters_sections_city.txt"))

    chapter_three = draft.children[2]
    assert isinstance(chapter_three, Chapter)
    assert [s.label for s in chapter_three.children] == ["第一节", "第二节", "第三节"]


def test_article_numbers_past_one_hundred_are_read() -> None:
    lines = ["晋中市测试条例"]
    for number in range(1, 131):
        if number % 20 == 1:
            lines.append(f"第{int_to_cn(number // 20 + 1)}章　第{number // 20 + 1}部分")
        lines.append(f"第{int_to_cn(number)}条　本条为第{number}条的内容。")
    draft = parse_text("\n".join(lines))

    assert draft.problems == []
    assert draft.counts() == {"parts": 0, "chapters": 7, "sections": 0, "articles": 130}
    article = draft.article(102)
    assert article is not None
    assert article.label == "第一百零二条"
    assert article.paragraphs[0].text == "本条为第102条的内容。"
    assert draft.article(110).label == "第一百一十条"  # type: ignore[union-attr]


def test_duplicate_article_number_is_reported_and_not_renumbered() -> None:
    draft = parse_text(read("broken_duplicate_article.txt"))

    assert [(p.line_no, p.code) for p in draft.problems] == [(5, "duplicate_number")]
    assert [a.number for a in draft.articles()] == [1, 2, 2, 3, 4, 5]
    with translation.override("en"):
        assert draft.problems[0].reason == "第二条 repeats a number already used."


def test_skipped_article_and_item_numbers_are_reported() -> None:
    draft = parse_text(read("broken_skipped_article.txt"))

    assert [(p.line_no, p.code) for p in draft.problems] == [
        (4, "out_of_order"),
        (8, "item_out_of_order"),
    ]
    with translation.override("en"):
        assert draft.problems[0].reason == "第四条 is out of order: 第三条 was expected."
    assert [a.number for a in draft.articles()] == [1, 2, 4, 5, 6]


def test_paragraph_opening_with_a_reference_to_an_article_is_not_an_article() -> None:
    text = (
        "第一条　为了……，制定本条例。\n"
        "第二条　违反规定的，予以处罚。\n"
        "第一条规定的事项，由市人民政府负责。\n"
    )
    draft = parse_text(text)

    assert draft.problems == []
    assert len(draft.articles()) == 2
    assert draft.articles()[1].paragraphs[1].text == "第一条规定的事项，由市人民政府负责。"


def test_article_number_glued_to_its_text_is_read_when_it_is_the_next_number() -> None:
    draft = parse_text("第一条为了规范管理，制定本条例。\n第二条本条例自公布之日起施行。\n")

    assert draft.problems == []
    assert [a.paragraphs[0].text for a in draft.articles()] == [
        "为了规范管理，制定本条例。",
        "本条例自公布之日起施行。",
    ]


def test_glued_article_number_out_of_sequence_is_reported_not_guessed() -> None:
    assert codes("第一条　总则内容。\n第五条为保护环境，特制定本条。\n") == [
        (2, "ambiguous_article")
    ]


def test_chapter_heading_on_the_line_after_its_number_is_joined() -> None:
    draft = parse_text("第一章\n总　则\n第一条　为了规范管理，制定本条例。\n")

    chapter = draft.children[0]
    assert isinstance(chapter, Chapter)
    assert chapter.heading == "总则"
    assert draft.problems == []


def test_hard_wrapped_lines_from_a_pdf_are_joined_into_their_paragraph() -> None:
    text = (
        "第一条　为了保护和改善生态环境，防治\n"
        "污染和其他公害，制定本条例。\n"
        "第二条　本条例自公布之日起施行。\n"
    )
    article = parse_text(text).articles()[0]

    assert [p.text for p in article.paragraphs] == [
        "为了保护和改善生态环境，防治污染和其他公害，制定本条例。"
    ]


def test_text_inside_a_chapter_before_its_first_article_is_reported() -> None:
    assert codes("第一章　总则\n本章规定一般事项。\n第一条　为了规范管理，制定本条例。\n") == [
        (2, "text_outside_article")
    ]


def test_empty_article_and_empty_chapter_are_reported() -> None:
    text = "第一章　总则\n第一条\n第二条　本条例自公布之日起施行。\n第二章　附则\n"

    assert codes(text) == [(2, "article_without_text"), (4, "empty_division")]


def test_section_outside_any_chapter_is_reported() -> None:
    assert codes("第一节　一般规定\n第一条　为了规范管理，制定本条例。\n") == [
        (1, "section_outside_chapter")
    ]


def test_chapter_out_of_order_is_reported() -> None:
    text = "第一章　总则\n第一条　甲。\n第三章　附则\n第二条　乙。\n"

    assert codes(text) == [(3, "out_of_order")]


def test_attachment_after_the_last_article_is_reported() -> None:
    text = "第一条　甲。\n第二条　本条例自公布之日起施行。\n附件：禁止区域目录\n"

    assert codes(text) == [(3, "attachment")]


def test_wrapped_section_heading_holding_a_comma_is_joined_not_read_as_article_text() -> None:
    text = (
        "第一章　总则\n"
        "第一节　一般规定\n"
        "第一条　为了规范监督工作，制定本条例。\n"
        "第二节　审查和批准决算，听取和审议国民经济和社会发展计划、\n"
        "预算的执行情况报告，听取和审议审计工作报告\n"
        "第二条　常务委员会审查和批准决算。\n"
    )
    draft = parse_text(text)

    section = draft.children[0].children[1]
    assert isinstance(section, Section)
    assert section.heading == (
        "审查和批准决算，听取和审议国民经济和社会发展计划、"
        "预算的执行情况报告，听取和审议审计工作报告"
    )
    assert [p.text for p in draft.article(1).paragraphs] == ["为了规范监督工作，制定本条例。"]
    assert draft.problems == []


def test_wrapped_section_heading_without_a_comma_keeps_its_second_line() -> None:
    text = (
        "第一章　总则\n"
        "第一节　一般规定\n"
        "第一条　为了规范立法活动，制定本条例。\n"
        "第二节  市人民代表大会常务委员会审议、\n"
        "表决地方性法规案程序\n"
        "第二条　常务委员会审议地方性法规案。\n"
    )
    draft = parse_text(text)

    section = draft.children[0].children[1]
    assert section.heading == "市人民代表大会常务委员会审议、表决地方性法规案程序"
    assert draft.problems == []


def test_a_sentence_after_a_wrapped_heading_stays_text_and_is_reported() -> None:
    assert codes("第一章　总则和\n本章规定一般事项。\n第一条　为了规范管理，制定本条例。\n") == [
        (2, "text_outside_article")
    ]


def test_lines_of_zero_width_spaces_are_blank_and_the_text_round_trips() -> None:
    from renda.legislation.drafts.parser import to_text

    clean = "第一条　为了规范管理，制定本条例。\n\n第二条　本条例自公布之日起施行。\n"
    pasted = clean.replace("\n\n", "\n\u200b\u200b\n").replace("规范", "规\u200b范")
    draft = parse_text(pasted)

    assert draft.problems == []
    assert to_text(draft) == to_text(parse_text(clean))
    assert to_text(parse_text(to_text(draft))) == to_text(draft)


def test_a_long_spaced_heading_round_trips_through_text() -> None:
    from renda.legislation.drafts.parser import to_text

    text = (
        "第一章　总则\n第一节　一般规定\n第一条　为了规范监督工作，制定本条例。\n"
        "第二节　审查和批准决算，听取和审议国民经济和社会发展计划、\n"
        "预算的执行情况报告，听取和审议审计工作报告\n第二条　常务委员会审查和批准决算。\n"
    )
    once = to_text(parse_text(text))

    assert to_text(parse_text(once)) == once
