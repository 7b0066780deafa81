"""The scoring rules page: one row per kind, the defaults shown while none are configured,
errors beside their field with nothing saved, and saving replacing the rules."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from renda.performance.actions import RuleInput, scoring_rules_set
from renda.performance.models import ActKind, ScoringRule
from renda.performance.scoring import DEFAULT_RULES

from .conftest import html, text

K = ActKind
RULES = reverse("performance:rules")


def post_data(page, **changes):
    """The form as shown, with `changes` ({"suggestion": {"points": "6"}}) applied."""
    data = {}
    for field in page.xpath("//form[@method='post']//input"):
        name, kind = field.get("name"), field.get("type")
        if kind == "checkbox":
            if field.get("checked") is not None:
                data[name] = "on"
        elif name:
            data[name] = field.get("value") or ""
    rows = {data[k]: k.rsplit("-", 1)[0] for k in data if k.endswith("-kind")}
    for kind, fields in changes.items():
        for name, value in fields.items():
            key = f"{rows[kind]}-{name}"
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
    return data


def test_the_defaults_are_shown_while_none_are_configured(login, congress):
    page = html(login("staff").get(RULES))
    assert page.xpath("//*[@data-defaults]")
    rows = page.xpath("//tr[@data-rule]")
    assert [r.get("data-rule") for r in rows] == list(ActKind.values)
    suggestion = page.xpath("//tr[@data-rule='suggestion']")[0]
    values = {i.get("name").rsplit("-", 1)[1]: i.get("value") for i in suggestion.xpath(".//input")}
    points, cap, weight = DEFAULT_RULES[K.SUGGESTION]
    assert (values["points"], values["cap"], values["weight"]) == (str(points), str(cap), "1")


def test_saving_replaces_the_rules(in_2024, login, congress, cast):
    client = login("staff")
    page = html(client.get(RULES))
    data = post_data(
        page,
        suggestion={"points": "6", "cap": "", "weight": "1.5"},
        other={"scored": None},
    )
    response = client.post(RULES, data)
    assert response.status_code == 302 and response["Location"] == RULES
    rules = {r.kind: r for r in ScoringRule.objects.filter(congress=congress)}
    assert len(rules) == len(ActKind.values) - 1 and K.OTHER not in rules
    s = rules[K.SUGGESTION]
    assert (s.points, s.cap, s.weight) == (Decimal("6"), None, Decimal("1.5"))
    page = html(client.get(RULES))
    assert not page.xpath("//*[@data-defaults]")
    assert "Last changed by 张伟 on 2024-12-20" in text(page)
    row = page.xpath("//tr[@data-rule='other']")[0]
    assert "off" in row.get("class") and not row.xpath(".//input[@checked]")


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"suggestion": {"points": ""}}, "points", "Enter the points for each act."),
        ({"suggestion": {"points": "-1"}}, "points", "greater than or equal to 0"),
        ({"suggestion": {"points": "abc"}}, "points", "Enter a number."),
        ({"suggestion": {"cap": "10000"}}, "cap", "less than or equal to 9999.99"),
        ({"suggestion": {"weight": "100"}}, "weight", "less than or equal to 99.99"),
        ({"suggestion": {"weight": "1.234"}}, "weight", "no more than 2 decimal places"),
    ],
)
def test_errors_are_shown_beside_the_field_and_nothing_is_saved(
    login, congress, change, field, message
):
    client = login("staff")
    response = client.post(RULES, post_data(html(client.get(RULES)), **change))
    assert response.status_code == 200
    page = html(response)
    row = page.xpath("//tr[@data-rule='suggestion']")[0]
    errors = row.xpath(f".//*[contains(@id, '-{field}_errors')]")
    assert errors and message in text(errors[0])
    assert not ScoringRule.objects.exists()


def test_scoring_nothing_is_refused(login, congress):
    client = login("staff")
    page = html(client.get(RULES))
    data = post_data(page, **{k: {"scored": None} for k in ActKind.values})
    page = html(client.post(RULES, data))
    assert "Score at least one kind of act." in text(page)
    assert not ScoringRule.objects.exists()


def test_a_tampered_form_is_refused(login, congress):
    client = login("staff")
    data = post_data(html(client.get(RULES)))
    data["rules-0-kind"] = data["rules-1-kind"]  # one kind twice, another missing
    page = html(client.post(RULES, data))
    assert "The form is out of date" in text(page)
    assert not ScoringRule.objects.exists()


def test_the_defaults_can_be_brought_back(login, congress, cast):
    scoring_rules_set(actor=cast["staff"], congress=congress, rules=[RuleInput(K.TRAINING, 4)])
    client = login("staff")
    page = html(client.get(RULES))
    assert [
        r.get("data-rule") for r in page.xpath("//tr[@data-rule][not(contains(@class, 'off'))]")
    ] == [K.TRAINING]
    page = html(client.get(RULES + "?defaults=1"))
    assert len(page.xpath("//tr[@data-rule][not(contains(@class, 'off'))]")) == len(DEFAULT_RULES)
    client.post(RULES, post_data(page))
    assert ScoringRule.objects.filter(congress=congress).count() == len(DEFAULT_RULES)


@pytest.mark.parametrize("who", ["leader", "deputy", "handler", "station"])
def test_only_staff_configure_the_rules(login, congress, who):
    client = login(who)
    assert client.get(RULES).status_code == 403
    assert client.post(RULES, {}).status_code == 403
