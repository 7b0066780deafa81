"""A case type is a declaration that core renders: the test-only Ticket (core/tests/caseapp)
declares its states, tones, transitions, events, settings and a scheduled expiry, binds one
function per action, and gets its page's action forms, API routes, badges, timeline and
system transitions from core without writing any of them."""

from __future__ import annotations

import datetime
import json

import pytest
from django.template import Context, Template
from django.urls import reverse

from renda.accounts.tests.test_api_token import bearer
from renda.core.deadlines import remind
from renda.core.models import Event
from renda.core.tests.caseapp.models import Ticket
from renda.core.tests.caseapp.workflow import TICKET
from renda.core.timeline import timeline
from renda.core.workflow import SYSTEM, ActionForbidden, record_event

pytestmark = [pytest.mark.django_db, pytest.mark.urls("renda.core.tests.caseapp.urls")]


@pytest.fixture
def ticket(congress):
    return Ticket.objects.create(congress=congress, title="路灯不亮")


def _badge(ticket: Ticket) -> str:
    return Template("{% load renda_ui %}{% state_badge t %}").render(Context({"t": ticket}))


# --- badges and groups ------------------------------------------------------------------------


def test_the_badge_takes_its_colour_and_label_from_the_declaration(ticket):
    assert _badge(ticket) == '<span class="badge badge-info" data-state="open">Open</span>'
    ticket.state = Ticket.State.DONE
    assert 'class="badge badge-success"' in _badge(ticket)


def test_a_declaration_must_colour_every_state():
    from renda.core.workflow import Workflow

    with pytest.raises(ValueError, match="no tone"):
        Workflow(
            "partly-coloured",
            states=Ticket.State,
            transitions=[],
            tones={Ticket.State.OPEN: "info"},
        )


def test_named_groups_come_from_the_declaration():
    assert TICKET.group("active") == {"open", "assigned"}


def test_a_declared_setting_is_a_congress_setting_with_its_default(congress):
    assert congress.setting("ticket_reply_days") == 7
    congress.settings = {"ticket_reply_days": 3}
    assert congress.setting("ticket_reply_days") == 3
    with pytest.raises(KeyError):
        congress.setting("no_domain_declares_this")


# --- the page: forms from the payloads, refusals beside the field ------------------------------


def test_staff_see_the_forms_of_what_they_may_do_in_the_declared_order(client, cast, ticket):
    client.force_login(cast["staff"])
    page = client.get(reverse("ticket", args=[ticket.pk]))
    assert page.status_code == 200
    forms = page.context["action_forms"]
    assert [f.action for f in forms] == ["assign", "note"]  # "order": assign before note
    assign = forms[0]
    assert assign.open and list(assign.fields) == ["unit", "comment"]
    assert str(assign.fields["unit"].label) == "Handling unit"
    assert assign.button_class == "button" and forms[1].button_class == "button button-secondary"
    html = page.content.decode()
    assert 'id="action-assign"' in html and 'data-state="open"' in html


def test_an_action_taken_from_the_page_goes_through_the_bound_function(client, cast, org, ticket):
    client.force_login(cast["staff"])
    url = reverse("ticket_act", args=[ticket.pk, "assign"])
    response = client.post(url, {"assign-unit": org["unit"].pk, "assign-comment": "请办理"})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.state == "assigned" and ticket.unit_id == org["unit"].pk
    page = client.get(reverse("ticket", args=[ticket.pk]))
    assert "The ticket is assigned." in page.content.decode()  # the transition's `done`


def test_a_payload_refusal_shows_beside_its_field_and_changes_nothing(
    client, cast, other_congress, ticket
):
    from renda.org.models import HandlingUnit

    elsewhere = HandlingUnit.objects.create(congress=other_congress, name="太原市交通局")
    client.force_login(cast["staff"])
    url = reverse("ticket_act", args=[ticket.pk, "assign"])
    response = client.post(url, {"assign-unit": elsewhere.pk})
    assert response.status_code == 422
    form = response.context["action_forms"][0]
    assert form.errors["unit"] == ["No such handling unit in this congress."]
    ticket.refresh_from_db()
    assert ticket.state == "open" and not Event.objects.exists()


def test_an_action_the_state_no_longer_allows_is_a_conflict_on_the_page(client, cast, ticket):
    ticket.state = Ticket.State.DONE
    ticket.save()
    client.force_login(cast["staff"])
    response = client.post(reverse("ticket_act", args=[ticket.pk, "assign"]), {"assign-unit": 1})
    assert response.status_code == 409
    assert response.context["conflict"].startswith("未作任何更改")  # "Nothing was changed"


def test_a_user_the_rule_refuses_gets_403_and_system_actions_are_no_page_actions(
    client, cast, ticket
):
    client.force_login(cast["deputy"])
    assert client.post(reverse("ticket_act", args=[ticket.pk, "assign"])).status_code == 403
    client.force_login(cast["staff"])
    assert client.post(reverse("ticket_act", args=[ticket.pk, "expire"])).status_code == 404
    assert client.post(reverse("ticket_act", args=[ticket.pk, "fly"])).status_code == 404


# --- the API: one route per bound action ------------------------------------------------------


def _post(client, user, ticket, action, payload=None):
    return client.post(
        f"/api/caseapp/tickets/{ticket.pk}/actions/{action}",
        data=json.dumps(payload or {}),
        content_type="application/json",
        headers=bearer(user),
    )


def test_the_api_has_a_route_per_action_with_its_own_payload(client, cast, org, ticket):
    schema = client.get("/api/caseapp/openapi.json").json()
    routes = {p for p in schema["paths"] if "/actions/" in p}
    assert routes == {
        f"/api/caseapp/tickets/{{ticket_id}}/actions/{a}" for a in ("assign", "reply", "note")
    }
    assign = schema["paths"]["/api/caseapp/tickets/{ticket_id}/actions/assign"]["post"]
    assert assign["operationId"] == "ticket_action_assign" and assign["summary"] == "Assign"
    response = _post(client, cast["staff"], ticket, "assign", {"unit": org["unit"].pk})
    assert response.status_code == 200 and response.json()["state"] == "assigned"
    response = _post(client, cast["handler"], ticket, "reply", {"answer": "已修复"})
    assert response.json() == {**response.json(), "state": "done", "answer": "已修复"}


def test_the_api_answers_refusals_as_the_pages_do(client, cast, org, ticket):
    bad = _post(client, cast["staff"], ticket, "assign", {"unit": 2**40})
    assert bad.status_code == 422 and bad.json()["field"] == "unit"
    refused = _post(client, cast["deputy"], ticket, "assign", {"unit": org["unit"].pk})
    assert refused.status_code == 403
    assert (
        _post(client, cast["staff"], ticket, "assign", {"unit": org["unit"].pk}).status_code == 200
    )
    assert (
        _post(client, cast["staff"], ticket, "assign", {"unit": org["unit"].pk}).status_code == 409
    )
    unknown = _post(client, cast["staff"], ticket, "fly")
    assert unknown.status_code == 422 and "fly" in unknown.json()["detail"]


# --- the timeline -----------------------------------------------------------------------------


def test_the_timeline_names_and_describes_each_event_as_declared(cast, org, ticket):
    record_event(case=ticket, action="open", actor=None, to_state="open")
    TICKET.take("assign", case=ticket, actor=cast["staff"], payload=None, unit=org["unit"])
    entries = timeline(ticket)
    assert [e.label for e in entries] == ["Opened", "Assigned"]  # event kind; transition's past
    assert entries[0].who == "the public"  # the event kind's actor when no user acted
    assert entries[1].detail == str(org["unit"])  # its `describe`, with the unit's name
    assert (entries[1].from_label, entries[1].to_label) == ("Open", "Assigned")
    assert entries[1].who.startswith(cast["staff"].display_name)


# --- system transitions -----------------------------------------------------------------------


def test_renda_remind_takes_the_scheduled_expiry_once(ticket, cast):
    ticket.expires_on = datetime.date(2024, 9, 30)
    ticket.save()
    assert remind(today=datetime.date(2024, 9, 30)).system == 0  # not yet expired
    assert remind(today=datetime.date(2024, 10, 1)).system == 1
    assert remind(today=datetime.date(2024, 10, 2)).system == 0  # idempotent
    ticket.refresh_from_db()
    event = Event.objects.get(action="expire")
    assert ticket.state == "done" and event.actor is None


def test_only_the_system_takes_a_system_transition_and_never_a_users_one(ticket, cast):
    with pytest.raises(ActionForbidden):
        TICKET.take("expire", case=ticket, actor=cast["staff"])
    with pytest.raises(ActionForbidden):
        TICKET.take("note", case=ticket, actor=SYSTEM, comment="x")
    assert "expire" not in [t.action for t in TICKET.available(cast["staff"], ticket)]


def test_a_transition_taken_without_a_user_names_who_took_it_in_the_timeline():
    from renda.core.models import Event
    from renda.core.timeline import _who
    from renda.core.workflow import Transition

    rate = Transition("rate", {"done"}, None, lambda u, c: True, "Rate", actor_label="the public")
    expire = Transition("expire", {"open"}, "done", lambda u, c: True, "Expire", system=True)
    anonymous = Event(action="rate")
    assert _who(anonymous, rate) == "the public"
    assert _who(anonymous, expire) == _who(anonymous, None)  # the system
