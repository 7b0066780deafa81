"""The demo year's wording (topics, replies, drafts, opinions…) as data files, read by the
demo's *_texts modules: tuples stay tuples, dataclasses come back as their class."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


def load(name: str, types: dict[str, type]) -> dict[str, Any]:
    """The constants of `<name>.json`: lists as tuples, {"__type__": …} as that dataclass,
    {"__pairs__": …} as a dict whose keys are not text (days of a month), and
    {"__names__": […]} as a tuple of the constants so named (the same objects)."""

    def decode(value: Any) -> Any:
        if isinstance(value, list):
            return tuple(decode(v) for v in value)
        if isinstance(value, dict):
            if "__pairs__" in value:
                return {decode(k): decode(v) for k, v in value["__pairs__"]}
            if "__type__" in value:
                fields = {k: decode(v) for k, v in value.items() if k != "__type__"}
                return types[value["__type__"]](**fields)
            return {k: decode(v) for k, v in value.items()}
        return value

    raw = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    found: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, dict) and "__names__" in value:
            found[key] = tuple(found[n] for n in value["__names__"])
        else:
            found[key] = decode(value)
    return found
