"""The language model's one-paragraph summary of a suggestion for the assignment sheet: staff
ask for it in the assign form, get an editable machine-drafted text, nothing is stored; the
call is audited; without a model the button is not there and assigning works as before."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from renda.audit.models import Kind, Record
from renda.core.tests.llm_stub import StubModel

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(cast: dict[str, Any]) -> Any:
    from renda.suggestions import actions as A

    s = A.suggestion_submit(
        author=cast["deputy"],
        title="关于改善农村出行的建议",
        body="李秀兰代表反映：道路破损（电话13835412345）。建议：一是修路；二是增开公交。",
        category="transport",
    )
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    return s


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_staff_get_an_editable_machine_drafted_summary(cast, accepted):
    url = reverse("reading:summary_draft", args=["suggestion", accepted.pk])
    with StubModel(reply="代表建议修缮道路并增开公交。") as stub, stub.configured():
        page = _client(cast["staff"]).get(reverse("suggestions:detail", args=[accepted.pk]))
        assert "data-reading-summary-button" in page.content.decode()
        response = _client(cast["staff"]).post(url, {"target": "#id_assign-units-0-part"})
    html = response.content.decode()
    assert "data-summary-draft" in html and "代表建议修缮道路并增开公交。" in html
    assert 'data-use-summary="#id_assign-units-0-part"' in html
    sent = "\n".join(stub.prompts())
    assert "13835412345" not in sent and "李秀兰" not in sent and "增开公交" in sent
    entry = Record.objects.get(kind=Kind.LANGUAGE_MODEL)
    assert entry.data["purpose"] == "summary" and entry.actor == cast["staff"]
    accepted.refresh_from_db()
    assert accepted.state == "accepted" and not accepted.assignments.exists()  # nothing stored


def test_a_failing_model_says_so(cast, accepted):
    url = reverse("reading:summary_draft", args=["suggestion", accepted.pk])
    with StubModel(mode="malformed") as stub, stub.configured():
        html = _client(cast["staff"]).post(url).content.decode()
    assert "data-summary-error" in html


@pytest.mark.parametrize("who", ["handler", "deputy", "leader", "stranger"])
def test_only_staff_have_a_suggestion_summarised(cast, accepted, who):
    url = reverse("reading:summary_draft", args=["suggestion", accepted.pk])
    with StubModel() as stub, stub.configured():
        assert _client(cast[who]).post(url).status_code == 404
    assert not stub.received


def test_without_a_model_there_is_no_summary_button(cast, accepted):
    page = _client(cast["staff"]).get(reverse("suggestions:detail", args=[accepted.pk]))
    assert "data-reading-summary-button" not in page.content.decode()
    url = reverse("reading:summary_draft", args=["suggestion", accepted.pk])
    assert "data-summary-error" in _client(cast["staff"]).post(url).content.decode()
