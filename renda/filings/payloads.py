"""The input of each filing-review action: one schema per action, which the API takes as the
route's body and the case page derives its form from (core.actionforms). Ids become rows of
the case's congress in `arguments()`: an id from elsewhere is bad input naming its field."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field
from pydantic import AfterValidator

from renda.core.api import payload_row
from renda.core.schemas import ActionIn, Comment, Id, Text, Title, printable
from renda.filings.models import Aspect, CheckResult, CorrectionKind

Number = Annotated[str, Field(max_length=60), AfterValidator(printable)]


# --- filings ----------------------------------------------------------------------------------


class RegisterIn(ActionIn):
    comment: Comment = ""

    rows: ClassVar[dict[str, int]] = {"comment": 2}


class ReturnIn(ActionIn):
    reason: Text

    labels: ClassVar[dict[str, Any]] = {"reason": _("What the issuing body must complete")}


class RefileIn(ActionIn):
    number: Number
    title: Title
    issued_on: datetime.date
    published_on: datetime.date
    effective_on: datetime.date | None = None
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {
        "number": _("Document number"),
        "issued_on": _("Issued on"),
        "published_on": _("Published on"),
        "effective_on": _("In force from"),
        "comment": _("What was completed"),
    }
    rows: ClassVar[dict[str, int]] = {"comment": 2}

    @classmethod
    def initial(cls, case: Any) -> dict[str, Any]:
        return {
            "number": case.number,
            "title": case.title,
            "issued_on": case.issued_on,
            "published_on": case.published_on,
            "effective_on": case.effective_on,
        }


# --- reviews ----------------------------------------------------------------------------------


class CheckIn(ActionIn):
    aspect: Aspect
    result: CheckResult
    note: Text = ""

    labels: ClassVar[dict[str, Any]] = {
        "aspect": _("What was checked"),
        "result": _("Result"),
        "note": _("Findings"),
    }
    help: ClassVar[dict[str, Any]] = {
        "note": _("The provisions compared and what was found; required for a problem."),
    }
    widgets: ClassVar[dict[str, str]] = {"result": "radio", "note": "textarea"}


class ConcludeIn(ActionIn):
    summary: Text

    labels: ClassVar[dict[str, Any]] = {"summary": _("Conclusion")}
    help: ClassVar[dict[str, Any]] = {
        "summary": _("The outcome follows the checks: a problem in any of them is a problem."),
    }


class OpinionIn(ActionIn):
    opinion: Text
    due: datetime.date | None = Field(None, description="Default: the congress's correction months")

    labels: ClassVar[dict[str, Any]] = {
        "opinion": _("Written review opinion"),
        "due": _("To correct by"),
    }
    help: ClassVar[dict[str, Any]] = {"due": _("Empty: the congress's usual period.")}
    rows: ClassVar[dict[str, int]] = {"opinion": 8}


class CorrectionIn(ActionIn):
    kind: CorrectionKind
    text: Text
    number: Number = ""

    labels: ClassVar[dict[str, Any]] = {
        "kind": _("The document was"),
        "text": _("What the issuing body did"),
        "number": _("Number of the amending or repealing document"),
    }
    widgets: ClassVar[dict[str, str]] = {"kind": "radio"}


class VerifyDecision(models.TextChoices):
    ACCEPT = "accept", _("The correction settles the problem")
    INSUFFICIENT = "insufficient", _("Not sufficient: correct again")


class VerifyIn(ActionIn):
    decision: VerifyDecision
    comment: Comment = ""
    new_due: datetime.date | None = None

    labels: ClassVar[dict[str, Any]] = {
        "decision": _("Verification"),
        "new_due": _("New date to correct by"),
    }
    help: ClassVar[dict[str, Any]] = {"new_due": _("When not sufficient; empty: unchanged.")}
    widgets: ClassVar[dict[str, str]] = {"decision": "radio"}
    rows: ClassVar[dict[str, int]] = {"comment": 2}


class ReferIn(ActionIn):
    note: Text

    labels: ClassVar[dict[str, Any]] = {"note": _("Why the chair's council should take it up")}


class RevocationIn(ActionIn):
    note: Text

    labels: ClassVar[dict[str, Any]] = {"note": _("The revocation proposal")}


class RevocationDecisionIn(ActionIn):
    decision: Title
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {"decision": _("Meeting and decision")}
    help: ClassVar[dict[str, Any]] = {
        "decision": _("e.g. 第五届常委会第二十次会议，撤销决定"),
    }
    widgets: ClassVar[dict[str, str]] = {"decision": "text"}
    rows: ClassVar[dict[str, int]] = {"comment": 2}


# --- review proposals -------------------------------------------------------------------------


class AcceptProposalIn(ActionIn):
    document: Id = Field(description="The document of the register the proposal concerns")
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {"document": _("Document")}
    rows: ClassVar[dict[str, int]] = {"comment": 2}

    @classmethod
    def initial(cls, case: Any) -> dict[str, Any]:
        return {"document": case.document_id} if case.document_id else {}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        from renda.filings.models import NormativeDocument

        document = payload_row(
            NormativeDocument.objects.filter(congress_id=case.congress_id),
            self.document,
            "document",
            str(_("No such document in the register.")),
        )
        return {"document": document, "comment": self.comment}


class DeclineProposalIn(ActionIn):
    reason: Text

    labels: ClassVar[dict[str, Any]] = {
        "reason": _("Why it is not accepted (the proposer reads it)")
    }


class AnswerProposalIn(ActionIn):
    answer: Text

    labels: ClassVar[dict[str, Any]] = {"answer": _("Answer (the proposer reads it)")}
    rows: ClassVar[dict[str, int]] = {"answer": 6}

    @classmethod
    def initial(cls, case: Any) -> dict[str, Any]:
        review = case.review
        if review is None or not review.summary:
            return {}
        return {"answer": review.summary}


# --- the annual report ------------------------------------------------------------------------


class SubmitReportIn(ActionIn):
    comment: Comment = ""

    rows: ClassVar[dict[str, int]] = {"comment": 2}


class HearingIn(ActionIn):
    heard_on: datetime.date
    meeting: Title

    labels: ClassVar[dict[str, Any]] = {
        "heard_on": _("Heard on"),
        "meeting": _("Meeting and agenda item"),
    }
    widgets: ClassVar[dict[str, str]] = {"meeting": "text"}

    @classmethod
    def initial(cls, case: Any) -> dict[str, Any]:
        return {"heard_on": timezone.localdate()}
