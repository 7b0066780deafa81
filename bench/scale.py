"""Grow a PostgreSQL renda database to a province's scale by bulk SQL (no ORM, no actions).

    .venv/bin/python bench/scale.py --database-url postgres://postgres@127.0.0.1:5432/renda_scale \
        [--suggestions 200000] [--events 2000000] [--opinions 1000000] [--first-year 2015]

Start from a database that holds the demo year (`renda demo`): its suggestions and opinions,
with everything hanging off them (assignments, replies, promises, contacts, evaluations,
extensions, co-signers, deadlines and events), are the templates. Each copy goes to a year
between --first-year and the demo's year, spread evenly, with every date shifted by the
same number of years, so the spread over units, deputies, categories and states is the demo
year's. Cases of past years that the demo left open are closed (evaluated, or closed and told
for opinions); the demo's own year keeps its open cases. Events are the copied cases' own
history, copied whole per case, suggestions first, newest years first, up to --events (older
opinion copies then have none); if every history falls short of --events, further rounds of
the suggestions' events are copied onto the copies.

Only the difference to the sizes asked is added: running it again on a grown database adds
nothing. Ends with VACUUM ANALYZE. Took 9 minutes for the default sizes on two shared cores.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

import psycopg

OPEN_SUGGESTION = ["cosigning", "submitted", "returned", "accepted", "assigned", "replied"]
OPEN_SUGGESTION += ["rehandling"]
OPEN_OPINION = ("recorded", "referred", "answered")

# Children copied with each suggestion: (table, column naming the suggestion).
SUGGESTION_CHILDREN = [
    ("suggestions_assignment", "suggestion_id"),
    ("suggestions_cosigner", "suggestion_id"),
    ("suggestions_contact", "suggestion_id"),
    ("suggestions_evaluation", "suggestion_id"),
    ("suggestions_extension", "suggestion_id"),
]
# Columns set to NULL on a copy (one-to-one links and links to other copies).
NULLED = {
    "suggestions_suggestion": {"merged_into_id", "from_motion_id", "poll_id"},
}


def log(msg: str, t0: float) -> None:
    print(f"{time.perf_counter() - t0:7.1f} s  {msg}", flush=True)


class Grower:
    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn
        self.t0 = time.perf_counter()

    def one(self, sql: str, *params: object) -> Any:
        row = self.conn.execute(sql, params or None).fetchone()
        return row[0] if row else None

    def columns(self, table: str) -> list[tuple[str, str]]:
        return self.conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = %s AND table_schema = current_schema() ORDER BY ordinal_position",
            (table,),
        ).fetchall()

    def select_list(self, table: str, alias: str, overrides: dict[str, str]) -> tuple[str, str]:
        """Column names and the expressions copying them from `alias`, dates shifted by
        m.delta years, with `overrides` (column -> SQL) taking precedence."""
        names, exprs = [], []
        for name, kind in self.columns(table):
            names.append(f'"{name}"')
            if name in overrides:
                exprs.append(overrides[name])
            elif name in NULLED.get(table, set()):
                exprs.append("NULL")
            elif kind == "timestamp with time zone":
                exprs.append(f'{alias}."{name}" + make_interval(years => m.delta)')
            elif kind == "date":
                exprs.append(f'({alias}."{name}" + make_interval(years => m.delta))::date')
            else:
                exprs.append(f'{alias}."{name}"')
        return ", ".join(names), ", ".join(exprs)

    def copy_via_map(self, table: str, map_table: str, join: str, overrides: dict[str, str]) -> int:
        """INSERT a copy of each `table` row joined to `map_table` m by `join`."""
        names, exprs = self.select_list(table, "t", overrides)
        cur = self.conn.execute(
            f"INSERT INTO {table} ({names}) SELECT {exprs} FROM {map_table} m "
            f"JOIN {table} t ON {join}"
        )
        return cur.rowcount

    def content_type(self, app: str, model: str) -> int:
        return int(
            self.one(
                "SELECT id FROM django_content_type WHERE app_label = %s AND model = %s", app, model
            )
        )

    # --- suggestions -----------------------------------------------------------------------

    def suggestions(self, target: int, first_year: int, events: int) -> None:
        have = int(self.one("SELECT count(*) FROM suggestions_suggestion"))
        add = target - have
        if add <= 0:
            log(f"suggestions: {have} already", self.t0)
            return
        last_year = int(self.one("SELECT max(year) FROM suggestions_suggestion"))
        years = last_year - first_year + 1
        ex = self.conn.execute
        ex("DROP TABLE IF EXISTS scale_tmpl; DROP TABLE IF EXISTS sg_map")
        ex(
            "CREATE TEMP TABLE scale_tmpl AS SELECT row_number() OVER (ORDER BY id) - 1 AS rn, "
            "id, year, state FROM suggestions_suggestion WHERE merged_into_id IS NULL"
        )
        n_tmpl = int(self.one("SELECT count(*) FROM scale_tmpl"))
        # The newest year gets as many as the others (a steady congress); ids are taken
        # from the sequence up front so children can follow their suggestion.
        ex(
            "CREATE TEMP TABLE sg_map AS SELECT nextval(pg_get_serial_sequence("
            "'suggestions_suggestion', 'id')) AS new_id, t.id AS tmpl_id, t.state AS tmpl_state, "
            "y.year, y.year - t.year AS delta, g "
            "FROM generate_series(0, %s - 1) g "
            "CROSS JOIN LATERAL (SELECT %s + (g %% %s) AS year) y "
            "JOIN scale_tmpl t ON t.rn = (g / %s) %% %s",
            (add, first_year, years, years, n_tmpl),
        )
        ex("CREATE INDEX ON sg_map (tmpl_id)")
        ex("ANALYZE sg_map")
        base = int(self.one("SELECT coalesce(max(number), 0) FROM suggestions_suggestion"))
        open_list = ", ".join(f"'{s}'" for s in OPEN_SUGGESTION)
        n = self.copy_via_map(
            "suggestions_suggestion",
            "(SELECT *, row_number() OVER (PARTITION BY year ORDER BY g) AS seq FROM sg_map) ",
            "t.id = m.tmpl_id",
            {
                "id": "m.new_id",
                "year": "m.year",
                "number": f"CASE WHEN t.number IS NULL THEN NULL ELSE {base} + m.seq END",
                "state": f"CASE WHEN m.year < {last_year} AND t.state IN ({open_list}) "
                "THEN 'evaluated' ELSE t.state END",
            },
        )
        log(f"suggestions: +{n}", self.t0)
        for table, column in SUGGESTION_CHILDREN:
            n = self.copy_via_map(
                table,
                "sg_map",
                f"t.{column} = m.tmpl_id",
                {"id": f"nextval(pg_get_serial_sequence('{table}', 'id'))", column: "m.new_id"},
            )
            log(f"{table}: +{n}", self.t0)
        # Replies, then the promises that hang off them.
        ex("DROP TABLE IF EXISTS rp_map")
        ex(
            "CREATE TEMP TABLE rp_map AS SELECT nextval(pg_get_serial_sequence("
            "'suggestions_reply', 'id')) AS new_id, r.id AS tmpl_id, m.new_id AS suggestion_id, "
            "m.delta FROM sg_map m JOIN suggestions_reply r ON r.suggestion_id = m.tmpl_id"
        )
        n = self.copy_via_map(
            "suggestions_reply",
            "rp_map",
            "t.id = m.tmpl_id",
            {"id": "m.new_id", "suggestion_id": "m.suggestion_id"},
        )
        log(f"suggestions_reply: +{n}", self.t0)
        n = self.copy_via_map(
            "suggestions_promise",
            "rp_map",
            "t.reply_id = m.tmpl_id",
            {
                "id": "nextval(pg_get_serial_sequence('suggestions_promise', 'id'))",
                "reply_id": "m.new_id",
                "suggestion_id": "m.suggestion_id",
            },
        )
        log(f"suggestions_promise: +{n}", self.t0)
        self.case_rows("suggestions", "suggestion", "sg_map", events)
        self.search_documents("suggestion", "sg_map")

    # --- opinions --------------------------------------------------------------------------

    def opinions(self, target: int, first_year: int, events: int) -> None:
        have = int(self.one("SELECT count(*) FROM opinions_constituentopinion"))
        add = target - have
        if add <= 0:
            log(f"opinions: {have} already", self.t0)
            return
        last_year = int(
            self.one(
                "SELECT max(extract(year FROM received_at))::int FROM opinions_constituentopinion"
            )
        )
        years = last_year - first_year + 1
        ex = self.conn.execute
        ex("DROP TABLE IF EXISTS op_tmpl; DROP TABLE IF EXISTS op_map")
        ex(
            "CREATE TEMP TABLE op_tmpl AS SELECT row_number() OVER (ORDER BY id) - 1 AS rn, id, "
            "extract(year FROM received_at)::int AS year FROM opinions_constituentopinion"
        )
        n_tmpl = int(self.one("SELECT count(*) FROM op_tmpl"))
        ex(
            "CREATE TEMP TABLE op_map AS SELECT nextval(pg_get_serial_sequence("
            "'opinions_constituentopinion', 'id')) AS new_id, t.id AS tmpl_id, "
            "%s + (g %% %s) - t.year AS delta, %s + (g %% %s) AS year "
            "FROM generate_series(0, %s - 1) g "
            "JOIN op_tmpl t ON t.rn = (g / %s) %% %s",
            (first_year, years, first_year, years, add, years, n_tmpl),
        )
        ex("CREATE INDEX ON op_map (tmpl_id)")
        ex("ANALYZE op_map")
        open_list = ", ".join(f"'{s}'" for s in OPEN_OPINION)
        n = self.copy_via_map(
            "opinions_constituentopinion",
            "op_map",
            "t.id = m.tmpl_id",
            {
                "id": "m.new_id",
                "receipt_code": "'S' || m.new_id",
                "state": f"CASE WHEN m.year < {last_year} AND t.state IN ({open_list}) "
                "THEN 'closed' ELSE t.state END",
            },
        )
        log(f"opinions: +{n}", self.t0)
        self.case_rows("opinions", "constituentopinion", "op_map", events)
        self.search_documents("opinion", "op_map")

    # --- the search index (renda.search) ------------------------------------------------------

    def search_documents(self, kind: str, map_table: str) -> None:
        """Copy the templates' search index rows onto their copies (a copy's text is its
        template's), with the copy's id and year."""
        table = "search_searchdocument"
        if not self.one("SELECT to_regclass(%s) IS NOT NULL", table):
            return
        n = self.copy_via_map(
            table,
            map_table,
            f"t.kind = '{kind}' AND t.object_id = m.tmpl_id",
            {
                "id": f"nextval(pg_get_serial_sequence('{table}', 'id'))",
                "object_id": "m.new_id",
                "year": "m.year",
            },
        )
        log(f"{table} for {kind}: +{n}", self.t0)

    def drop_search_indexes(self) -> list[str]:
        """Drop the search index's GIN indexes for the copy; returns what builds them again
        (once, at the end: far faster than growing them row by row)."""
        rows = self.conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = "
            "'search_searchdocument' AND indexdef LIKE '%USING gin%'"
        ).fetchall()
        for name, _sql in rows:
            self.conn.execute(f'DROP INDEX "{name}"')
        return [sql for _name, sql in rows]

    def build_search_indexes(self, statements: list[str]) -> None:
        self.conn.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no index while checks are pending
        self.conn.execute("SET LOCAL maintenance_work_mem = '1GB'")
        for sql in statements:
            self.conn.execute(sql)
        log("search_searchdocument: full-text indexes built", self.t0)

    # --- what every case has: events and deadlines ------------------------------------------

    def case_rows(self, app: str, model: str, map_table: str, events: int) -> None:
        """Copy the cases' deadlines, and their events up to `events` in all (newest copies
        first: a case's history is copied whole or not at all)."""
        ct = self.content_type(app, model)
        overrides = {
            "id": "nextval(pg_get_serial_sequence('core_deadline', 'id'))",
            "object_id": "m.new_id",
            # past years' deadlines were met
            "closed_at": "coalesce(t.closed_at + make_interval(years => m.delta), "
            "CASE WHEN m.delta < 0 THEN (t.due_date + make_interval(years => m.delta)) END)",
        }
        join = f"t.content_type_id = {ct} AND t.object_id = m.tmpl_id"
        n = self.copy_via_map("core_deadline", map_table, join, overrides)
        log(f"core_deadline for {model}: +{n}", self.t0)
        have = int(self.one("SELECT count(*) FROM core_event"))
        per_case = float(
            self.one(
                "SELECT count(*)::float / greatest(count(DISTINCT object_id), 1) FROM core_event "
                "WHERE content_type_id = %s",
                ct,
            )
        )
        cases = int((events - have) / max(per_case, 1))
        if cases <= 0:
            return
        rows = f"(SELECT * FROM {map_table} ORDER BY year DESC, new_id LIMIT {cases})"
        overrides = {
            "id": "nextval(pg_get_serial_sequence('core_event', 'id'))",
            "object_id": "m.new_id",
        }
        n = self.copy_via_map("core_event", rows, join, overrides)
        log(f"core_event for {model}: +{n}", self.t0)

    def events(self, target: int) -> None:
        """Top up the events with further rounds of the template suggestions' events."""
        ct = self.content_type("suggestions", "suggestion")
        for _ in range(20):
            have = int(self.one("SELECT count(*) FROM core_event"))
            if have >= target:
                log(f"events: {have}", self.t0)
                return
            per_case = self.one(
                "SELECT count(*)::float / greatest(count(DISTINCT object_id), 1) FROM core_event "
                "e JOIN scale_tmpl t ON e.content_type_id = %s AND e.object_id = t.id",
                ct,
            )
            cases = int((target - have) / max(float(per_case or 1), 1)) + 1
            names, exprs = self.select_list(
                "core_event",
                "t",
                {
                    "id": "nextval(pg_get_serial_sequence('core_event', 'id'))",
                    "object_id": "m.new_id",
                },
            )
            n = self.conn.execute(
                f"INSERT INTO core_event ({names}) SELECT {exprs} FROM "
                f"(SELECT * FROM sg_map ORDER BY g DESC LIMIT %s) m JOIN core_event t "
                f"ON t.content_type_id = {ct} AND t.object_id = m.tmpl_id",
                (cases,),
            ).rowcount
            log(f"core_event top-up: +{n}", self.t0)
        log("events: gave up topping up", self.t0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--suggestions", type=int, default=200_000)
    parser.add_argument("--events", type=int, default=2_000_000)
    parser.add_argument("--opinions", type=int, default=1_000_000)
    parser.add_argument("--first-year", type=int, default=2015)
    args = parser.parse_args(argv)
    with psycopg.connect(args.database_url, autocommit=False) as conn:
        grower = Grower(conn)
        conn.execute("SET work_mem = '64MB'")
        have = grower.conn.execute(
            "SELECT (SELECT count(*) FROM suggestions_suggestion), "
            "(SELECT count(*) FROM opinions_constituentopinion)"
        ).fetchone()
        growing = bool(have) and (have[0] < args.suggestions or have[1] < args.opinions)
        search_indexes = grower.drop_search_indexes() if growing else []
        grower.suggestions(args.suggestions, args.first_year, args.events)
        grower.opinions(args.opinions, args.first_year, args.events)
        if search_indexes:
            grower.build_search_indexes(search_indexes)
        if grower.one("SELECT to_regclass('pg_temp.sg_map')"):
            grower.events(args.events)
        grown = conn.execute(
            "SELECT to_regclass('pg_temp.sg_map') IS NOT NULL OR "
            "to_regclass('pg_temp.op_map') IS NOT NULL"
        ).fetchone()
        conn.commit()
        log("committed", grower.t0)
    if not (grown and grown[0]):
        return 0  # at the sizes asked already: nothing to analyse again
    with psycopg.connect(args.database_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        log("vacuum analyze", grower.t0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
