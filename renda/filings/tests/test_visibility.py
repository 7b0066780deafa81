"""Who sees which filings, reviews, proposals and documents, role by role: the permission and
the lists agree, and another congress sees nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from renda.filings.queries import (
    documents_visible_to,
    filings_visible_to,
    reviews_visible_to,
)

pytestmark = pytest.mark.django_db

# (who, sees the handler's unit's filing and its review)
ROLES = [
    ("staff", True),
    ("leader", True),
    ("handler", True),
    ("other_handler", False),
    ("deputy", False),
    ("station", False),
    ("stranger", False),
]


@pytest.mark.parametrize("who, sees", ROLES)
def test_filings_and_reviews_are_seen_by_staff_leaders_and_the_issuing_body(
    cast, registered, who, sees
):
    user = cast[who]
    filing = registered.filing
    assert user.has_perm("filings.view_filing", filing) is sees
    assert filings_visible_to(user).filter(pk=filing.pk).exists() is sees
    assert user.has_perm("filings.view_review", registered) is sees
    assert reviews_visible_to(user).filter(pk=registered.pk).exists() is sees


@pytest.mark.parametrize("who", ["staff", "leader"])
def test_only_staff_and_leaders_read_the_checks(cast, registered, who):
    assert cast[who].has_perm("filings.view_checks", registered)


@pytest.mark.parametrize("who", ["handler", "other_handler", "deputy", "stranger"])
def test_nobody_else_reads_the_checks(cast, registered, who):
    assert not cast[who].has_perm("filings.view_checks", registered)


@pytest.mark.parametrize("who", ["staff", "leader", "handler", "deputy", "station", "stranger"])
def test_everyone_reads_documents_in_force(cast, document, who):
    assert cast[who].has_perm("filings.view_normativedocument", document)
    assert documents_visible_to(cast[who]).filter(pk=document.pk).exists()
    assert documents_visible_to(AnonymousUser()).filter(pk=document.pk).exists()


@pytest.mark.parametrize("who, sees", [("staff", True), ("leader", True), ("handler", False)])
def test_a_repealed_document_is_read_by_staff_and_leaders_only(cast, document, who, sees):
    document.status = "repealed"
    document.save()
    assert cast[who].has_perm("filings.view_normativedocument", document) is sees
    assert documents_visible_to(cast[who]).filter(pk=document.pk).exists() is sees
    assert not AnonymousUser().has_perm("filings.view_normativedocument", document)


@pytest.mark.parametrize("who, may", [("staff", True), ("handler", True), ("other_handler", False),
                                      ("leader", False), ("deputy", False)])  # fmt: skip
def test_who_may_file(cast, issuer, who, may):
    assert cast[who].has_perm("filings.file") is may


def test_an_amended_document_stays_in_force_for_everyone(cast, document):
    document.status = "amended"
    document.save()
    assert AnonymousUser().has_perm("filings.view_normativedocument", document)
    assert documents_visible_to(AnonymousUser()).filter(pk=document.pk).exists()
