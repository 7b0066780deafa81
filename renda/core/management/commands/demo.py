"""renda demo [--today YYYY-MM-DD]: rebuild the demo year (idempotent; refused in production)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from renda.demo import DemoRefusedError, build


class Command(BaseCommand):
    help = "Delete the demo congresses' data and build the demo year again."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args: Any, today: str | None, **options: Any) -> None:
        day = None
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(f"--today must be YYYY-MM-DD, not {today!r}") from exc
        try:
            build(today=day, stdout=self.stdout)
        except DemoRefusedError as exc:
            raise CommandError(str(exc)) from exc
