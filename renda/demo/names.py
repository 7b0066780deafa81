"""Fictional people for the demo year: names, ID numbers and phone numbers, from a seeded RNG."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

# Family names weighted roughly as they are found in central Shanxi (per mille).
SURNAMES: dict[str, int] = {
    "王": 75, "李": 65, "张": 60, "刘": 50, "杨": 30, "郭": 30, "赵": 25, "陈": 15, "武": 15,
    "梁": 15, "高": 12, "贾": 12, "田": 11, "范": 10, "韩": 10, "闫": 10, "史": 9, "马": 9,
    "孙": 9, "乔": 8, "程": 8, "任": 8, "白": 8, "侯": 8, "周": 8, "孟": 7, "段": 7, "宋": 7,
    "冯": 7, "胡": 7, "郝": 7, "常": 6, "牛": 6, "温": 6, "吴": 6, "曹": 6, "薛": 5, "吕": 5,
    "秦": 5, "崔": 5, "董": 5, "石": 5, "朱": 5, "徐": 5, "许": 5, "霍": 4, "苏": 4, "申": 4,
    "魏": 4, "雷": 3, "卫": 3, "冀": 3, "翟": 3, "岳": 3, "靳": 3, "何": 3, "渠": 2, "智": 2,
    "弓": 2, "庞": 2, "彭": 2, "师": 2, "要": 1, "阎": 1,
}  # fmt: skip

MALE_CHARS = (
    "建国军伟强明华平志勇斌俊峰涛鹏林东文杰磊刚海波宏辉亮晓春永振飞宇浩旭晋忠胜利成毅德荣庆"
    "新民福云龙江瑞锋超鑫凯"
)
FEMALE_CHARS = "丽芳娟敏静秀英霞红艳玲燕萍琴慧婷洁雪梅莉晶丹琳颖兰凤瑜欣佳璐蕾晓春利亚珍翠彩月"

# Names never drawn: the demo accounts' own, and a few so common they read as placeholders.
AVOID = frozenset({"张伟", "刘洋", "王芳", "王建国", "李建国", "张建国", "王伟", "李强", "王勇"})

CHECK_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


def id_check_char(first17: str) -> str:
    """The 18th character of a resident ID number (ISO 7064 MOD 11-2)."""
    total = sum(int(d) * w for d, w in zip(first17, CHECK_WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


@dataclass
class PeopleFactory:
    """Draws unique fictional names, ID numbers and phone numbers from one seeded RNG."""

    rng: random.Random
    _names: set[str] = field(default_factory=set)
    _ids: set[str] = field(default_factory=set)
    _phones: int = 0

    def gender(self, women_share: float = 0.3) -> str:
        return "F" if self.rng.random() < women_share else "M"

    def name(self, gender: str) -> str:
        surnames = list(SURNAMES)
        weights = list(SURNAMES.values())
        chars = FEMALE_CHARS if gender == "F" else MALE_CHARS
        while True:
            surname = self.rng.choices(surnames, weights)[0]
            size = 2 if self.rng.random() < 0.75 else 1
            given = "".join(self.rng.choice(chars) for _ in range(size))
            name = surname + given
            if len(set(given)) == len(given) and name not in self._names and name not in AVOID:
                self._names.add(name)
                return name

    def birth_date(self, first_year: int = 1962, last_year: int = 1992) -> datetime.date:
        start = datetime.date(first_year, 1, 1)
        days = (datetime.date(last_year, 12, 31) - start).days
        return start + datetime.timedelta(days=self.rng.randrange(days))

    def id_number(self, region_code: str, birth: datetime.date, gender: str) -> str:
        while True:
            serial = self.rng.randrange(1, 500) * 2 - (1 if gender == "M" else 0)
            first17 = f"{region_code}{birth:%Y%m%d}{serial:03d}"
            number = first17 + id_check_char(first17)
            if number not in self._ids:
                self._ids.add(number)
                return number

    def mobile(self) -> str:
        """139 0354 xxxx: one fictional block, numbered in order so none repeats."""
        self._phones += 1
        return f"1390354{self._phones:04d}"

    def office_phone(self) -> str:
        return f"0354-{self.rng.choice('2345')}{self.rng.randrange(100000, 999999)}"
