"""How long the QR code posters take to write: `.venv/bin/python bench/posters.py` builds
1, 10 and 100 station posters (unsaved rows: no database) and prints seconds and size."""

from __future__ import annotations

import datetime
import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
django.setup()

from renda.opinions.posters import posters_docx, station_poster  # noqa: E402
from renda.org.models import Congress, ContactStation  # noqa: E402


def main() -> None:
    city = Congress(pk=1, name="晋中市人民代表大会", short_name="晋中市人大")
    stations = [
        ContactStation(
            pk=i,
            congress=city,
            name=f"第{i}人大代表联络站",
            address="榆次区锦纶路88号",
            reception_day="每月15日上午",
            established_on=datetime.date(2019, 5, 1),
        )
        for i in range(1, 101)
    ]
    posters_docx([station_poster(stations[0])])  # warm up: imports, the .docx template
    for n in (1, 10, 100):
        start = time.perf_counter()
        data = posters_docx([station_poster(s) for s in stations[:n]])
        print(f"{n} posters: {time.perf_counter() - start:.2f} s, {len(data) // 1024} KB")


if __name__ == "__main__":
    main()
