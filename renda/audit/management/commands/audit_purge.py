"""`renda audit_purge`: remove audit records older than AUDIT_RETENTION_DAYS, never younger."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from renda.audit.models import Record


class Command(BaseCommand):
    help = "Remove audit records older than the retention period (AUDIT_RETENTION_DAYS)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="keep this many days (at least AUDIT_RETENTION_DAYS; default: that setting)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        keep = options["days"] if options["days"] is not None else settings.AUDIT_RETENTION_DAYS
        if keep < settings.AUDIT_RETENTION_DAYS:
            raise CommandError(
                f"The audit trail is kept {settings.AUDIT_RETENTION_DAYS} days at least "
                f"(AUDIT_RETENTION_DAYS); --days {keep} would delete younger records."
            )
        cutoff = timezone.now() - datetime.timedelta(days=keep)
        removed = Record.objects.purge_before(cutoff)
        self.stdout.write(f"Removed {removed} audit records from before {cutoff:%Y-%m-%d %H:%M}.")
