"""Exporting a draft as Akoma Ntoso 3.0 that validates against the OASIS schema."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from renda.legislation.drafts.akn import AKN_NS, to_akn, validate_akn
from renda.legislation.drafts.parser import Draft, DraftError, parse_text

from .test_text_export import READABLE_SAMPLES, SAMPLES, drafts

NS = {"a": AKN_NS}


def export(sample: str, **options: object) -> etree._Element:
    draft = parse_text((SAMPLES / sample).read_text(encoding="utf-8"))
    return etree.fromstring(to_akn(draft, **options))  # type: ignore[arg-type]


@pytest.mark.parametrize("sample", READABLE_SAMPLES)
def test_every_sample_exports_valid_akoma_ntoso(sample: str) -> None:
    draft = parse_text((SAMPLES / sample).read_text(encoding="utf-8"))

    assert validate_akn(to_akn(draft)) == []


def test_structure_maps_part_chapter_section_article_paragraph_point() -> None:
    root = export("parts_chapters_sections_ecology.txt")

    part = root.find("a:act/a:body/a:part", NS)
    assert part is not None
    assert part.get("eId") == "part_1"
    assert part.findtext("a:num", namespaces=NS) == "第一编"
    assert part.findtext("a:heading", namespaces=NS) == "总则"
    section = root.find(".//a:section[@eId='part_2__chp_1__sec_2']", NS)
    assert section is not None
    assert section.findtext("a:heading", namespaces=NS) == "扬尘污染"
    article = section.find("a:article[@eId='art_11']", NS)
    assert article is not None
    assert article.findtext("a:num", namespaces=NS) == "第十一条"
    paragraph = article.find("a:paragraph[@eId='art_11__para_1']", NS)
    assert paragraph is not None
    assert (
        paragraph.findtext("a:intro/a:p", namespaces=NS)
        == "施工单位应当在施工工地采取下列扬尘污染防治措施："
    )
    points = paragraph.findall("a:point", NS)
    assert [p.get("eId") for p in points][:2] == [
        "art_11__para_1__point_1",
        "art_11__para_1__point_2",
    ]
    assert points[4].findtext("a:num", namespaces=NS) == "（五）"
    assert points[4].findtext("a:content/a:p", namespaces=NS) == "建筑垃圾及时清运。"


def test_chapters_of_different_parts_get_different_eids() -> None:
    root = export("parts_chapters_sections_ecology.txt")

    eids = [c.get("eId") for c in root.iterfind(".//a:chapter", NS)]
    assert eids[:3] == ["part_1__chp_1", "part_1__chp_2", "part_2__chp_1"]


def test_article_heading_and_paragraphs_are_exported() -> None:
    root = export("parts_chapters_sections_ecology.txt")

    article = root.find(".//a:article[@eId='art_1']", NS)
    assert article is not None
    assert article.findtext("a:heading", namespaces=NS) == "立法目的"
    second = root.find(".//a:article[@eId='art_4']/a:paragraph[@eId='art_4__para_2']", NS)
    assert second is not None
    assert second.findtext("a:content/a:p", namespaces=NS).startswith("乡（镇）人民政府")


def test_title_and_front_matter_go_to_the_preface() -> None:
    root = export("flat_mask_rules.txt")

    assert root.findtext(".//a:preface/a:longTitle/a:p/a:docTitle", namespaces=NS) == (
        "晋中市餐饮从业人员佩戴口罩规定"
    )
    assert root.findtext(".//a:preface/a:p", namespaces=NS).startswith("（2025年6月26日")


def test_identification_names_work_expression_and_manifestation() -> None:
    root = export(
        "flat_mask_rules.txt", number="2025-3", date=datetime.date(2025, 6, 26), frbr_locality="jz"
    )

    work = root.find(".//a:identification/a:FRBRWork", NS)
    assert work is not None
    assert work.find("a:FRBRuri", NS).get("value") == "/akn/cn-jz/act/2025-06-26/2025-3"
    assert work.find("a:FRBRcountry", NS).get("value") == "cn"
    expression = root.find(".//a:FRBRExpression/a:FRBRuri", NS)
    assert expression.get("value") == "/akn/cn-jz/act/2025-06-26/2025-3/zho@2025-06-26"
    assert root.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "zho"


def test_repeated_article_number_still_gives_unique_eids() -> None:
    xml = to_akn(parse_text((SAMPLES / "broken_duplicate_article.txt").read_text()))

    eids = [e.get("eId") for e in etree.fromstring(xml).iter() if e.get("eId")]
    assert len(eids) == len(set(eids))
    assert "art_2-2" in eids
    assert validate_akn(xml) == []


def test_invalid_document_is_reported_by_the_validator() -> None:
    xml = to_akn(parse_text("第一条　内容。")).replace(b"<body>", b"<body><bogus/>")

    assert validate_akn(xml) != []


def test_draft_without_articles_cannot_be_exported() -> None:
    with pytest.raises(DraftError):
        to_akn(Draft(title="空"))


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(drafts(max_articles=110))
def test_any_well_formed_draft_exports_valid_akoma_ntoso(draft: Draft) -> None:
    xml = to_akn(draft)

    assert validate_akn(xml) == []
    points = etree.fromstring(xml).iterfind(".//a:point", NS)
    assert sum(1 for _ in points) == sum(
        len(p.items) for a in draft.articles() for p in a.paragraphs
    )
