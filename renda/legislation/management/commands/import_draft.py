"""renda import-draft FILE [--title T] [--regulation ID] [--congress CODE] [--json]."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from renda.core.workflow import ActionError
from renda.legislation.actions.drafts import import_draft
from renda.legislation.models import Regulation
from renda.legislation.queries import problems
from renda.org.models import Congress, Level


class Command(BaseCommand):
    help = (
        "Import a draft regulation from a plain-text or .docx file and print what was found. "
        "Input that is no draft is refused and nothing is stored."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="A .txt (UTF-8, GB18030 or UTF-16) or .docx file.")
        parser.add_argument("--title", default="", help="Title (default: the draft's own).")
        parser.add_argument(
            "--regulation", type=int, help="Add a new version to this regulation (its id)."
        )
        parser.add_argument(
            "--congress", help="Congress code (default: the only city-level congress)."
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from error
        regulation = None
        congress = None
        if options["regulation"] is not None:
            regulation = Regulation.objects.filter(pk=options["regulation"]).first()
            if regulation is None:
                raise CommandError(f"no regulation with id {options['regulation']}")
        else:
            congress = _congress(options["congress"])
        try:
            version = import_draft(
                actor=None,
                regulation=regulation,
                congress=congress,
                title=options["title"],
                data=data,
                filename=path.name,
            )
        except ActionError as error:
            raise CommandError(f"{path}: {error.message}") from error
        found = [
            {"line": p.line_no, "text": p.text, "code": p.code, "reason": p.reason}
            for p in problems(version)
        ]
        result = {
            "id": version.pk,
            "regulation": version.regulation_id,
            "version": version.number,
            "title": version.title,
            "parts": version.parts,
            "chapters": version.chapters,
            "sections": version.sections,
            "articles": version.articles,
            "problems": found,
        }
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(
            f"draft version {version.pk} of regulation {version.regulation_id}: "
            f"{version.parts} parts, {version.chapters} chapters, {version.sections} sections, "
            f"{version.articles} articles"
        )
        for p in found:
            self.stdout.write(f"  line {p['line']}: {p['reason']} ({p['text']})")


def _congress(code: str | None) -> Congress:
    if code:
        congress = Congress.objects.filter(code=code).first()
        if congress is None:
            raise CommandError(f"no congress with code {code!r}")
        return congress
    cities = list(Congress.objects.filter(level=Level.CITY)[:2])
    if len(cities) != 1:
        raise CommandError("name the congress with --congress CODE")
    return cities[0]
