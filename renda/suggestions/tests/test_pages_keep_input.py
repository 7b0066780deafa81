"""A refused form keeps what was typed: a handler's reply refused for "no contact recorded
yet" comes back with its text, result, signer, contact and phone, the refusal on the form;
and while the unit has recorded no contact in this round, recording one is the form shown
first (and open), the reply after it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from renda.suggestions import actions as A
from renda.suggestions.models import Reply

from .handling import assigned
from .test_pages_actions import act, contact, reply_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def handled(cast, org, submit):
    today = timezone.localdate()
    return assigned(submit, cast["staff"], today, [A.UnitPart(unit=org["unit"], role="sole")])


def _forms(response):
    return {f.action: f for f in response.context["action_forms"]}


def test_a_reply_refused_for_no_contact_keeps_everything_typed(client, cast, handled):
    typed = reply_form(
        "A",
        text="经研究，拟于年内增设公交线路。",
        signer="王局长",
        contact_person="刘洋",
        contact_phone="0354-3326575",
    )
    response = act(client, cast["handler"], handled, "reply", typed)
    assert response.status_code == 409
    reply = _forms(response)["reply"]
    assert reply.is_bound and reply.has_errors
    kept = {name: reply[name].value() for name in ("text", "category", "signer")}
    kept |= {name: reply[name].value() for name in ("contact_person", "contact_phone")}
    assert kept == {
        "text": "经研究，拟于年内增设公交线路。",
        "category": "A",
        "signer": "王局长",
        "contact_person": "刘洋",
        "contact_phone": "0354-3326575",
    }
    html = response.content.decode()
    assert "经研究，拟于年内增设公交线路。</textarea>" in html
    assert 'value="0354-3326575"' in html and 'value="王局长"' in html
    # The refusal is shown on the reply form, which is open.
    start = html.index('id="action-reply"')
    assert " open" in html[html.rindex("<details", 0, start) : html.index(">", start)]
    refusal = gettext("Talk with the deputy first and record the contact before replying.")
    assert refusal in reply.non_field_errors()
    assert not Reply.objects.exists()


def test_the_contact_form_comes_first_and_open_while_none_is_recorded(client, cast, handled):
    client.force_login(cast["handler"])
    url = reverse("suggestions:detail", args=[handled.pk])
    shown = client.get(url).context["action_forms"]
    actions = [f.action for f in shown]
    assert actions.index("communicate") < actions.index("reply")
    assert [f.action for f in shown if f.open] == ["communicate"]
    contact(handled, cast["handler"])
    shown = client.get(url).context["action_forms"]
    actions = [f.action for f in shown]
    assert actions.index("reply") < actions.index("communicate")
    assert [f.action for f in shown if f.open] == ["reply"]


def test_after_the_refusal_the_contact_then_the_kept_reply_go_through(client, cast, handled):
    typed = reply_form("A", text="经研究，答复如下。", signer="王局长")
    assert act(client, cast["handler"], handled, "reply", typed).status_code == 409
    contact(handled, cast["handler"])
    assert act(client, cast["handler"], handled, "reply", typed).status_code == 302
    assert Reply.objects.get().signer == "王局长"
