"""报备: an issuing body files a normative document with its files; staff check the filing is
complete (formal review) and register it, which enters the document in the register and opens
its active review (主动审查), or return it for completion. A late filing is accepted, marked."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.calendar import WorkingCalendar, add_months
from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.inputs import require_text
from renda.core.workflow import (
    ActionConflict,
    ActionForbidden,
    ActionInvalid,
    perform,
    record_event,
)
from renda.filings.actions._common import (
    LABEL_REFILE,
    LABEL_REGISTER,
    LABEL_REVIEW,
    change_status,
    check_files,
    documents_of,
    filing_url,
    issuer_deadline_owner,
    missing_files,
    review_url,
    store_files,
    tell_issuer,
    today,
)
from renda.filings.models import (
    EFFECTIVE,
    DocumentStatus,
    FilePurpose,
    Filing,
    FilingState,
    Issuer,
    NormativeDocument,
    Review,
    ReviewKind,
    ReviewState,
)
from renda.filings.payloads import RefileIn, RegisterIn, ReturnIn
from renda.filings.rules import files_for_issuer, is_filer
from renda.filings.workflow import FILING


def _dates(
    issued_on: datetime.date, published_on: datetime.date, effective_on: datetime.date | None
) -> None:
    if issued_on > today():
        raise ActionInvalid(_("The date cannot be in the future."), field="issued_on")
    if published_on > today():
        raise ActionInvalid(_("The date cannot be in the future."), field="published_on")
    if published_on < issued_on:
        raise ActionInvalid(
            _("A document is published on or after the day it is issued."), field="published_on"
        )
    if effective_on is not None and effective_on < issued_on:
        raise ActionInvalid(
            _("A document comes into force on or after the day it is issued."),
            field="effective_on",
        )


def _not_filed_twice(issuer: Issuer, number: str, *, exclude: int = 0) -> None:
    filed = Filing.objects.filter(issuer=issuer, number=number).exclude(pk=exclude)
    if filed.exists() or NormativeDocument.objects.filter(issuer=issuer, number=number).exists():
        raise ActionInvalid(
            _("%(number)s of this body is filed already.") % {"number": number}, field="number"
        )


def filing_due(congress: Any, published_on: datetime.date) -> datetime.date:
    """The last day to file: publication plus the congress's filing days (calendar days)."""
    return published_on + datetime.timedelta(days=congress.setting("filing_days"))


def _register_deadline(filing: Filing) -> None:
    set_deadline(
        case=filing,
        kind="register",
        role="staff",
        due_date=WorkingCalendar().add_working_days(
            today(), filing.congress.setting("filing_register_working_days")
        ),
        url=filing_url(filing),
        label=LABEL_REGISTER,
        params={"title": filing.title},
    )


def filing_file(
    *,
    actor: Any,
    issuer: Issuer,
    number: str,
    title: str,
    issued_on: datetime.date,
    published_on: datetime.date,
    effective_on: datetime.date | None = None,
    amends: Sequence[int] = (),
    repeals: Sequence[int] = (),
    files: Mapping[str, Any] | None = None,
) -> Filing:
    """报备: the issuing body's officer (or staff on its behalf) files a document with its
    filing report, official text, drafting explanation and electronic text. Filed after the
    congress's filing days from publication, it is accepted and marked late."""
    if not files_for_issuer(actor, issuer) or not issuer.active:
        raise ActionForbidden(_("You do not file for this body."))
    number = require_text(number, "number", _("Document number"), max_length=60)
    title = require_text(title, "title", _("Title"), max_length=200)
    _dates(issued_on, published_on, effective_on)
    files = dict(files or {})
    if FilePurpose.OFFICIAL not in files:
        raise ActionInvalid(_("File the official text at least."), field=FilePurpose.OFFICIAL)
    extracted = check_files(files)  # refuse a bad file before anything is stored
    congress = issuer.congress
    amended = documents_of(congress.pk, list(amends), "amends")
    repealed = documents_of(congress.pk, list(repeals), "repeals")
    due = filing_due(congress, published_on)
    late = today() > due
    with transaction.atomic():
        _not_filed_twice(issuer, number)
        filing = Filing.objects.create(
            congress=congress,
            issuer=issuer,
            number=number,
            title=title,
            issued_on=issued_on,
            published_on=published_on,
            effective_on=effective_on,
            text=extracted.get("text", ""),
            filed_at=timezone.now(),
            filed_by=actor,
            due_date=due,
            late=late,
        )
        filing.amends.set(amended)
        filing.repeals.set(repealed)
        store_files(filing, files, actor)
        record_event(
            case=filing,
            action="file",
            actor=actor,
            to_state=FilingState.FILED,
            data={"late": late, "due": due.isoformat()},
        )
        _register_deadline(filing)
    return filing


def filing_add_files(*, filing: Filing, actor: Any, files: Mapping[str, Any]) -> Filing:
    """The issuing body adds or replaces files while the filing waits for registration or
    was returned (the API's multipart route; the page sends them with `refile`)."""
    if not is_filer(actor, filing):
        raise ActionForbidden(_("You do not file for this body."))
    if filing.state not in (FilingState.FILED, FilingState.RETURNED):
        raise ActionConflict(_("A registered filing's files can no longer change."))
    if not files:
        raise ActionInvalid(_("Choose a file."), field="files")
    extracted = check_files(files)
    with transaction.atomic():
        store_files(filing, files, actor)
        if "text" in extracted:
            Filing.objects.filter(pk=filing.pk).update(text=extracted["text"])
            filing.text = extracted["text"]
        record_event(case=filing, action="add_files", actor=actor, data={"files": sorted(files)})
    return filing


@FILING.action("register", payload=RegisterIn)
def filing_register(*, filing: Filing, actor: Any, comment: str = "") -> Filing:
    """登记: complete filings enter the register (入库) and their active review opens; the
    documents they amend or repeal change status."""
    FILING.check(actor, filing, "register")
    missing = missing_files(filing)
    if missing:
        raise ActionConflict(
            _("The filing is incomplete (missing: %(missing)s): return it for completion.")
            % {"missing": ", ".join(missing)}
        )
    if not filing.text.strip():
        raise ActionConflict(_("The electronic text holds no text: return it for completion."))

    def apply(f: Filing) -> None:
        congress = f.congress
        if NormativeDocument.objects.filter(issuer_id=f.issuer_id, number=f.number).exists():
            raise ActionConflict(_("This document is in the register already."))
        now = timezone.now()
        document = NormativeDocument.objects.create(
            congress=congress,
            issuer_id=f.issuer_id,
            number=f.number,
            title=f.title,
            issued_on=f.issued_on,
            published_on=f.published_on,
            effective_on=f.effective_on,
            text=f.text,
            registered_at=now,
            registered_by=actor,
        )
        record_event(case=document, action="register", actor=actor, data={"filing": f.pk})
        amended, repealed = list(f.amends.all()), list(f.repeals.all())
        document.amends.set(amended)
        document.repeals.set(repealed)
        _changed(amended, DocumentStatus.AMENDED, document, actor)
        _changed(repealed, DocumentStatus.REPEALED, document, actor)
        f.document = document
        f.registered_at = now
        f.return_reason = ""
        close_deadlines(case=f)
        open_review(document=document, kind=ReviewKind.ACTIVE, actor=actor, filing=f)

    perform(
        FILING,
        case=filing,
        action="register",
        actor=actor,
        comment=comment,
        apply=apply,
        notify=lambda e: tell_issuer(
            filing.issuer,
            _("Your filing is registered: %(title)s") % {"title": filing.title},
            filing_url(filing),
            fallback=filing.filed_by,
        ),
    )
    return filing


def _changed(
    documents: list[NormativeDocument], status: str, by: NormativeDocument, actor: Any
) -> None:
    for d in documents:
        if d.status in EFFECTIVE:
            change_status(d, status, actor=actor, by=by, note=str(by))


def open_review(
    *,
    document: NormativeDocument,
    kind: str,
    actor: Any,
    filing: Filing | None = None,
    topic: str = "",
) -> Review:
    """A review of a document opens (inside the caller's transaction), due in the congress's
    review months; staff are reminded."""
    congress = document.congress
    review = Review.objects.create(
        congress=congress,
        document=document,
        kind=kind,
        filing=filing,
        topic=topic,
        opened_at=timezone.now(),
        due_date=add_months(today(), congress.setting("filing_review_months")),
    )
    record_event(
        case=review,
        action="open",
        actor=actor,
        to_state=ReviewState.REVIEWING,
        data={"kind": kind, "filing": filing.pk if filing else None},
    )
    assert review.due_date is not None
    set_deadline(
        case=review,
        kind="review",
        role="staff",
        due_date=review.due_date,
        url=review_url(review),
        label=LABEL_REVIEW,
        params={"title": document.title},
    )
    return review


@FILING.action("return", payload=ReturnIn)
def filing_return(*, filing: Filing, actor: Any, reason: str) -> Filing:
    """退回补正: the issuing body completes the filing within the congress's working days."""
    FILING.check(actor, filing, "return")
    reason = require_text(reason, "reason", _("Reason"))

    def apply(f: Filing) -> None:
        f.return_reason = reason
        close_deadlines(case=f, kind="register")
        set_deadline(
            case=f,
            kind="refile",
            due_date=WorkingCalendar().add_working_days(
                today(), f.congress.setting("filing_refile_working_days")
            ),
            url=filing_url(f),
            label=LABEL_REFILE,
            params={"title": f.title},
            **issuer_deadline_owner(f.issuer, f.filed_by),
        )

    perform(
        FILING,
        case=filing,
        action="return",
        actor=actor,
        comment=reason,
        apply=apply,
        notify=lambda e: tell_issuer(
            filing.issuer,
            _("Your filing is returned for completion: %(title)s") % {"title": filing.title},
            filing_url(filing),
            fallback=filing.filed_by,
        ),
    )
    return filing


@FILING.action("refile", payload=RefileIn)
def filing_refile(
    *,
    filing: Filing,
    actor: Any,
    number: str,
    title: str,
    issued_on: datetime.date,
    published_on: datetime.date,
    effective_on: datetime.date | None = None,
    comment: str = "",
    files: Mapping[str, Any] | None = None,
) -> Filing:
    """The issuing body completes a returned filing (its data, its files) and files again.
    Whether it was late stays as first filed."""
    FILING.check(actor, filing, "refile")
    number = require_text(number, "number", _("Document number"), max_length=60)
    title = require_text(title, "title", _("Title"), max_length=200)
    _dates(issued_on, published_on, effective_on)
    files = dict(files or {})
    extracted = check_files(files)

    def apply(f: Filing) -> None:
        _not_filed_twice(f.issuer, number, exclude=f.pk)
        f.number, f.title = number, title
        f.issued_on, f.published_on, f.effective_on = issued_on, published_on, effective_on
        if "text" in extracted:
            f.text = extracted["text"]
        store_files(f, files, actor)
        close_deadlines(case=f, kind="refile")
        _register_deadline(f)

    perform(
        FILING,
        case=filing,
        action="refile",
        actor=actor,
        comment=comment,
        data={"files": sorted(files)},
        apply=apply,
    )
    return filing
