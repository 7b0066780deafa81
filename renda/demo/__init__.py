"""The demo year: `renda demo` rebuilds it, module by module, in one transaction.

Each module named in BUILDERS provides two functions:
- `clear() -> None` deletes the rows it built (run in reverse order, so a later module's
  rows go before the organisation they point to);
- `build(*, today: datetime.date, stdout: Writer) -> None` creates them again (run in order,
  so a later module finds the organisation built; it looks rows up by their codes and names).
Each module seeds its own random.Random, so adding a module never changes another's data.
"""

from __future__ import annotations

import datetime
import io
import time
from collections.abc import Sequence
from importlib import import_module
from typing import Any, Protocol

from django.conf import settings
from django.db import transaction
from django.utils import timezone

BUILDERS: list[str] = [
    "renda.demo.org",  # congresses, bodies, units, deputies, stations, points, users: first
    "renda.demo.suggestions",  # suggestions and motions of 2024 and of the current year
    "renda.demo.legislation",  # regulations, drafts, opinions on them, agenda topics
    "renda.demo.meetings",  # standing committee meetings, votes, decisions, appointments
    "renda.demo.stations",  # contact stations' activities, trainings, constituents' opinions
    "renda.demo.filings",  # normative documents filed and reviewed, the register, proposals
    "renda.demo.petitions",  # petitions, the petitions office, key cases, deputies' follow-up
    "renda.demo.supervision",  # the plan, reports heard, deliberation opinions, inquiries
    "renda.demo.inspections",  # inspections, research and visits: sites, problems, rectification
    "renda.demo.performance",  # sessions staff record, scoring rules: last
]


class Writer(Protocol):
    def write(self, msg: str) -> Any: ...


class DemoRefusedError(Exception):
    """The demo data would overwrite real data: never in production."""


def _modules() -> list[Any]:
    return [import_module(path) for path in BUILDERS]


def clear() -> None:
    """Delete the demo year's rows, the last module's first."""
    if settings.PRODUCTION:
        raise DemoRefusedError("Refusing to delete the demo data in production.")
    with transaction.atomic():
        for module in reversed(_modules()):
            module.clear()


def module_names() -> list[str]:
    return [path.rsplit(".", 1)[-1] for path in BUILDERS]


def build(
    *,
    today: datetime.date | None = None,
    stdout: Writer | None = None,
    only: Sequence[str] | None = None,
) -> None:
    """Delete the demo year's rows and create them again (idempotent, deterministic).

    `only` names the modules to build (e.g. ["org"], for fast tests); all are cleared.
    """
    if settings.PRODUCTION:
        raise DemoRefusedError(
            "Refusing to build the demo data in production (RENDA_ENV=production): "
            "it deletes and recreates the demo congresses and their accounts."
        )
    day = today or timezone.localdate()
    out: Writer = stdout if stdout is not None else io.StringIO()
    unknown = set(only or ()) - set(module_names())
    if unknown:
        raise ValueError(f"no demo module named {', '.join(sorted(unknown))}")
    started = time.monotonic()
    with transaction.atomic():
        clear()
        for name, module in zip(module_names(), _modules(), strict=True):
            if only is None or name in only:
                module.build(today=day, stdout=out)
    out.write(
        f"Demo data rebuilt in {time.monotonic() - started:.1f} s (today = {day}). "
        f"Accounts {', '.join(settings.DEMO_USERNAMES)}, password {settings.DEMO_PASSWORD}.\n"
    )
