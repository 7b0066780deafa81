"""Role predicates shared by every app's rules.py (the `rules` package), and visibility
scopes: one rule written as a predicate and a queryset filter side by side."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import rules
from django.db.models import Q, QuerySet


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
def is_sysadmin(user: Any) -> bool:
    return _role(user) == "sysadmin"


@rules.predicate
def is_secadmin(user: Any) -> bool:
    return _role(user) == "secadmin"


@rules.predicate
def is_auditor(user: Any) -> bool:
    return _role(user) == "auditor"


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


# Every app's rules combine these: the role, in the congress the case belongs to.
staff_of_congress = is_staff & same_congress
leader_of_congress = is_leader & same_congress
deputy_of_congress = is_deputy & same_congress
station_of_congress = is_station & same_congress


@rules.predicate
def has_unit(user: Any) -> bool:
    """A handler with a unit to act for."""
    return bool(is_handler(user) and getattr(user, "unit_id", None))


@rules.predicate
def has_station(user: Any) -> bool:
    """A station operator with a station to act for."""
    return bool(is_station(user) and getattr(user, "station_id", None))


@rules.predicate
def has_deputyship(user: Any) -> bool:
    """Someone who acts as a deputy: a deputy's account with its deputyship, or a standing
    committee member's (every member is a deputy of the congress) linked to theirs. An
    account without a deputyship acts for nobody."""
    return bool((is_deputy(user) or is_leader(user)) and getattr(user, "deputy_id", None))


def of_unit(attr: str = "unit_id") -> Any:
    """The officer of the unit a row names (`attr` is the row's unit id attribute)."""

    @rules.predicate
    def holds(user: Any, obj: Any) -> bool:
        return bool(obj is not None and has_unit(user) and getattr(obj, attr, None) == user.unit_id)

    return holds


def of_station(attr: str = "station_id") -> Any:
    """The operator of the station a row names (`attr` is the row's station id attribute)."""

    @rules.predicate
    def holds(user: Any, obj: Any) -> bool:
        return bool(
            obj is not None and has_station(user) and getattr(obj, attr, None) == user.station_id
        )

    return holds


@dataclass(frozen=True)
class Clause:
    """Who sees which rows: `who` says whether the clause speaks for this user (their role and
    what it needs), `rows(user)` is the filter of the rows it shows them, and `holds(user,
    row)` is the same rule on one row. Written side by side so that they cannot drift; a test
    checks them against each other on every row of the demo year."""

    who: Any  # a predicate on the user alone
    rows: Callable[[Any], Q | Any]  # user -> a filter (Q or a boolean expression)
    holds: Any = same_congress  # a predicate on (user, row)


class Scope:
    """A visibility rule: a predicate for `has_perm` and the queryset filter for lists, from
    the same clauses. `register(perm, model)` names it as a permission and lists it in
    SCOPES, where a test checks the two sides agree on every row of the demo year."""

    def __init__(self, *clauses: Clause) -> None:
        self.clauses = clauses
        scope = self

        @rules.predicate
        def sees(user: Any, obj: Any = None) -> bool:
            return any(c.who(user) and (obj is None or c.holds(user, obj)) for c in scope.clauses)

        self.predicate = sees

    def filter(self, user: Any) -> Q | None:
        """The rows this user sees as one filter; None when no clause speaks for them."""
        found: Any = None
        for c in self.clauses:
            if c.who(user):
                found = c.rows(user) if found is None else found | c.rows(user)
        return found

    def rows(self, user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
        found = self.filter(user)
        return qs.none() if found is None else qs.filter(found)

    def register(self, perm: str, model: Any) -> Scope:
        rules.add_perm(perm, self.predicate)
        SCOPES.append(RegisteredScope(perm, model, self))
        return self


@dataclass(frozen=True)
class RegisteredScope:
    perm: str
    model: Any  # the model class whose rows it scopes
    scope: Scope


SCOPES: list[RegisteredScope] = []
