"""One search per role and query, timed in process, and each of its queries under EXPLAIN
ANALYZE; for comparing two versions of the engine on the same database, in turns:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/renda_search_scale
    ROOT=/path/to/other/tree .venv/bin/python bench/search_compare.py 'handler:水' 'staff:垃圾 分类'

prints {"who:query": [texts found, server ms (median of 3), [PostgreSQL ms of its first two
queries: the candidates, the ranking]]}. ROOT: the tree whose renda is imported (this one by
default). Not part of `make test`.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, os.environ.get("ROOT", str(Path(__file__).resolve().parent.parent)))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from renda.accounts.models import User
    from renda.search.engine import search

    out = {}
    for case in sys.argv[1:]:
        who, q = case.split(":", 1)
        user = User.objects.get(username=who) if who != "public" else None
        search(user, q)  # warm
        times = []
        for _ in range(3):
            started = time.perf_counter()
            found = search(user, q)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as ctx:
            search(user, q)
        explained = []
        for query in ctx.captured_queries:
            if "pg_stats" in query["sql"]:
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
                plan = cursor.fetchone()[0]
                plan = json.loads(plan) if isinstance(plan, str) else plan
            explained.append(round(plan[0]["Execution Time"], 1))
        out[case] = [found.count, round(statistics.median(times)), explained[:2]]
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
