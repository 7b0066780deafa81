"""The input of each problem action: the API takes it as the route's body, the problem's page
derives its form from it (core.actionforms). Photos come as files beside it (forms.py)."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _
from ninja import Field

from renda.core.schemas import ActionIn, Comment, Text
from renda.inspections.models import Verdict


class ReferIn(ActionIn):
    due_on: datetime.date = Field(description="The date the unit must rectify it by")
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {
        "due_on": _("Rectify by"),
        "comment": _("What the unit is asked to do"),
    }
    rows: ClassVar[dict[str, int]] = {"comment": 2}

    @classmethod
    def initial(cls, case: Any) -> dict[str, Any]:
        from renda.inspections.actions._common import default_due

        return {"due_on": default_due(case)}


class ReportIn(ActionIn):
    text: Text

    labels: ClassVar[dict[str, Any]] = {"text": _("What the unit did to rectify it")}
    help: ClassVar[dict[str, Any]] = {
        "text": _("The measures taken, and what is left to do if anything."),
    }
    rows: ClassVar[dict[str, int]] = {"text": 5}


class VerifyIn(ActionIn):
    verdict: Verdict
    comment: Comment = ""
    due_on: datetime.date | None = Field(
        None, description="For a problem partly or not rectified: the new date to rectify by"
    )

    labels: ClassVar[dict[str, Any]] = {
        "verdict": _("Verdict"),
        "comment": _("What the staff found"),
        "due_on": _("New date to rectify by"),
    }
    help: ClassVar[dict[str, Any]] = {
        "due_on": _("Only when it is partly or not rectified: it goes back to the unit."),
    }
    widgets: ClassVar[dict[str, str]] = {"verdict": "radio"}
    rows: ClassVar[dict[str, int]] = {"comment": 2}
