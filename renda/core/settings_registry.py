"""The rules each congress may set (deadline lengths, thresholds): declared by the domain that
owns them, with the statutory default and its source, and read through Congress.setting()."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    label: str | Promise  # what it is: "Months a unit has to reply"
    source: str | Promise = ""  # where the default comes from (a law, a local rule)


SETTINGS: dict[str, Setting] = {}


def register_settings(settings: Iterable[Setting]) -> None:
    for s in settings:
        known = SETTINGS.get(s.name)
        if known is not None and known.default != s.default:
            raise ValueError(f"setting {s.name!r} declared twice with different defaults")
        SETTINGS[s.name] = s


def default_of(name: str) -> Any:
    """The statutory default of a registered setting (KeyError for an unknown name)."""
    return SETTINGS[name].default
