"""The public's endpoints: published suggestions only, searchable, with no personal data."""

from __future__ import annotations

import pytest

from renda.suggestions import actions as A
from renda.suggestions.models import Suggestion
from renda.suggestions.tests.test_api import Caller, as_user, assigned_suggestion
from renda.suggestions.tests.test_api_actions import contact_and_reply


@pytest.fixture
def answered(cast, org, submit):
    """Replied suggestions: an open one, a confidential one; and one still being handled."""
    public = assigned_suggestion(cast, org, submit)
    contact_and_reply(public, cast["handler"])
    secret = assigned_suggestion(cast, org, lambda: submit(title="保密建议", confidential=True))
    contact_and_reply(secret, cast["handler"])
    pending = assigned_suggestion(cast, org, lambda: submit(title="办理中的建议"))
    return {"public": public, "secret": secret, "pending": pending}


def test_public_list_shows_only_published_suggestions(answered):
    r = Caller().get("/public/suggestions")
    assert r.status_code == 200
    data = r.json()
    assert [row["id"] for row in data["items"]] == [answered["public"].pk]
    row = data["items"][0]
    assert row["lead_deputy"] == {"name": "李秀兰", "delegation": "榆次区代表团"}
    assert row["units"] == ["晋中市交通运输局"]


def test_a_reply_marked_unpublished_is_not_shown(answered):
    Suggestion.objects.filter(pk=answered["public"].pk).update(published=False)
    assert Caller().get("/public/suggestions").json()["count"] == 0
    assert Caller().get(f"/public/suggestions/{answered['public'].pk}").status_code == 404


def test_public_detail_shows_the_reply_and_its_promises(answered):
    r = Caller().get(f"/public/suggestions/{answered['public'].pk}")
    assert r.status_code == 200
    data = r.json()
    assert data["body"]
    assert data["replies"][0]["text"] == "计划年内开通新线路。"
    assert data["replies"][0]["unit"] == "晋中市交通运输局"
    assert data["replies"][0]["promises"] == [
        {
            "text": "开通新线路",
            "due_date": data["replies"][0]["promises"][0]["due_date"],
            "done": False,
        }
    ]


@pytest.mark.parametrize("which", ["secret", "pending"])
def test_confidential_and_unanswered_suggestions_are_not_public(answered, which):
    r = Caller().get(f"/public/suggestions/{answered[which].pk}")
    assert r.status_code == 404
    assert r.json()["detail"]


def test_no_personal_data_anywhere_in_the_public_json(answered, cast):
    A.suggestion_evaluate(
        suggestion=answered["public"],
        actor=cast["deputy"],
        result="basic",
        comment="家里电话13835412345",
    )
    texts = [
        Caller().get("/public/suggestions").content.decode(),
        Caller().get(f"/public/suggestions/{answered['public'].pk}").content.decode(),
    ]
    for text in texts:
        assert "13835412345" not in text  # the deputy's mobile
        assert "140702" not in text  # their ID number
        assert "0354-3000000" not in text  # the unit's contact for the deputy
        assert "phone" not in text and "id_number" not in text
        assert "保密建议" not in text
        assert "contact" not in text  # contacts, contact person
        assert "people" not in text  # who took part in a contact


def test_public_search(answered, org):
    caller = Caller()
    pk = answered["public"].pk

    def ids(**params):
        r = caller.get("/public/suggestions", **params)
        assert r.status_code == 200, r.content
        return [row["id"] for row in r.json()["items"]]

    assert ids(q="公交") == [pk]
    assert ids(q="保密") == []  # a confidential title is never found
    assert ids(q="新线路") == [pk]  # the reply's text is searched too
    assert ids(year=answered["public"].year) == [pk]
    assert ids(year=1999) == []
    assert ids(category="transport") == [pk]
    assert ids(category="health") == []
    assert ids(unit=org["unit"].pk) == [pk]
    assert ids(unit=org["other_unit"].pk) == []


@pytest.mark.parametrize("params", [{"category": "x"}, {"year": "MMXXIV"}, {"page_size": 0}])
def test_bad_public_filters_answer_422(params):
    r = Caller().get("/public/suggestions", **params)
    assert r.status_code == 422


@pytest.mark.django_db
def test_the_public_endpoints_need_no_token_but_private_ones_do():
    assert Caller().get("/public/suggestions").status_code == 200
    assert Caller().get("/suggestions").status_code == 401


def test_logged_in_users_read_the_public_view_too(answered, cast):
    r = as_user(cast, "stranger").get("/public/suggestions")
    assert r.status_code == 200 and r.json()["count"] == 1
