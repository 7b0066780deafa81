"""The input of each supervision action bound to a transition: the API takes it as the route's
body and the case page derives its form from it (core.actionforms)."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, ClassVar

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field
from pydantic import AfterValidator

from renda.core.schemas import ActionIn, Comment, Text, printable
from renda.supervision.models import Assessment

Meeting = Annotated[str, Field(max_length=200), AfterValidator(printable)]


class AdoptIn(ActionIn):
    adopted_on: datetime.date
    meeting: Meeting

    labels: ClassVar[dict[str, Any]] = {
        "adopted_on": _("Adopted on"),
        "meeting": _("Chair's council meeting"),
    }

    @classmethod
    def initial(cls, case: Any) -> dict[str, Any]:
        return {"adopted_on": timezone.localdate()}


class ResearchIn(ActionIn):
    researched_on: datetime.date
    findings: Text

    labels: ClassVar[dict[str, Any]] = {
        "researched_on": _("Researched on"),
        "findings": _("Research findings"),
    }
    rows: ClassVar[dict[str, int]] = {"findings": 5}

    @classmethod
    def initial(cls, case: Any) -> dict[str, Any]:
        return {"researched_on": case.researched_on, "findings": case.findings}


class HearingIn(ActionIn):
    heard_on: datetime.date
    meeting: Meeting

    labels: ClassVar[dict[str, Any]] = {"heard_on": _("Heard on"), "meeting": _("Meeting")}


class ApproveIn(ActionIn):
    approved_on: datetime.date
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {
        "approved_on": _("Approved by the chair's council on"),
        "comment": _("Comment"),
    }
    rows: ClassVar[dict[str, int]] = {"comment": 2}

    @classmethod
    def initial(cls, case: Any) -> dict[str, Any]:
        return {"approved_on": timezone.localdate()}


class SendIn(ActionIn):
    due_date: datetime.date | None = None

    labels: ClassVar[dict[str, Any]] = {"due_date": _("To report what was done by")}
    help: ClassVar[dict[str, Any]] = {
        "due_date": _("Empty: the congress's setting (2 months by default) from today.")
    }


class AnswerIn(ActionIn):
    answer: Text

    labels: ClassVar[dict[str, Any]] = {"answer": _("Report on what was done")}
    rows: ClassVar[dict[str, int]] = {"answer": 6}


class AssessIn(ActionIn):
    assessment: Assessment
    note: Text = ""
    follow_up: bool = False
    due_date: datetime.date | None = None

    labels: ClassVar[dict[str, Any]] = {
        "assessment": _("Assessment"),
        "note": _("Assessment note"),
        "follow_up": _("Follow up with a further deadline"),
        "due_date": _("Further deadline"),
    }
    widgets: ClassVar[dict[str, str]] = {"assessment": "radio"}
    rows: ClassVar[dict[str, int]] = {"note": 3}


class CloseInquiryIn(ActionIn):
    results: Text

    labels: ClassVar[dict[str, Any]] = {"results": _("Results and follow-up")}
    rows: ClassVar[dict[str, int]] = {"results": 5}


class HoldIn(ActionIn):
    held_on: datetime.date
    meeting: Meeting

    labels: ClassVar[dict[str, Any]] = {"held_on": _("Held on"), "meeting": _("Meeting")}
