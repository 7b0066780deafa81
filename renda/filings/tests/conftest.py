"""Fixtures for filing review: issuing bodies, files to upload, a document in the register, and
shortcuts that take a filing and its review through their steps on given days."""

from __future__ import annotations

import datetime
import io
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.filings import actions as A
from renda.filings.models import Filing, Issuer, IssuerKind, NormativeDocument, Review

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date
TEXT = "第一条 为了规范城市道路停车管理，制定本办法。\n第二条 本办法适用于本市城市道路停车。"


def on(day: datetime.date, hour: int = 10) -> Any:
    """Freeze time at `hour` (Asia/Shanghai) on `day`."""
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SH), tick=False
    )


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def docx_bytes(text: str = TEXT) -> bytes:
    from docx import Document

    doc = Document()
    for line in text.splitlines():
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def pdf_bytes(text: str = "Article 1 Parking on city roads") -> bytes:
    """A one-page PDF whose text layer says `text` (ASCII), built by hand."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def files(**override: Any) -> dict[str, Any]:
    """The four files of a complete filing (override one with None to leave it out)."""
    given = {
        "report": SimpleUploadedFile("备案报告.pdf", pdf_bytes("Filing report")),
        "official": SimpleUploadedFile("正式文本.pdf", pdf_bytes("Official text")),
        "explanation": SimpleUploadedFile("起草说明.txt", "起草说明：依据上位法。".encode()),
        "electronic": SimpleUploadedFile("电子文本.docx", docx_bytes()),
    }
    given.update(override)
    return {k: v for k, v in given.items() if v is not None}


@pytest.fixture
def issuer(congress: Any, org: dict[str, Any]) -> Issuer:
    """The handler's unit issues documents (a government department)."""
    return Issuer.objects.create(
        congress=congress, name=org["unit"].name, kind=IssuerKind.DEPARTMENT, unit=org["unit"]
    )


@pytest.fixture
def other_issuer(congress: Any, org: dict[str, Any]) -> Issuer:
    return Issuer.objects.create(
        congress=congress,
        name=org["other_unit"].name,
        kind=IssuerKind.DEPARTMENT,
        unit=org["other_unit"],
    )


@pytest.fixture
def county_issuer(congress: Any, org: dict[str, Any]) -> Issuer:
    return Issuer.objects.create(
        congress=congress,
        name="榆次区人大常委会",
        kind=IssuerKind.COUNTY_COMMITTEE,
        lower_congress=org["county"],
    )


@pytest.fixture
def file(cast: dict[str, Any], issuer: Issuer) -> Any:
    """file(**fields) -> Filing: the handler files on 2024-03-20 a document published 03-01."""

    def make(day: datetime.date | None = None, **kw: Any) -> Filing:
        fields: dict[str, Any] = {
            "actor": cast["handler"],
            "issuer": issuer,
            "number": "晋中交发〔2024〕3号",
            "title": "晋中市城市道路停车管理办法",
            "issued_on": D(2024, 2, 28),
            "published_on": D(2024, 3, 1),
            "files": files(),
        }
        fields.update(kw)
        with on(day or D(2024, 3, 20)):
            return A.filing_file(**fields)

    return make


@pytest.fixture
def registered(file: Any, cast: dict[str, Any]) -> Review:
    """A filing registered on 2024-03-22: its document's active review."""
    filing = file()
    with on(D(2024, 3, 22)):
        A.filing_register(filing=filing, actor=cast["staff"])
    return Review.objects.get(filing=filing)


def check_all(
    review: Review, staff: Any, *, problem: str = "", day: datetime.date | None = None
) -> None:
    """Record the three checks (on 2024-04-01 by default); `problem` names an aspect found
    wanting."""
    with on(day or D(2024, 4, 1)):
        for aspect in ("legality", "consistency", "appropriateness"):
            bad = aspect == problem
            A.review_record_check(
                review=review,
                actor=staff,
                aspect=aspect,
                result="problem" if bad else "ok",
                note="第五条设定罚款，超出上位法规定的幅度。" if bad else "",
            )


@pytest.fixture
def document(congress: Any, other_issuer: Issuer, cast: dict[str, Any]) -> NormativeDocument:
    """A document in the register, entered by staff (入库), in force."""
    with on(D(2023, 6, 1)):
        return A.document_register(
            actor=cast["staff"],
            issuer=other_issuer,
            number="晋中教发〔2023〕9号",
            title="晋中市校外培训机构管理办法",
            issued_on=D(2023, 5, 10),
            published_on=D(2023, 5, 12),
            text="第一条 为规范校外培训机构管理，制定本办法。",
        )
