"""The suggestions' fixtures (a session, `submit`), for searching their texts; a suggestion
assigned to a unit; and the check that the index's keys agree with the lists."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from renda.suggestions import actions as A
from renda.suggestions.tests.conftest import (  # noqa: F401
    session,
    submit,
    third_handler,
    third_unit,
)


@pytest.fixture
def assigned(cast, org, submit):  # noqa: F811 (the fixture imported above)
    """A suggestion assigned to org["unit"] (cast["handler"]), on 积水 (waterlogging)."""
    s = submit(title="关于治理道路积水的建议", body="暴雨后迎宾路积水严重，建议改造排水管网。")
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    A.suggestion_assign(
        suggestion=s, actor=cast["staff"], mode="sole", parts=[A.UnitPart(org["unit"], "sole")]
    )
    return s


def keys_against_lists(users: Iterable[Any]) -> tuple[list[tuple[str, str]], int]:
    """For every user with a key (registry.Seers: a unit, a station, a deputy) and every kind
    that has keys: the (user, kind) pairs whose index rows holding the key are not exactly the
    indexed rows the kind's list shows them, and how many keyed rows were checked."""
    from renda.search.models import SearchDocument
    from renda.search.registry import SOURCES

    wrong: list[tuple[str, str]] = []
    checked = 0
    for user in users:
        for source in SOURCES.values():
            key = source.seers.key(user) if source.seers else None
            if source.seers is None or key is None:
                continue
            docs = SearchDocument.objects.filter(kind=source.kind)
            if source.seers.in_congress:
                docs = docs.filter(congress_id=user.congress_id)
            rows = list(docs.values_list("object_id", "seers"))
            by_key = {pk for pk, seers in rows if key in seers.split()}
            listed = set(source.visible(user).values_list("pk", flat=True))
            if by_key != listed & {pk for pk, _s in rows}:
                wrong.append((str(user), source.kind))
            checked += len(by_key)
    return wrong, checked
