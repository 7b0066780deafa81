"""Receipt codes for what the public submits without an account, and the limit per address."""

from __future__ import annotations

import base64
import hashlib
import secrets
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

from renda.core.workflow import ActionError

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise

# Shorter input than this is no receipt code: look nothing up for it.
MIN_RECEIPT_CHARS = 10


class RateLimited(ActionError):
    """Too many submissions from one address (HTTP 429)."""

    status = 429


def new_receipt_code() -> str:
    """16 characters of base32 (80 random bits): unguessable, easy to read out and type."""
    return base64.b32encode(secrets.token_bytes(10)).decode("ascii")


def normalize_receipt_code(code: str) -> str:
    """What the contributor typed, without spaces or dashes, in capitals."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:20]


def client_ip(request: Any) -> str:
    """The submitter's address, for the rate limit. Behind our HTTPS proxy every request comes
    from the proxy, so the address it appended to X-Forwarded-For (the last one: the earlier
    ones are whatever the client sent) is the client's."""
    forwarded = request.headers.get("X-Forwarded-For", "")
    if settings.SECURE_PROXY_SSL_HEADER and forwarded.strip():
        return str(forwarded.split(",")[-1].strip())
    return str(request.META.get("REMOTE_ADDR", ""))


def rate_limit(
    *,
    scope: str,
    client_ip: str,
    limit: int,
    window_seconds: int,
    message: str | StrPromise,
    field: str | None = None,
) -> None:
    """Count one submission from this address in a fixed window; past `limit`, refuse it.

    Only a digest of the address is used as the key: the address itself is never stored.
    """
    digest = hashlib.sha256((client_ip or "unknown").encode()).hexdigest()[:32]
    key = f"{scope}:{digest}"
    # The database cache (the default without Redis) increments by reading then writing, so
    # concurrent posts all read the same count: take the count under a lock on this key, held
    # to the end of the transaction (PostgreSQL's advisory lock; SQLite's transactions here
    # begin IMMEDIATE and so run one at a time; Redis increments atomically anyway).
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                lock = int(hashlib.sha256(key.encode()).hexdigest()[:15], 16)
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock])
        cache.add(key, 0, timeout=window_seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window_seconds)
            count = 1
    if count > limit:
        raise RateLimited(message, field=field)
