"""renda restore FILE --yes: replace the database and uploaded files with a backup's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from renda.core import backup


class Command(BaseCommand):
    help = "Replace the database and the uploaded files with those of a backup."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="a backup written by `renda backup`")
        parser.add_argument(
            "--yes", action="store_true", help="really replace everything (no question asked)"
        )

    def handle(self, *args: Any, file: str, yes: bool, **options: Any) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no backup at {path}")
        try:
            manifest = backup.read_manifest(path)
            if not yes:
                raise CommandError(
                    f"This replaces the whole database and every uploaded file with the backup "
                    f"of {manifest['created_at']}. Run again with --yes to do it."
                )
            backup.restore(path)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        from renda.audit.models import Kind
        from renda.audit.records import record

        record(Kind.BACKUP, username="(command line)", target=str(path), action="restored")
        self.stdout.write(
            f"Restored the {manifest['engine']} database and {manifest['files']} files "
            f"from {path} (backup of {manifest['created_at']})."
        )
