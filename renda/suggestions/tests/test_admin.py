"""The suggestions admin: staff see their congress's rows only, and nobody changes them here."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from renda.accounts.models import User
from renda.core.models import Poll, PollVote
from renda.org.models import Deputy, ElectoralUnit, Person, Term
from renda.suggestions import actions as A
from renda.suggestions.models import (
    Assignment,
    Motion,
    Reply,
    Suggestion,
)

from .handling import assigned, replied

D = datetime.date


@pytest.fixture
def admin_staff(cast) -> User:
    """A staff officer let into the admin with every permission on suggestions."""
    staff = cast["staff"]
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="suggestions"))
    return User.objects.get(pk=staff.pk)  # a fresh object: no stale permission cache


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("root", password="root-password-long", email="")


@pytest.fixture
def ours(cast, org, submit):
    s = assigned(
        submit, cast["staff"], D(2024, 3, 1), [A.UnitPart(org["unit"], "sole")], title="本市建议"
    )
    replied(s, cast["handler"], D(2024, 4, 1), "A")
    return s


@pytest.fixture
def theirs(other_congress):
    """A suggestion of another congress, made directly: that congress has no cast here."""
    term = Term.objects.create(congress=other_congress, number=16, start_date=D(2021, 9, 1))
    eu = ElectoralUnit.objects.create(congress=other_congress, name="小店区")
    person = Person.objects.create(congress=other_congress, name="赵太原", gender="M")
    deputy = Deputy.objects.create(
        congress=other_congress,
        term=term,
        person=person,
        card_number="ty-001",
        electoral_unit=eu,
        elected_on=D(2021, 9, 1),
    )
    return Suggestion.objects.create(
        congress=other_congress,
        year=2024,
        period="recess",
        title="外市建议",
        body="内容",
        category="other",
        lead_deputy=deputy,
        submitted_at=datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC),
    )


def test_every_suggestion_model_is_registered_read_only():
    from renda.suggestions import models

    for model in (
        models.Suggestion,
        models.CoSigner,
        models.Attachment,
        models.Assignment,
        models.Contact,
        models.Reply,
        models.Promise,
        models.Evaluation,
        models.Extension,
        Poll,
        PollVote,
        models.Motion,
    ):
        model_admin = admin.site._registry.get(model)
        if model is models.CoSigner:
            continue  # shown inline on its suggestion
        assert model_admin is not None, model
        assert not model_admin.has_add_permission(None)
        assert not model_admin.has_change_permission(None)
        assert not model_admin.has_delete_permission(None)


def test_staff_see_only_their_congress_suggestions(client, admin_staff, ours, theirs):
    client.force_login(admin_staff)
    response = client.get(reverse("admin:suggestions_suggestion_changelist"))
    assert response.status_code == 200
    assert [s.title for s in response.context["cl"].result_list] == ["本市建议"]
    assert client.get(
        reverse("admin:suggestions_suggestion_change", args=[theirs.pk])
    ).status_code in (
        302,
        404,
    )


def test_staff_read_a_suggestion_with_its_handling_but_cannot_change_it(client, admin_staff, ours):
    client.force_login(admin_staff)
    url = reverse("admin:suggestions_suggestion_change", args=[ours.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "晋中市交通运输局" in html  # the assignment inline
    response = client.post(url, {"title": "改过的标题"})
    assert response.status_code == 403
    ours.refresh_from_db()
    assert ours.title == "本市建议"
    assert client.get(reverse("admin:suggestions_suggestion_add")).status_code == 403


def test_child_rows_are_scoped_through_their_suggestion(client, admin_staff, ours, theirs, org):
    Assignment.objects.create(
        suggestion=theirs,
        unit=org["unit"],
        role="sole",
        assigned_at=theirs.submitted_at,
        contest_due=D(2024, 3, 8),
    )
    client.force_login(admin_staff)
    for model, expected in ((Assignment, 1), (Reply, 1)):
        url = reverse(f"admin:suggestions_{model._meta.model_name}_changelist")
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["cl"].result_count == expected


def test_superusers_see_every_congress(client, superuser, ours, theirs):
    client.force_login(superuser)
    response = client.get(reverse("admin:suggestions_suggestion_changelist"))
    assert {s.title for s in response.context["cl"].result_list} == {"本市建议", "外市建议"}
    assert client.get(reverse("admin:suggestions_motion_changelist")).status_code == 200
    assert Motion.objects.count() == 0


def test_poll_votes_do_not_show_who_voted(client, superuser, cast, ours):
    ours.is_key = True
    ours.save()
    poll = Poll.objects.create(
        case=ours, congress=ours.congress, title="测评", opened_at=ours.submitted_at
    )
    PollVote.objects.create(
        poll=poll, voter=cast["leader"], result="satisfied", voted_at=ours.submitted_at
    )
    client.force_login(superuser)
    vote = PollVote.objects.get()
    html = client.get(reverse("admin:core_pollvote_change", args=[vote.pk])).content.decode()
    assert "leader" not in html.split('id="content"')[1]
