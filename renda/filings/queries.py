"""Reads shared by the filing-review pages and the API, scoped by the rules, with their
prefetching."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from renda.core.predicates import has_unit, is_staff
from renda.core.receipts import MIN_RECEIPT_CHARS, normalize_receipt_code
from renda.filings.models import (
    EFFECTIVE,
    AnnualReport,
    Filing,
    Issuer,
    NormativeDocument,
    Review,
    ReviewProposal,
)
from renda.filings.rules import SEE_DOCUMENT, SEE_FILING, SEE_PROPOSAL, SEE_REPORT, SEE_REVIEW
from renda.search.engine import Filtered, listed, words_filter


def filings_visible_to(user: Any) -> QuerySet[Filing]:
    return SEE_FILING.rows(user, Filing.objects.all())


def reviews_visible_to(user: Any) -> QuerySet[Review]:
    return SEE_REVIEW.rows(user, Review.objects.all())


def proposals_visible_to(user: Any) -> QuerySet[ReviewProposal]:
    return SEE_PROPOSAL.rows(user, ReviewProposal.objects.all())


def reports_visible_to(user: Any) -> QuerySet[AnnualReport]:
    return SEE_REPORT.rows(user, AnnualReport.objects.all())


def documents_visible_to(user: Any) -> QuerySet[NormativeDocument]:
    """Staff and leaders: their register; everyone: the documents in force."""
    return SEE_DOCUMENT.rows(user, NormativeDocument.objects.all())


def in_force() -> QuerySet[NormativeDocument]:
    return NormativeDocument.objects.filter(status__in=EFFECTIVE)


def issuers_for(user: Any) -> QuerySet[Issuer]:
    """The bodies this user files for (see rules.files_for_issuer)."""
    if not getattr(user, "is_authenticated", False):
        return Issuer.objects.none()
    who = Q(pk__in=[])
    if has_unit(user):
        who |= Q(unit_id=user.unit_id)
    if is_staff(user) and user.congress_id:
        who |= Q(lower_congress_id=user.congress_id) | Q(congress_id=user.congress_id)
    return Issuer.objects.filter(who, active=True).order_by("kind", "name")


def with_filing_data(qs: QuerySet[Filing]) -> QuerySet[Filing]:
    return qs.select_related("issuer", "filed_by", "document").annotate(
        file_count=Count("files", distinct=True)
    )


def with_review_data(qs: QuerySet[Review]) -> QuerySet[Review]:
    return qs.select_related("document__issuer", "filing__filed_by")


def with_document_data(qs: QuerySet[NormativeDocument]) -> QuerySet[NormativeDocument]:
    return qs.select_related("issuer")


def search_documents(
    qs: QuerySet[NormativeDocument], q: str, *, reader: Any, year: int | None = None
) -> Filtered[NormativeDocument]:
    """Every word, in any order, in the title, the number or the full text (renda.search),
    bounded (engine.listed: the newest years' matches among what `reader`'s lists show, None:
    the documents in force); `year`: the year published, as the list filters it."""
    if not q.strip():
        return Filtered(qs)
    found = listed("normative", q, reader=reader, year=year)
    return Filtered(qs.filter(found.q()), found.capped)


def filter_filings(
    qs: QuerySet[Filing],
    *,
    reader: Any,
    state: str | None = None,
    year: int | None = None,
    late: bool | None = None,
    q: str | None = None,
) -> Filtered[Filing]:
    """The filings lists' filters (pages and API); `q=` bounded (engine.listed). The index's
    year of a filing is that of its UTC time, the list's the local one: not given to it."""
    if state:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(filed_at__year=year)
    if late is not None:
        qs = qs.filter(late=late)
    if q and q.strip():
        found = listed("filing", q, reader=reader)
        return Filtered(qs.filter(found.q()), found.capped)
    return Filtered(qs)


def filter_reviews(
    qs: QuerySet[Review],
    *,
    state: str | None = None,
    kind: str | None = None,
    year: int | None = None,
    q: str | None = None,
) -> QuerySet[Review]:
    """The reviews lists' filters (pages and API); `q=`: the reviewed document's words. Not
    bounded (engine.words_filter): an issuing body's people see the reviews of their body's
    documents not in force, which the index shows them through no list, and a congress's
    reviews are a few hundred."""
    if state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(opened_at__year=year)
    if q and q.strip():
        qs = qs.filter(words_filter("normative", q, field="document_id"))
    return qs


def filter_proposals(
    qs: QuerySet[ReviewProposal], *, state: str | None = None, year: int | None = None
) -> QuerySet[ReviewProposal]:
    if state:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(submitted_at__year=year)
    return qs


def proposal_by_receipt(code: str) -> ReviewProposal | None:
    """The proposer's own proposal by its receipt code; a wrong code finds nothing."""
    code = normalize_receipt_code(code)
    if len(code) < MIN_RECEIPT_CHARS:
        return None
    return (
        ReviewProposal.objects.filter(receipt_code=code)
        .select_related("document__issuer", "review")
        .first()
    )
