"""Chinese numerals as written in legal texts (第一百零二条) to integers and back."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_DIGIT_VALUES = {ch: value for value, ch in enumerate(DIGITS)} | {"两": 2, "〇": 0}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = "".join(_DIGIT_VALUES) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)
MAX_NUMBER = 10**12 - 1


def cn_to_int(text: str) -> int:
    """Read a Chinese numeral such as 十二, 一十二, 一百零二, 二百一十, 一千零一 or 两万.

    Raises ValueError for anything that is not a well-formed numeral, including the
    colloquial 一百二 (120 or 102?), which legal texts never use.
    """
    if not text or any(ch not in NUMERAL_CHARS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(ch in "零〇" for ch in text):
        if len(text) == 1:
            return 0
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total = 0
    section = 0  # the part below the last 万/亿
    digit: int | None = None
    last_unit = 10_000  # units inside a section must descend: 千 > 百 > 十
    last_big = 10**12
    after_zero = False
    for ch in text:
        if ch in "零〇":
            if digit is not None or after_zero:
                raise ValueError(f"misplaced zero in {text!r}")
            after_zero = True
        elif ch in _DIGIT_VALUES:
            if digit is not None:
                raise ValueError(f"two digits in a row in {text!r}")
            digit = _DIGIT_VALUES[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_unit or (digit is None and unit != 10):
                raise ValueError(f"misplaced {ch} in {text!r}")
            # 十二 means 12: a bare 十 counts one ten.
            section += (1 if digit is None else digit) * unit
            digit, last_unit, after_zero = None, unit, False
        else:
            big = _BIG_UNITS[ch]
            section = _close_section(text, section, digit, last_unit, after_zero, after_big=False)
            if section == 0 or big >= last_big:
                raise ValueError(f"misplaced {ch} in {text!r}")
            total += section * big
            section, digit, last_unit, last_big, after_zero = 0, None, 10_000, big, False
    return total + _close_section(text, section, digit, last_unit, after_zero, after_big=total > 0)


def _close_section(
    text: str, section: int, digit: int | None, last_unit: int, zero: bool, *, after_big: bool
) -> int:
    """Add a trailing digit to its section, refusing the ambiguous 一百二 and 一万二."""
    if digit is None:
        return section
    if not zero and (last_unit in (100, 1000) or (last_unit == 10_000 and after_big)):
        raise ValueError(f"ambiguous trailing digit in {text!r}")
    return section + digit


def int_to_cn(number: int) -> str:
    """Write a number the way Chinese legal texts do: 12 → 十二, 102 → 一百零二, 110 → 一百一十."""
    if number < 0 or number > MAX_NUMBER:
        raise ValueError(f"cannot write {number} as a Chinese numeral")
    if number == 0:
        return DIGITS[0]
    groups = []  # four-digit groups, lowest first
    while number:
        number, group = divmod(number, 10_000)
        groups.append(group)
    bigs = ["", "万", "亿"]
    out = ""
    need_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            need_zero = bool(out)
            continue
        # A gap before a group (一万零一, 一万零一十) is read aloud as 零.
        if out and (need_zero or group < 1000):
            out += DIGITS[0]
        out += _group_to_cn(group) + bigs[index]
        need_zero = False
    # 十二, 十万, not 一十二: a leading 一十 drops its 一.
    if out.startswith("一十"):
        out = out[1:]
    return out


def _group_to_cn(group: int) -> str:
    """Write 1..9999 with inner zeros (一千零一) but no leading zero."""
    out = ""
    pending_zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = group // unit % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out += DIGITS[0]
            pending_zero = False
        out += DIGITS[digit] + name
    return out
