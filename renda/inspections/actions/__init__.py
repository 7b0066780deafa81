"""Every write of inspections: the item (items.py) and its problems' workflow (problems.py)."""

from renda.inspections.actions.items import (
    aspect_add,
    inspection_add_members,
    inspection_add_phase,
    inspection_create,
    inspection_join,
    inspection_report,
    inspection_to_hearing,
    site_add,
)
from renda.inspections.actions.problems import (
    problem_record,
    problem_refer,
    problem_report,
    problem_verify,
    units_for,
)

__all__ = [
    "aspect_add",
    "inspection_add_members",
    "inspection_add_phase",
    "inspection_create",
    "inspection_join",
    "inspection_report",
    "inspection_to_hearing",
    "problem_record",
    "problem_refer",
    "problem_report",
    "problem_verify",
    "site_add",
    "units_for",
]
