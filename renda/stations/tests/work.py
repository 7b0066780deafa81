"""Helpers of the stations' work page tests: activities, duty records and photos made through
the actions, and rows in bulk for the query-count caps."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from renda.core.tests.images import JPG
from renda.stations import actions as A

from .conftest import D, on

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def photo(name: str = "现场.jpg", content: bytes = JPG) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def log(cast: dict[str, Any], org: dict[str, Any], who: str = "station", **kw: Any) -> Any:
    """An activity recorded by `who` (at the `station` user's station unless told)."""
    kw.setdefault("station", org["station"])
    kw.setdefault("kind", "reception")
    kw.setdefault("date", D(2024, 3, 15))
    kw.setdefault("title", "代表接待选民日")
    kw.setdefault("deputies", [org["deputy"], org["deputy2"]])
    kw.setdefault("constituents_received", 12)
    with on(D(2024, 12, 31)):
        return A.activity_record(actor=cast[who], **kw)


def upload(cast: dict[str, Any], who: str = "deputy", photos: Any = (), **kw: Any) -> Any:
    kw.setdefault("date", D(2024, 5, 6))
    kw.setdefault("title", "走访锦纶社区")
    kw.setdefault("text", "走访社区了解老旧小区改造进展，收集意见5条。")
    with on(D(2024, 12, 31)):
        return A.duty_record_upload(actor=cast[who], photos=list(photos), **kw)


def activity_elsewhere(cast: dict[str, Any], congress: Any, title: str = "外市活动") -> Any:
    """An activity at a station of another congress, made directly (by its staff officer, the
    cast's `stranger`)."""
    from renda.org.models import ContactStation
    from renda.stations.models import Activity

    station = ContactStation.objects.create(
        congress=congress, name="外市联络站", established_on=D(2020, 1, 1)
    )
    return Activity.objects.create(
        congress=congress,
        station=station,
        kind="study",
        date=D(2024, 3, 4),
        title=title,
        recorded_by=cast["stranger"],
    )


def many_activities(cast: dict[str, Any], org: dict[str, Any], n: int) -> None:
    for i in range(n):
        log(cast, org, date=D(2024, 1, 1) + datetime.timedelta(days=i % 300), title=f"活动{i}")


def more_deputies(
    org: dict[str, Any], n: int, start: int = 0, *, every_other_station: bool = False
) -> list[Any]:
    """`n` more deputies named 代表00… with card numbers 06xxxx (after the cast's 05xxxx), at
    the cast's station (every other one at none, if asked)."""
    from renda.org.models import Deputy, Person

    made = []
    for i in range(start, start + n):
        person = Person.objects.create(congress=org["term"].congress, name=f"代表{i:02d}")
        made.append(
            Deputy.objects.create(
                congress=org["term"].congress,
                term=org["term"],
                person=person,
                card_number=f"06{i:04d}",
                electoral_unit=org["electoral_unit"],
                delegation=org["delegation"],
                station=None if every_other_station and i % 2 == 0 else org["station"],
                elected_on=D(2021, 9, 1),
            )
        )
    return made


def many_records(cast: dict[str, Any], n: int, who: str = "deputy") -> None:
    for i in range(n):
        upload(cast, who, photos=[photo()] if i % 2 else [], title=f"履职{i}")


def sheet_rows(response: Any) -> list[tuple[Any, ...]]:
    """The rows of an .xlsx download's first sheet, as values."""
    assert response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(response.content))
    return [tuple(r) for r in book.active.iter_rows(values_only=True)]
