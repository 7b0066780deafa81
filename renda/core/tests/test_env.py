"""Settings from environment variables: defaults, parsing, errors naming the variable."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from renda.env import env_bool, env_choice, env_int, env_list, env_str

VAR = "RENDA_TEST_SETTING"


@pytest.fixture(autouse=True)
def _unset(monkeypatch):
    monkeypatch.delenv(VAR, raising=False)


def test_unset_variables_take_the_default():
    assert env_str(VAR, "x") == "x"
    assert env_bool(VAR, True) is True
    assert env_int(VAR, 7) == 7
    assert env_list(VAR, ["a"]) == ["a"]
    assert env_choice(VAR, "dev", ("dev", "prod")) == "dev"


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1", True), ("TRUE", True), (" yes ", True), ("on", True)]
    + [("0", False), ("false", False), ("No", False), ("off", False), ("", False)],
)
def test_booleans_are_read_in_the_usual_spellings(monkeypatch, raw, value):
    monkeypatch.setenv(VAR, raw)
    assert env_bool(VAR, not value) is value


@pytest.mark.parametrize("raw", ["2", "yes please", "enabled", "真"])
def test_a_bad_boolean_is_refused_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(ImproperlyConfigured, match=VAR):
        env_bool(VAR, False)


def test_integers_are_parsed_and_checked(monkeypatch):
    monkeypatch.setenv(VAR, "42")
    assert env_int(VAR, 0, minimum=1) == 42
    monkeypatch.setenv(VAR, "0")
    with pytest.raises(ImproperlyConfigured, match=f"{VAR} must be at least 1"):
        env_int(VAR, 5, minimum=1)


@pytest.mark.parametrize("raw", ["", "ten", "3.5", "1e3"])
def test_a_bad_integer_is_refused_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(ImproperlyConfigured, match=VAR):
        env_int(VAR, 5)


def test_lists_are_comma_separated_and_trimmed(monkeypatch):
    monkeypatch.setenv(VAR, " renda.example.cn, ,127.0.0.1 ")
    assert env_list(VAR, []) == ["renda.example.cn", "127.0.0.1"]
    monkeypatch.setenv(VAR, "")
    assert env_list(VAR, ["default"]) == []


def test_a_choice_outside_the_list_is_refused_naming_the_variable(monkeypatch):
    monkeypatch.setenv(VAR, "staging")
    with pytest.raises(ImproperlyConfigured, match=f"{VAR} must be one of dev, prod"):
        env_choice(VAR, "dev", ("dev", "prod"))
