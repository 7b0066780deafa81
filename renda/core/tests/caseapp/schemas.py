"""The test-only Ticket's payloads: what the API takes and the page's forms derive from."""

from __future__ import annotations

from typing import Any, ClassVar

from renda.core.schemas import ActionIn, Comment, Id, Text
from renda.core.workflow import ActionInvalid
from renda.org.models import HandlingUnit


class AssignIn(ActionIn):
    unit: Id
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {"unit": "Handling unit"}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        unit = HandlingUnit.objects.filter(pk=self.unit, congress_id=case.congress_id).first()
        if unit is None:
            raise ActionInvalid("No such handling unit in this congress.", field="unit")
        return {"unit": unit, "comment": self.comment}


class ReplyIn(ActionIn):
    answer: Text

    labels: ClassVar[dict[str, Any]] = {"answer": "Answer"}


class NoteIn(ActionIn):
    comment: Comment
