"""Meetings' names as congresses write them (晋中市第五届人大常委会第二十一次会议), and the
number read back from such a name."""

from __future__ import annotations

import re
from typing import Any

from renda.core.officialdoc import chinese_number

DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
UNITS = {"十": 10, "百": 100, "千": 1000}
# 第…次会议, in Chinese numerals or in digits; the last one in a name is the meeting's (the
# first 第…届 is the term's).
NUMBERED = re.compile(r"第([\d零〇一两二三四五六七八九十百千]+)次会议")
MAX_NUMBER = 32_767  # a meeting's number column


def meeting_title(term: Any, kind: str, number: int) -> str:
    """The city congress's short name, the term, the meeting's number within it."""
    place = term.congress.region or term.congress.short_name
    term_no = chinese_number(term.number)
    no = chinese_number(number)
    if kind == "chair_council":
        return f"{place}第{term_no}届人大常委会第{no}次主任会议"
    return f"{place}第{term_no}届人大常委会第{no}次会议"


def from_chinese(text: str) -> int | None:
    """The number a numeral writes: 一 → 1, 十四 → 14, 二十五 → 25, 一百零五 → 105, 一〇五 →
    105 (digit by digit), 15 → 15; None for what is not one (the inverse of
    core.officialdoc.chinese_number)."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in DIGITS and c not in UNITS for c in text):
        return None
    if not any(c in UNITS for c in text):
        value = 0
        for c in text:
            value = value * 10 + DIGITS[c]
        return value
    total, digit, last_unit = 0, None, None
    for c in text:
        if c in DIGITS:
            if digit:  # two digits in a row (二三十): not a numeral
                return None
            digit = DIGITS[c]
            continue
        unit = UNITS[c]
        if (last_unit is not None and unit >= last_unit) or digit == 0:
            return None  # units fall from left to right (一千一百), never 零 before one
        total += (1 if digit is None else digit) * unit
        digit, last_unit = None, unit
    return total + (digit or 0)


def meeting_number(title: str) -> int | None:
    """The number a meeting's name gives it (第二十一次会议 → 21), if it gives one."""
    found = NUMBERED.findall(title)
    number = from_chinese(found[-1]) if found else None
    return number if number is not None and 0 < number <= MAX_NUMBER else None
