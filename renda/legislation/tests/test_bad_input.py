"""Input that is no draft is refused with a clear error, before anything is read."""

import random
from pathlib import Path

import pytest
from django.utils import translation

from renda.legislation.drafts.parser import (
    MAX_DRAFT_BYTES,
    DraftError,
    decode,
    parse_bytes,
    parse_text,
)

SAMPLES = Path(__file__).parent / "samples"


def refusal(text: str) -> DraftError:
    with pytest.raises(DraftError) as error:
        parse_text(text)
    return error.value


@pytest.mark.parametrize("text", ["", "   \n\u3000\n\t"])
def test_empty_draft_is_refused(text: str) -> None:
    assert refusal(text).code == "empty"


def test_empty_sample_file_is_refused() -> None:
    with pytest.raises(DraftError) as error:
        parse_bytes((SAMPLES / "broken_empty.txt").read_bytes())
    assert error.value.code == "empty"


def test_text_without_articles_is_refused() -> None:
    error = refusal((SAMPLES / "broken_no_articles.txt").read_text(encoding="utf-8"))

    assert error.code == "no_articles"
    with translation.override("en"):
        assert str(error) == "No article (第一条, 第二条…) was found in the draft."


def test_table_of_contents_alone_has_no_articles() -> None:
    assert refusal("晋中市测试条例\n目录\n第一章　总则\n第二章　附则\n").code == "no_articles"


def test_text_with_nul_bytes_is_refused_as_binary() -> None:
    assert refusal("第一条　内容。\x00\x00").code == "binary"


def test_random_binary_upload_is_refused() -> None:
    data = random.Random(7).randbytes(4096)

    with pytest.raises(DraftError) as error:
        parse_bytes(data)
    assert error.value.code == "binary"


def test_text_full_of_control_characters_is_refused_as_binary() -> None:
    assert refusal("第一条　" + "\x01\x02\x03\x04" * 50).code == "binary"


def test_huge_text_is_refused_with_its_size() -> None:
    text = "第一条　" + "很" * (MAX_DRAFT_BYTES // 3 + 1)
    error = refusal(text)

    assert error.code == "too_large"
    assert error.params["limit"] == MAX_DRAFT_BYTES
    with translation.override("en"):
        assert f"at most {MAX_DRAFT_BYTES} bytes" in error.message


def test_huge_upload_is_refused_before_decoding() -> None:
    with pytest.raises(DraftError) as error:
        decode(b"a" * (MAX_DRAFT_BYTES + 1))
    assert error.value.code == "too_large"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_uploads_in_the_usual_chinese_encodings_are_read(encoding: str) -> None:
    text = (SAMPLES / "flat_mask_rules.txt").read_text(encoding="utf-8")

    draft = parse_bytes(text.encode(encoding))
    assert draft.title == "晋中市餐饮从业人员佩戴口罩规定"
    assert draft.counts()["articles"] == 15


def test_error_message_works_without_django_settings() -> None:
    import subprocess
    import sys

    code = (
        "from renda.legislation.drafts.parser import parse_text, DraftError\n"
        "try:\n    parse_text('')\nexcept DraftError as e:\n    print(e)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "", "PYTHONPATH": str(Path(__file__).resolve().parents[3])},
    )
    assert result.stdout.strip() == "The draft is empty."
