"""renda backup [--output FILE]: the database and uploaded files in one .tar.gz."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from renda.core import backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one .tar.gz file."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--output",
            help="file to write (default: backups/renda-YYYYMMDD-HHMMSS.tar.gz)",
        )

    def handle(self, *args: Any, output: str | None, **options: Any) -> None:
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = Path(output or f"backups/renda-{stamp}.tar.gz")
        try:
            manifest = backup.create(path)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = path.stat().st_size
        from renda.audit.models import Kind
        from renda.audit.records import record

        record(Kind.BACKUP, username="(command line)", target=str(path), action="backed up")
        self.stdout.write(
            f"Backed up the {manifest['engine']} database and {manifest['files']} files "
            f"to {path} ({size / 1e6:.1f} MB)."
        )
