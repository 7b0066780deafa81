"""`renda reading evaluate --set FILE`: precision and recall of the reply check on a labelled
set (the demo's: `renda demo --reading FILE`), as JSON. `renda reading themes`: a period's hot
topics (themes_command.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from renda.reading import themes_command
from renda.reading.evaluate import report


class Command(BaseCommand):
    help = "Reading help: measure the reply check on a labelled set."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        evaluate = sub.add_parser("evaluate", help="precision and recall of the reply check")
        evaluate.add_argument("--set", required=True, dest="set_file", metavar="FILE")
        themes_command.add_parser(sub)

    def handle(self, *args: Any, verb: str, set_file: str = "", **options: Any) -> None:
        if verb == "themes":
            return themes_command.run(self, options)
        try:
            data = json.loads(Path(set_file).read_text(encoding="utf-8"))
            result = report(data)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CommandError(f"cannot read the labelled set {set_file}: {exc}") from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))
