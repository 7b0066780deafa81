"""A key suggestion's page links staff and leaders to its satisfaction poll; others see no link."""

import pytest
from django.urls import reverse

from renda.suggestions import actions as A


@pytest.fixture
def key_suggestion(cast, org, submit):
    s = submit()
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    A.suggestion_assign(
        suggestion=s, actor=cast["staff"], mode="sole", parts=[A.UnitPart(org["unit"], "sole")]
    )
    A.suggestion_mark_key(suggestion=s, actor=cast["leader"], leader=cast["leader"])
    return s


@pytest.mark.parametrize(
    ("who", "sees"), [("staff", True), ("leader", True), ("deputy", False), ("handler", False)]
)
def test_poll_link_only_for_who_supervises(client, cast, key_suggestion, who, sees):
    client.force_login(cast[who])
    page = client.get(reverse("suggestions:detail", args=[key_suggestion.pk]))
    assert page.status_code == 200
    link = reverse("suggestions:key_suggestion", args=[key_suggestion.pk])
    assert (link in page.content.decode()) is sees
