"""The session week's burst: deputies submitting suggestions through the API all at once.

    .venv/bin/python bench/burst.py --database-url postgres://postgres@127.0.0.1:5432/renda_bench \
        --base http://127.0.0.1:8123 [--submissions 500] [--concurrency 16] [--keep]

Against a running server (bench/run.py starts one and calls this after its pages): gives each
of the congress's deputies who has an account a bearer token (written straight into the
database: the burst measures submitting, not signing in), then sends --submissions POSTs to
/api/v1/suggestions, --concurrency at a time, each from the next deputy (a deputy submits again
only when there are fewer deputies than submissions). Prints the wall time, p50/p95/max of a
submission, the errors (any answer but 201) and the lost rows: every 201's suggestion must be
in the database, and the database must hold exactly as many of the burst's suggestions as
there were 201s. Then deletes the burst's suggestions with their events, deadlines and the
tokens (unless --keep), so the benchmark's database stays as it was.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("RENDA_ENV", "development")
    os.environ["DJANGO_SETTINGS_MODULE"] = "renda.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _tokens(n: int) -> list[str]:
    """A bearer token for up to `n` deputies of the city congress who have an account."""
    from django.utils import timezone

    from renda.accounts.models import ApiToken, User
    from renda.org.models import Congress, Level

    congress = Congress.objects.filter(level=Level.CITY).order_by("code").first()
    users = list(
        User.objects.filter(
            is_active=True, deputy__congress=congress, deputy__status="active"
        ).order_by("pk")[:n]
    )
    keys = [ApiToken.new_key() for _u in users]
    ApiToken.objects.bulk_create(
        ApiToken(
            user=u,
            digest=ApiToken.digest_of(k),
            expires_at=timezone.now() + datetime.timedelta(hours=1),
        )
        for u, k in zip(users, keys, strict=True)
    )
    return keys


def _submit(base: str, key: str, tag: str, i: int) -> tuple[int, float, int | None]:
    body = json.dumps(
        {
            "title": f"{tag} 关于改善第{i}号路段交通秩序的建议",
            "body": "该路段早晚高峰拥堵严重，建议优化信号灯配时并增设公交专用道。",
            "category": "urban",
        }
    ).encode()
    req = urllib.request.Request(
        f"{base}/api/v1/suggestions",
        data=body,
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            status, answer = resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        status, answer = exc.code, {}
    except OSError:
        status, answer = 0, {}
    ms = (time.perf_counter() - t0) * 1000
    return status, ms, answer.get("id") if status == 201 else None


def burst(base: str, submissions: int, concurrency: int, keep: bool) -> dict[str, Any]:
    from renda.accounts.models import ApiToken
    from renda.suggestions.models import Suggestion

    keys = _tokens(submissions)
    if not keys:
        raise SystemExit("no deputy with an account in the city congress")
    tag = f"[burst {uuid.uuid4().hex[:8]}]"
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(
            pool.map(
                lambda i: _submit(base, keys[i % len(keys)], tag, i),
                range(submissions),
            )
        )
    wall = time.perf_counter() - t0
    created = {pk for status, _ms, pk in results if status == 201 and pk}
    stored = set(Suggestion.objects.filter(title__startswith=tag).values_list("pk", flat=True))
    times = sorted(ms for _s, ms, _pk in results)
    report = {
        "submissions": submissions,
        "deputies": len(keys),
        "concurrency": concurrency,
        "wall_s": round(wall, 1),
        "p50_ms": round(statistics.median(times)),
        "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))]),
        "max_ms": round(times[-1]),
        "created": len(created),
        "errors": sum(1 for status, _ms, _pk in results if status != 201),
        "lost": len(created - stored) + max(0, len(stored) - len(created)),
    }
    if not keep:
        _clean(stored)
    ApiToken.objects.filter(digest__in=[ApiToken.digest_of(k) for k in keys]).delete()
    return report


def _clean(ids: set[int]) -> None:
    """The burst's suggestions gone again, with what hangs off them by a generic key."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from renda.core.models import Deadline, Event, Notification
    from renda.suggestions.models import Suggestion

    ct = ContentType.objects.get_for_model(Suggestion)
    with transaction.atomic():
        events = Event.objects.filter(content_type=ct, object_id__in=ids)
        events._raw_delete(events.db)  # append-only, but these never happened (as purge_demo)
        Deadline.objects.filter(content_type=ct, object_id__in=ids).delete()
        apps.get_model("search.SearchDocument").objects.filter(
            kind="suggestion", object_id__in=ids
        ).delete()
        Notification.objects.filter(url__in=[f"/suggestions/{pk}/" for pk in ids]).delete()
        Suggestion.objects.filter(pk__in=ids).delete()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--base", required=True, help="the running server, http://host:port")
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--keep", action="store_true", help="keep the burst's suggestions")
    args = parser.parse_args(argv)
    _django(args.database_url)
    report = burst(args.base, args.submissions, args.concurrency, args.keep)
    print(json.dumps(report))
    return 0 if report["errors"] == 0 and report["lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
