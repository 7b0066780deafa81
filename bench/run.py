"""Latency benchmark: the demo year on PostgreSQL behind gunicorn, hit over loopback.

    make bench            (or: .venv/bin/python bench/run.py [--requests 200] [--concurrency 4])

Builds the demo year in its own database (renda_bench), starts `renda serve` on
127.0.0.1:8123 and times the pages and API lists staff use most, with a few threads
at once. Prints one table; the README quotes it. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PORT = 8123
BASE = f"http://127.0.0.1:{PORT}"


def sh(*args: str, env: dict[str, str]) -> None:
    subprocess.run(args, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)


def login(username: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{BASE}/accounts/login/").read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    data = urllib.parse.urlencode(
        {"username": username, "password": "renda-demo", "csrfmiddlewaretoken": token}
    ).encode()
    req = urllib.request.Request(f"{BASE}/accounts/login/", data=data, headers={"Referer": BASE})
    opener.open(req).read()
    return opener


def api_token(username: str) -> str:
    req = urllib.request.Request(
        f"{BASE}/api/v1/auth/token",
        data=json.dumps({"username": username, "password": "renda-demo"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req) as resp:
        return json.loads(resp.read())["token"]


def timed(fetch, n: int, concurrency: int) -> list[float]:
    times: list[float] = []
    lock = threading.Lock()
    per_thread = max(1, n // concurrency)

    def work() -> None:
        for _ in range(per_thread):
            t0 = time.perf_counter()
            body = fetch()
            dt = (time.perf_counter() - t0) * 1000
            assert body, "empty response"
            with lock:
                times.append(dt)

    threads = [threading.Thread(target=work) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/renda_bench")
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    env = {**os.environ, "DATABASE_URL": args.database_url, "RENDA_ENV": "development"}
    if not args.skip_build:
        if args.database_url.startswith("postgres"):
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "renda_bench"],
                check=False,
            )
            subprocess.run(
                ["createdb", "-h", "127.0.0.1", "-U", "postgres", "renda_bench"], check=True
            )
        sh(str(BIN / "renda"), "migrate", "--noinput", env=env)
        sh(str(BIN / "renda"), "createcachetable", env=env)
        t0 = time.perf_counter()
        sh(str(BIN / "renda"), "demo", env=env)
        print(f"renda demo: {time.perf_counter() - t0:.1f} s")
    server = subprocess.Popen(
        [str(BIN / "renda"), "serve", "--bind", f"127.0.0.1:{PORT}", "--workers", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{BASE}/accounts/login/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        staff = login("staff")
        token = api_token("staff")

        def first_2024_id() -> int:
            data = json.loads(api("/api/v1/suggestions?year=2024&page_size=1")())
            return int(data["items"][0]["id"])

        def page(path: str):
            return lambda: staff.open(f"{BASE}{path}").read()

        def api(path: str):
            def fetch() -> bytes:
                req = urllib.request.Request(
                    f"{BASE}{path}", headers={"Authorization": f"Bearer {token}"}
                )
                with urllib.request.urlopen(req) as resp:
                    return resp.read()

            return fetch

        cases = [
            ("page  /  (staff home)", page("/")),
            ("page  /directory/deputies/", page("/directory/deputies/")),
            (
                "page  /directory/deputies/?q=委员",
                page("/directory/deputies/?q=%E5%A7%94%E5%91%98"),
            ),
            (
                "page  /suggestions/supervision/all/",
                page("/suggestions/supervision/all/?year=2024"),
            ),
            ("page  /suggestions/supervision/scores/", page("/suggestions/supervision/scores/")),
            ("page  /suggestions/<id>/ (a 2024 case)", page(f"/suggestions/{first_2024_id()}/")),
            ("page  /stations/opinions/ (all opinions)", page("/stations/opinions/")),
            (
                "page  /stations/activities/?year=2024",
                page("/stations/activities/?year=2024"),
            ),
            (
                "page  /performance/rankings/?year=2024",
                page("/performance/rankings/?year=2024"),
            ),
            ("api   /api/v1/deputies", api("/api/v1/deputies")),
            ("api   /api/v1/suggestions?year=2024", api("/api/v1/suggestions?year=2024")),
            (
                "api   /api/v1/constituent-opinions?year=2024",
                api("/api/v1/constituent-opinions?year=2024"),
            ),
            (
                "api   /api/v1/performance/rankings?year=2024",
                api("/api/v1/performance/rankings?year=2024"),
            ),
        ]
        print(f"{args.requests} requests each, {args.concurrency} at a time, 2 gunicorn workers")
        print(f"{'what':42} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>7}")
        for name, fetch in cases:
            try:
                fetch()  # warm up
            except urllib.error.HTTPError as exc:
                print(f"{name:42} skipped ({exc.code})")
                continue
            t0 = time.perf_counter()
            times = timed(fetch, args.requests, args.concurrency)
            wall = time.perf_counter() - t0
            times.sort()
            p95 = times[int(len(times) * 0.95) - 1]
            print(
                f"{name:42} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f} "
                f"{len(times) / wall:7.1f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
