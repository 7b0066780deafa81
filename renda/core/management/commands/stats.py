"""renda stats --year YEAR [--congress CODE] --json: the year's figures, computed from rows."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from renda.core.replicas import replica
from renda.core.stats import compute
from renda.org.models import Congress, Level


class Command(BaseCommand):
    help = "Print a congress's figures for a year, computed from the data."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--congress", help="Congress code (default: the only city-level congress)."
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(
        self, *args: Any, year: int, congress: str | None, json: bool, **options: Any
    ) -> None:
        if not 1949 <= year <= 2200:
            raise CommandError(f"--year {year} is out of range")
        if congress:
            target = Congress.objects.filter(code=congress).first()
            if target is None:
                raise CommandError(f"no congress with code {congress!r}")
        else:
            cities = list(Congress.objects.filter(level=Level.CITY)[:2])
            if len(cities) != 1:
                raise CommandError("name the congress with --congress CODE")
            target = cities[0]
        with replica():  # statistics read from the replica, when there is one
            figures = compute(target, year)
        if json:
            self.stdout.write(_dumps({"congress": target.code, "year": year, **figures}))
        else:
            for key, value in figures.items():
                self.stdout.write(f"{key:40} {value}")


def _dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=False)
