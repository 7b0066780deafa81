"""Moving constituents' opinions out of the stations app keeps their rows and their history:
the tables are renamed, and the content types that events and deadlines name are repointed,
so an event written before the move is found after it."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from renda.core.models import Deadline
from renda.core.workflow import history
from renda.opinions.models import ApiClientKey, ConstituentOpinion

BEFORE = [("stations", "0002_opinion_answer_kind"), ("opinions", None)]
# The models of then that the test writes with.
THEN = [
    ("stations", "0002_opinion_answer_kind"),
    ("core", "0002_deadline_label_translated"),
    ("contenttypes", "0002_remove_content_type_name"),
]
AT = datetime.datetime(2024, 3, 4, 2, tzinfo=datetime.UTC)


def _migrate(targets: list[tuple[str, str | None]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor


def _latest() -> list[tuple[str, str | None]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def before_the_move(transactional_db, cast, org):
    """The database as it stood before the split, with an opinion, a key and their history
    written then; the latest schema again afterwards, whatever the test did."""
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(THEN).apps
    yield old
    _migrate(_latest())


def _write_history(old, cast, org) -> dict[str, int]:
    """Rows and events as the stations app wrote them, through the models of then."""
    Opinion = old.get_model("stations", "ConstituentOpinion")
    Key = old.get_model("stations", "ApiClientKey")
    Types = old.get_model("contenttypes", "ContentType")
    Event = old.get_model("core", "Event")
    Deadline = old.get_model("core", "Deadline")
    congress_id = org["station"].congress_id
    key = Key.objects.create(
        congress_id=congress_id, name="小程序", digest="d" * 64, created_by_id=cast["staff"].pk
    )
    opinion = Opinion.objects.create(
        congress_id=congress_id,
        station_id=org["station"].pk,
        source="station",
        category="roads",
        content="路灯不亮。",
        receipt_code="ABCD2345EFGH6789",
        state="referred",
        received_at=AT,
        unit_id=org["unit"].pk,
        client_key=key,
    )
    types = {
        m: Types.objects.get_or_create(app_label="stations", model=m)[0].pk
        for m in ("constituentopinion", "apiclientkey")
    }
    for action in ("record", "refer"):
        Event.objects.create(
            congress_id=congress_id,
            content_type_id=types["constituentopinion"],
            object_id=opinion.pk,
            action=action,
            at=AT,
        )
    Event.objects.create(
        congress_id=congress_id,
        content_type_id=types["apiclientkey"],
        object_id=key.pk,
        action="issue",
        at=AT,
    )
    Deadline.objects.create(
        congress_id=congress_id,
        content_type_id=types["constituentopinion"],
        object_id=opinion.pk,
        kind="answer",
        what="Constituent's opinion no. %(id)s: %(text)s",
        params={"id": opinion.pk, "text": "路灯不亮。"},
        due_date=datetime.date(2024, 3, 25),
    )
    return {"opinion": opinion.pk, "key": key.pk, **types}


def test_the_move_keeps_the_rows_and_the_history_finds_its_events(before_the_move, cast, org):
    old = before_the_move
    written = _write_history(old, cast, org)
    _migrate(_latest())

    tables = connection.introspection.table_names()
    assert "opinions_constituentopinion" in tables and "stations_constituentopinion" not in tables
    opinion = ConstituentOpinion.objects.get(pk=written["opinion"])
    assert opinion.content == "路灯不亮。" and opinion.client_key_id == written["key"]
    # The content types kept their ids: every row naming them names the opinions app now.
    moved = ContentType.objects.get_for_model(ConstituentOpinion)
    assert (moved.app_label, moved.pk) == ("opinions", written["constituentopinion"])
    assert not ContentType.objects.filter(app_label="stations", model="constituentopinion")
    assert [e.action for e in history(opinion)] == ["record", "refer"]
    assert [e.action for e in history(ApiClientKey.objects.get())] == ["issue"]
    deadline = Deadline.objects.get(object_id=opinion.pk)
    assert deadline.case == opinion


def test_history_written_under_both_names_ends_under_the_new_one(before_the_move, cast, org):
    """A content type for the new name made before the move (an interrupted run): the events
    written under the old one move to it."""
    old = before_the_move
    written = _write_history(old, cast, org)
    Types = old.get_model("contenttypes", "ContentType")
    early = Types.objects.create(app_label="opinions", model="constituentopinion")
    _migrate(_latest())

    opinion = ConstituentOpinion.objects.get(pk=written["opinion"])
    assert ContentType.objects.get_for_model(ConstituentOpinion).pk == early.pk
    assert [e.action for e in history(opinion)] == ["record", "refer"]
    assert Deadline.objects.get(object_id=opinion.pk).case == opinion
    assert not ContentType.objects.filter(pk=written["constituentopinion"]).exists()
