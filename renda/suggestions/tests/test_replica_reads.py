"""The read replica router (docs/scaling.md), with the second alias of the test settings: list
pages read from the replica, writes and other pages from the primary, and a browser that has
just written reads from the primary."""

from __future__ import annotations

import time

import pytest
from django.db import connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.core.replicas import ALIAS, WROTE_COOKIE, ReplicaRouter

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", ALIAS])


def _reads(client, url):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[ALIAS]) as replica,
    ):
        assert client.get(url).status_code == 200
    return primary.captured_queries, replica.captured_queries


def _lists_suggestions(queries) -> bool:
    return any('FROM "suggestions_suggestion"' in q["sql"] for q in queries)


@override_settings(READ_REPLICA=True)
def test_a_list_page_reads_from_the_replica(client, cast, submit):
    submit()
    client.force_login(cast["staff"])
    primary, replica = _reads(client, reverse("suggestions:register"))
    assert _lists_suggestions(replica) and not _lists_suggestions(primary)


@override_settings(READ_REPLICA=True)
def test_right_after_a_write_the_browser_reads_from_the_primary(client, cast, submit):
    submit()
    client.force_login(cast["staff"])
    client.cookies[WROTE_COOKIE] = str(int(time.time()))
    primary, replica = _reads(client, reverse("suggestions:register"))
    assert _lists_suggestions(primary) and not replica


def test_without_a_replica_configured_everything_reads_from_the_primary(client, cast, submit):
    submit()
    client.force_login(cast["staff"])
    primary, replica = _reads(client, reverse("suggestions:register"))
    assert _lists_suggestions(primary) and not replica


def test_writes_and_migrations_stay_on_the_primary():
    router = ReplicaRouter()
    assert router.db_for_write(object) == "default"
    assert router.allow_migrate("default", "core") and not router.allow_migrate(ALIAS, "core")
