"""Who may do what in filing review: who files for an issuing body, who reviews, who sees which
filings, reviews, proposals and documents (each Scope is one rule as a predicate and a filter).

An issuing body files through its own people: the officers of its handling unit (the
government, a department, the court…) or the staff of a county-level congress, which files
for itself and its standing committee with the city. The city's staff may file on a body's
behalf (a filing that came on paper)."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from renda.core.predicates import (
    Clause,
    Scope,
    has_unit,
    is_leader,
    is_staff,
    leader_of_congress,
    staff_of_congress,
)


def _files_for(user: Any, issuer: Any) -> bool:
    if issuer is None or not getattr(user, "is_authenticated", False):
        return False
    if has_unit(user) and issuer.unit_id and issuer.unit_id == user.unit_id:
        return True
    if is_staff(user) and user.congress_id:
        return user.congress_id in (issuer.lower_congress_id, issuer.congress_id)
    return False


@rules.predicate
def files_for_issuer(user: Any, issuer: Any) -> bool:
    """The user may file for this issuing body."""
    return _files_for(user, issuer)


@rules.predicate
def is_filer(user: Any, filing: Any) -> bool:
    """The user files for the filing's issuing body (its officers, or the city's staff)."""
    return bool(filing is not None and _files_for(user, filing.issuer))


def _of_issuer(user: Any, issuer: Any) -> bool:
    """The user is one of the issuing body's own people (not the city's staff)."""
    if issuer is None:
        return False
    if has_unit(user) and issuer.unit_id == user.unit_id:
        return True
    return bool(is_staff(user) and issuer.lower_congress_id == user.congress_id)


@rules.predicate
def speaks_for_issuer(user: Any, review: Any) -> bool:
    """An officer of the body that issued the reviewed document."""
    return bool(review is not None and _of_issuer(user, review.document.issuer))


@rules.predicate
def may_file(user: Any) -> bool:
    """Someone who files for some body: an officer of a unit that issues documents, or staff
    (of the city, on a body's behalf, or of a county congress)."""
    from renda.filings.models import Issuer

    if is_staff(user) and user.congress_id:
        return True
    if has_unit(user):
        return Issuer.objects.filter(unit_id=user.unit_id, active=True).exists()
    return False


def _congress(user: Any) -> Q:
    return Q(congress_id=user.congress_id)


def _issuer_rows(user: Any, path: str) -> Q:
    """Rows whose issuing body (at `path`) is the user's own unit or county congress."""
    if has_unit(user):
        return Q(**{f"{path}__unit_id": user.unit_id})
    return Q(**{f"{path}__lower_congress_id": user.congress_id})


@rules.predicate
def _filing_of_own_body(user: Any, filing: Any) -> bool:
    return bool(filing is not None and _of_issuer(user, filing.issuer))


@rules.predicate
def _review_of_own_body(user: Any, review: Any) -> bool:
    return bool(review is not None and _of_issuer(user, review.document.issuer))


@rules.predicate
def _in_force(user: Any, document: Any) -> bool:
    from renda.filings.models import EFFECTIVE

    return bool(document is not None and document.status in EFFECTIVE)


@rules.predicate
def anyone(user: Any) -> bool:
    """Everyone, logged in or not."""
    return True


issuer_people = has_unit | is_staff

# Staff and leaders see their congress's filings; an issuing body's people their body's.
SEE_FILING = Scope(
    Clause(is_staff | is_leader, _congress),
    Clause(issuer_people, lambda u: _issuer_rows(u, "issuer"), _filing_of_own_body),
)
# Reviews likewise: the issuing body sees the reviews of its documents (what was found, the
# opinion it must answer); the checks' notes are the staff's and leaders' (view_checks).
SEE_REVIEW = Scope(
    Clause(is_staff | is_leader, _congress),
    Clause(issuer_people, lambda u: _issuer_rows(u, "document__issuer"), _review_of_own_body),
)
# Review proposals carry the proposer's name and contact: staff and leaders only.
SEE_PROPOSAL = Scope(Clause(is_staff | is_leader, _congress))
SEE_REPORT = Scope(Clause(is_staff | is_leader, _congress))
# The register: everyone reads the documents in force; staff and leaders every document.
SEE_DOCUMENT = Scope(
    Clause(is_staff | is_leader, _congress),
    Clause(anyone, lambda u: Q(status__in=("in_force", "amended")), _in_force),
)

SEE_FILING.register("filings.view_filing", "filings.Filing")
SEE_REVIEW.register("filings.view_review", "filings.Review")
SEE_PROPOSAL.register("filings.view_reviewproposal", "filings.ReviewProposal")
SEE_REPORT.register("filings.view_annualreport", "filings.AnnualReport")
SEE_DOCUMENT.register("filings.view_normativedocument", "filings.NormativeDocument")

supervisor = staff_of_congress | leader_of_congress
rules.add_perm("filings.file", may_file)
rules.add_perm("filings.manage", staff_of_congress)
rules.add_perm("filings.supervise", supervisor)
rules.add_perm("filings.view_checks", supervisor)
rules.add_perm("filings.view_proposer", staff_of_congress)
# The list of filings and reviews: staff, leaders and the issuing bodies' people.
rules.add_perm("filings.view_filings", is_staff | is_leader | may_file)
