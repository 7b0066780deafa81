"""An irreversible action (a transition declared `confirm=True`) is confirmed before it is
taken, in plain HTML: posted without `confirmed=1`, its checked input comes back as a step that
says what will happen, with confirm and cancel; posted with it, the action is taken. The
declaration says so once; every case page (core.pages) honours it."""

from __future__ import annotations

import dataclasses
import re

import pytest
from django.urls import reverse

from renda.core.actionforms import form_class_for
from renda.core.models import Event
from renda.core.tests.caseapp.models import Ticket
from renda.core.tests.caseapp.workflow import TICKET
from renda.core.workflow import WORKFLOWS

pytestmark = [pytest.mark.django_db, pytest.mark.urls("renda.core.tests.caseapp.urls")]


@pytest.fixture
def ticket(congress):
    return Ticket.objects.create(congress=congress, title="路灯不亮")


@pytest.fixture
def irreversible_assign(monkeypatch):
    """The test Ticket's assign, declared irreversible for the test."""
    t = dataclasses.replace(TICKET.transition("assign"), confirm=True)
    monkeypatch.setitem(TICKET._by_action, "assign", t)
    return t


def _hidden(html: str) -> dict[str, str]:
    step = html[html.index("data-confirm-step") :]
    found = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', step))
    found.pop("csrfmiddlewaretoken", None)
    return found


def test_a_first_post_shows_what_will_happen_and_changes_nothing(
    client, cast, org, ticket, irreversible_assign
):
    client.force_login(cast["staff"])
    url = reverse("ticket_act", args=[ticket.pk, "assign"])
    response = client.post(url, {"assign-unit": org["unit"].pk, "assign-comment": "请办理"})
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["consequence"] == TICKET.consequence("assign")
    assert TICKET.state_label("assigned") in response.context["consequence"]
    # What was typed is shown, and posted again with the confirmation.
    assert [str(text) for _label, text in response.context["typed"]] == ["请办理"]
    assert _hidden(html) == {
        "assign-unit": str(org["unit"].pk),
        "assign-comment": "请办理",
        "confirmed": "1",
    }
    assert f'action="{url}"' in html
    assert f'href="{reverse("ticket", args=[ticket.pk])}"' in html  # cancel: back to the page
    step = html[
        html.index("data-confirm-step") : html.index("</form>", html.index("data-confirm-step"))
    ]
    assert "<script" not in step and "onclick" not in step  # a plain form: no JavaScript needed
    ticket.refresh_from_db()
    assert ticket.state == "open" and not Event.objects.exists()


def test_the_confirmed_post_takes_the_action(client, cast, org, ticket, irreversible_assign):
    client.force_login(cast["staff"])
    url = reverse("ticket_act", args=[ticket.pk, "assign"])
    first = client.post(url, {"assign-unit": org["unit"].pk, "assign-comment": "请办理"})
    second = client.post(url, _hidden(first.content.decode()))
    assert second.status_code == 302
    ticket.refresh_from_db()
    assert ticket.state == "assigned" and ticket.unit_id == org["unit"].pk
    assert Event.objects.get().comment == "请办理"


def test_bad_input_is_refused_beside_its_field_before_any_confirmation(
    client, cast, other_congress, ticket, irreversible_assign
):
    from renda.org.models import HandlingUnit

    elsewhere = HandlingUnit.objects.create(congress=other_congress, name="太原市交通局")
    client.force_login(cast["staff"])
    url = reverse("ticket_act", args=[ticket.pk, "assign"])
    missing = client.post(url, {"assign-comment": "请办理"})
    assert missing.status_code == 422 and "unit" in missing.context["action_forms"][0].errors
    refused = client.post(url, {"assign-unit": elsewhere.pk, "confirmed": "1"})
    assert refused.status_code == 422
    form = refused.context["action_forms"][0]
    assert form.errors["unit"] == ["No such handling unit in this congress."]
    assert form["unit"].value() == str(elsewhere.pk)  # what was typed stays
    assert not Event.objects.exists()


def test_an_irreversible_action_is_never_the_form_shown_open(
    client, cast, ticket, irreversible_assign
):
    client.force_login(cast["staff"])
    forms = client.get(reverse("ticket", args=[ticket.pk])).context["action_forms"]
    assert [(f.action, f.open, f.confirm) for f in forms] == [
        ("assign", False, True),
        ("note", True, False),
    ]
    html = client.get(reverse("ticket", args=[ticket.pk])).content.decode()
    folded = html[html.index('id="action-assign"') - 40 : html.index('id="action-assign"')]
    assert "<details" in folded


def test_without_the_mark_an_action_is_taken_at_once(client, cast, org, ticket):
    client.force_login(cast["staff"])
    url = reverse("ticket_act", args=[ticket.pk, "assign"])
    assert client.post(url, {"assign-unit": org["unit"].pk}).status_code == 302


@pytest.mark.urls("renda.urls")
def test_a_confirmation_cannot_carry_files_so_no_irreversible_action_takes_them():
    marked = [
        (w, t.action)
        for w in WORKFLOWS.values()
        for t in w.transitions
        if t.confirm and not t.system
    ]
    assert len(marked) >= 10
    for w, action in marked:
        form = form_class_for(w, action)
        files = [n for n, f in form.base_fields.items() if f.widget.needs_multipart_form]
        assert not files, f"{w.name}.{action} takes files: {files}"
        assert w.consequence(action)
