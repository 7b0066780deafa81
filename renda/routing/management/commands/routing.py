"""`renda routing train|evaluate|export`: retrain the congresses' routing models (from cron),
cross-validate the platform's pipeline on any CSV, export a congress's history as such a CSV."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from renda.org.models import Congress
from renda.routing.engine import DEFAULT, KEYWORD_WEIGHT, PIPELINES, cross_validate_repeated


class Command(BaseCommand):
    help = "Routing: train the models, evaluate a pipeline on a CSV, export history as CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        train = sub.add_parser("train", help="learn from each congress's past assignments")
        train.add_argument("--congress", help="a congress's code (default: every congress)")
        train.add_argument("--pipeline", default=DEFAULT, choices=sorted(PIPELINES))
        evaluate = sub.add_parser(
            "evaluate", help="stratified k-fold cross-validation on a UTF-8 CSV with a header"
        )
        evaluate.add_argument("--csv", required=True, dest="csv_file")
        evaluate.add_argument("--text-column", default="text")
        evaluate.add_argument("--label-column", default="label")
        evaluate.add_argument("--folds", type=int, default=5)
        evaluate.add_argument(
            "--repeats",
            type=int,
            default=1,
            help="shuffle the folds this many times and report the means (compare on these)",
        )
        evaluate.add_argument(
            "--keyword-weight",
            type=float,
            default=KEYWORD_WEIGHT,
            help="how far the labels' own keywords (a label named like a department: the "
            "matters it handles) move the learned ranking; 0 for the examples alone",
        )
        evaluate.add_argument(
            "--group-column",
            help="the matter of each text: a matter's texts are never split between training "
            "and test (routing unseen matters)",
        )
        evaluate.add_argument(
            "--pipeline",
            default=DEFAULT,
            choices=[*sorted(PIPELINES), "all"],
            help="'all' compares every pipeline",
        )
        similar = sub.add_parser(
            "similar",
            help="precision and recall of similar cases on a CSV of texts and their matters",
        )
        similar.add_argument("--csv", required=True, dest="csv_file")
        similar.add_argument("--text-column", default="text")
        similar.add_argument("--group-column", default="matter")
        similar.add_argument(
            "--thresholds",
            default="0.2,0.25,0.3,0.35,0.4,0.45,0.5,0.6",
            help="comma-separated scores to measure at",
        )
        export = sub.add_parser("export", help="a congress's past decisions as CSV on stdout")
        export.add_argument("--congress", required=True)
        export.add_argument("--kind", default="suggestion")
        export.add_argument("--target", default="unit", choices=["unit", "category"])
        export.add_argument("--year", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['verb']}")(options)

    def _congresses(self, code: str | None) -> list[Congress]:
        qs = Congress.objects.order_by("pk")
        if code:
            qs = qs.filter(code=code)
            if not qs.exists():
                raise CommandError(f"no congress with the code {code!r}")
        return list(qs)

    def _train(self, options: dict[str, Any]) -> None:
        from renda.routing.actions import train

        for congress in self._congresses(options["congress"]):
            for row in train(congress=congress, pipeline=options["pipeline"]):
                self.stdout.write(
                    f"{congress.code} {row.kind} {row.target}: {row.samples} examples, "
                    f"{row.labels} labels ({row.pipeline})"
                )

    def _read(self, file: str, text: str, label: str) -> list[tuple[str, str]]:
        """(text, label) per row of a UTF-8 CSV with a header."""
        path = Path(file)
        try:
            with path.open(encoding="utf-8-sig", newline="") as f:
                reader = csv.DictReader(f)
                missing = {text, label} - set(reader.fieldnames or [])
                if missing:
                    raise CommandError(f"{path}: no column {', '.join(sorted(missing))}")
                return [((r[text] or ""), (r[label] or "").strip()) for r in reader]
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"{path}: {error}") from None

    def _similar(self, options: dict[str, Any]) -> None:
        from renda.routing.engine import pair_precision_recall

        rows = self._read(options["csv_file"], options["text_column"], options["group_column"])
        try:
            thresholds = [float(t) for t in options["thresholds"].split(",") if t.strip()]
        except ValueError:
            raise CommandError("--thresholds: numbers separated by commas") from None
        found = pair_precision_recall([t for t, _ in rows], [g for _, g in rows], thresholds)
        self.stdout.write(
            json.dumps(
                {"texts": len(rows), "at": [c.as_dict() for c in found]},
                ensure_ascii=False,
                indent=2,
            )
        )

    def _evaluate(self, options: dict[str, Any]) -> None:
        from renda.routing.keywords import unit_keywords

        path = options["csv_file"]
        rows = self._read(path, options["text_column"], options["label_column"])
        groups: list[str] | None = None
        if options["group_column"]:
            groups = [
                g for _, g in self._read(path, options["text_column"], options["group_column"])
            ]
        kept = [i for i, (t, y) in enumerate(rows) if t.strip() and y]
        texts, labels = [rows[i][0] for i in kept], [rows[i][1] for i in kept]
        if len(set(labels)) < 2:
            raise CommandError(f"{path}: at least two labels with text are needed")
        if options["folds"] < 2:
            raise CommandError("--folds must be 2 or more")
        if not 1 <= options["repeats"] <= 20:
            raise CommandError("--repeats must be between 1 and 20")
        names = sorted(PIPELINES) if options["pipeline"] == "all" else [options["pipeline"]]
        try:
            results = {
                name: {
                    "pipeline": name,
                    **cross_validate_repeated(
                        texts,
                        labels,
                        repeats=options["repeats"],
                        folds=options["folds"],
                        pipeline=name,
                        groups=None if groups is None else [groups[i] for i in kept],
                        keywords={label: unit_keywords(label) for label in set(labels)},
                        keyword_weight=options["keyword_weight"],
                    ),
                }
                for name in names
            }
        except ValueError as error:
            raise CommandError(f"{path}: {error}") from None
        out = results[names[0]] if len(names) == 1 else results
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))

    def _export(self, options: dict[str, Any]) -> None:
        from renda.routing import registry

        congress = self._congresses(options["congress"])[0]
        try:
            source = registry.source(options["kind"])
        except KeyError:
            raise CommandError(
                f"no routing source {options['kind']!r}; one of {', '.join(registry.sources())}"
            ) from None
        writer = csv.writer(sys.stdout if self.stdout is None else self.stdout)
        writer.writerow(["id", "text", "label"])
        for i, h in enumerate(source.history(congress.pk), start=1):
            label = str(h.units[0]) if options["target"] == "unit" and h.units else h.category
            if h.text.strip() and label:
                writer.writerow([i, h.text, label])
