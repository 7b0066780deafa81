"""Open data: each app registers the tables it already publishes (`@dataset`), and the
public download writes them as CSV files, cells safe against formula injection."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Table:
    columns: Sequence[str]
    rows: Iterable[Sequence[Any]]


Dataset = Callable[[Any, int], Table]
_DATASETS: dict[str, Dataset] = {}


def dataset(name: str) -> Callable[[Dataset], Dataset]:
    """Register `fn(congress, year) -> Table` as the public file `name`.csv."""

    def register(fn: Dataset) -> Dataset:
        if name in _DATASETS and _DATASETS[name] is not fn:
            raise ValueError(f"dataset {name!r} registered twice")
        _DATASETS[name] = fn
        return fn

    return register


def datasets() -> dict[str, Dataset]:
    autodiscover_modules("opendata")
    return dict(sorted(_DATASETS.items()))


# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def to_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads the Chinese right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(c) for c in table.columns])
    for row in table.rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
