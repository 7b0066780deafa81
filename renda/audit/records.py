"""Writing the audit trail: one function the login, token, privacy and download code calls."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from renda.audit.models import Kind, Record


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    kind: Kind,
    *,
    request: HttpRequest | None = None,
    actor: Any = None,
    username: str = "",
    target: str = "",
    congress_id: int | None = None,
    **data: Any,
) -> Record:
    """Append one record. The actor is the request's user unless given; a failed login names
    no account, only the `username` typed."""
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    if actor is not None:
        username = username or actor.get_username()
        congress_id = congress_id or getattr(actor, "congress_id", None)
    return Record.objects.create(
        at=timezone.now(),
        kind=kind,
        actor=actor,
        username=username[:150],
        congress_id=congress_id,
        ip=client_ip(request),
        path=(request.path[:200] if request is not None else ""),
        target=target[:200],
        data=data,
    )


def shown(obj: Any, *fields: str) -> None:
    """The request being served shows `obj`'s unmasked `fields` (a deputy's phone and ID
    number, a constituent's contact, a petitioner's identity). Noted on the request, written
    as one record when the answer goes out (a list of forty phones is one record)."""
    from renda.audit.middleware import current_request

    request = current_request()
    if request is None or not fields:
        return
    seen: dict[str, set[str]] = request.__dict__.setdefault("_audit_shown", {})
    seen.setdefault(f"{obj._meta.label_lower}:{obj.pk} {obj}", set()).update(fields)


SHOWN_LIMIT = 200  # the targets one record lists


def write_shown(request: HttpRequest) -> None:
    """The one record of what personal data the answer to `request` showed."""
    seen: dict[str, set[str]] = request.__dict__.pop("_audit_shown", {})
    if not seen or not getattr(getattr(request, "user", None), "is_authenticated", False):
        return
    targets = sorted(seen)
    first = targets[0] if len(targets) == 1 else f"{targets[0]} (+{len(targets) - 1})"
    record(
        Kind.PERSONAL_DATA,
        request=request,
        target=first,
        fields=sorted(set().union(*seen.values())),
        shown=targets[:SHOWN_LIMIT],
        count=len(targets),
    )
