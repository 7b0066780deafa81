"""What every API and action form shares: the field types of payloads (limits mirror the
columns, so that a too-long value is a 422 or a form error, never a database error), and
ActionIn, the payload of one workflow action.

An action's payload is declared once: the API takes it as the route's body, and the case page
derives its form from it (core.actionforms). Labels and widgets for the form live beside the
fields, as class variables, so that both stay in one place.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from ninja import Field, Schema
from pydantic import AfterValidator

# Every primary key is a 64-bit integer: a larger id is bad input, not a server error.
MAX_ID = 2**63 - 1
MAX_TEXT = 20_000
MAX_COMMENT = 5_000


def printable(value: str) -> str:
    # PostgreSQL refuses NUL in text; refuse it here as bad input.
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed")
    return value


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Text = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(printable)]
Comment = Annotated[str, Field(max_length=MAX_COMMENT), AfterValidator(printable)]
Title = Annotated[str, Field(max_length=200), AfterValidator(printable)]
People = Annotated[str, Field(max_length=200), AfterValidator(printable)]
Name = Annotated[str, Field(max_length=40), AfterValidator(printable)]
Phone = Annotated[str, Field(max_length=30), AfterValidator(printable)]


class ActionIn(Schema):
    """The input of one workflow action.

    - `arguments(actor, case)` turns the payload into the action function's keyword arguments;
      override it where an id must become a row the actor may name (raise ActionInvalid with
      the field otherwise: a 422 in the API, an error beside the field on the page).
    - `labels`, `help`, `widgets` ("textarea", "radio", "select", "date") and `rows` are what
      the derived form shows; `initial(case)` what it starts with.
    """

    labels: ClassVar[dict[str, Any]] = {}
    help: ClassVar[dict[str, Any]] = {}
    widgets: ClassVar[dict[str, str]] = {}
    rows: ClassVar[dict[str, int]] = {}

    def arguments(self, actor: Any, case: Any) -> dict[str, Any]:
        return {name: getattr(self, name) for name in type(self).model_fields}

    @classmethod
    def initial(cls, case: Any) -> dict[str, Any]:
        return {}


class NoPayload(ActionIn):
    """Nothing to send: an empty object, or no body at all."""


class CommentIn(ActionIn):
    comment: Comment = ""

    labels: ClassVar[dict[str, Any]] = {}


class ReasonIn(ActionIn):
    reason: Text
