"""Role predicates shared by every app's rules.py (the `rules` package)."""

from __future__ import annotations

from typing import Any

import rules


def _role(user: Any) -> str:
    # A deactivated account has no role: the rules backend, unlike ModelBackend, does not
    # check is_active itself, and a session or token may outlive the deactivation.
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return ""
    return getattr(user, "role", "")


@rules.predicate
def is_staff(user: Any) -> bool:
    return _role(user) == "staff"


@rules.predicate
def is_leader(user: Any) -> bool:
    return _role(user) == "leader"


@rules.predicate
def is_deputy(user: Any) -> bool:
    return _role(user) == "deputy"


@rules.predicate
def is_handler(user: Any) -> bool:
    return _role(user) == "handler"


@rules.predicate
def is_station(user: Any) -> bool:
    return _role(user) == "station"


@rules.predicate
def has_role(user: Any) -> bool:
    return _role(user) != ""


@rules.predicate
def same_congress(user: Any, obj: Any) -> bool:
    """The object belongs to the user's congress (objects without one: no)."""
    if obj is None:
        return True  # a model-level question; the query scopes the rows
    return (
        bool(getattr(user, "congress_id", None))
        and getattr(obj, "congress_id", None) == user.congress_id
    )
