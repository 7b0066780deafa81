"""`renda reading themes`: a period's hot topics on the command line (as the page shows them to
staff of the congress), as text or JSON, and their stability (the same rows twice and shuffled)."""

from __future__ import annotations

import datetime
import json
import random
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from renda.accounts.models import User
from renda.org.models import Congress
from renda.reading.themes import (
    collect,
    compute_hot_topics,  # timed: never the kept result
    group,
    latest_day,
    month,
    place_words,
)
from renda.reading.themes_registry import Filters


def add_parser(sub: Any) -> None:
    themes = sub.add_parser("themes", help="a period's hot topics (民意热点)")
    themes.add_argument("--congress", help="a congress's code (default: the first city congress)")
    themes.add_argument("--month", help="YYYY-MM (default: the month of the latest text)")
    themes.add_argument("--from", dest="start", help="first day, YYYY-MM-DD (with --to)")
    themes.add_argument("--to", dest="end", help="last day, YYYY-MM-DD")
    themes.add_argument("--source", action="append", help="opinion, suggestion (default: all)")
    themes.add_argument("--json", action="store_true", help="print JSON")
    themes.add_argument(
        "--stability", action="store_true", help="also group twice and shuffled, and compare"
    )


def _period(options: dict[str, Any], congress: Congress) -> tuple[datetime.date, datetime.date]:
    try:
        if options.get("start") or options.get("end"):
            start = datetime.date.fromisoformat(options["start"])
            end = datetime.date.fromisoformat(options["end"])
            if end < start:
                raise CommandError("--to comes before --from")
            return start, end
        if options.get("month"):
            year, number = options["month"].split("-")
            return month(int(year), int(number))
    except (TypeError, ValueError) as exc:
        raise CommandError(f"a month is YYYY-MM, a day YYYY-MM-DD: {exc}") from exc
    day = latest_day(congress) or timezone.localdate()
    return month(day.year, day.month)


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    code = options.get("congress")
    congress = (
        Congress.objects.filter(code=code).first()
        if code
        else Congress.objects.filter(level="city").order_by("pk").first()
    )
    if congress is None:
        raise CommandError(f"no congress {code or '(city)'}")
    # The rows a staff member of the congress sees (sources filter by their user).
    user = User.objects.filter(congress=congress, role="staff", is_active=True).first()
    if user is None:
        raise CommandError("the congress has no active staff account to read as")
    start, end = _period(options, congress)
    kinds = tuple(options.get("source") or ())
    filters = Filters(start, end)
    began = time.perf_counter()
    result = compute_hot_topics(user=user, congress=congress, filters=filters, kinds=kinds)
    seconds = round(time.perf_counter() - began, 3)
    # Again, as a running server answers (segmentation and imports warm).
    began = time.perf_counter()
    compute_hot_topics(user=user, congress=congress, filters=filters, kinds=kinds)
    warm = round(time.perf_counter() - began, 3)
    data = result.as_dict()
    data["seconds_first_call"] = seconds
    data["seconds"] = warm
    if options.get("stability"):
        rows = collect(user=user, congress=congress, filters=filters, kinds=kinds)
        places = place_words(congress)
        first = group(rows, places=places)
        shuffled = list(rows)
        random.Random(0).shuffle(shuffled)
        data["stable_same_input"] = group(rows, places=places) == first
        data["stable_shuffled"] = group(shuffled, places=places) == first
    if options.get("json"):
        command.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
        return
    g = result.grouping
    command.stdout.write(
        f"{start} – {end}: {g.total} texts, {len(g.themes)} themes, {g.counted} in a theme, "
        f"{g.rest} scattered; before: {g.previous_total} ({warm} s; first call {seconds} s)"
    )
    for t in g.themes:
        change = "new" if t.change is None else f"{t.change:+d}%"
        places_ = "、".join(f"{s.name} {s.count}" for s in t.counties[:3])
        command.stdout.write(f"{t.number:>3}. {t.label}  {t.size} ({change})  {places_}")
        for e in t.examples:
            command.stdout.write(f"       {e.excerpt}")
