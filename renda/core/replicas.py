"""Reads from a PostgreSQL read replica for the pages that only read much: list pages,
search and statistics (docs/scaling.md).

Set `DATABASE_REPLICA_URL` and the `replica` database alias is added with this router. A view
decorated `@replica_reads` then sends its reads there, for a GET or HEAD; every write, and
every read of any other view, goes to the primary (`default`). Read-your-writes: for
`REPLICA_GRACE` seconds after a browser's POST (a cookie says when), its reads stay on the
primary, so a list shown after a change includes it even if the replica lags. Statistics
commands use `with replica():`.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.conf import settings

ALIAS = "replica"
WROTE_COOKIE = "renda_wrote"
_reading = ContextVar("renda_replica_reads", default=False)

View = TypeVar("View", bound=Callable[..., Any])


def enabled() -> bool:
    return bool(getattr(settings, "READ_REPLICA", False)) and ALIAS in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        return ALIAS if _reading.get() and enabled() else None

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


@contextmanager
def replica() -> Iterator[None]:
    """Reads in this block go to the replica (when there is one)."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def replica_reads(view: View) -> View:
    """A read-only view's reads go to the replica, unless this browser wrote a moment ago."""

    @functools.wraps(view)
    def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
        wrote = request.COOKIES.get(WROTE_COOKIE, "")
        recent = wrote.isdigit() and time.time() - int(wrote) < settings.REPLICA_GRACE
        if request.method not in ("GET", "HEAD") or recent:
            return view(request, *args, **kwargs)
        with replica():
            return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]


class WroteRecentlyMiddleware:
    """After a POST (or any unsafe method), the browser reads from the primary for a while."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        response = self.get_response(request)
        if enabled() and request.method not in ("GET", "HEAD", "OPTIONS"):
            response.set_cookie(
                WROTE_COOKIE,
                str(int(time.time())),
                max_age=settings.REPLICA_GRACE,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
