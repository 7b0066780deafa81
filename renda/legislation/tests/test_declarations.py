"""Legislation's four case types are complete declarations: every transition has its action
function bound and a form for the pages (the system's expiry is scheduled instead), every
state a badge tone, every event the actions write a label; core renders their badges and
timelines from them."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import reverse

from renda.core.actionforms import derived_field, form_class_for
from renda.core.models import Event
from renda.core.timeline import timeline
from renda.legislation.actions.opinions import opinion_handle, opinion_submit_deputy
from renda.legislation.models import Opinion
from renda.legislation.workflow import CONSULTATION, OPINION, REGULATION, TOPIC_SOLICITATION

from .conftest import D, on

WORKFLOWS = [REGULATION, CONSULTATION, OPINION, TOPIC_SOLICITATION]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_every_transition_has_its_action_and_every_user_action_a_form(workflow):
    scheduled = {task.action for task in workflow.schedule}
    for t in workflow.transitions:
        binding = workflow.binding(t.action)  # raises when nothing is bound
        assert binding.fn is not None
        if t.system:
            assert t.action in scheduled, f"{t.action}: a system transition nobody takes"
            continue
        form = form_class_for(workflow, t.action)
        assert form.payload_class is binding.payload
        for name in binding.payload.model_fields if binding.payload else {}:
            assert name in form.base_fields or derived_field(binding.payload, name), name
        assert str(t.label) and str(t.done), t.action


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_every_state_has_a_tone_and_the_order_names_every_user_action(workflow):
    assert set(workflow.tones) == set(workflow.states.values)
    users = {t.action for t in workflow.transitions if not t.system}
    assert users <= set(workflow.order)


@pytest.mark.django_db
def test_every_event_the_actions_wrote_is_declared(cast, consultation, contact_point):
    with on(D(2024, 3, 10)):
        opinion_submit_deputy(consultation=consultation, actor=cast["deputy"], text="意见")
    for event in Event.objects.all():
        flow = {w.model: w for w in WORKFLOWS}[event.content_type.model_class()]
        assert event.action in flow.actions or flow.event_kind(event.action), event.action


@pytest.mark.django_db
def test_the_badge_of_an_opinion_not_adopted_is_the_same_everywhere(cast, consultation):
    with on(D(2024, 3, 10)):
        opinion = opinion_submit_deputy(consultation=consultation, actor=cast["deputy"], text="意")
        opinion_handle(opinion=opinion, actor=cast["staff"], outcome="not_adopted", reason="另有")
    badge = Template("{% load renda_ui %}{% state_badge o %}").render(Context({"o": opinion}))
    assert 'class="badge badge-danger" data-state="not_adopted"' in badge


@pytest.mark.django_db
def test_staff_and_leaders_read_an_opinions_timeline_its_contributor_does_not(
    client, cast, consultation
):
    with on(D(2024, 3, 10)):
        opinion = opinion_submit_deputy(consultation=consultation, actor=cast["deputy"], text="意")
        opinion_handle(opinion=opinion, actor=cast["staff"], outcome="adopted")
    entries = timeline(Opinion.objects.get())
    assert [e.event.action for e in entries] == ["submit", "handle"]
    assert (entries[1].from_label, entries[1].to_label) != ("", "")
    url = reverse("legislation:opinion", args=[opinion.pk])
    for who, shown in (("staff", True), ("leader", True), ("deputy", False)):
        client.force_login(cast[who])
        assert ('id="timeline"' in client.get(url).content.decode()) is shown, who


@pytest.mark.django_db
def test_a_regulations_timeline_says_each_stages_day_and_each_versions_number(cast, version):
    from renda.legislation.actions.regulations import regulation_advance

    regulation = version.regulation
    with on(D(2024, 4, 20)):
        regulation_advance(
            regulation=regulation, action="first_reading", actor=cast["staff"], on=D(2024, 4, 18)
        )
    entries = {e.event.action: e for e in timeline(regulation)}
    assert set(entries) == {"create", "import_draft", "first_reading"}
    assert entries["first_reading"].detail == "2024-04-18"  # the meeting day, not today
    assert "1" in entries["import_draft"].detail
    assert entries["first_reading"].to_label == str(REGULATION.state_label("first_reading"))
