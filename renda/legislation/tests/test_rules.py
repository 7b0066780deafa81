"""Who sees which legislation rows: each visibility rule of rules.py is a predicate (for a page
of one row) and a filter (for lists), and the two agree for every user on every row of a
small world of two congresses; and the named permissions say what the pages offer, role by
role."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from renda.legislation.actions.consultations import (
    consultation_close,
    consultation_create,
    consultation_open,
)
from renda.legislation.actions.drafts import import_draft
from renda.legislation.actions.opinions import (
    GatheredOpinion,
    opinion_batch_submit,
    opinion_submit_deputy,
    opinion_submit_public,
)
from renda.legislation.actions.topics import topic_solicitation_open
from renda.legislation.models import (
    Consultation,
    DraftVersion,
    Opinion,
    Regulation,
    TopicSolicitation,
)
from renda.legislation.rules import (
    CONSULTATIONS,
    CONTACT_POINTS_SEEN,
    DRAFTS,
    OPINIONS,
    OWN_OPINIONS,
    PUBLIC,
    REGULATIONS,
    TOPIC_SOLICITATIONS,
    audience,
)
from renda.org.models import LegislativeContactPoint

from .conftest import DRAFT_V2, D, on

SCOPES = {
    "drafts": (DRAFTS, DraftVersion, "legislation.view_draft"),
    "consultations": (CONSULTATIONS, Consultation, "legislation.view_consultation"),
    "opinions": (OPINIONS, Opinion, "legislation.view_opinion"),
    "own opinions": (OWN_OPINIONS, Opinion, None),
    "contact points": (
        CONTACT_POINTS_SEEN,
        LegislativeContactPoint,
        "legislation.view_contact_point",
    ),
    "regulations": (REGULATIONS, Regulation, "legislation.view_regulation"),
    "topic solicitations": (TOPIC_SOLICITATIONS, TopicSolicitation, "legislation.view_topics"),
}


@pytest.fixture
def world(cast, congress, other_congress, version, consultation, contact_point):
    """Two congresses' drafts (open to the public, for deputies only, never consulted, being
    prepared, closed), opinions of every source, contact points and topic solicitations."""
    staff = cast["staff"]
    with on(D(2024, 3, 5)):
        for_deputies = import_draft(actor=staff, congress=congress, text=DRAFT_V2)
        c = consultation_create(
            version=for_deputies, actor=staff, for_public=False, for_contact_points=False
        )
        consultation_open(consultation=c, actor=staff)
        closed = import_draft(actor=staff, congress=congress, text=DRAFT_V2)
        consultation_open(
            consultation=consultation_create(version=closed, actor=staff), actor=staff
        )
        consultation_close(consultation=Consultation.objects.get(version=closed), actor=staff)
        prepared = import_draft(actor=staff, congress=congress, text=DRAFT_V2)
        consultation_create(version=prepared, actor=staff)
        import_draft(actor=staff, congress=congress, text=DRAFT_V2)  # never consulted
        elsewhere = import_draft(actor=cast["stranger"], congress=other_congress, text=DRAFT_V2)
        consultation_open(
            consultation=consultation_create(version=elsewhere, actor=cast["stranger"]),
            actor=cast["stranger"],
        )
        LegislativeContactPoint.objects.create(
            congress=other_congress, name="别处的联系点", established_on=D(2020, 1, 1)
        )
    cache.clear()  # the public's rate limit
    with on(D(2024, 3, 8)):
        opinion_submit_public(consultation=consultation, text="公众", client_ip="9.9.9.9")
        opinion_submit_deputy(consultation=consultation, actor=cast["deputy"], text="代表")
        opinion_submit_deputy(consultation=c, actor=cast["deputy2"], text="代表二")
        opinion_batch_submit(
            consultation=consultation,
            actor=cast["station"],
            contact_point=contact_point,
            opinions=[GatheredOpinion(text="座谈", source="seminar")],
        )
        topic_solicitation_open(
            congress=congress,
            actor=staff,
            meeting_title="会议",
            meeting_date=D(2024, 4, 1),
            deadline=D(2024, 3, 20),
            topics=["议题"],
        )
        topic_solicitation_open(
            congress=other_congress,
            actor=cast["stranger"],
            meeting_title="别处的会议",
            meeting_date=D(2024, 4, 1),
            deadline=D(2024, 3, 20),
            topics=["议题"],
        )


def everyone(cast: dict[str, Any]) -> list[Any]:
    from renda.accounts.models import User

    inactive = cast["deputy2"]
    inactive.is_active = False  # a session may outlive the account's deactivation
    no_role = User.objects.create_user(username="visitor", password="correct-horse-battery")
    return [*cast.values(), no_role, AnonymousUser()]


@pytest.mark.parametrize("name", list(SCOPES))
def test_the_predicate_and_the_filter_agree_for_every_user_on_every_row(cast, world, name):
    scope, model, perm = SCOPES[name]
    rows = list(model.objects.select_related().all())
    assert len(rows) >= 2
    with on(D(2024, 3, 10)):
        for user in everyone(cast):
            listed = set(scope.rows(user, model.objects.all()).values_list("pk", flat=True))
            for row in rows:
                alone = bool(scope.predicate(user, row))
                assert alone == (row.pk in listed), (name, str(user), row.pk)
                if perm is not None:
                    assert user.has_perm(perm, row) == alone, (perm, str(user), row.pk)


def test_the_scopes_say_who_sees_what(cast, world, consultation):
    with on(D(2024, 3, 10)):

        def seen(scope: Any, model: Any, who: str | None) -> int:
            user = cast[who] if who else AnonymousUser()
            return scope.rows(user, model.objects.all()).count()

        assert seen(DRAFTS, DraftVersion, None) == 2  # open to the public: one each congress
        assert seen(DRAFTS, DraftVersion, "handler") == 2
        # Every draft of the congress, and the other congress's one open to the public.
        assert seen(DRAFTS, DraftVersion, "deputy") == 6
        assert seen(CONSULTATIONS, Consultation, "staff") == 4  # prepared and closed too
        assert seen(CONSULTATIONS, Consultation, "deputy") == 2  # open to deputies today
        assert seen(CONSULTATIONS, Consultation, "station") == 1
        assert seen(OPINIONS, Opinion, "leader") == 4
        assert seen(OPINIONS, Opinion, "deputy") == 1 and seen(OPINIONS, Opinion, "station") == 1
        assert seen(OPINIONS, Opinion, "other_station") == 0
        assert seen(CONTACT_POINTS_SEEN, LegislativeContactPoint, "station") == 1
        assert seen(TOPIC_SOLICITATIONS, TopicSolicitation, "stranger") == 1


ROLES = ["staff", "leader", "deputy", "handler", "station", "stranger", None]
OFFERS = {
    # permission: the roles that hold it (asked without a row: the page's guard)
    "legislation.manage": {"staff", "stranger"},
    "legislation.oversee": {"staff", "leader", "stranger"},
    "legislation.view_consultations": {"staff", "leader", "deputy", "station", "stranger"},
    "legislation.view_own_opinions": {"deputy", "station"},
    "legislation.comment_as_public": {None},
    "legislation.comment_as_deputy": {"deputy"},
    "legislation.submit_for_contact_points": {"station"},
    "legislation.view_topics": {"staff", "leader", "deputy", "stranger"},
    "legislation.answer_topics": {"deputy"},
    "legislation.read_topic_answers": {"staff", "leader", "stranger"},
    "legislation.view_contact_point": {"staff", "leader", "station", "stranger"},
}


@pytest.mark.parametrize("perm", list(OFFERS))
def test_each_page_permission_role_by_role(cast, perm):
    for who in ROLES:
        user = cast[who] if who else AnonymousUser()
        assert user.has_perm(perm) is (who in OFFERS[perm]), (perm, who)


def test_the_congress_and_the_audience_decide_on_one_consultation(cast, consultation, version):
    with on(D(2024, 3, 5)):
        for_deputies = consultation_create(
            version=version, actor=cast["staff"], for_public=False, for_contact_points=False
        )
    assert cast["station"].has_perm("legislation.submit_for_contact_points", consultation)
    assert not cast["station"].has_perm("legislation.submit_for_contact_points", for_deputies)
    assert cast["deputy"].has_perm("legislation.comment_as_deputy", for_deputies)
    assert not cast["stranger"].has_perm("legislation.manage", consultation)
    assert cast["leader"].has_perm("legislation.view_opinion_history", consultation)
    assert not cast["leader"].has_perm("legislation.see_contributor", consultation)


def test_an_account_with_no_role_comments_as_the_public(db):
    from renda.accounts.models import User

    visitor = User.objects.create_user(username="visitor", password="correct-horse-battery")
    assert audience(visitor) == PUBLIC == audience(AnonymousUser())
    assert visitor.has_perm("legislation.comment_as_public")
