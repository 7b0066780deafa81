"""Latency benchmark: each list page and API list at demo size and at a province's scale, each
timed interleaved with a bare-Django floor view of the register's query shape (bench/floor.py).

    make bench                      (demo size and scale, the databases below, port 8123)
    .venv/bin/python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/renda_bench \
        [--scale-url postgres://postgres@127.0.0.1:5432/renda_bench_scale] [--port 8123] \
        [--suggestions 200000 --opinions 1000000 --events 2000000] [--requests 40] \
        [--only register] [--pgoptions "-c jit=off"] [--rebuild]

For each database: builds it if it does not exist (migrate and `renda demo`; the scale one
then grown by bench/scale.py to the sizes given; an existing one is only migrated, never
dropped unless --rebuild), starts gunicorn (2 workers) on the port with bench/settings.py
(renda plus the floor view and a middleware that reports each response's queries and server
time), signs in as `staff`, and for every scenario sends --requests requests from one client,
alternating one to the page and one to the floor, so both see the same machine load. Prints
p50 and p95 over loopback, the server's p50 and its queries, and the ratio of the page's p50 to
the floor's p50 measured in the same loop. Then times `renda stats --year`. Not part of
`make test`.

A scenario is one line in SCENARIOS: (name, path, "page" or "api"[, floor path]), the floor
the year's register (`FLOOR`) unless the line names the floor of its own query shape. `{year}`
in a path is the year measured (--year, the demo's full year by default).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
FLOOR = "/bench/floor/suggestions/?year={year}"

SCENARIOS: list[tuple[str, ...]] = [
    ("staff home", "/", "page"),
    ("directory of deputies", "/directory/deputies/", "page"),
    ("suggestion register", "/suggestions/supervision/all/?year={year}", "page"),
    # The register's other shapes, each against the floor of the same query shape (the
    # register caps ?page= at MAX_ROWS_PAGED's 200th page of 50, so its floor reads page 200).
    ("register, all years", "/suggestions/supervision/all/", "page", "/bench/floor/suggestions/"),
    (
        "register ?sort=-due",
        "/suggestions/supervision/all/?sort=-due",
        "page",
        "/bench/floor/suggestions/?sort=-due",
    ),
    (
        "register ?page=2000 (capped)",
        "/suggestions/supervision/all/?page=2000",
        "page",
        "/bench/floor/suggestions/?page=200",
    ),
    (
        "register ?page=150",
        "/suggestions/supervision/all/?page=150",
        "page",
        "/bench/floor/suggestions/?page=150",
    ),
    ("unit scores", "/suggestions/supervision/scores/?year={year}", "page"),
    ("a suggestion's page", "/suggestions/{suggestion}/", "page"),
    ("opinions register", "/stations/opinions/", "page"),
    ("station activities", "/stations/activities/?year={year}", "page"),
    ("deputies' rankings", "/performance/rankings/?year={year}", "page"),
    (
        "register ?q=停车 (text search)",
        "/suggestions/supervision/all/?q=停车",
        "page",
        "/bench/floor/suggestions/?q=停车",
    ),
    ("cockpit", "/cockpit/?year={year}", "page"),
    ("the year's figures", "/stats/?year={year}", "page"),
    ("API deputies", "/api/v1/deputies", "api"),
    ("API suggestions", "/api/v1/suggestions?year={year}", "api"),
    ("API opinions", "/api/v1/constituent-opinions?year={year}", "api"),
    ("API rankings", "/api/v1/performance/rankings?year={year}", "api"),
    (
        "API suggestions ?q=停车 (text search)",
        "/api/v1/suggestions?q=停车",
        "api",
        "/bench/floor/suggestions/?q=停车",
    ),
]
# Every other list page and API list of staff's menu (their tables are the demo year's at
# scale too: the scale database grows the suggestions, opinions and events).
OTHER_LISTS: list[tuple[str, ...]] = [
    (f"list {path}", path, "page")
    for path in (
        "/suggestions/supervision/",
        "/directory/stations/",
        "/directory/units/",
        "/stations/duty/",
        "/stations/keys/",
        "/stations/meetings/",
        "/stations/trainings/",
        "/stations/corrections/",
        "/legislation/consultations/",
        "/legislation/regulations/",
        "/meetings/",
        "/meetings/decisions/",
        "/meetings/appointments/",
        "/supervision/",
        "/inspections/",
        "/filings/",
        "/petitions/",
        "/performance/deputies/",
        "/performance/entries/",
        "/notifications/",
    )
] + [
    (f"API {path}", f"/api/v1/{path}", "api")
    for path in (
        "units",
        "stations",
        "motions",
        "drafts",
        "activities",
        "duty-records",
        "trainings",
        "performance/entries",
        "meetings",
        "standing-meetings",
        "decisions",
        "appointment-proposals",
        "normative-documents",
        "filings",
        "reviews",
        "petitions",
        "supervision/reports",
        "inspections",
        "inspection-problems",
        "notifications",
    )
]
sys.path.insert(0, str(ROOT))
from bench.search_scenarios import SEARCH_SCENARIOS  # noqa: E402

SCENARIOS += SEARCH_SCENARIOS + OTHER_LISTS


@dataclass
class Timing:
    client_ms: list[float] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


class Client:
    def __init__(self, base: str) -> None:
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.opener.open(f"{base}/accounts/login/").read()
        token = next(c.value for c in jar if c.name == "csrftoken")
        data = urllib.parse.urlencode(
            {"username": "staff", "password": "renda-demo", "csrfmiddlewaretoken": token}
        ).encode()
        req = urllib.request.Request(
            f"{base}/accounts/login/", data=data, headers={"Referer": base}
        )
        self.opener.open(req).read()
        req = urllib.request.Request(
            f"{base}/api/v1/auth/token",
            data=json.dumps({"username": "staff", "password": "renda-demo"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req) as resp:
            self.token = json.loads(resp.read())["token"]

    def get(self, path: str, kind: str, timing: Timing) -> bytes:
        url = self.base + urllib.parse.quote(path, safe="/?=&%")
        t0 = time.perf_counter()
        if kind == "api":
            req = urllib.request.Request(url, headers={"Authorization": f"Bearer {self.token}"})
            resp = urllib.request.urlopen(req)
        else:
            resp = self.opener.open(url)
        with resp:
            body = resp.read()
            timing.client_ms.append((time.perf_counter() - t0) * 1000)
            timing.server_ms.append(float(resp.headers.get("X-Server-Ms", "nan")))
            timing.queries.append(int(resp.headers.get("X-Queries", "-1")))
        return body


def db_name(url: str) -> str:
    return urllib.parse.urlparse(url).path.lstrip("/")


def psql_admin(url: str) -> list[str]:
    u = urllib.parse.urlparse(url)
    return [
        "-h",
        u.hostname or "127.0.0.1",
        "-p",
        str(u.port or 5432),
        "-U",
        u.username or "postgres",
    ]


def db_exists(url: str) -> bool:
    out = subprocess.run(
        [
            "psql",
            *psql_admin(url),
            "-d",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{db_name(url)}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip() == "1"


def prepare(url: str, *, rebuild: bool, grow: dict[str, int] | None) -> None:
    env = {**os.environ, "DATABASE_URL": url, "RENDA_ENV": "development"}

    def renda(*args: str) -> None:
        subprocess.run(
            [str(BIN / "renda"), *args], check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL
        )

    if rebuild and db_exists(url):
        subprocess.run(["dropdb", *psql_admin(url), db_name(url)], check=True)
    fresh = not db_exists(url)
    if fresh:
        subprocess.run(["createdb", *psql_admin(url), db_name(url)], check=True)
    renda("migrate", "--noinput")
    if fresh:
        renda("createcachetable")
        t0 = time.perf_counter()
        renda("demo")
        print(f"  renda demo: {time.perf_counter() - t0:.1f} s")
        # Fresh tables have no statistics yet: plans would guess until autovacuum runs.
        subprocess.run(["psql", url, "-qc", "ANALYZE"], check=True)
    if grow:
        args = [f"--{k}={v}" for k, v in grow.items()]
        subprocess.run(
            [str(BIN / "python"), str(ROOT / "bench" / "scale.py"), "--database-url", url, *args],
            check=True,
            cwd=ROOT,
        )


def sizes(url: str) -> str:
    sql = (
        "SELECT (SELECT count(*) FROM suggestions_suggestion), (SELECT count(*) FROM "
        "core_event), (SELECT count(*) FROM opinions_constituentopinion)"
    )
    out = subprocess.run(["psql", url, "-tAc", sql], capture_output=True, text=True, check=True)
    s, e, o = out.stdout.strip().split("|")
    return f"{int(s):,} suggestions, {int(e):,} events, {int(o):,} opinions"


def measure(url: str, args: argparse.Namespace) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "RENDA_ENV": "development",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
    }
    if args.pgoptions:
        env["PGOPTIONS"] = args.pgoptions
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [
            str(BIN / "python"),
            "-m",
            "gunicorn",
            "renda.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "2",
            "--timeout",
            "120",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{base}/accounts/login/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        client = Client(base)
        first = json.loads(
            client.get(f"/api/v1/suggestions?year={args.year}&page_size=1", "api", Timing())
        )
        values = {"year": args.year, "suggestion": first["items"][0]["id"] if first["items"] else 1}
        print(
            f"{db_name(url)}: {sizes(url)}; {args.requests} requests per row, one client, "
            f"each alternating with the floor"
            + (f"; PGOPTIONS={args.pgoptions}" if args.pgoptions else "")
        )
        print(
            f"{'what':40} {'p50 ms':>7} {'p95 ms':>7} {'server':>7} {'queries':>7} "
            f"{'floor':>6} {'ratio':>6}"
        )
        for name, path, kind, *own_floor in SCENARIOS:
            if args.only and not any(o in name or o in path for o in args.only):
                continue
            path = path.format(**values)
            floor_path = (own_floor[0] if own_floor else FLOOR).format(**values)
            page, floor = Timing(), Timing()
            try:
                client.get(path, kind, Timing())  # warm up
                client.get(floor_path, "page", Timing())
                for _ in range(args.requests):
                    client.get(path, kind, page)
                    client.get(floor_path, "page", floor)
            except urllib.error.HTTPError as exc:
                print(f"{name:40} HTTP {exc.code}")
                continue
            p50, fp50 = statistics.median(page.client_ms), statistics.median(floor.client_ms)
            print(
                f"{name:40} {p50:7.1f} {p(page.client_ms, 0.95):7.1f} "
                f"{statistics.median(page.server_ms):7.1f} {max(page.queries):7d} "
                f"{fp50:6.1f} {p50 / fp50:5.1f}x"
            )
        if args.burst:
            out = subprocess.run(
                [
                    str(BIN / "python"),
                    str(ROOT / "bench" / "burst.py"),
                    "--database-url",
                    url,
                    "--base",
                    base,
                    "--submissions",
                    str(args.burst),
                    "--concurrency",
                    str(args.burst_concurrency),
                ],
                env={**env, "DJANGO_SETTINGS_MODULE": "renda.settings"},
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            b = json.loads(out.stdout.strip().splitlines()[-1]) if out.stdout.strip() else {}
            print(
                f"{'burst: API submissions':40} {b.get('created', 0)}/{args.burst} in "
                f"{b.get('wall_s', '?')} s, {args.burst_concurrency} at a time, "
                f"{b.get('deputies', '?')} deputies; p50 {b.get('p50_ms', '?')} ms, "
                f"p95 {b.get('p95_ms', '?')} ms; {b.get('errors', '?')} errors, "
                f"{b.get('lost', '?')} lost rows"
                + ("" if out.returncode == 0 else f" (exit {out.returncode}: {out.stderr[-300:]})")
            )
        for attempt in ("first", "again") if args.stats else ():
            t0 = time.perf_counter()
            subprocess.run(
                [str(BIN / "renda"), "stats", "--year", str(args.year)],
                env={**env, "DJANGO_SETTINGS_MODULE": "renda.settings"},
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            print(
                f"{'renda stats --year ' + str(args.year) + ' (' + attempt + ')':40} "
                f"{(time.perf_counter() - t0) * 1000:7.0f} ms (with start-up)"
            )
        if not args.stats:
            return
        t0 = time.perf_counter()
        subprocess.run(
            [str(BIN / "renda"), "check"],
            env={**env, "DJANGO_SETTINGS_MODULE": "renda.settings"},
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"{'start-up alone (renda check)':40} {(time.perf_counter() - t0) * 1000:7.0f} ms")
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:  # a loaded machine: workers still finishing
            server.kill()
            server.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/renda_bench",
        help="the demo-size database (built if missing)",
    )
    parser.add_argument(
        "--scale-url", default="", help="the database grown to --suggestions/--opinions/--events"
    )
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--requests", type=int, default=40, help="per scenario (and floor)")
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--suggestions", type=int, default=200_000)
    parser.add_argument("--opinions", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=2_000_000)
    parser.add_argument("--only", action="append", help="scenarios whose name or path has this")
    parser.add_argument(
        "--burst", type=int, default=500, help="API submissions in the burst (0: none)"
    )
    parser.add_argument("--burst-concurrency", type=int, default=16)
    parser.add_argument(
        "--no-stats", dest="stats", action="store_false", help="skip timing `renda stats`"
    )
    parser.add_argument("--pgoptions", default="", help='e.g. "-c jit=off"')
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the databases")
    parser.add_argument("--skip-build", action="store_true", help="use the databases as they are")
    args = parser.parse_args(argv)
    targets: list[tuple[str, dict[str, int] | None]] = [(args.database_url, None)]
    if args.scale_url:
        wanted = {"suggestions": args.suggestions, "opinions": args.opinions, "events": args.events}
        targets.append((args.scale_url, wanted))
    for url, grow in targets:
        if not args.skip_build:
            prepare(url, rebuild=args.rebuild, grow=grow)
        measure(url, args)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
