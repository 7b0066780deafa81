"""Chinese numerals as used in article numbers, read and written."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from renda.legislation.drafts.numerals import cn_to_int, int_to_cn


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十二", 12),
        ("一十二", 12),
        ("二十", 20),
        ("九十九", 99),
        ("一百", 100),
        ("一百零二", 102),
        ("一百一十", 110),
        ("一百一十二", 112),
        ("二百一十", 210),
        ("两百", 200),
        ("一千", 1000),
        ("一千零一", 1001),
        ("一千零一十", 1010),
        ("一千一百", 1100),
        ("一万", 10_000),
        ("一万零一", 10_001),
        ("一万零一十", 10_010),
        ("十万", 100_000),
        ("九万九千九百九十九", 99_999),
        ("一百二十三万四千五百六十七", 1_234_567),
        ("一亿零一万", 100_010_000),
        ("一百〇二", 102),
        ("零", 0),
    ],
)
def test_numeral_is_read_as_its_value(text: str, number: int) -> None:
    assert cn_to_int(text) == number


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (102, "一百零二"),
        (110, "一百一十"),
        (210, "二百一十"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (10_010, "一万零一十"),
        (100_000, "十万"),
        (110_000, "十一万"),
        (1_000_001, "一百万零一"),
    ],
)
def test_number_is_written_as_legal_texts_write_it(number: int, text: str) -> None:
    assert int_to_cn(number) == text


@pytest.mark.parametrize(
    "text", ["", "百", "十十", "一二", "一百二", "一万二", "零零", "第一", "3"]
)
def test_malformed_numeral_is_refused_rather_than_guessed(text: str) -> None:
    with pytest.raises(ValueError):
        cn_to_int(text)


def test_negative_number_cannot_be_written() -> None:
    with pytest.raises(ValueError):
        int_to_cn(-1)


@given(st.integers(min_value=1, max_value=99_999))
def test_every_number_up_to_99999_reads_back_as_written(number: int) -> None:
    assert cn_to_int(int_to_cn(number)) == number


@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_large_numbers_read_back_as_written(number: int) -> None:
    assert cn_to_int(int_to_cn(number)) == number
