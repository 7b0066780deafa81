"""Excel (.xlsx) tables every module exports: a titled sheet with a frozen header row, and the
download response with the real (Chinese) file name."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd"


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): a text cell that
# begins with one of these is prefixed with a single quote, so that it stays text when the
# book is opened, edited or saved as CSV. Numbers, dates and empty cells are left as they are.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> Any:
    """A value safe to put in a cell: text a spreadsheet would evaluate becomes plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    label: str
    width: int
    is_date: bool = False


def first_sheet(wb: Workbook) -> Worksheet:
    """The one sheet a new Workbook() opens with (openpyxl types `active` as maybe-none)."""
    ws = wb.active
    if not isinstance(ws, Worksheet):
        raise TypeError(f"expected a worksheet, got {ws!r}")
    return ws


def workbook_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def sheet_name(name: str, taken: set[str]) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name, unique per book."""
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "-"
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def write_table(
    ws: Worksheet,
    *,
    title: str,
    subtitle: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
) -> int:
    """A title, a subtitle, then a bold, frozen header row and the data; returns rows written."""
    last = get_column_letter(len(columns))
    ws.append([inert(title)])
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([inert(subtitle)])
    ws.merge_cells(f"A2:{last}2")
    ws.append([inert(str(c.label)) for c in columns])
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.freeze_panes = "A4"
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    # One style object for every cell, and the row number counted rather than looked up:
    # `ws.max_row` scans every cell, which made long exports quadratic.
    wrap = Alignment(vertical="top", wrap_text=True)
    count = 0
    for count, row in enumerate(rows, start=1):
        values = list(row)
        if len(values) != len(columns):
            raise ValueError(f"row {count} has {len(values)} values for {len(columns)} columns")
        ws.append([inert(v) for v in values])
        for i, c in enumerate(columns, start=1):
            cell = ws.cell(row=3 + count, column=i)
            if c.is_date:
                cell.number_format = DATE_FORMAT
            else:
                cell.alignment = wrap
    return count


def single_table(
    *,
    sheet: str,
    title: str,
    subtitle: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
) -> bytes:
    """A workbook of one table, as bytes."""
    wb = Workbook()
    ws = first_sheet(wb)
    ws.title = sheet_name(sheet, set())
    write_table(ws, title=title, subtitle=subtitle, columns=columns, rows=rows)
    return workbook_bytes(wb)


def attachment_disposition(filename: str, fallback: str) -> str:
    """An attachment header with an ASCII fallback and the real (Chinese) name per RFC 5987."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def xlsx_response(data: bytes, name: str, fallback: str) -> HttpResponse:
    """`data` as a download named `name`.xlsx (`fallback`.xlsx for old clients)."""
    # Characters that are not allowed in file names on common systems become spaces.
    name = re.sub(r'[\\/:*?"<>|\r\n]+', " ", name).strip()
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = attachment_disposition(f"{name}.xlsx", f"{fallback}.xlsx")
    return response
