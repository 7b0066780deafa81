"""“Mark a promise delivered” (标记承诺已落实) is offered only where a promise is still to
deliver; elsewhere the page does not offer it and the page and the API refuse it with why."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.core.workflow import ActionConflict
from renda.suggestions import actions as A
from renda.suggestions.models import Promise
from renda.suggestions.payloads import NO_PROMISES

from .handling import assigned, replied
from .test_pages_actions import act

pytestmark = pytest.mark.django_db


@pytest.fixture
def handled(cast, org, submit):
    today = timezone.localdate()
    return assigned(submit, cast["staff"], today, [A.UnitPart(org["unit"], "sole")])


def _offered(client, user, s) -> list[str]:
    client.force_login(user)
    page = client.get(reverse("suggestions:detail", args=[s.pk]))
    return [f.action for f in page.context["action_forms"]]


def test_not_offered_on_a_reply_without_promises_and_refused_with_why(client, cast, handled):
    replied(handled, cast["handler"], timezone.localdate(), "A")
    for who in ("handler", "staff"):
        assert "promise_done" not in _offered(client, cast[who], handled)
    data = {"promise_done-promise": "1", "promise_done-evidence": "已办。"}
    response = act(client, cast["handler"], handled, "promise_done", data)
    assert response.status_code == 422
    form = next(f for f in response.context["action_forms"] if f.action == "promise_done")
    assert form.non_field_errors() == [str(NO_PROMISES)]
    with pytest.raises(ActionConflict, match=re.escape(str(NO_PROMISES))):
        A.suggestion_promise_done(
            suggestion=handled, actor=cast["handler"], promise=Promise(pk=1), evidence="x"
        )


def test_offered_while_a_promise_is_to_deliver_and_not_once_all_are(client, cast, handled):
    due = timezone.localdate() + datetime.timedelta(days=30)
    replied(handled, cast["handler"], timezone.localdate(), "B", promises=[("年内开通", due)])
    assert "promise_done" in _offered(client, cast["handler"], handled)
    A.promise_done(promise=Promise.objects.get(), actor=cast["handler"], evidence="已开通。")
    assert "promise_done" not in _offered(client, cast["handler"], handled)


def test_the_api_refuses_it_with_why(cast, handled):
    from .test_api import as_user

    replied(handled, cast["handler"], timezone.localdate(), "A")
    r = as_user(cast, "handler").act(handled, "promise_done", {"promise": 1, "evidence": "已办。"})
    assert r.status_code == 409
    assert str(NO_PROMISES) in str(r.json())
