"""What the filing-review actions share: today, pages, who to tell, files, the register."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renda.core.notifications import notify
from renda.core.uploads import CheckedUpload, check_upload
from renda.core.workflow import ActionInvalid, record_event
from renda.filings.models import (
    EFFECTIVE,
    FilePurpose,
    Filing,
    FilingFile,
    Issuer,
    NormativeDocument,
    Review,
)
from renda.filings.texts import MAX_BYTES, check_electronic_text, extract_text

# What each deadline asks, untranslated (each viewer reads it in their language); the demo
# writes its deadlines with the same labels.
LABEL_REGISTER = gettext_noop("Register or return the filing: %(title)s")
LABEL_REFILE = gettext_noop("Complete the filing and file it again: %(title)s")
LABEL_REVIEW = gettext_noop("Review: %(title)s")
LABEL_CORRECT = gettext_noop("Correct the document after the review opinion: %(title)s")
LABEL_VERIFY = gettext_noop("Verify the correction: %(title)s")
LABEL_COUNCIL = gettext_noop("The chair's council to decide on a document not corrected: %(title)s")
LABEL_DECIDE = gettext_noop("Accept or decline a review proposal: %(title)s")
LABEL_ANSWER = gettext_noop("Tell the proposer the outcome: %(title)s")


def today() -> datetime.date:
    return timezone.localdate()


def filing_url(filing: Filing) -> str:
    return reverse("filings:filing", args=[filing.pk])


def review_url(review: Review) -> str:
    return reverse("filings:review", args=[review.pk])


def issuer_users(issuer: Issuer, *, fallback: Any = None) -> list[Any]:
    """The issuing body's own people: its unit's officers, or its county congress's staff;
    else whoever filed (`fallback`)."""
    from renda.accounts.models import User

    if issuer.unit_id:
        qs = User.objects.filter(role="handler", unit_id=issuer.unit_id, is_active=True)
    elif issuer.lower_congress_id:
        qs = User.objects.filter(role="staff", congress_id=issuer.lower_congress_id, is_active=True)
    else:
        qs = User.objects.none()
    users = list(qs)
    if not users and fallback is not None:
        users = [fallback]
    return users


def tell_issuer(issuer: Issuer, title: str, url: str, *, fallback: Any = None) -> None:
    """Notify the issuing body's people (call it from perform's notify: after the commit)."""
    notify(issuer_users(issuer, fallback=fallback), title=title, url=url)


def issuer_deadline_owner(issuer: Issuer, filer: Any) -> dict[str, Any]:
    """Whom a deadline of the issuing body names: its unit, else the person who filed."""
    if issuer.unit_id:
        return {"unit": issuer.unit}
    return {"user": filer}


OTHER_FILES = frozenset({"pdf", "docx", "doc", "jpg", "jpeg", "png", "txt"})


def _checked(purpose: str, upload: Any) -> CheckedUpload:
    if purpose not in FilePurpose.values:
        raise ActionInvalid(_("Unknown kind of file."), field=purpose)
    if purpose == FilePurpose.ELECTRONIC:
        return check_electronic_text(upload, field=purpose)
    return check_upload(upload, allowed=OTHER_FILES, max_bytes=MAX_BYTES, field=purpose)


def check_files(files: Mapping[str, Any]) -> dict[str, str]:
    """Refuse any file before anything is stored; return the electronic text's text."""
    for purpose, upload in files.items():
        _checked(purpose, upload)
    electronic = files.get(FilePurpose.ELECTRONIC)
    return {"text": extract_text(electronic, field=FilePurpose.ELECTRONIC)} if electronic else {}


def store_files(filing: Filing, files: Mapping[str, Any], actor: Any) -> None:
    """Each file (checked already) replaces the filing's earlier file of the same kind."""
    for purpose, upload in files.items():
        checked = _checked(purpose, upload)
        FilingFile.objects.filter(filing=filing, purpose=purpose).delete()
        FilingFile.objects.create(
            filing=filing,
            purpose=purpose,
            file=checked.file,
            name=checked.name,
            size=checked.size,
            content_type=checked.content_type,
            uploaded_by=actor,
        )


def missing_files(filing: Filing) -> list[str]:
    have = set(filing.files.values_list("purpose", flat=True))
    return [str(label) for value, label in FilePurpose.choices if value not in have]


def change_status(
    document: NormativeDocument, status: str, *, actor: Any, by: Any = None, note: str = ""
) -> None:
    """A document amended, repealed or revoked: its status and its own history."""
    from renda.filings.models import NormativeDocument as Doc

    Doc.objects.filter(pk=document.pk).update(status=status, status_changed_on=today())
    document.status = status
    record_event(
        case=document,
        action="status",
        actor=actor,
        comment=note,
        data={"status": status, "by": by.pk if by is not None else None},
    )


def documents_of(congress_id: int, ids: list[int], field: str) -> list[NormativeDocument]:
    """Documents of the register named by id (for `amends`, `repeals`): the congress's own,
    in force."""
    found = list(
        NormativeDocument.objects.filter(congress_id=congress_id, pk__in=ids, status__in=EFFECTIVE)
    )
    if len(found) != len(set(ids)):
        raise ActionInvalid(_("No such document in force in the register."), field=field)
    return found
