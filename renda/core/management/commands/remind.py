"""renda remind: take the system transitions that are due (expiry), flag soon-due and overdue
cases and notify whoever must act, then send the outbox's due e-mails and text messages.
Idempotent: run it from cron as often as you like."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from renda.core.deadlines import remind
from renda.core.outbox import deliver


class Command(BaseCommand):
    help = (
        "Take due system transitions, then warn once about each deadline that is soon due "
        "and once about each overdue one."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args: Any, today: str | None, **options: Any) -> None:
        day = None
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(f"--today must be YYYY-MM-DD, not {today!r}") from exc
        result = remind(today=day)
        self.stdout.write(
            f"soon due: {result.soon}, overdue: {result.overdue}, notified: {result.notified}, "
            f"system transitions: {result.system}"
        )
        # Messages held for the quiet hours, and retries (today's warnings go after commit).
        sent = deliver()
        if sent:
            self.stdout.write("outbox: " + ", ".join(f"{k}: {v}" for k, v in sorted(sent.items())))
