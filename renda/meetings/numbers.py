"""Meetings' names as congresses write them: 晋中市第五届人大常委会第二十一次会议."""

from __future__ import annotations

from typing import Any

from renda.core.officialdoc import chinese_number


def meeting_title(term: Any, kind: str, number: int) -> str:
    """The city congress's short name, the term, the meeting's number within it."""
    place = term.congress.region or term.congress.short_name
    term_no = chinese_number(term.number)
    no = chinese_number(number)
    if kind == "chair_council":
        return f"{place}第{term_no}届人大常委会第{no}次主任会议"
    return f"{place}第{term_no}届人大常委会第{no}次会议"
