"""renda demo [--today YYYY-MM-DD] [--only MODULE]: rebuild the demo year; refused in production.
renda demo --matters FILE: write the built year's suggestions with their matters (similar cases).
renda demo --reading FILE: write the labelled set of the reply check (renda reading evaluate)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from renda.demo import DemoRefusedError, build, module_names


class Command(BaseCommand):
    help = "Delete the demo congresses' data and build the demo year again."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument(
            "--only",
            action="append",
            choices=module_names(),
            help="Build only this module's data (repeatable); every module's data is cleared.",
        )
        parser.add_argument(
            "--matters",
            metavar="FILE",
            help="Rebuild nothing: write the demo year's suggestions and the matter each is "
            "about as CSV (for `renda routing similar`).",
        )
        parser.add_argument(
            "--reading",
            metavar="FILE",
            help="Rebuild nothing: write the labelled set of the reply check as JSON, from "
            "the demo's wording (for `renda reading evaluate`).",
        )

    def handle(self, *args: Any, today: str | None, only: list[str] | None, **options: Any) -> None:
        day = None
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(f"--today must be YYYY-MM-DD, not {today!r}") from exc
        if options.get("reading"):
            from pathlib import Path

            from renda.demo.reading_set import write_reading_set

            n = write_reading_set(Path(options["reading"]))
            self.stdout.write(f"{n} labelled replies: {options['reading']}")
            return
        if options.get("matters"):
            from pathlib import Path

            from django.utils import timezone

            from renda.demo.matters import write_matters

            n = write_matters(Path(options["matters"]), today=day or timezone.localdate())
            self.stdout.write(f"{n} suggestions of 2024 with their matters: {options['matters']}")
            return
        try:
            build(today=day, stdout=self.stdout, only=only)
        except DemoRefusedError as exc:
            raise CommandError(str(exc)) from exc
