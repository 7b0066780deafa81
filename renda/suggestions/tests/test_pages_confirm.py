"""Irreversible steps are confirmed first, without JavaScript: declining to co-sign, withdrawing
(and converting, merging) post once to a confirmation step that says what will happen, then
again with `confirmed=1`. While a suggestion is handled, withdrawing is folded and in the
danger style, never the form shown open."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.core.models import Event
from renda.suggestions import actions as A
from renda.suggestions.workflow import SUGGESTION

from .handling import assigned
from .test_pages_actions import act

pytestmark = pytest.mark.django_db


def _kept(html: str) -> dict[str, str]:
    """The confirmation step's hidden inputs (what it posts again)."""
    step = html[html.index("data-confirm-step") :]
    found = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', step))
    found.pop("csrfmiddlewaretoken", None)
    return found


def test_the_irreversible_steps_are_declared_so():
    marked = {t.action for t in SUGGESTION.transitions if t.confirm}
    assert marked == {"decline", "withdraw", "convert", "merge"}


def test_declining_to_co_sign_is_confirmed_first(client, cast, org, submit):
    s = submit(cosigner_ids=[org["deputy2"].pk])
    before = Event.objects.filter(object_id=s.pk).count()
    first = act(client, cast["deputy2"], s, "decline")
    assert first.status_code == 200
    html = first.content.decode()
    assert first.context["consequence"] == SUGGESTION.consequence("decline")
    assert _kept(html) == {"confirmed": "1"}
    assert f'href="{reverse("suggestions:detail", args=[s.pk])}"' in html  # cancel
    assert s.cosigners.get().declined_at is None
    assert Event.objects.filter(object_id=s.pk).count() == before
    second = client.post(reverse("suggestions:act", args=[s.pk, "decline"]), _kept(html))
    assert second.status_code == 302
    assert s.cosigners.get().declined_at is not None


def test_withdrawing_shows_the_reason_and_what_happens_then_is_taken(client, cast, org, submit):
    s = assigned(submit, cast["staff"], timezone.localdate(), [A.UnitPart(org["unit"], "sole")])
    first = act(client, cast["deputy"], s, "withdraw", {"withdraw-reason": "问题已解决。"})
    assert first.status_code == 200
    html = first.content.decode()
    assert "问题已解决。" in html and SUGGESTION.consequence("withdraw") in html
    assert SUGGESTION.consequence("withdraw") == str(SUGGESTION.transition("withdraw").confirm)
    assert _kept(html) == {"withdraw-reason": "问题已解决。", "confirmed": "1"}
    s.refresh_from_db()
    assert s.state == "assigned"
    second = client.post(reverse("suggestions:act", args=[s.pk, "withdraw"]), _kept(html))
    assert second.status_code == 302
    s.refresh_from_db()
    assert s.state == "withdrawn"


def test_a_withdrawal_without_a_reason_is_refused_beside_it_before_confirming(client, cast, submit):
    s = submit()
    response = act(client, cast["deputy"], s, "withdraw", {"withdraw-reason": ""})
    assert response.status_code == 422
    form = next(f for f in response.context["action_forms"] if f.action == "withdraw")
    assert form.errors["reason"]


def test_while_handled_withdrawing_is_folded_and_not_the_default(client, cast, org, submit):
    s = assigned(submit, cast["staff"], timezone.localdate(), [A.UnitPart(org["unit"], "sole")])
    client.force_login(cast["deputy"])
    page = client.get(reverse("suggestions:detail", args=[s.pk]))
    forms = page.context["action_forms"]
    assert [(f.action, f.open) for f in forms] == [("withdraw", False)]
    html = page.content.decode()
    start = html.index('id="action-withdraw"')
    tag = html[html.rindex("<details", 0, start) : html.index(">", start)]
    assert " open" not in tag
    assert 'class="button button-danger"' in html[start : html.index("</details>", start)]
