"""A meeting's number read back from its name (第二十一次会议 → 21): every number core writes
in Chinese reads back as itself, digits read too, and what is not a numeral gives none."""

from __future__ import annotations

import pytest

from renda.core.officialdoc import chinese_number
from renda.meetings.numbers import from_chinese, meeting_number


def test_every_number_written_in_chinese_reads_back_as_itself():
    assert [n for n in range(1, 10_000) if from_chinese(chinese_number(n)) != n] == []


@pytest.mark.parametrize(
    "title, number",
    [
        ("晋中市第五届人大常委会第二十一次会议", 21),  # the term's 第五届 is not the meeting's
        ("市五届人大常委会第十八次会议", 18),
        ("第一〇五次会议", 105),  # digit by digit
        ("第两百次会议", 200),
        ("第15次会议", 15),
        ("第１５次会议", 15),  # full-width digits
    ],
)
def test_a_meetings_number_is_read_from_its_name(title, number):
    assert meeting_number(title) == number


@pytest.mark.parametrize(
    "title",
    [
        "列席常委会会议",
        "第0次会议",
        "第二三十次会议",
        "第十十次会议",
        "第五届人大常委会第三次主任会议",
        "第99999次会议",
    ],
)
def test_a_name_without_a_meeting_number_gives_none(title):
    assert meeting_number(title) is None
