"""The register (规范性文件数据库): staff enter a document that is in force without a filing on
the platform (the database built before it, 入库), with its full text."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.inputs import require_text
from renda.core.predicates import staff_of_congress
from renda.core.workflow import ActionForbidden, ActionInvalid, record_event
from renda.filings.actions._common import change_status, documents_of
from renda.filings.actions.filing import _dates
from renda.filings.models import DocumentStatus, Issuer, NormativeDocument
from renda.filings.texts import extract_text


def document_register(
    *,
    actor: Any,
    issuer: Issuer,
    number: str,
    title: str,
    issued_on: datetime.date,
    published_on: datetime.date,
    effective_on: datetime.date | None = None,
    text: str = "",
    electronic: Any = None,
    amends: Sequence[int] = (),
    repeals: Sequence[int] = (),
) -> NormativeDocument:
    """入库: a document in force enters the register with its text (typed, or read from its
    electronic text); the documents it amends or repeals change status."""
    if not staff_of_congress(actor, issuer):
        raise ActionForbidden(_("Only the standing committee's staff keep the register."))
    number = require_text(number, "number", _("Document number"), max_length=60)
    title = require_text(title, "title", _("Title"), max_length=200)
    _dates(issued_on, published_on, effective_on)
    if electronic is not None:
        text = extract_text(electronic)
    text = require_text(text, "text", _("Full text"), max_length=500_000)
    amended = documents_of(issuer.congress_id, list(amends), "amends")
    repealed = documents_of(issuer.congress_id, list(repeals), "repeals")
    with transaction.atomic():
        if NormativeDocument.objects.filter(issuer=issuer, number=number).exists():
            raise ActionInvalid(
                _("%(number)s of this body is in the register already.") % {"number": number},
                field="number",
            )
        document = NormativeDocument.objects.create(
            congress_id=issuer.congress_id,
            issuer=issuer,
            number=number,
            title=title,
            issued_on=issued_on,
            published_on=published_on,
            effective_on=effective_on,
            text=text,
            registered_at=timezone.now(),
            registered_by=actor,
        )
        record_event(case=document, action="register", actor=actor, data={})
        document.amends.set(amended)
        document.repeals.set(repealed)
        for d in amended:
            change_status(d, DocumentStatus.AMENDED, actor=actor, by=document, note=str(document))
        for d in repealed:
            change_status(d, DocumentStatus.REPEALED, actor=actor, by=document, note=str(document))
    return document
