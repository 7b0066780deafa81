"""`renda search reindex [--kind K ...]`: rebuild the search index from the apps' rows."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from renda.search.index import reindex
from renda.search.registry import SOURCES, sources


class Command(BaseCommand):
    help = "Search index: `reindex` rebuilds it from every app's rows (or --kind's)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["reindex"])
        parser.add_argument("--kind", action="append", help="one kind of document (repeatable)")

    def handle(self, *args: Any, **options: Any) -> None:
        kinds = options["kind"]
        unknown = set(kinds or []) - set(SOURCES)
        if unknown:
            raise CommandError(
                f"unknown kind(s): {', '.join(sorted(unknown))}; "
                f"known: {', '.join(sorted(SOURCES))}"
            )
        counts = reindex(sources(kinds), log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"indexed {sum(counts.values())} documents"))
