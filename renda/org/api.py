"""Read endpoints for the organisation: congresses, units, stations, deputies."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["organisation"])
