"""Who may do what in supervision: staff run the plan, the reports, the opinions and the
inquiries; leaders (standing committee members) read everything and vote in the polls; a
handling unit's officers see and answer only the opinions sent to their unit and the inquiries
their department was asked at; the public reads what the congress published."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from renda.core.predicates import (
    Clause,
    Scope,
    has_role,
    has_unit,
    is_leader,
    is_staff,
    leader_of_congress,
    of_unit,
    staff_of_congress,
)

# The public: anyone without a role here (a role sees what its own clause shows it; a unit's
# officers only their unit's opinions, even those published).
public = ~has_role


def _congress(user: Any) -> Q:
    return Q(congress_id=user.congress_id)


# The opinions a unit sees: once they are sent to it (not while drafted or being approved).
SENT_STATES = ("sent", "answered", "followed_up", "closed")


@rules.predicate
def _opinion_of_unit(user: Any, opinion: Any) -> bool:
    return bool(
        opinion is not None
        and has_unit(user)
        and opinion.unit_id == user.unit_id
        and opinion.state in SENT_STATES
    )


@rules.predicate
def _published(user: Any, row: Any) -> bool:
    return bool(row is not None and row.published)


@rules.predicate
def _inquiry_of_unit(user: Any, inquiry: Any) -> bool:
    return bool(
        inquiry is not None
        and has_unit(user)
        and inquiry.units.filter(unit_id=user.unit_id).exists()
    )


SEE_REPORT = Scope(
    Clause(is_staff | is_leader, _congress),
    Clause(public, lambda u: Q(published=True, state="heard"), _published),
)
SEE_OPINION = Scope(
    Clause(is_staff | is_leader, _congress),
    Clause(
        has_unit,
        lambda u: Q(unit_id=u.unit_id, state__in=SENT_STATES),
        _opinion_of_unit,
    ),
    Clause(public, lambda u: Q(published=True, state__in=SENT_STATES), _published),
)
SEE_INQUIRY = Scope(
    Clause(is_staff | is_leader, _congress),
    Clause(has_unit, lambda u: Q(units__unit_id=u.unit_id), _inquiry_of_unit),
)
SEE_PLAN = Scope(Clause(is_staff | is_leader, _congress))

SEE_REPORT.register("supervision.view_report", "supervision.Report")
SEE_OPINION.register("supervision.view_deliberationopinion", "supervision.DeliberationOpinion")
SEE_INQUIRY.register("supervision.view_inquiry", "supervision.Inquiry")
SEE_PLAN.register("supervision.view_supervisionplan", "supervision.SupervisionPlan")

supervisor = staff_of_congress | leader_of_congress
# The staff and leaders' pages (plan, reports, opinions ledger, inquiries, exports).
rules.add_perm("supervision.view", is_staff | is_leader)
rules.add_perm("supervision.manage", staff_of_congress)
rules.add_perm("supervision.supervise", supervisor)
# A unit's own list of opinions to answer and inquiries it was asked at.
rules.add_perm("supervision.view_unit", has_unit)
# The opinions ledger and the inquiries list (each shows what its reader may see).
rules.add_perm("supervision.view_ledger", is_staff | is_leader | has_unit)
# An officer answers for their unit: the opinions sent to it, the questions put to it.
answers_for_unit = of_unit("unit_id")


@rules.predicate
def _staff_of_inquiry(user: Any, inquiry_unit: Any) -> bool:
    return bool(
        inquiry_unit is not None
        and is_staff(user)
        and inquiry_unit.inquiry.congress_id == getattr(user, "congress_id", None)
    )


rules.add_perm("supervision.answer_question", _staff_of_inquiry | answers_for_unit)
