"""Reading a draft from a Word (.docx) file."""

import io
from pathlib import Path

import docx
import pytest
from django.utils import translation
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from renda.legislation.drafts.docx_import import MAX_DOCX_BYTES, parse_docx, parse_upload
from renda.legislation.drafts.parser import DraftError, parse_text, to_text

SAMPLES = Path(__file__).parent / "samples"


def make_docx(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_draft_reads_like_the_same_text() -> None:
    text = (SAMPLES / "chapters_sections_city.txt").read_text(encoding="utf-8")
    data = make_docx(text.splitlines())

    from_docx = parse_docx(io.BytesIO(data))
    assert from_docx == parse_text(text)
    assert to_text(from_docx) == to_text(parse_text(text))


def test_docx_can_be_read_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "草案.docx"
    path.write_bytes(make_docx(["晋中市测试条例", "第一条　为了规范管理，制定本条例。"]))

    assert parse_docx(path).title == "晋中市测试条例"


def test_manual_line_break_inside_a_word_paragraph_separates_articles() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("第一条　甲。")
    paragraph.add_run().add_break()
    paragraph.add_run("第二条　乙。")
    buffer = io.BytesIO()
    document.save(buffer)

    assert [a.number for a in parse_docx(buffer.getvalue()).articles()] == [1, 2]


def test_paragraph_with_word_automatic_numbering_is_reported() -> None:
    document = docx.Document()
    document.add_paragraph("第一条　下列行为禁止：")
    numbered = document.add_paragraph("乱扔垃圾；")
    num_pr = numbered._p.get_or_add_pPr().get_or_add_numPr()
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), "1")
    num_pr.append(num_id)
    buffer = io.BytesIO()
    document.save(buffer)

    draft = parse_docx(buffer.getvalue())
    assert [(p.line_no, p.code, p.text) for p in draft.problems] == [
        (2, "word_numbering", "乱扔垃圾；")
    ]


def test_file_that_is_not_a_docx_is_refused() -> None:
    with pytest.raises(DraftError) as error:
        parse_docx(b"PK\x03\x04 not really a zip")
    assert error.value.code == "not_docx"


def test_legacy_doc_file_is_refused_with_advice() -> None:
    with pytest.raises(DraftError) as error:
        parse_upload(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert error.value.code == "old_doc"
    assert ".docx" in error.value.message


def test_oversized_docx_is_refused_without_reading_it_all() -> None:
    with pytest.raises(DraftError) as error:
        parse_docx(io.BytesIO(b"PK\x03\x04" + b"\x00" * MAX_DOCX_BYTES))
    assert error.value.code == "too_large"


def test_upload_is_recognised_by_content_not_by_name() -> None:
    data = make_docx(["第一条　为了规范管理，制定本条例。"])

    assert parse_upload(data).counts()["articles"] == 1
    text = "第一条　为了规范管理，制定本条例。".encode()
    assert parse_upload(text).counts()["articles"] == 1


def test_word_paragraphs_are_never_joined_even_without_final_punctuation() -> None:
    data = make_docx(["第一条　禁止携带下列物品进入", "易燃易爆物品。"])

    paragraphs = parse_docx(data).articles()[0].paragraphs
    assert [p.text for p in paragraphs] == ["禁止携带下列物品进入", "易燃易爆物品。"]


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


TEXT_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>
 <mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>
  <w:p><w:r><w:t>第二条　本条例自公布之日起施行。</w:t></w:r></w:p>
 </w:txbxContent></wps:txbx></w:drawing></mc:Choice>
 <mc:Fallback><w:pict><v:textbox><w:txbxContent>
  <w:p><w:r><w:t>第二条　本条例自公布之日起施行。</w:t></w:r></w:p>
 </w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def test_tables_and_text_boxes_are_read_in_reading_order_once() -> None:
    from lxml import etree

    document = docx.Document()
    document.add_paragraph("第一条　为了规范管理，制定本条例。")
    box = document.add_paragraph()
    box._p.append(etree.fromstring(TEXT_BOX))
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "第三条　市人民政府负责组织实施。"
    table.cell(1, 0).text = "第四条　本条例由市人大常委会负责解释。"
    draft = parse_docx(_saved(document))

    assert [a.number for a in draft.articles()] == [1, 2, 3, 4]
    assert draft.article(2).paragraphs[0].text == "本条例自公布之日起施行。"
    assert draft.problems == []


def test_a_vertically_merged_cell_is_read_once() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    merged = table.cell(0, 0).merge(table.cell(1, 0))
    merged.text = "第一条　为了规范管理，制定本条例。"
    table.cell(0, 1).text = "第二条　本条例自公布之日起施行。"
    draft = parse_docx(_saved(document))

    assert [a.number for a in draft.articles()] == [1, 2]


def test_what_is_not_read_is_reported() -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "晋中市人大常委会（征求意见稿）"
    document.add_paragraph("第一条　为了规范管理，制定本条例。")
    png = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (4, 4)).save(png, format="PNG")
    png.seek(0)
    document.add_picture(png)
    draft = parse_docx(_saved(document))

    codes = {p.code: p for p in draft.problems}
    assert codes["docx_skipped_headers"].text == "晋中市人大常委会（征求意见稿）"
    assert codes["docx_skipped_images"].params == {"n": "1"}
    with translation.override("en"):
        assert "pictures" in codes["docx_skipped_images"].reason
    assert [a.number for a in draft.articles()] == [1]
