"""Every legislation list page costs the same few queries for a few rows as for many."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.legislation.actions.consultations import consultation_create, consultation_open
from renda.legislation.actions.drafts import import_draft
from renda.legislation.actions.opinions import (
    GatheredOpinion,
    opinion_batch_submit,
    opinion_handle,
    opinion_submit_deputy,
    opinion_submit_public,
)
from renda.legislation.actions.regulations import regulation_create
from renda.legislation.actions.topics import topic_answer, topic_solicitation_open

from .conftest import DRAFT_V2, D, on


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def add_rows(cast, consultation, contact_point, n: int) -> None:
    """n more of everything a list shows: opinions of each source, regulations, versions,
    consultations, topic answers."""
    staff = cast["staff"]
    version = consultation.version
    for i in range(n):
        cache.clear()
        public = opinion_submit_public(
            consultation=consultation, text=f"公众{i}", client_ip="1.1.1.1"
        )
        opinion_submit_deputy(
            consultation=consultation,
            actor=cast["deputy"],
            text=f"代表{i}",
            article=version.nodes.filter(kind="article").first(),
        )
        (gathered,) = opinion_batch_submit(
            consultation=consultation,
            actor=cast["station"],
            contact_point=contact_point,
            opinions=[GatheredOpinion(text=f"座谈{i}", source="seminar")],
        )
        opinion_handle(opinion=gathered, actor=staff, outcome="adopted")
        regulation = regulation_create(
            congress=consultation.congress, actor=staff, title=f"条例{i}"
        )
        other = import_draft(actor=staff, regulation=regulation, text=DRAFT_V2)
        c = consultation_create(version=other, actor=staff)
        consultation_open(consultation=c, actor=staff)
        solicitation = topic_solicitation_open(
            congress=consultation.congress,
            actor=staff,
            meeting_title=f"会议{i}",
            meeting_date=D(2024, 4, 30),
            deadline=D(2024, 4, 20),
            topics=["议题一", "议题二"],
        )
        for topic in solicitation.topics.all():
            topic_answer(solicitation=solicitation, topic=topic, actor=cast["deputy"], text="答")
        assert public.pk


PAGES = {
    # name: (role, needs the consultation's pk)
    "legislation:public": ("", False),
    "legislation:draft": ("", "version"),
    "legislation:consultations": ("staff", False),
    "legislation:opinions": ("staff", "consultation"),
    "legislation:moderation": ("staff", False),
    "legislation:report": ("staff", "consultation"),
    "legislation:regulations": ("staff", False),
    "legislation:regulation": ("staff", "regulation"),
    "legislation:points": ("staff", False),
    "legislation:point": ("staff", "point"),
    "legislation:topic_list": ("deputy", False),
    "legislation:mine": ("deputy", False),
    "legislation:batch": ("station", "consultation"),
}


def count_queries(client, cast, url: str, role: str) -> int:
    client.logout()
    if role:
        client.force_login(cast[role])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("name", list(PAGES))
def test_a_list_page_costs_the_same_for_few_and_many_rows(
    client, cast, consultation, contact_point, name
):
    role, arg = PAGES[name]
    args = {
        False: [],
        "version": [consultation.version_id],
        "consultation": [consultation.pk],
        "regulation": [consultation.version.regulation_id],
        "point": [contact_point.pk],
    }[arg]
    url = reverse(name, args=args)
    with on(D(2024, 3, 10)):
        add_rows(cast, consultation, contact_point, 1)
        few = count_queries(client, cast, url, role)
        add_rows(cast, consultation, contact_point, 6)
        many = count_queries(client, cast, url, role)
    assert many <= few, f"{name}: {few} queries for a few rows, {many} for many"
    assert few <= 25, f"{name}: {few} queries"
