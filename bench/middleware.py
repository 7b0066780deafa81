"""For the benchmark's server only: each response says how many queries it ran and its server
time (X-Queries, X-Server-Ms), so bench/run.py prints them beside the latency."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.db import connection


class CountQueries:
    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        count = [0]

        def counted(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            count[0] += 1
            return execute(sql, params, many, context)

        t0 = time.perf_counter()
        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response["X-Server-Ms"] = f"{(time.perf_counter() - t0) * 1000:.1f}"
        response["X-Queries"] = str(count[0])
        return response
