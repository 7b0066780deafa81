"""renda export-draft ID --format text|akn: a stored draft version, to standard output."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from renda.legislation.models import DraftVersion
from renda.legislation.queries import version_akn, version_text, with_structure


class Command(BaseCommand):
    help = "Write a draft version as plain text or as Akoma Ntoso 3.0 XML to standard output."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("id", type=int, help="The draft version's id (import-draft prints it).")
        parser.add_argument("--format", choices=("text", "akn"), default="text")

    def handle(self, *args: Any, id: int, format: str, **options: Any) -> None:
        version = with_structure(DraftVersion.objects.filter(pk=id)).first()
        if version is None:
            raise CommandError(f"no draft version with id {id}")
        if format == "akn":
            # The XML declares UTF-8; the console writes text, so hand it the decoded document.
            self.stdout.write(version_akn(version).decode("utf-8"), ending="")
            return
        self.stdout.write(version_text(version), ending="")
