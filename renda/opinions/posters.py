"""The A4 posters of 码上见代表: a station's or a deputy's QR code that opens the public opinion
form pre-filled (qrlinks.py), as .docx to print, one poster a page.

A poster hangs on a wall for constituents: its wording is Chinese whatever the language of the
staff member who downloads it, like the official documents of renda/core/officialdoc.py.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import segno
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt, RGBColor

from renda.core.officialdoc import HEADING_FONT, TITLE_FONT, add_paragraph, official_document
from renda.core.officialdoc import to_bytes as docx_bytes
from renda.opinions.qrlinks import poster_url
from renda.org.models import ContactStation, Deputy

BODY_FONT = "宋体"
QR_WIDTH_MM = 130
CALL = "扫码反映意见建议"
INVITATION = (
    "用手机扫描二维码，即可向人大代表反映您身边的问题和建议，无需注册；"
    "提交后凭回执编号查询办理情况。"
)
RED = RGBColor(0xB0, 0x1C, 0x1C)


@dataclass(frozen=True)
class Poster:
    """What one poster says, in the order it is printed."""

    congress: str
    title: str
    subtitle: str
    url: str
    facts: tuple[tuple[str, str], ...]


def station_poster(station: ContactStation) -> Poster:
    place = " ".join(
        x for x in (station.area.region if station.area else "", station.township) if x
    )
    return Poster(
        congress=station.congress.name,
        title=station.name,
        subtitle=place,
        url=poster_url(station=station),
        facts=_station_facts(station),
    )


def deputy_poster(deputy: Deputy) -> Poster:
    """A deputy's poster names their station and its address, never the deputy's own phone."""
    station = deputy.station
    assert station is not None
    return Poster(
        congress=deputy.congress.name,
        title=f"{deputy.person.name} 代表",
        subtitle=station.name,
        url=poster_url(deputy=deputy),
        facts=_station_facts(station),
    )


def _station_facts(station: ContactStation) -> tuple[tuple[str, str], ...]:
    facts = (
        ("地　　址", station.address),
        ("接待时间", station.reception_day),
        ("联系电话", station.phone),
    )
    return tuple((k, v) for k, v in facts if v)


def qr_png(url: str) -> bytes:
    """The code as a PNG, medium error correction (survives a scuffed print), 4-module border."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=12, border=4)
    return out.getvalue()


def _centred(doc: Any, text: str, font: str, size: int, *, color: RGBColor | None = None) -> Any:
    p = add_paragraph(doc, (text, font), align=WD_ALIGN_PARAGRAPH.CENTER, size=size, exact=False)
    p.paragraph_format.space_after = Pt(size // 2)
    if color is not None:
        for run in p.runs:
            run.font.color.rgb = color
    return p


def _draw(doc: Any, poster: Poster) -> None:
    _centred(doc, poster.congress, HEADING_FONT, 20, color=RED)
    _centred(doc, poster.title, TITLE_FONT, 30)
    if poster.subtitle:
        _centred(doc, poster.subtitle, HEADING_FONT, 16)
    _centred(doc, CALL, HEADING_FONT, 28, color=RED)
    picture = doc.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.add_run().add_picture(io.BytesIO(qr_png(poster.url)), width=Mm(QR_WIDTH_MM))
    url = _centred(doc, poster.url, "Courier New", 10)
    url.paragraph_format.space_after = Pt(12)
    invite = add_paragraph(doc, (INVITATION, BODY_FONT), size=15, indent=True, exact=False)
    invite.paragraph_format.space_after = Pt(12)
    for label, value in poster.facts:
        add_paragraph(doc, (f"{label}：", HEADING_FONT), (value, BODY_FONT), size=15, exact=False)


def posters_docx(posters: list[Poster]) -> bytes:
    """One poster a page, in the order given."""
    doc = official_document()
    section = doc.sections[0]
    section.top_margin = section.bottom_margin = Mm(18)
    section.left_margin = section.right_margin = Mm(20)
    for i, poster in enumerate(posters):
        if i:
            doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        _draw(doc, poster)
    return docx_bytes(doc)


# --- which posters: reads -------------------------------------------------------------------------


def open_stations(congress_id: int) -> Any:
    return ContactStation.objects.filter(congress_id=congress_id, closed_on__isnull=True)


def poster_deputies(stations: Any) -> Any:
    """The serving deputies of these stations, each with a poster of their own."""
    return (
        Deputy.objects.filter(station__in=stations, status=Deputy.Status.ACTIVE)
        .select_related("person", "congress", "station__area", "station__congress")
        .order_by("station__area__code", "station__name", "person__name", "pk")
    )


def station_with_deputies(station: ContactStation) -> list[Poster]:
    """A station's poster, then one for each of its serving deputies."""
    deputies = poster_deputies(ContactStation.objects.filter(pk=station.pk))
    return [station_poster(station), *(deputy_poster(d) for d in deputies)]


def area_posters(congress_id: int, area_id: int | None) -> list[Poster]:
    """Every open station's poster of the congress (of one county when `area_id`), in the
    order of the directory; the deputies' follow their station's."""
    stations = open_stations(congress_id)
    if area_id is not None:
        stations = stations.filter(area_id=area_id)
    rows = list(stations.select_related("area", "congress").order_by("area__code", "name", "pk"))
    by_station: dict[int, list[Deputy]] = {}
    for d in poster_deputies(stations):
        by_station.setdefault(d.station_id or 0, []).append(d)
    found: list[Poster] = []
    for s in rows:
        found.append(station_poster(s))
        found.extend(deputy_poster(d) for d in by_station.get(s.pk, []))
    return found
