"""Texts of the demo standing committee's meetings: the offices it appoints to, the reports it
heard, the budget adjustments, decisions and resolutions it adopted, and the current year's.

The wording itself is in data/meeting.json; this module gives it its types.
"""

from __future__ import annotations

from typing import Any

from renda.demo.data import load

_DATA = load("meeting", {})

# (organization, organization's name, office, seats)
OFFICES: tuple[tuple[str, str, str, int], ...] = _DATA["OFFICES"]
# Offices created in 2024 (the budget working committee): no holder before.
NEW_OFFICES_2024: tuple[str, ...] = _DATA["NEW_OFFICES_2024"]
PROPOSERS: dict[str, str] = _DATA["PROPOSERS"]  # organization -> who proposes
PROPOSAL_TITLES: dict[str, str] = _DATA["PROPOSAL_TITLES"]
CURRENT_POSTS: tuple[str, ...] = _DATA["CURRENT_POSTS"]
DEPTS: tuple[str, ...] = _DATA["DEPTS"]
COURT_POSTS: tuple[str, ...] = _DATA["COURT_POSTS"]
PROC_POSTS: tuple[str, ...] = _DATA["PROC_POSTS"]
EDUCATION: tuple[tuple[str, int], ...] = _DATA["EDUCATION"]
# meeting number -> person-times appointed or removed there (69 in 2024)
APPOINTMENTS_2024: dict[int, int] = _DATA["APPOINTMENTS_2024"]
MEETING_DAYS_2024: dict[int, tuple[int, int]] = _DATA["MEETING_DAYS_2024"]  # (month, day)
# meeting number -> (title, presented by): the 27 work reports of 2024
REPORTS_2024: dict[int, tuple[tuple[str, str], ...]] = _DATA["REPORTS_2024"]
BUDGETS_2024: tuple[tuple[int, str, str], ...] = _DATA["BUDGETS_2024"]
OTHER_ITEMS_2024: tuple[tuple[int, str, str, str], ...] = _DATA["OTHER_ITEMS_2024"]
# {"meeting", "kind", "title", "text", "repeals"}: the 10 of 2024
DECISIONS_2024: tuple[dict[str, Any], ...] = _DATA["DECISIONS_2024"]
OLD_DECISION: dict[str, Any] = _DATA["OLD_DECISION"]
LEAVE_REASONS: tuple[str, ...] = _DATA["LEAVE_REASONS"]
NOTICE: str = _DATA["NOTICE"]
PLACE: str = _DATA["PLACE"]
REPORTS_NOW: tuple[tuple[str, str], ...] = _DATA["REPORTS_NOW"]
DECISIONS_NOW: tuple[dict[str, Any], ...] = _DATA["DECISIONS_NOW"]
COUNCIL_ITEMS: tuple[str, ...] = _DATA["COUNCIL_ITEMS"]
MINUTES: str = _DATA["MINUTES"]
