"""Fixtures for inspections: an item of the city congress with a site, a joint item two county
congresses joined (each with its staff), photos, and shortcuts that take a problem through its
steps on given days."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.inspections import actions as A
from renda.inspections.models import Inspection, Problem, Site

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date


def _png() -> bytes:
    """A real (tiny) PNG: uploads are decoded and re-encoded (core.photos)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


PNG = _png()


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SH)


def on(day: datetime.date, hour: int = 10) -> Any:
    """Freeze time at `hour` (Asia/Shanghai) on `day`."""
    return time_machine.travel(at(day, hour), tick=False)


def photo(name: str = "现场.png", content: bytes = PNG) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


@pytest.fixture
def counties(cast: dict[str, Any], congress: Any, org: dict[str, Any]) -> dict[str, Any]:
    """Two county congresses under the city (榆次区 of the org, and 太谷区), one staff each."""
    from renda.accounts.models import User
    from renda.org.models import Congress, Level

    taigu = Congress.objects.create(
        name="太谷区人民代表大会",
        short_name="太谷区人大",
        code="jz-tg",
        level=Level.COUNTY,
        parent=congress,
        region="太谷区",
    )
    cast["yuci"] = User.objects.create_user(
        "staff-yuci", password="correct-horse-battery", congress=org["county"], role="staff"
    )
    cast["taigu"] = User.objects.create_user(
        "staff-taigu", password="correct-horse-battery", congress=taigu, role="staff"
    )
    return {"yuci": org["county"], "taigu": taigu}


@pytest.fixture
def item(cast: dict[str, Any], org: dict[str, Any]) -> Inspection:
    """食品安全法执法检查, opened on 2024-04-01, with the deputy in the team."""
    with on(D(2024, 4, 1)):
        i = A.inspection_create(
            actor=cast["staff"],
            kind="law",
            title="食品安全法、药品管理法执法检查",
            subject="《食品安全法》《药品管理法》",
            starts_on=D(2024, 4, 10),
        )
        A.inspection_add_members(inspection=i, actor=cast["staff"], deputies=[org["deputy"]])
    return i


@pytest.fixture
def site(item: Inspection, cast: dict[str, Any], org: dict[str, Any]) -> Site:
    with on(D(2024, 4, 12)):
        return A.site_add(
            inspection=item,
            actor=cast["staff"],
            name="榆次区某农贸市场",
            kind="market",
            mode="unannounced",
            visited_on=D(2024, 4, 12),
            area=org["county"],
        )


@pytest.fixture
def record(item: Inspection, site: Site, cast: dict[str, Any], org: dict[str, Any]) -> Any:
    """record(**fields) -> a problem found at the site on 2024-04-12 (the handler's unit)."""

    def make(**kw: Any) -> Problem:
        fields: dict[str, Any] = {
            "actor": cast["staff"],
            "inspection": item,
            "site": site,
            "unit": org["unit"],
            "description": "部分摊位未公示食品经营许可证，冷链食品进货查验记录不全。",
        }
        fields.update(kw)
        with on(D(2024, 4, 12), 16):
            return A.problem_record(**fields)

    return make


@pytest.fixture
def referred(record: Any, cast: dict[str, Any]) -> Problem:
    """Found 04-12, referred on 04-15 to rectify by 06-15."""
    p = record()
    with on(D(2024, 4, 15)):
        A.problem_refer(problem=p, actor=cast["staff"], due_on=D(2024, 6, 15))
    p.refresh_from_db()
    return p


@pytest.fixture
def reported(referred: Problem, cast: dict[str, Any]) -> Problem:
    with on(D(2024, 6, 1)):
        A.problem_report(
            problem=referred,
            actor=cast["handler"],
            text="已督促全部摊位公示许可证，建立冷链进货查验台账。",
            photos=[photo("整改后.png")],
        )
    referred.refresh_from_db()
    return referred


@pytest.fixture
def joint(cast: dict[str, Any], counties: dict[str, Any]) -> Inspection:
    """农村人居环境整治提升上下联动调研, joined by 榆次区 and 太谷区, each with a site."""
    with on(D(2024, 5, 6)):
        i = A.inspection_create(
            actor=cast["staff"],
            kind="research",
            title="全市农村人居环境整治提升上下联动调研",
            subject="农村人居环境整治提升",
            starts_on=D(2024, 5, 8),
            joint=True,
        )
        for c in counties.values():
            A.inspection_join(
                inspection=i, actor=cast["staff"], congress=c, joined_on=D(2024, 5, 8)
            )
    for who in ("yuci", "taigu"):
        with on(D(2024, 5, 20)):
            A.site_add(
                inspection=i,
                actor=cast[who],
                name=f"{counties[who].region}某村",
                kind="village",
                mode="open",
                visited_on=D(2024, 5, 20),
            )
    return i
