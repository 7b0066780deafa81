"""Importing a draft, through the action and through `renda import-draft`: counts, problems,
and bad input that stores nothing."""

from __future__ import annotations

import io
import json

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from renda.core.models import Event
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid
from renda.legislation.actions.drafts import import_draft
from renda.legislation.actions.regulations import regulation_advance
from renda.legislation.drafts.parser import parse_text
from renda.legislation.models import DraftNode, DraftVersion, Regulation
from renda.legislation.queries import problems

from .conftest import DRAFT_V1, DRAFT_V2, SAMPLES


def run_import(*args: str) -> dict:
    out = io.StringIO()
    call_command("import_draft", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_staff_import_stores_the_version_its_counts_and_every_node(cast, congress):
    text = (SAMPLES / "parts_chapters_sections_ecology.txt").read_text(encoding="utf-8")

    version = import_draft(actor=cast["staff"], congress=congress, text=text)

    counts = parse_text(text).counts()
    assert (version.parts, version.chapters, version.sections) == (3, 9, 2)
    assert {k: getattr(version, k) for k in counts} == counts
    assert version.articles == DraftNode.objects.filter(version=version, kind="article").count()
    assert version.number == 1 and version.problems == []
    assert version.regulation.state == "drafting" and version.regulation.title == version.title
    item = DraftNode.objects.filter(version=version, kind="item").select_related("parent").first()
    assert item is not None and item.parent.kind == "paragraph" and item.label == "（一）"
    assert Event.objects.filter(action="import_draft", object_id=version.regulation_id).exists()


def test_a_second_import_into_a_regulation_is_its_next_version(cast, version):
    second = import_draft(actor=cast["staff"], regulation=version.regulation, text=DRAFT_V2)

    assert second.number == 2 and second.regulation_id == version.regulation_id
    assert second.title == "晋中市餐饮从业人员佩戴口罩规定（草案修改稿）"


def test_a_doubtful_draft_is_stored_with_its_problems_listed(cast, congress):
    text = (SAMPLES / "broken_skipped_article.txt").read_text(encoding="utf-8")

    version = import_draft(actor=cast["staff"], congress=congress, text=text)

    assert version.problems and problems(version)[0].reason


@pytest.mark.parametrize("text", ["", "   \n", "这不是草案。\n没有任何条文。", "\x00\x01binary"])
def test_input_that_is_no_draft_is_refused_and_nothing_is_stored(cast, congress, text):
    with pytest.raises(ActionInvalid) as error:
        import_draft(actor=cast["staff"], congress=congress, text=text)

    assert error.value.field == "file"
    assert not DraftVersion.objects.exists() and not Regulation.objects.exists()


@pytest.mark.parametrize("who", ["leader", "deputy", "handler", "station", "stranger"])
def test_only_staff_of_the_congress_import(cast, congress, who):
    with pytest.raises(ActionForbidden):
        import_draft(actor=cast[who], congress=congress, text=DRAFT_V1)
    assert not DraftVersion.objects.exists()


def test_an_adopted_regulation_takes_no_new_version(cast, version):
    regulation = version.regulation
    for action in ("first_reading", "second_reading", "adopt"):
        regulation_advance(regulation=regulation, action=action, actor=cast["staff"])

    with pytest.raises(ActionConflict):
        import_draft(actor=cast["staff"], regulation=regulation, text=DRAFT_V2)


def test_a_word_document_imports_like_its_text(cast, congress):
    document = docx.Document()
    for line in DRAFT_V1.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)

    version = import_draft(
        actor=cast["staff"], congress=congress, data=buffer.getvalue(), filename="口罩.docx"
    )

    assert version.source_format == "docx" and version.articles == 4


# --- the command -----------------------------------------------------------------------------


def test_command_prints_the_id_and_the_counts(congress, tmp_path):
    path = SAMPLES / "chapters_sections_city.txt"

    result = run_import(str(path), "--title", "晋中市城市市容和环境卫生管理条例（草案）")

    version = DraftVersion.objects.get(pk=result["id"])
    assert {k: result[k] for k in ("parts", "chapters", "sections", "articles")} == {
        "parts": 0,
        "chapters": version.chapters,
        "sections": version.sections,
        "articles": version.articles,
    }
    assert version.chapters > 0 and version.sections > 0 and version.articles > 10
    assert version.title == "晋中市城市市容和环境卫生管理条例（草案）"
    assert result["problems"] == []


def test_command_adds_a_version_to_a_regulation(version, tmp_path):
    path = tmp_path / "v2.txt"
    path.write_text(DRAFT_V2, encoding="gb18030")

    result = run_import(str(path), "--regulation", str(version.regulation_id))

    assert result["version"] == 2 and result["articles"] == 4


def test_command_lists_the_problems_it_found(congress):
    result = run_import(str(SAMPLES / "broken_duplicate_article.txt"))

    assert result["problems"] and {"line", "text", "reason"} <= set(result["problems"][0])


@pytest.mark.parametrize("sample", ["broken_empty.txt", "broken_no_articles.txt"])
def test_command_refuses_bad_input_with_a_message_and_stores_nothing(congress, sample):
    with pytest.raises(CommandError) as error:
        call_command("import_draft", str(SAMPLES / sample), "--json", stdout=io.StringIO())

    assert sample in str(error.value)
    assert not DraftVersion.objects.exists() and not Regulation.objects.exists()


def test_command_refuses_a_binary_file(congress, tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)

    with pytest.raises(CommandError, match="image.txt: "):
        call_command("import_draft", str(path), stdout=io.StringIO())
    assert not DraftVersion.objects.exists()


def test_command_refuses_a_missing_file_and_an_unknown_regulation(congress, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_draft", str(tmp_path / "nothing.txt"))
    with pytest.raises(CommandError, match="no regulation"):
        call_command("import_draft", str(SAMPLES / "flat_mask_rules.txt"), "--regulation", "999")
